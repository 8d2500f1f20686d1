//! The holiday calendar, managed by a superadmin (`/admin/libur`): next
//! year's national holidays and collective leave added, renamed or removed.
//! Adding or removing a day moves the open deadlines it falls in at once;
//! the other instances read the calendar again within `CALENDAR_TTL`.

use super::auth::AuthUser;
use crate::error::{ApiJson, ApiQuery, Error, Result};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::api::{ApiErrorBody, Role};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::holidays::{DayChange, Holiday, HolidayChange, HolidayForm};
use domain::{Date, FieldIssue};
use serde::Deserialize;

fn superadmin_only(user: &AuthUser) -> Result<()> {
    if user.role != Role::Superadmin {
        return Err(Error::Forbidden("Hanya superadmin yang mengelola hari libur.".into()));
    }
    Ok(())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// The year (this year if none).
    pub year: Option<i32>,
}

/// The audit entry's values of a day off (and the deadlines it moved).
fn changes(before: Option<&Holiday>, after: Option<&Holiday>, moved: Option<i64>) -> Vec<AuditChange> {
    [
        AuditChange::of(AuditField::Holiday, before.map(Holiday::audit_label), after.map(Holiday::audit_label)),
        AuditChange::of(AuditField::HolidayKind, before.map(|h| h.kind.as_str().into()), after.map(|h| h.kind.as_str().into())),
        moved.and_then(|n| AuditChange::of(AuditField::DeadlinesMoved, None, Some(n.to_string()))),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A date in the path that is a day after today (only those can change).
fn ahead(date: &str) -> Result<Date> {
    let d = Date::parse(date).ok_or_else(|| Error::field("date", FieldIssue::InvalidDate))?;
    if d <= crate::today() {
        return Err(Error::field("date", FieldIssue::NotAhead));
    }
    Ok(d)
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/holidays",
    tag = "admin",
    params(YearQuery),
    responses(
        (status = 200, description = "The year's holidays and collective leave, by date", body = Vec<Holiday>),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
        (status = 422, description = "`year` not a whole number (32-bit)", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, user: AuthUser, ApiQuery(q): ApiQuery<YearQuery>) -> Result<Json<Vec<Holiday>>> {
    superadmin_only(&user)?;
    let year = q.year.unwrap_or(crate::today().year).clamp(1900, 9999);
    Ok(Json(st.db.holidays(year).await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/holidays",
    tag = "admin",
    request_body = HolidayForm,
    responses(
        (status = 201, description = "Added; the open deadlines on or after it moved one working day later", body = HolidayChange),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
        (status = 422, description = "No name, a date not after today (`not_ahead`) or a holiday already (`date_taken`), \
                                      or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
    )
)]
pub async fn create(
    State(st): State<AppState>,
    user: AuthUser,
    ApiJson(form): ApiJson<HolidayForm>,
) -> Result<(StatusCode, Json<HolidayChange>)> {
    superadmin_only(&user)?;
    let errs = form.check(crate::today(), true);
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let day = ahead(&form.date)?;
    let holiday = Holiday { date: day.to_string(), name: form.name.trim().to_string(), kind: form.kind };
    let change = DayChange::new(&st.db.calendar().await?, day, true);
    let moved =
        st.db.add_holiday_moving(&holiday, |due| change.moved(due)).await?.ok_or_else(|| Error::field("date", FieldIssue::DateTaken))?;
    st.calendar.clear().await;
    st.db.audit(&user.audit(AuditAction::HolidayChange, None, changes(None, Some(&holiday), Some(moved)))).await?;
    Ok((StatusCode::CREATED, Json(HolidayChange { holiday, deadlines_moved: moved })))
}

#[utoipa::path(
    put,
    path = "/api/v1/admin/holidays/{date}",
    tag = "admin",
    params(("date" = String, Path, description = "The day, `YYYY-MM-DD`")),
    request_body = HolidayForm,
    responses(
        (status = 200, description = "Renamed or its kind changed (no deadline moves)", body = Holiday),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
        (status = 404, description = "Not a holiday", body = ApiErrorBody),
        (status = 422, description = "No name, or too long, or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
    )
)]
pub async fn update(
    State(st): State<AppState>,
    user: AuthUser,
    Path(date): Path<String>,
    ApiJson(form): ApiJson<HolidayForm>,
) -> Result<Json<Holiday>> {
    superadmin_only(&user)?;
    let not_found = || Error::NotFound("Tanggal ini bukan hari libur.".into());
    let before = st.db.holiday(&date).await?.ok_or_else(not_found)?;
    let errs = form.check(crate::today(), false);
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    st.db.rename_holiday(&before.date, form.name.trim(), form.kind).await?;
    let after = st.db.holiday(&date).await?.ok_or_else(not_found)?;
    let diff = changes(Some(&before), Some(&after), None);
    if !diff.is_empty() {
        st.db.audit(&user.audit(AuditAction::HolidayChange, None, diff)).await?;
    }
    Ok(Json(after))
}

#[utoipa::path(
    delete,
    path = "/api/v1/admin/holidays/{date}",
    tag = "admin",
    params(("date" = String, Path, description = "The day, `YYYY-MM-DD`, after today")),
    responses(
        (status = 200, description = "Removed; the open deadlines after it moved one working day earlier", body = HolidayChange),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
        (status = 404, description = "Not a holiday", body = ApiErrorBody),
        (status = 422, description = "Today or a day past (`not_ahead`)", body = ApiErrorBody),
    )
)]
pub async fn remove(State(st): State<AppState>, user: AuthUser, Path(date): Path<String>) -> Result<Json<HolidayChange>> {
    superadmin_only(&user)?;
    let not_found = || Error::NotFound("Tanggal ini bukan hari libur.".into());
    let holiday = st.db.holiday(&date).await?.ok_or_else(not_found)?;
    let day = ahead(&date)?;
    let change = DayChange::new(&st.db.calendar().await?, day, false);
    let moved = st.db.remove_holiday_moving(&holiday.date, |due| change.moved(due)).await?.ok_or_else(not_found)?;
    st.calendar.clear().await;
    st.db.audit(&user.audit(AuditAction::HolidayChange, None, changes(Some(&holiday), None, Some(moved)))).await?;
    Ok(Json(HolidayChange { holiday, deadlines_moved: moved }))
}
