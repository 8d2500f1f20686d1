//! Complaint categories, managed by a superadmin (`/admin/kategori`): added,
//! renamed, retired and brought back, never deleted; every change audited.
//! The public `GET /api/v1/categories` lists the ones not retired.

use super::auth::AuthUser;
use crate::error::{ApiJson, ApiPath, Error, Result};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{ApiErrorBody, Role};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::categories::{CategoryEntry, CategoryForm};
use domain::FieldIssue;

fn superadmin_only(user: &AuthUser) -> Result<()> {
    if user.role != Role::Superadmin {
        return Err(Error::Forbidden("Hanya superadmin yang mengelola kategori.".into()));
    }
    Ok(())
}

async fn entry(st: &AppState, id: i64) -> Result<CategoryEntry> {
    let all = st.db.category_entries().await?;
    all.into_iter().find(|c| c.id == id).ok_or_else(|| Error::NotFound("Kategori tidak ditemukan.".into()))
}

/// The audited values of a category: its name, and whether it is in use (not retired).
fn changes(before: Option<&CategoryEntry>, after: &CategoryEntry) -> Vec<AuditChange> {
    let active = |c: &CategoryEntry| Some((!c.retired).to_string());
    [
        AuditChange::of(AuditField::Category, before.map(|b| b.name.clone()), Some(after.name.clone())),
        AuditChange::of(AuditField::Active, before.and_then(active), active(after)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/categories",
    tag = "admin",
    responses(
        (status = 200, description = "Every category, retired ones too, by name, with its reports", body = Vec<CategoryEntry>),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, user: AuthUser) -> Result<Json<Vec<CategoryEntry>>> {
    superadmin_only(&user)?;
    Ok(Json(st.db.category_entries().await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/categories",
    tag = "admin",
    request_body = CategoryForm,
    responses(
        (status = 201, body = CategoryEntry),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
        (status = 422, description = "No name, too long, or one taken (`name_taken`)", body = ApiErrorBody),
    )
)]
pub async fn create(State(st): State<AppState>, user: AuthUser, ApiJson(form): ApiJson<CategoryForm>) -> Result<(StatusCode, Json<CategoryEntry>)> {
    superadmin_only(&user)?;
    let errs = form.check();
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let id = st.db.insert_category(form.name.trim()).await?.ok_or_else(|| Error::field("name", FieldIssue::NameTaken))?;
    let made = entry(&st, id).await?;
    st.db.audit(&user.audit(AuditAction::CategoryChange, None, changes(None, &made))).await?;
    Ok((StatusCode::CREATED, Json(made)))
}

#[utoipa::path(
    put,
    path = "/api/v1/admin/categories/{id}",
    tag = "admin",
    params(("id" = i64, Path, description = "The category's id")),
    request_body = CategoryForm,
    responses(
        (status = 200, description = "Renamed, retired or brought back", body = CategoryEntry),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin", body = ApiErrorBody),
        (status = 404, body = ApiErrorBody),
        (status = 422, description = "No name, too long, or another category's", body = ApiErrorBody),
    )
)]
pub async fn update(State(st): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<i64>, ApiJson(form): ApiJson<CategoryForm>) -> Result<Json<CategoryEntry>> {
    superadmin_only(&user)?;
    let before = entry(&st, id).await?;
    let errs = form.check();
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    if !st.db.update_category(id, form.name.trim(), form.retired).await? {
        return Err(Error::field("name", FieldIssue::NameTaken));
    }
    let after = entry(&st, id).await?;
    let diff = changes(Some(&before), &after);
    if !diff.is_empty() {
        st.db.audit(&user.audit(AuditAction::CategoryChange, None, diff)).await?;
    }
    Ok(Json(after))
}
