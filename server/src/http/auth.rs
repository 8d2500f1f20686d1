//! Signing in and out, and the `AuthUser` extractor reading the session cookie.

pub use crate::accounts::AuthUser;
use domain::accounts::PasswordState;
use crate::accounts::{bounded_hash, dummy_verify, sha256_hex, verify_password, PASSWORD_MIN, USERNAME_MAX};
use crate::db::{NewAudit, UserRow};
use crate::error::{ApiJson, Error, Result};
use crate::http::limits::{self, ClientAddr};
use crate::AppState;

use axum::extract::{FromRequestParts, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::Json;
use domain::api::{ApiErrorBody, LoginRequest, Me, PasswordChange};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::{FieldErrors, FieldIssue};
use rand::RngCore;

pub const COOKIE_NAME: &str = "lapor_session";
/// A session ends after this long without a request.
pub const SESSION_IDLE_SECS: i64 = 8 * 3600;
/// A session's end is moved on at most this often (one write a minute,
/// not one per request).
const TOUCH_EVERY_SECS: i64 = 60;
const BAD_LOGIN: &str = "Nama pengguna atau kata sandi salah.";

/// Failed sign-ins in a row after which a user name is locked.
pub const LOCK_AFTER: i64 = 10;
/// How long a locked user name refuses every sign-in, even the right one.
pub const LOCK_SECS: i64 = 15 * 60;
/// `Retry-After` when every password check is busy.
const BUSY_RETRY_SECS: i64 = 5;
/// Wrong old passwords given to the password change after which the
/// session ends: a stolen session cannot guess the password that outlives it.
pub const PASSWORD_CHANGE_TRIES: i64 = 3;

/// The device cookie (OWASP's "device cookies"): given to a browser where
/// an officer signed in, and renewed at each sign-in there. A user name
/// locked by a stranger's guesses still signs in from such a browser, so a
/// stranger cannot keep the console locked during a crisis; guessing from
/// it is counted on the cookie instead, which after `LOCK_AFTER` failures
/// is trusted no more. Sent only to the sign-in.
pub const DEVICE_COOKIE: &str = "lapor_device";
/// A device cookie is trusted this long after its last sign-in (180 days:
/// an officer who signs in twice a year keeps it).
pub const DEVICE_TTL_SECS: i64 = 180 * 24 * 3600;

/// The value of the cookie `name`, if the request carries it.
fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

pub(super) fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, COOKIE_NAME)
}

/// What a session opened with a temporary password may call.
const WHILE_TEMPORARY: [&str; 3] = ["/api/v1/auth/me", "/api/v1/auth/password", "/api/v1/auth/logout"];

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<AuthUser> {
        let token = session_token(&parts.headers).ok_or_else(Error::unauthorized)?;
        let hash = sha256_hex(&token);
        let now = crate::now();
        let (user, expires_at) = st.db.session_user(&hash, now).await?.ok_or_else(|| {
            Error::Unauthorized("Sesi Anda telah berakhir. Silakan masuk kembali.".into())
        })?;
        if expires_at - now < SESSION_IDLE_SECS - TOUCH_EVERY_SECS {
            st.db.extend_session(&hash, now + SESSION_IDLE_SECS).await?;
        }
        let user = AuthUser::from_row(user)?;
        // A session opened with a temporary password may only change it.
        if user.must_change_password && !WHILE_TEMPORARY.contains(&parts.uri.path()) {
            return Err(Error::Forbidden("Ganti dulu kata sandi sementara Anda (menu Akun saya).".into()));
        }
        Ok(user)
    }
}

/// The session cookie: kept until the browser closes (the server ends the
/// session after `SESSION_IDLE_SECS` without use); `Secure` (sent over
/// HTTPS only) when the product is served over HTTPS (`--https`).
pub fn cookie(token: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/{secure}")
}

/// The cookie that removes the session cookie from the browser.
pub fn cleared_cookie(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE_NAME}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{secure}")
}

