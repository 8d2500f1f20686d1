//! Public endpoints: submitting a report and tracking it.

use super::views::{kind, overdue, report_view, working_days_left, ReportFiles};
use super::limits::{self, ClientAddr};
use crate::db::ReportRow;
use crate::idempotency;
use crate::error::{ApiJson, Error, Result};
use crate::lifecycle::submit::{self, Source, Stored};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::api::{ApiErrorBody, NewReport, PublicStatus, ReportView, ReporterActionRequest, SubmitReceipt, TrackRequest};
use domain::tracking::{normalize_access_code, normalize_tracking};
use domain::{FieldErrors, FieldIssue};
use crate::accounts::sha256_hex;

#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "reports",
    request_body = NewReport,
    responses(
        (status = 201, description = "Report stored; the access code is shown only now", body = SubmitReceipt),
        (status = 200, description = "Retry with a known idempotency key and the same body: the first receipt", body = SubmitReceipt),
        (status = 422, description = "A body that is not JSON of this shape, or field problems; `attachments`: `too_many_files` or `unknown_attachment` (unknown, \
                                      wrong token, or attached to a report already); `idempotency_key`: \
                                      `invalid_idempotency_key` or `idempotency_key_reused` (the key came with another \
                                      body before); `practice_code`: `practice_closed` (no open session has \
                                      this code)", body = ApiErrorBody),
        (status = 429, description = "Too many reports from this address (an idempotent retry is never counted), \
                                      or with a `practice_code`, too many lookups from it opened no session or \
                                      report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn submit(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<SubmitReceipt>)> {
    let errs = req.validate(crate::today()).err().unwrap_or_default();
    // A practice code is looked up as the audience's check looks one up: a miss counts against the address.
    let check = submit::check(&st, &req, errs, idempotency::body_hash(&req)?);
    let checked = super::practice::counting_code(&st, &client, req.practice_code.as_deref(), check).await?;
    if !checked.retry {
        // Practice reports have their own counter: a hall practising never
        // uses up the real limit of its network, nor the other way round.
        if checked.is_practice() {
            limits::hit(&st, st.limits.practice, "practice_submit", &client, "laporan latihan").await?;
        } else {
            limits::hit(&st, st.limits.submit, "submit", &client, "laporan").await?;
        }
    }
    match submit::store(&st, &req, checked, &Source::Citizen).await? {
        Stored::Created { receipt, .. } => Ok((StatusCode::CREATED, Json(receipt))),
        Stored::Again(receipt) => Ok((StatusCode::OK, Json(receipt))),
    }
}

/// A tracking number as typed (separators allowed), or 422 on `tracking_number`.
pub(super) fn parse_number(input: &str) -> Result<String> {
    normalize_tracking(input).ok_or_else(|| Error::field("tracking_number", FieldIssue::InvalidTrackingNumber))
}

#[utoipa::path(
    get,
    path = "/api/v1/track/{number}",
    tag = "reports",
    params(("number" = String, Path, description = "Tracking number, 12 digits, the last a check digit (spaces, dashes and dots allowed)", pattern = r"^(?:[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12})$", format = "tracking-number")),
    responses(
        (status = 200, description = "Status of a report that is not confidential", body = PublicStatus),
        (status = 404, description = "Unknown or confidential", body = ApiErrorBody),
        (status = 422, description = "Not a valid tracking number", body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn track_public(
    State(st): State<AppState>,
    client: ClientAddr,
    Path(number): Path<String>,
) -> Result<Json<PublicStatus>> {
    let number = parse_number(&number)?;
    let row = limits::lookup(&st, &client, st.db.public_report_by_number(&number), Error::report_not_found).await?;
    let today = crate::today();
    let cal = st.calendar().await?;
    Ok(Json(PublicStatus {
        tracking_number: row.tracking_number.clone(),
        kind: kind(&row),
        status: row.status,
        created_at: row.created_at,
        updated_at: row.updated_at,
        overdue: overdue(row.status, row.due_date.as_deref(), today),
        working_days_left: working_days_left(&cal, row.status, row.due_date.as_deref(), today),
        due_date: row.due_date,
    }))
}

#[utoipa::path(
    post,
    path = "/api/v1/track",
    tag = "reports",
    request_body = TrackRequest,
    responses(
        (status = 200, description = "The whole report as its reporter sees it", body = ReportView),
        (status = 404, description = "Unknown number or wrong code", body = ApiErrorBody),
        (status = 422, description = "Malformed number or code, or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn track(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<TrackRequest>,
) -> Result<Json<ReportView>> {
    let row = reporter_report(&st, &client, &req).await?;
    Ok(Json(reporter_view(&st, &row).await?))
}

/// The report as its reporter sees it (no internal events).
async fn reporter_view(st: &AppState, row: &ReportRow) -> Result<ReportView> {
    let events = st.db.events(row.id, false).await?;
    let files = ReportFiles::load(&st.db, row.id).await?;
    let cal = st.calendar().await?;
    Ok(report_view(&st.regions, row, events, files, false, &cal, crate::today()))
}

#[utoipa::path(
    post,
    path = "/api/v1/track/actions",
    tag = "reports",
    request_body = ReporterActionRequest,
    responses(
        (status = 200, description = "The report after the action, as `POST /api/v1/track` shows it", body = ReportView),
        (status = 404, description = "Unknown number or wrong code", body = ApiErrorBody),
        (status = 409, description = "Not possible in the report's current status, reopened too often, \
                                      or changed meanwhile", body = ApiErrorBody),
        (status = 422, description = "A body that is not JSON of this shape; a malformed number or code; `message` (supply_info) or `reason` (reopen) \
                                      empty or too long; `rating` (accept) not 1–5 (`invalid_rating`)", body = ApiErrorBody),
        (status = 429, description = "Too many actions from this address; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn track_action(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<ReporterActionRequest>,
) -> Result<Json<ReportView>> {
    limits::hit(&st, st.limits.action, "track_action", &client, "tindakan").await?;
    let proof = TrackRequest { tracking_number: req.tracking_number, access_code: req.access_code };
    let row = reporter_report(&st, &client, &proof).await?;
    crate::lifecycle::perform_reporter(&st, &row, req.action).await?;
    let row = st.db.report(row.id).await?.ok_or_else(Error::report_not_found)?;
    Ok(Json(reporter_view(&st, &row).await?))
}

/// The report a tracking number and access code open: 422 when either is
/// malformed, the same 404 for an unknown number and a wrong code (counted
/// as a miss of this address), 429 after too many misses.
pub(super) async fn reporter_report(st: &AppState, client: &ClientAddr, req: &TrackRequest) -> Result<ReportRow> {
    let mut errs = FieldErrors::default();
    let number = normalize_tracking(&req.tracking_number);
    if number.is_none() {
        errs.add("tracking_number", FieldIssue::InvalidTrackingNumber);
    }
    let code = normalize_access_code(&req.access_code);
    if code.is_none() {
        errs.add("access_code", FieldIssue::InvalidAccessCode);
    }
    let (Some(number), Some(code)) = (number, code) else { return Err(Error::Validation(errs)) };
    let code_hash = sha256_hex(&code);
    limits::lookup(st, client, st.db.report_by_number_and_code(&number, &code_hash), Error::report_not_found).await
}
