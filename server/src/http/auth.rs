//! Signing in and out, and the `AuthUser` extractor reading the session cookie.

use crate::accounts::{dummy_verify, sha256_hex, verify_password};
use crate::db::UserRow;
use crate::error::{ApiJson, Error, Result};
use crate::AppState;
use anyhow::Context;
use axum::extract::{FromRequestParts, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::Json;
use domain::api::{ApiErrorBody, LoginRequest, Me, Role};
use rand::RngCore;

pub const COOKIE_NAME: &str = "lapor_session";
pub const SESSION_SECS: i64 = 12 * 3600;
const BAD_LOGIN: &str = "Nama pengguna atau kata sandi salah.";

/// The signed-in admin of a request; rejects with 401 JSON.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
}

impl AuthUser {
    fn from_row(u: UserRow) -> Result<AuthUser> {
        let role = Role::parse(&u.role).with_context(|| format!("unknown role {:?} of user {}", u.role, u.id))?;
        Ok(AuthUser {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role,
            agency_id: u.agency_id,
            agency_name: u.agency_name,
        })
    }

    pub fn me(&self) -> Me {
        Me {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            agency_id: self.agency_id,
            agency_name: self.agency_name.clone(),
        }
    }
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == COOKIE_NAME && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<AuthUser> {
        let token = session_token(&parts.headers).ok_or_else(Error::unauthorized)?;
        let user = st.db.session_user(&sha256_hex(&token), crate::now()).await?.ok_or_else(|| {
            Error::Unauthorized("Sesi Anda telah berakhir. Silakan masuk kembali.".into())
        })?;
        AuthUser::from_row(user)
    }
}

fn cookie(token: &str, max_age: i64) -> String {
    format!("{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}")
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; sets the `lapor_session` cookie", body = Me),
        (status = 401, description = "Wrong username or password", body = ApiErrorBody),
    )
)]
pub async fn login(State(st): State<AppState>, ApiJson(req): ApiJson<LoginRequest>) -> Result<impl IntoResponse> {
    let user = st.db.user_by_username(req.username.trim()).await?;
    let password = req.password;
    let ok = match user.as_ref().map(|u| u.password_hash.clone()) {
        Some(hash) => tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.context("verify")?,
        None => {
            tokio::task::spawn_blocking(move || dummy_verify(&password)).await.context("verify")?;
            false
        }
    };
    let (true, Some(user)) = (ok, user) else {
        return Err(Error::Unauthorized(BAD_LOGIN.into()));
    };
    let user = AuthUser::from_row(user)?;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    st.db.insert_session(&sha256_hex(&token), user.id, crate::now() + SESSION_SECS).await?;
    tracing::info!(user = %user.username, "signed in");
    Ok((AppendHeaders([(SET_COOKIE, cookie(&token, SESSION_SECS))]), Json(user.me())))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204, description = "Signed out")))]
pub async fn logout(State(st): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse> {
    if let Some(token) = session_token(&headers) {
        st.db.delete_session(&sha256_hex(&token)).await?;
    }
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, cookie("", 0))])))
}

#[utoipa::path(
    get,
    path = "/api/v1/auth/me",
    tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ApiErrorBody))
)]
pub async fn me(user: AuthUser) -> Json<Me> {
    Json(user.me())
}
