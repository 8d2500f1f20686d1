//! Reports from other channels: a coordinator enters a report received by
//! letter, at the counter, by phone, SMS, e-mail or social media
//! (`POST /api/v1/admin/reports`); the reporter gets the tracking number and
//! access code on a printed receipt. Stored as a citizen's report is
//! (`crate::lifecycle::submit`), counted from the day it was received.

use super::auth::AuthUser;
use crate::error::{ApiJson, Error, Result};
use crate::idempotency;
use crate::lifecycle::submit::{self, Source, Stored};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::ApiErrorBody;
use domain::intake::{IntakeReceipt, IntakeReport};
use domain::jurisdiction::within;
use domain::FieldIssue;

#[utoipa::path(
    post,
    path = "/api/v1/admin/reports",
    tag = "admin",
    request_body = IntakeReport,
    responses(
        (status = 201, description = "Stored, received on `received_date` (its verification deadline counts from \
                                      then); the access code is shown only now, for the printed receipt", body = IntakeReceipt),
        (status = 200, description = "Retry with a known idempotency key and the same body: the first receipt", body = IntakeReceipt),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a coordinator (or superadmin)", body = ApiErrorBody),
        (status = 422, description = "Field problems, named as in the request (`channel`, `received_date`: `required`, \
                                      `invalid_date`, `future_date`, `too_old`; `reporter_contact`) and as in \
                                      `POST /api/v1/reports` for the report's own fields (`title`, \
                                      `incident_date`: also `after_received`, …); `regency_code`: \
                                      `outside_jurisdiction` for a region outside the coordinator's", body = ApiErrorBody),
    )
)]
pub async fn create(
    State(st): State<AppState>,
    user: AuthUser,
    ApiJson(req): ApiJson<IntakeReport>,
) -> Result<(StatusCode, Json<IntakeReceipt>)> {
    if !user.role.coordinates() {
        return Err(Error::Forbidden("Hanya admin koordinator yang mencatat laporan dari saluran lain.".into()));
    }
    let mut errs = req.validate(crate::today()).err().unwrap_or_default();
    let regency = req.report.regency_code.trim();
    if let Some(area) = &user.jurisdiction {
        if !regency.is_empty() && !errs.0.contains_key("regency_code") && !within(area, regency) {
            errs.add("regency_code", FieldIssue::OutsideJurisdiction);
        }
    }
    let checked = submit::check(&st, &req.report, errs, idempotency::intake_hash(&req)?).await?;
    let received = req.received().ok_or_else(|| Error::field("received_date", FieldIssue::InvalidDate))?;
    let source = Source::Entered { by: &user, channel: req.channel, received, contact: req.reporter_contact.clone() };
    let (status, id, receipt) = match submit::store(&st, &req.report, checked, &source).await? {
        Stored::Created { id, receipt } => (StatusCode::CREATED, id, receipt),
        Stored::Again(receipt) => {
            let row = st.db.report_by_number(&receipt.tracking_number).await?.ok_or_else(Error::report_not_found)?;
            (StatusCode::OK, row.id, receipt)
        }
    };
    Ok((
        status,
        Json(IntakeReceipt {
            id,
            receipt,
            channel: req.channel,
            received_date: received.to_string(),
            entered_by: user.display_name.clone(),
            office: user.jurisdiction.as_deref().and_then(|c| st.regions.name(c)).map(str::to_string),
        }),
    ))
}
