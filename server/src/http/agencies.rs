//! Agencies managed in the console (`/admin/instansi`): a superadmin every
//! agency, a coordinator those of its jurisdiction (another region's agency
//! is a 404). Created and changed — name, level, region, the categories it
//! handles, active or not, whether its liaison approves the operators'
//! follow-ups — never deleted; listed with their team and workload; every
//! change audited with before and after.

use super::auth::AuthUser;
use crate::db::{AgencyRow, AgencyWork, AgencyWrite};
use crate::error::{ApiJson, ApiPath, Error, Result};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::agencies::{AgencyEntry, AgencyForm};
use domain::api::{AgencyLevel, ApiErrorBody, Role};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::jurisdiction::within;
use domain::{FieldErrors, FieldIssue};

fn managers_only(user: &AuthUser) -> Result<()> {
    if !matches!(user.role, Role::Superadmin | Role::Coordinator) {
        return Err(Error::Forbidden("Hanya superadmin dan admin koordinator yang mengelola instansi.".into()));
    }
    Ok(())
}

/// Whether the officer manages an agency of this region: a national
/// officer any, a regional one those inside its jurisdiction.
fn manages(user: &AuthUser, region_code: &str) -> bool {
    match &user.jurisdiction {
        None => true,
        Some(area) => !region_code.is_empty() && within(area, region_code),
    }
}

fn entry(st: &AppState, a: AgencyRow, work: Option<AgencyWork>) -> AgencyEntry {
    let work = work.unwrap_or_default();
    AgencyEntry {
        id: a.id,
        level: AgencyLevel::parse(&a.level).unwrap_or(AgencyLevel::Kabupaten),
        region: st.regions.get(&a.region_code),
        name: a.name,
        category_ids: a.category_ids,
        active: a.active,
        review_followups: a.review_followups,
        team: work.team,
        open: work.open,
        late: work.late,
    }
}

async fn one(st: &AppState, id: i64) -> Result<AgencyEntry> {
    let a = st.db.agency(id).await?.ok_or_else(not_found)?;
    let mut work = st.db.agency_work(&crate::today().to_string()).await?;
    Ok(entry(st, a, work.remove(&id)))
}

fn not_found() -> Error {
    Error::NotFound("Instansi tidak ditemukan.".into())
}

/// The audited values of an agency.
fn changes(before: Option<&AgencyRow>, after: &AgencyRow) -> Vec<AuditChange> {
    let values = |a: &AgencyRow| {
        [
            (AuditField::Agency, a.name.clone()),
            (AuditField::Level, a.level.clone()),
            (AuditField::Region, a.region_code.clone()),
            (AuditField::Categories, a.category_list()),
            (AuditField::Active, a.active.to_string()),
            (AuditField::ReviewFollowups, a.review_followups.to_string()),
        ]
    };
    let old = before.map(values);
    values(after)
        .into_iter()
        .enumerate()
        .filter_map(|(k, (field, new))| AuditChange::of(field, old.as_ref().map(|o| o[k].1.clone()), Some(new)))
        .collect()
}

/// The form, checked against the regions, the categories and the caller's jurisdiction.
async fn checked<'a>(st: &AppState, user: &AuthUser, form: &'a AgencyForm) -> Result<AgencyWrite<'a>> {
    let mut errs: FieldErrors = form.check();
    let code = form.region_code.trim();
    if errs.get("region_code").is_none() && !code.is_empty() && !st.regions.exists(code) {
        errs.add("region_code", FieldIssue::UnknownRegion);
    }
    if errs.get("region_code").is_none() && !manages(user, code) {
        errs.add("region_code", FieldIssue::OutsideJurisdiction);
    }
    let open: Vec<i64> = st.db.categories().await?.iter().map(|c| c.id).collect();
    if form.category_ids.iter().any(|c| !open.contains(c)) {
        errs.add("category_ids", FieldIssue::UnknownCategory);
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    Ok(AgencyWrite {
        name: form.name.trim(),
        level: form.level.unwrap_or(AgencyLevel::Kabupaten).as_str(),
        region_code: code,
        category_ids: &form.category_ids,
        active: form.active,
        review_followups: form.review_followups,
    })
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/agencies",
    tag = "admin",
    responses(
        (status = 200, description = "The agencies the caller manages, by name, with team and workload", body = Vec<AgencyEntry>),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin or coordinator", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, user: AuthUser) -> Result<Json<Vec<AgencyEntry>>> {
    managers_only(&user)?;
    let mut work = st.db.agency_work(&crate::today().to_string()).await?;
    let mut out: Vec<AgencyEntry> = st
        .db
        .agencies()
        .await?
        .into_iter()
        .filter(|a| manages(&user, &a.region_code))
        .map(|a| {
            let w = work.remove(&a.id);
            entry(&st, a, w)
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(out))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/agencies",
    tag = "admin",
    request_body = AgencyForm,
    responses(
        (status = 201, body = AgencyEntry),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin or coordinator", body = ApiErrorBody),
        (status = 422, description = "A field missing or wrong, or a region outside the caller's jurisdiction (`outside_jurisdiction`)", body = ApiErrorBody),
    )
)]
pub async fn create(State(st): State<AppState>, user: AuthUser, ApiJson(form): ApiJson<AgencyForm>) -> Result<(StatusCode, Json<AgencyEntry>)> {
    managers_only(&user)?;
    let write = checked(&st, &user, &form).await?;
    let id = st.db.create_agency(&write).await?;
    let after = st.db.agency(id).await?.ok_or_else(not_found)?;
    st.db.audit(&user.audit(AuditAction::AgencyChange, None, changes(None, &after))).await?;
    tracing::info!(by = %user.username, agency = %after.name, "agency created");
    Ok((StatusCode::CREATED, Json(one(&st, id).await?)))
}

#[utoipa::path(
    put,
    path = "/api/v1/admin/agencies/{id}",
    tag = "admin",
    params(("id" = i64, Path, description = "The agency's id")),
    request_body = AgencyForm,
    responses(
        (status = 200, body = AgencyEntry),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin or coordinator", body = ApiErrorBody),
        (status = 404, description = "No such agency, or one outside the caller's jurisdiction", body = ApiErrorBody),
        (status = 422, description = "A field missing or wrong", body = ApiErrorBody),
    )
)]
pub async fn update(State(st): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<i64>, ApiJson(form): ApiJson<AgencyForm>) -> Result<Json<AgencyEntry>> {
    managers_only(&user)?;
    let before = st.db.agency(id).await?.filter(|a| manages(&user, &a.region_code)).ok_or_else(not_found)?;
    let write = checked(&st, &user, &form).await?;
    st.db.update_agency(id, &write).await?;
    let after = st.db.agency(id).await?.ok_or_else(not_found)?;
    let diff = changes(Some(&before), &after);
    if !diff.is_empty() {
        st.db.audit(&user.audit(AuditAction::AgencyChange, None, diff)).await?;
    }
    Ok(Json(one(&st, id).await?))
}
