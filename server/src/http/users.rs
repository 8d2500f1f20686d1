//! Officers' accounts managed in the console (`/admin/pengguna`): a
//! superadmin manages every account, a coordinator the agency admins of
//! agencies in its jurisdiction. An account the caller may not manage is a
//! 404, like one that does not exist. Every change is on the audit log with
//! the values before and after; a new account and a reset get a temporary
//! password, shown once, that opens one session which must change it.

use super::auth::AuthUser;
use crate::accounts::{account, bounded_hash, hash_password, may_manage, temporary_password};
use crate::db::{AccountChange, NewUser, UserRow};
use domain::agencies::TeamRole;
use crate::error::{ApiJson, ApiPath, ApiQuery, Error, Result};
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::accounts::{Account, AccountForm, AccountList, AccountQuery, IssuedPassword, PasswordState, ACCOUNTS_MAX};
use domain::api::{ApiErrorBody, Role};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::FieldIssue;

/// The body of `PUT /api/v1/admin/users/{id}` as the document shows it: an
/// `AccountForm` without `username` (an account keeps its name; one sent is
/// ignored).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct AccountEdit {
    /// 1–100 characters once trimmed.
    #[schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,98}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$")]
    display_name: String,
    role: Role,
    /// Required for an agency admin (an agency of `GET /api/v1/admin/agencies`).
    agency_id: Option<i64>,
    /// An agency admin's place in its team (liaison if none).
    team_role: Option<TeamRole>,
    /// A province (`61`) or regency (`61.03`) code; none: national. Read
    /// only for a coordinator or supervisor.
    jurisdiction: Option<String>,
    /// False deactivates (every session ends at once); default true.
    #[schema(required = false)]
    active: bool,
}

fn not_allowed() -> Error {
    Error::Forbidden("Hanya superadmin, dan admin koordinator untuk akun instansi di wilayahnya, yang dapat mengelola akun.".into())
}

fn no_account() -> Error {
    Error::NotFound("Akun tidak ditemukan.".into())
}

/// The region of an account's agency ("" for a national one), if it has one.
async fn agency_region(st: &AppState, agency_id: Option<i64>) -> Result<Option<String>> {
    Ok(match agency_id {
        Some(id) => st.db.agency(id).await?.map(|a| a.region_code),
        None => None,
    })
}

/// An account the caller may manage, or 404 (403 for an officer who manages none).
async fn managed(st: &AppState, user: &AuthUser, id: i64) -> Result<UserRow> {
    if !matches!(user.role, Role::Superadmin | Role::Coordinator) {
        return Err(not_allowed());
    }
    let row = st.db.user_by_id(id).await?.ok_or_else(no_account)?;
    let role = Role::parse(&row.role).ok_or_else(no_account)?;
    if !may_manage(user, role, agency_region(st, row.agency_id).await?.as_deref()) {
        return Err(no_account());
    }
    Ok(row)
}

/// The form checked by the shared rules, then against the database: the
/// agency exists, the jurisdiction is a known region, and the caller may
/// give this role in this agency. Returns the role.
async fn checked(st: &AppState, user: &AuthUser, form: &AccountForm, creating: bool) -> Result<Role> {
    let mut errs = form.check(creating);
    if let Some(id) = form.agency() {
        if st.db.agency(id).await?.is_none() {
            errs.add("agency_id", FieldIssue::UnknownAgency);
        }
    }
    if let Some(code) = form.area() {
        if !st.regions.exists(code) {
            errs.add("jurisdiction", FieldIssue::UnknownRegion);
        }
    }
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let role = form.role.ok_or_else(|| Error::field("role", FieldIssue::Required))?;
    if !may_manage(user, role, agency_region(st, form.agency()).await?.as_deref()) {
        return Err(not_allowed());
    }
    Ok(role)
}