/// The device cookie for a new token, kept `DEVICE_TTL_SECS`.
pub fn device_cookie(token: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{DEVICE_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/api/v1/auth/login; Max-Age={DEVICE_TTL_SECS}{secure}")
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
        (status = 200, description = "Signed in; sets the `lapor_session` cookie, and a new `lapor_device` cookie \
                                      with which this browser signs in even while the user name is locked", body = Me),
        (status = 401, description = "Wrong username or password, a deactivated account, or a temporary password \
                                      used already", body = ApiErrorBody),
        (status = 422, description = "Not a JSON object with `username` and `password` (strings), or sent without \
                                      `Content-Type: application/json`", body = ApiErrorBody),
        (status = 429, description = "Too many failed sign-ins from this address, or for this user name (locked for \
                                      15 minutes after 10 in a row, even with the right password, except from a \
                                      browser holding a `lapor_device` cookie of this name; unknown names alike); \
                                      see `Retry-After`", body = ApiErrorBody),
        (status = 503, description = "Too many passwords being checked at once; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn login(
    State(st): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<impl IntoResponse> {
    let device = cookie_value(&headers, DEVICE_COOKIE).map(|t| sha256_hex(&t));
    let user = match check_sign_in(&st, &client, &req.username, req.password, device.as_deref()).await {
        Ok(user) => user,
        Err(e) => {
            // Debug formatting quotes the name and escapes control characters.
            tracing::warn!(user = ?logged_name(&req.username), client = %client.0, reason = %e, "sign-in failed");
            return Err(e);
        }
    };
    let token = new_session(&st, &user).await?;
    let device_token = random_token();
    st.db.trust_device(&sha256_hex(&device_token), device.as_deref(), &login_key(&user.username), crate::now()).await?;
    st.db.audit(&user.audit(AuditAction::SignIn, None, Vec::new())).await?;
    tracing::info!(user = %user.username, "signed in");
    let cookies = [(SET_COOKIE, cookie(&token, st.https)), (SET_COOKIE, device_cookie(&device_token, st.https))];
    Ok((AppendHeaders(cookies), Json(user.me(&st.regions))))
}

/// 32 random bytes as hex: a session's or a device cookie's token.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Opens a session for `user`; returns its token (only its hash is stored).
async fn new_session(st: &AppState, user: &AuthUser) -> Result<String> {
    let token = random_token();
    st.db.insert_session(&sha256_hex(&token), user.id, crate::now() + SESSION_IDLE_SECS).await?;
    Ok(token)
}

/// Checks a sign-in under its limits: the address's failures, then the user
/// name's lock, both before any hash so a refused attempt costs none, then
/// the password. Both counts are taken before the password is checked (a
/// concurrent burst cannot slip under them) and taken back on success, so
/// only failures count. From a browser with a trusted device cookie
/// (`device`, its hash) of this name, the name's lock does not hold and
/// failures count on the cookie instead.
async fn check_sign_in(
    st: &AppState,
    client: &ClientAddr,
    typed: &str,
    password: String,
    device: Option<&str>,
) -> Result<AuthUser> {
    let counted = limits::hit(st, st.limits.login, "login", client, "percobaan masuk").await?;
    let key = login_key(typed);
    let trusted = match device {
        Some(hash) => st.db.trusted_device(hash, crate::now() - DEVICE_TTL_SECS, LOCK_AFTER).await?.is_some_and(|name| name == key),
        None => false,
    };
    let attempt = if trusted { Ok(0) } else { count_attempt(st, &key).await };
    let number = attempt.as_ref().copied().unwrap_or_default();
    let checked = match attempt {
        Ok(_) => verified_user(st, typed, password).await,
        Err(e) => Err(e),
    };
    let user = match checked {
        Ok(Some(user)) => user,
        Ok(None) => {
            failed_sign_in(st, typed).await?;
            match device.filter(|_| trusted) {
                Some(hash) => st.db.device_failed(hash).await?,
                None if number == LOCK_AFTER => locked(st, typed).await?,
                None => {}
            }
            return Err(Error::Unauthorized(BAD_LOGIN.into()));
        }
        Err(e @ Error::RateLimited { .. }) => {
            failed_sign_in(st, typed).await?;
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    // A trusted browser leaves a stranger's streak as it is: the name stays
    // locked for every other browser.
    if !trusted {
        st.db.clear_login_attempts(&key).await?;
    }
    limits::refund(st, counted).await?;
    // The right password, and yet: said plainly, since it proved the name.
    let refused = if !user.active {
        Some("Akun ini dinonaktifkan. Hubungi admin Anda.")
    } else if user.password_state != PasswordState::Set && !st.db.use_temporary_password(user.id).await? {
        Some("Kata sandi sementara ini sudah dipakai untuk masuk. Minta admin membuat yang baru.")
    } else {
        None
    };
    if let Some(message) = refused {
        failed_sign_in(st, typed).await?;
        return Err(Error::Unauthorized(message.into()));
    }
    Ok(AuthUser::from_row(user)?)
}

/// A failed sign-in on the audit log, under the name as typed (cut).
async fn failed_sign_in(st: &AppState, typed: &str) -> Result<()> {
    audit_name(st, typed, AuditAction::SignInFailed, Vec::new()).await
}

/// The lock of a user name on the audit log (its streak reached `LOCK_AFTER`).
async fn locked(st: &AppState, typed: &str) -> Result<()> {
    tracing::warn!(user = ?logged_name(typed), "user name locked after failed sign-ins");
    let changes = vec![
        AuditChange { field: AuditField::Failures, before: None, after: Some(LOCK_AFTER.to_string()) },
        AuditChange { field: AuditField::LockMinutes, before: None, after: Some((LOCK_SECS / 60).to_string()) },
    ];
    audit_name(st, typed, AuditAction::SignInLocked, changes).await
}

/// An audit entry about a user name as typed (cut), made by nobody signed in.
async fn audit_name(st: &AppState, typed: &str, action: AuditAction, changes: Vec<AuditChange>) -> Result<()> {
    let entry = NewAudit {
        at: crate::now(),
        user_id: None,
        username: logged_name(typed),
        role: None,
        agency_id: None,
        action,
        report_id: None,
        changes,
    };
    Ok(st.db.audit(&entry).await?)
}

/// Counts an attempt for a user name and refuses it while the name is
/// locked; the attempt's number in the name's streak. Names with and
/// without an account are treated alike, so the answers tell nothing about
/// which names exist.
async fn count_attempt(st: &AppState, key: &str) -> Result<i64> {
    let now = crate::now();
    let attempt = st.db.count_login_attempt(key, now, LOCK_AFTER, LOCK_SECS).await?;
    if attempt.number <= LOCK_AFTER {
        return Ok(attempt.number);
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
        let hash = sha256_hex(&token);
        if let Some((user, _)) = st.db.session_user(&hash, crate::now()).await? {
            st.db.audit(&AuthUser::from_row(user)?.audit(AuditAction::SignOut, None, Vec::new())).await?;
        }
        st.db.delete_session(&hash).await?;
    }
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, cleared_cookie(st.https))])))
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/logout-everywhere",
    tag = "auth",
    responses(
        (status = 204, description = "Every session of this account ended, this one too"),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A session opened with a temporary password: it must be changed first", body = ApiErrorBody),
    )
)]
pub async fn logout_everywhere(State(st): State<AppState>, user: AuthUser) -> Result<impl IntoResponse> {
    let ended = st.db.end_sessions(user.id, None, crate::now()).await?;
    let changes = vec![AuditChange { field: AuditField::Sessions, before: Some(ended.to_string()), after: Some("0".into()) }];
    st.db.audit(&user.audit(AuditAction::SignOutEverywhere, None, changes)).await?;
    tracing::info!(user = %user.username, sessions = ended, "signed out everywhere");
    Ok((StatusCode::NO_CONTENT, AppendHeaders([(SET_COOKIE, cleared_cookie(st.https))])))
}

