//! `GET /api/v1/admin/audit`: the audit log, for coordinators and
//! superadmins. There is no route that changes or deletes an entry.

use super::auth::AuthUser;
use crate::db::AuditFilter;
use crate::error::{ApiQuery, Error, Result};
use crate::{day_start, AppState};
use axum::extract::State;
use axum::Json;
use domain::api::ApiErrorBody;
use domain::audit::{AuditPage, AuditQuery};
use domain::tracking::normalize_tracking;
use domain::{Date, FieldErrors, FieldIssue};

#[utoipa::path(
    get,
    path = "/api/v1/admin/audit",
    tag = "admin",
    params(AuditQuery),
    responses(
        (status = 200, description = "Entries newest first, and the cursor of the next page", body = AuditPage),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a coordinator or superadmin", body = ApiErrorBody),
        (status = 422, description = "A malformed tracking number, date or cursor", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, user: AuthUser, ApiQuery(q): ApiQuery<AuditQuery>) -> Result<Json<AuditPage>> {
    if !user.role.coordinates() {
        return Err(Error::Forbidden("Hanya admin koordinator dan superadmin yang dapat melihat log audit.".into()));
    }
    let mut errs = FieldErrors::default();
    let mut f = AuditFilter {
        username: q.user.as_deref().map(str::trim).filter(|u| !u.is_empty()).map(str::to_lowercase),
        action: q.action,
        within: user.jurisdiction.clone().map(|area| (area, user.id)),
        ..Default::default()
    };
    let mut no_report = false;
    if let Some(n) = q.report.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        match normalize_tracking(n) {
            None => errs.add("report", FieldIssue::InvalidTrackingNumber),
            Some(n) => match st.db.report_by_number(&n).await?.filter(|r| user.may_see(r)) {
                Some(r) => f.report_id = Some(r.id),
                None => no_report = true,
            },
        }
    }
    let mut day = |field: &str, v: &Option<String>| {
        let v = v.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
        let d = Date::parse(v);
        if d.is_none() {
            errs.add(field, FieldIssue::InvalidDate);
        }
        d
    };
    f.from = day("from", &q.from).map(day_start);
    f.until = day("to", &q.to).map(|d| day_start(d.add_days(1)));
    let before = match q.after.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        None => None,
        Some(a) => match a.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errs.add("after", FieldIssue::InvalidCursor);
                None
            }
        },
    };
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    if no_report {
        return Ok(Json(AuditPage { items: Vec::new(), next: None }));
    }
    let (items, next) = st.db.audit_log(&f, before, q.page_size()).await?;
    Ok(Json(AuditPage { items, next: next.map(|id| id.to_string()) }))
}