/// A temporary password and its hash (under the hashing bound).
async fn temporary() -> Result<(String, String)> {
    let password = temporary_password();
    let p = password.clone();
    let busy = || Error::Unavailable { message: "Server sedang sibuk. Coba lagi dalam beberapa detik.".into(), retry_after: 2 };
    let hash = bounded_hash(move || hash_password(&p)).await?.ok_or_else(busy)??;
    Ok((password, hash))
}

/// The audited values of an account: name, role, agency, team role, jurisdiction, active.
fn values(u: &UserRow) -> [(AuditField, Option<String>); 6] {
    [
        (AuditField::DisplayName, Some(u.display_name.clone())),
        (AuditField::Role, Some(u.role.clone())),
        (AuditField::Agency, u.agency_name.clone()),
        (AuditField::TeamRole, u.team_role.clone()),
        (AuditField::Jurisdiction, u.jurisdiction.clone()),
        (AuditField::Active, Some(u.active.to_string())),
    ]
}

fn changes(account: &str, before: Option<&UserRow>, after: &UserRow) -> Vec<AuditChange> {
    let mut out = vec![AuditChange { field: AuditField::Account, before: before.map(|_| account.to_string()), after: Some(account.to_string()) }];
    let old = before.map(values);
    for (k, (field, new)) in values(after).into_iter().enumerate() {
        let was = old.as_ref().and_then(|o| o[k].1.clone());
        out.extend(AuditChange::of(field, was, new));
    }
    out
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/users",
    tag = "admin",
    params(AccountQuery),
    responses(
        (status = 200, description = "The accounts the caller manages, by user name", body = AccountList),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "Not a superadmin or coordinator", body = ApiErrorBody),
        (status = 422, description = "`role` not a role", body = ApiErrorBody),
    )
)]
pub async fn list(State(st): State<AppState>, user: AuthUser, ApiQuery(q): ApiQuery<AccountQuery>) -> Result<Json<AccountList>> {
    let agencies_within = match user.role {
        Role::Superadmin => None,
        Role::Coordinator => Some(user.jurisdiction.clone().unwrap_or_default()),
        _ => return Err(not_allowed()),
    };
    let words = q.q.as_deref().map(str::trim).filter(|w| !w.is_empty());
    let mut rows = st.db.users(words, q.role.map(Role::as_str), agencies_within.as_deref(), ACCOUNTS_MAX).await?;
    let truncated = rows.len() > ACCOUNTS_MAX as usize;
    rows.truncate(ACCOUNTS_MAX as usize);
    let items = rows.iter().map(|r| account(&st.regions, r)).collect::<anyhow::Result<Vec<Account>>>()?;
    Ok(Json(AccountList { items, truncated }))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/users",
    tag = "admin",
    request_body = AccountForm,
    responses(
        (status = 201, description = "Created, with a temporary password shown this once", body = IssuedPassword),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A role or agency the caller may not give", body = ApiErrorBody),
        (status = 422, description = "A field missing or wrong, the user name taken (`name_taken`), an unknown agency \
                                      or region, or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
        (status = 503, description = "Too many passwords being hashed at once; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn create(State(st): State<AppState>, user: AuthUser, ApiJson(form): ApiJson<AccountForm>) -> Result<(StatusCode, Json<IssuedPassword>)> {
    let role = checked(&st, &user, &form, true).await?;
    let (password, hash) = temporary().await?;
    let new = NewUser {
        username: form.username.trim(),
        password_hash: &hash,
        role: role.as_str(),
        display_name: form.display_name.trim(),
        agency_id: form.agency(),
        jurisdiction: form.area(),
        temporary: true,
        team_role: form.team().map(TeamRole::as_str),
    };
    let id = st.db.insert_user(&new, crate::now()).await?.ok_or_else(|| Error::field("username", FieldIssue::NameTaken))?;
    let row = st.db.user_by_id(id).await?.ok_or_else(no_account)?;
    st.db.audit(&user.audit(AuditAction::AccountCreate, None, changes(&row.username, None, &row))).await?;
    tracing::info!(by = %user.username, account = %row.username, role = %row.role, "account created");
    Ok((StatusCode::CREATED, Json(IssuedPassword { account: account(&st.regions, &row)?, password })))
}

#[utoipa::path(
    put,
    path = "/api/v1/admin/users/{id}",
    tag = "admin",
    params(("id" = i64, Path, description = "The account's id")),
    request_body = AccountEdit,
    responses(
        (status = 200, description = "Changed; deactivating ends every session of the account at once", body = Account),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A role or agency the caller may not give, or the caller's own role or activity", body = ApiErrorBody),
        (status = 404, description = "No such account, or one the caller does not manage", body = ApiErrorBody),
        (status = 422, description = "`id` not a whole number; a field missing or wrong; or a body that is not JSON of this shape, or sent without `Content-Type: application/json`", body = ApiErrorBody),
    )
)]
pub async fn update(State(st): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<i64>, ApiJson(form): ApiJson<AccountForm>) -> Result<Json<Account>> {
    let before = managed(&st, &user, id).await?;
    let role = checked(&st, &user, &form, false).await?;
    if id == user.id && (role != user.role || !form.active) {
        return Err(Error::Forbidden("Peran dan status akun Anda sendiri tidak dapat Anda ubah.".into()));
    }
    let change = AccountChange {
        role: role.as_str(),
        display_name: form.display_name.trim(),
        agency_id: form.agency(),
        team_role: form.team().map(TeamRole::as_str),
        jurisdiction: form.area(),
        active: form.active,
    };
    st.db.update_user(id, &change).await?;
    let after = st.db.user_by_id(id).await?.ok_or_else(no_account)?;
    let mut diff = changes(&after.username, Some(&before), &after);
    if before.active && !after.active {
        let ended = st.db.end_sessions(id, None, crate::now()).await?;
        diff.push(AuditChange { field: AuditField::Sessions, before: Some(ended.to_string()), after: Some("0".into()) });
    }
    st.db.audit(&user.audit(AuditAction::AccountChange, None, diff)).await?;
    tracing::info!(by = %user.username, account = %after.username, active = after.active, "account changed");
    Ok(Json(account(&st.regions, &after)?))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/users/{id}/password",
    tag = "admin",
    params(("id" = i64, Path, description = "The account's id")),
    responses(
        (status = 200, description = "A temporary password, shown this once; every session of the account ended", body = IssuedPassword),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "The caller's own account (change it under Akun saya)", body = ApiErrorBody),
        (status = 404, description = "No such account, or one the caller does not manage", body = ApiErrorBody),
        (status = 422, description = "`id` not a whole number", body = ApiErrorBody),
        (status = 503, description = "Too many passwords being hashed at once; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn reset_password(State(st): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<i64>) -> Result<Json<IssuedPassword>> {
    let row = managed(&st, &user, id).await?;
    if id == user.id {
        return Err(Error::Forbidden("Kata sandi Anda sendiri diganti di Akun saya.".into()));
    }
    let (password, hash) = temporary().await?;
    st.db.set_password(id, &hash, PasswordState::Temporary).await?;
    let ended = st.db.end_sessions(id, None, crate::now()).await?;
    let diff = vec![
        AuditChange { field: AuditField::Account, before: Some(row.username.clone()), after: Some(row.username.clone()) },
        AuditChange { field: AuditField::Sessions, before: Some(ended.to_string()), after: Some("0".into()) },
    ];
    st.db.audit(&user.audit(AuditAction::PasswordReset, None, diff)).await?;
    tracing::info!(by = %user.username, account = %row.username, "temporary password issued");
    let row = st.db.user_by_id(id).await?.ok_or_else(no_account)?;
    Ok(Json(IssuedPassword { account: account(&st.regions, &row)?, password }))
}