#[utoipa::path(
    post,
    path = "/api/v1/auth/password",
    tag = "auth",
    request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; every other session of this account ended"),
        (status = 401, description = "Not signed in; or the third wrong old password in this session, which ends \
                                      it (the cookie is cleared)", body = ApiErrorBody),
        (status = 422, description = "`old_password` wrong (`wrong_password`; counted like a failed sign-in); \
                                      `new_password` shorter than 10 characters (`too_short`) or the old one \
                                      (`same_password`); or a body that is not JSON of this shape, or sent without \
                                      `Content-Type: application/json`", body = ApiErrorBody),
        (status = 429, description = "Too many failed sign-ins from this address, or the user name is locked; see \
                                      `Retry-After`", body = ApiErrorBody),
        (status = 503, description = "Too many passwords being checked at once; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn change_password(
    State(st): State<AppState>,
    user: AuthUser,
    client: ClientAddr,
    headers: HeaderMap,
    ApiJson(req): ApiJson<PasswordChange>,
) -> Result<Response> {
    // The old password is guessed like a sign-in's: counted on the address
    // and the name's streak before it is checked, taken back when right.
    let counted = limits::hit(&st, st.limits.login, "login", &client, "percobaan masuk").await?;
    let key = login_key(&user.username);
    let attempt = count_attempt(&st, &key).await?;
    let mut errs = FieldErrors::default();
    if req.new_password.chars().count() < PASSWORD_MIN {
        errs.add("new_password", FieldIssue::TooShort { min: PASSWORD_MIN });
    } else if req.new_password == req.old_password {
        errs.add("new_password", FieldIssue::SamePassword);
    }
    let row = st.db.user_by_username(&user.username).await?.ok_or_else(Error::unauthorized)?;
    let (old, new) = (req.old_password, req.new_password);
    let busy = || Error::Unavailable { message: "Server sedang sibuk. Coba lagi dalam beberapa detik.".into(), retry_after: BUSY_RETRY_SECS };
    let hashed = bounded_hash(move || {
        if !verify_password(&old, &row.password_hash) {
            return Ok(None);
        }
        crate::accounts::hash_password(&new).map(Some)
    })
    .await?
    .ok_or_else(busy)??;
    let this = session_token(&headers).map(|t| sha256_hex(&t)).unwrap_or_default();
    let Some(hash) = hashed else {
        if attempt == LOCK_AFTER {
            locked(&st, &user.username).await?;
        }
        return wrong_old_password(&st, &user, &client, &this, errs).await;
    };
    st.db.clear_login_attempts(&key).await?;
    limits::refund(&st, counted).await?;
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    st.db.set_password(user.id, &hash, PasswordState::Set).await?;
    let ended = st.db.end_sessions(user.id, Some(&this), crate::now()).await?;
    let changes = vec![AuditChange { field: AuditField::Sessions, before: Some((ended + 1).to_string()), after: Some("1".into()) }];
    st.db.audit(&user.audit(AuditAction::PasswordChange, None, changes)).await?;
    tracing::info!(user = %user.username, "password changed");
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A wrong old password (`session`: the hash of this session's token):
/// logged, audited, and the third in the session ends it.
async fn wrong_old_password(
    st: &AppState,
    user: &AuthUser,
    client: &ClientAddr,
    session: &str,
    mut errs: FieldErrors,
) -> Result<Response> {
    let failures = st.db.session_password_failed(session).await?;
    let ends = failures >= PASSWORD_CHANGE_TRIES;
    tracing::warn!(user = %user.username, client = %client.0, failures, "wrong old password given to the password change");
    let mut changes = vec![AuditChange { field: AuditField::Failures, before: None, after: Some(failures.to_string()) }];
    if ends {
        changes.push(AuditChange { field: AuditField::Sessions, before: Some("1".into()), after: Some("0".into()) });
    }
    st.db.audit(&user.audit(AuditAction::PasswordChangeFailed, None, changes)).await?;
    if !ends {
        errs.add("old_password", FieldIssue::WrongPassword);
        return Err(Error::Validation(errs));
    }
    st.db.delete_session(session).await?;
    let message = format!("Kata sandi lama salah {PASSWORD_CHANGE_TRIES} kali: sesi ini diakhiri. Silakan masuk kembali.");
    let mut res = Error::Unauthorized(message).into_response();
    res.headers_mut().append(SET_COOKIE, cleared_cookie(st.https).parse().expect("a cookie header"));
    Ok(res)
}

#[utoipa::path(
    get,
    path = "/api/v1/auth/me",
    tag = "auth",
    responses((status = 200, body = Me), (status = 401, body = ApiErrorBody))
)]
pub async fn me(State(st): State<AppState>, user: AuthUser) -> Json<Me> {
    Json(user.me(&st.regions))
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
