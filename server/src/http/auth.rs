//! Signing in and out, and the `AuthUser` extractor reading the session cookie.

use crate::accounts::{bounded_hash, dummy_verify, sha256_hex, verify_password, USERNAME_MAX};
use crate::config::RateLimit;
use crate::db::UserRow;
use crate::error::{ApiJson, Error, Result};
use crate::http::limits::{self, ClientAddr};
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

/// Failed sign-ins accepted from one address per window. Successes are taken
/// back, so the officers of a socialization event behind one NAT address
/// can all sign in; only guessing uses it up.
pub const LOGIN_ADDRESS_LIMIT: RateLimit = RateLimit { count: 20, window_secs: 600 };
/// Failed sign-ins in a row after which a user name is locked.
pub const LOCK_AFTER: i64 = 10;
/// How long a locked user name refuses every sign-in, even the right one.
pub const LOCK_SECS: i64 = 15 * 60;
/// `Retry-After` when every password check is busy.
const BUSY_RETRY_SECS: i64 = 5;

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

/// The session cookie; `Secure` (sent over HTTPS only) when the product is
/// served over HTTPS (`--https`).
pub fn cookie(token: &str, max_age: i64, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{secure}")
}

/// The user name the lock-out counts: trimmed and lowercased (so changing
/// case gains no tries), cut to `USERNAME_MAX` characters (no longer name
/// exists, and the table keeps no attacker-sized keys).
pub fn login_key(typed: &str) -> String {
    typed.trim().to_lowercase().chars().take(USERNAME_MAX).collect()
}

/// The user name as the log shows it: as typed, trimmed, cut to
/// `USERNAME_MAX` characters so a hostile name cannot flood the log.
pub fn logged_name(typed: &str) -> String {
    let name = typed.trim();
    match name.char_indices().nth(USERNAME_MAX) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name.to_string(),
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/login",
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in; sets the `lapor_session` cookie", body = Me),
        (status = 401, description = "Wrong username or password", body = ApiErrorBody),
        (status = 429, description = "Too many failed sign-ins from this address, or for this user name (locked for \
                                      15 minutes after 10 in a row, even with the right password; unknown names \
                                      alike); see `Retry-After`", body = ApiErrorBody),
        (status = 503, description = "Too many passwords being checked at once; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn login(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<impl IntoResponse> {
    let user = match check_sign_in(&st, &client, &req.username, req.password).await {
        Ok(user) => user,
        Err(e) => {
            // Debug formatting quotes the name and escapes control characters.
            tracing::warn!(user = ?logged_name(&req.username), client = %client.0, reason = %e, "sign-in failed");
            return Err(e);
        }
    };
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    st.db.insert_session(&sha256_hex(&token), user.id, crate::now() + SESSION_SECS).await?;
    tracing::info!(user = %user.username, "signed in");
    Ok((AppendHeaders([(SET_COOKIE, cookie(&token, SESSION_SECS, st.https))]), Json(user.me())))
}

/// Checks a sign-in under its limits: the address's failures, then the user
/// name's lock, both before any hash so a refused attempt costs none, then
/// the password. Both counts are taken before the password is checked (a
/// concurrent burst cannot slip under them) and taken back on success, so
/// only failures count.
async fn check_sign_in(st: &AppState, client: &ClientAddr, typed: &str, password: String) -> Result<AuthUser> {
    let counted = limits::hit(st, LOGIN_ADDRESS_LIMIT, "login", client, "percobaan masuk").await?;
    let key = login_key(typed);
    count_attempt(st, &key).await?;
    let Some(user) = verified_user(st, typed, password).await? else {
        return Err(Error::Unauthorized(BAD_LOGIN.into()));
    };
    st.db.clear_login_attempts(&key).await?;
    limits::refund(st, counted).await?;
    AuthUser::from_row(user)
}

/// Counts an attempt for a user name and refuses it while the name is
/// locked. Names with and without an account are treated alike, so the
/// answers tell nothing about which names exist.
async fn count_attempt(st: &AppState, key: &str) -> Result<()> {
    let now = crate::now();
    let attempt = st.db.count_login_attempt(key, now, LOCK_AFTER, LOCK_SECS).await?;
    if attempt.number <= LOCK_AFTER {
        return Ok(());
    }
    let retry_after = (attempt.locked_until - now).max(1);
    Err(Error::RateLimited {
        message: format!("Terlalu banyak percobaan masuk. Coba lagi dalam {} menit.", (retry_after + 59) / 60),
        retry_after,
    })
}

/// The account `typed` names, if `password` is its password. An unknown
/// name costs the same hash as a known one; every hash waits for a permit.
async fn verified_user(st: &AppState, typed: &str, password: String) -> Result<Option<UserRow>> {
    let user = st.db.user_by_username(typed.trim()).await?;
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let ok = bounded_hash(move || match hash {
        Some(hash) => verify_password(&password, &hash),
        None => {
            dummy_verify(&password);
            false
        }
    })
    .await?
    .ok_or_else(|| Error::Unavailable {
        message: "Server sedang sibuk memeriksa kata sandi. Coba masuk lagi dalam beberapa detik.".into(),
        retry_after: BUSY_RETRY_SECS,
    })?;
    Ok(user.filter(|_| ok))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204, description = "Signed out")))]
pub async fn logout(State(st): State<AppState>, headers: HeaderMap) -> Result<impl IntoResponse> {
    if let Some(token) = session_token(&headers) {
        st.db.delete_session(&sha256_hex(&token)).await?;
    }
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, cookie("", 0, st.https))])))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_counts_one_name_however_it_is_spelt_and_never_more_than_a_name_can_be() {
        assert_eq!(login_key("  KoordinatoR \t"), "koordinator");
        assert_eq!(login_key(&"É".repeat(500)), "é".repeat(USERNAME_MAX));
    }

    #[test]
    fn the_log_shows_the_name_as_typed_but_cut() {
        assert_eq!(logged_name("  KoordinatoR \n"), "KoordinatoR");
        assert_eq!(logged_name(&"é".repeat(USERNAME_MAX)), "é".repeat(USERNAME_MAX));
        assert_eq!(logged_name(&"é".repeat(500)), format!("{}…", "é".repeat(USERNAME_MAX)));
    }
}
