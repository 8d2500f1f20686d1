//! Socialization events: the presenter's practice session (open, the live
//! list, the walk through one report, close) and the audience's check of a
//! join code. Practice reports are sent with `POST /api/v1/reports` and a
//! `practice_code`; only the presenter who opened the session sees them here.
//!
//! A join code is a secret of the hall: every lookup of one (the check here,
//! a report sent with one) that opens no session counts as a lookup miss of
//! the address, on the same counter as tracking-number guesses, and after
//! the limit the address gets 429s. A code that opens a session costs
//! nothing, so a hall of phones behind one address joins freely.

use super::auth::AuthUser;
use super::limits::{self, ClientAddr};
use super::meta::agency_list;
use crate::db::ReportRow;
use crate::error::{ApiJson, ApiPath, Error, Result};
use crate::lifecycle::practice::{delete_files, walk};
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header::HOST, HeaderMap, StatusCode};
use axum::Json;
use domain::api::{AgencyLevel, ApiErrorBody, ReportKind, Role};
use domain::audit::AuditAction;
use domain::practice::{
    code_from_random, normalize_code, JoinAddresses, PracticeClosed, PracticeLive, PracticeOpen, PracticeReport,
    PracticeSession, PracticeStep,
};
use domain::routing::{level_hint, serves, suggest, Place};
use rand::rngs::OsRng;
use rand::Rng;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};

fn session_not_found() -> Error {
    Error::NotFound("Sesi latihan tidak ditemukan atau sudah ditutup.".into())
}

/// Officers who may run a session: everyone but supervisors (who change nothing).
fn may_present(user: &AuthUser) -> Result<()> {
    if user.role == Role::Supervisor {
        return Err(Error::Forbidden("Pengawas tidak dapat membuka sesi latihan.".into()));
    }
    Ok(())
}

/// The session `id`, if this officer opened it (the same 404 otherwise).
async fn own_session(st: &AppState, user: &AuthUser, id: i64) -> Result<PracticeSession> {
    match st.db.practice_session(id).await? {
        Some((session, opened_by)) if opened_by == user.id => Ok(session),
        _ => Err(session_not_found()),
    }
}

/// A practice report on the presenter's list, with where "forward" sends it.
async fn item(st: &AppState, r: ReportRow) -> Result<PracticeReport> {
    let region = r.district_code.clone().unwrap_or_else(|| r.regency_code.clone());
    let agencies = agency_list(st, Some(&region)).await?;
    let level = level_hint(&r.title, &r.body);
    let place = Place { category: r.category_id, region: &region };
    let suggested = suggest(&agencies, &place, level).into_iter().map(|s| s.agency).next().or_else(|| {
        let regency = |a: &&domain::api::Agency| a.level == AgencyLevel::Kabupaten && serves(a, &region);
        agencies.iter().find(regency).or(agencies.first())
    });
    Ok(PracticeReport {
        id: r.id,
        kind: ReportKind::parse(&r.kind).unwrap_or_default(),
        place: st.regions.name(&r.regency_code).unwrap_or_default().to_string(),
        suggested_agency_id: suggested.map(|a| a.id),
        suggested_agency_name: suggested.map(|a| a.name.clone()),
        tracking_number: r.tracking_number,
        title: r.title,
        status: r.status,
        agency_name: r.agency_name,
        created_at: r.created_at,
    })
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/practice",
    tag = "practice",
    responses(
        (status = 201, description = "A new practice session; its form is at `/latihan/{code}`. It ends by itself \
                                      after 2 hours without a practice report or a step, and 12 hours after it was \
                                      opened", body = PracticeSession),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A supervisor", body = ApiErrorBody),
    )
)]
pub async fn open(State(st): State<AppState>, user: AuthUser) -> Result<(StatusCode, Json<PracticeSession>)> {
    may_present(&user)?;
    for _ in 0..20 {
        let code = code_from_random(OsRng.gen());
        if let Some(session) = st.db.open_practice(user.id, &code, crate::now()).await? {
            st.db.audit(&user.audit(AuditAction::PracticeOpen, None, Vec::new())).await?;
            tracing::info!(session = session.id, "practice session opened");
            return Ok((StatusCode::CREATED, Json(session)));
        }
    }
    Err(Error::Internal(anyhow::anyhow!("no free practice code")))
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/practice",
    tag = "practice",
    responses(
        (status = 200, description = "The sessions this officer has open, newest first", body = Vec<PracticeSession>),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A supervisor", body = ApiErrorBody),
    )
)]
pub async fn mine(State(st): State<AppState>, user: AuthUser) -> Result<Json<Vec<PracticeSession>>> {
    may_present(&user)?;
    Ok(Json(st.db.open_practices(user.id).await?))
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/practice/{id}",
    tag = "practice",
    params(("id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "The session and its practice reports, newest first", body = PracticeLive),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A supervisor", body = ApiErrorBody),
        (status = 404, description = "No such open session of this officer", body = ApiErrorBody),
        (status = 422, description = "`id` not a whole number (64-bit)", body = ApiErrorBody),
    )
)]
pub async fn live(State(st): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<i64>) -> Result<Json<PracticeLive>> {
    may_present(&user)?;
    let session = own_session(&st, &user, id).await?;
    let (count, rows) = st.db.practice_reports(session.id).await?;
    let mut reports = Vec::with_capacity(rows.len());
    for r in rows {
        reports.push(item(&st, r).await?);
    }
    Ok(Json(PracticeLive { session, count, reports }))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/practice/{id}/reports/{report_id}",
    tag = "practice",
    params(("id" = i64, Path, description = "Session id"), ("report_id" = i64, Path, description = "Practice report id")),
    request_body = PracticeStep,
    responses(
        (status = 200, description = "The practice report after the step", body = PracticeReport),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A supervisor", body = ApiErrorBody),
        (status = 404, description = "No such open session of this officer, or no such report in it", body = ApiErrorBody),
        (status = 409, description = "Not possible in the report's current status", body = ApiErrorBody),
        (status = 422, description = "`id` or `report_id` not a whole number; `agency_id` unknown, or `message` \
                                      empty or too long; or a body that is not JSON of this shape", body = ApiErrorBody),
    )
)]
pub async fn step(
    State(st): State<AppState>,
    user: AuthUser,
    ApiPath((id, report_id)): ApiPath<(i64, i64)>,
    ApiJson(step): ApiJson<PracticeStep>,
) -> Result<Json<PracticeReport>> {
    may_present(&user)?;
    let session = own_session(&st, &user, id).await?;
    let row = st.db.practice_report(session.id, report_id).await?.ok_or_else(Error::report_not_found)?;
    walk(&st, &row, step).await?;
    st.db.touch_practice(session.id, crate::now()).await?;
    let row = st.db.practice_report(session.id, report_id).await?.ok_or_else(Error::report_not_found)?;
    Ok(Json(item(&st, row).await?))
}

#[utoipa::path(
    post,
    path = "/api/v1/admin/practice/{id}/close",
    tag = "practice",
    params(("id" = i64, Path, description = "Session id")),
    responses(
        (status = 200, description = "Closed: its practice reports, their timelines and their files are deleted", body = PracticeClosed),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A supervisor", body = ApiErrorBody),
        (status = 404, description = "No such open session of this officer", body = ApiErrorBody),
        (status = 422, description = "`id` not a whole number (64-bit)", body = ApiErrorBody),
    )
)]
pub async fn close(State(st): State<AppState>, user: AuthUser, ApiPath(id): ApiPath<i64>) -> Result<Json<PracticeClosed>> {
    may_present(&user)?;
    let session = own_session(&st, &user, id).await?;
    let closed = st.db.close_practice(session.id).await?;
    let files = delete_files(&st, &closed).await?;
    st.db.audit(&user.audit(AuditAction::PracticeClose, None, Vec::new())).await?;
    tracing::info!(session = session.id, reports = closed.reports, files, "practice session closed");
    Ok(Json(PracticeClosed { reports: closed.reports, files }))
}

/// The addresses phones on the same network reach a server listening on `bound`.
fn addresses(bound: SocketAddr, host: Option<&str>) -> JoinAddresses {
    let port = bound.port();
    let url = |ip: IpAddr| match ip {
        IpAddr::V4(v4) => format!("http://{v4}:{port}"),
        IpAddr::V6(v6) => format!("http://[{v6}]:{port}"),
    };
    if bound.ip().is_unspecified() {
        // Every interface: the local-network IPv4 addresses (a hall's Wi-Fi),
        // private ranges first; IPv6 and link-local ones are no use to type.
        let mut ips: Vec<std::net::Ipv4Addr> = local_ip_address::list_afinet_netifas()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(_, ip)| match ip {
                IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified() => Some(v4),
                _ => None,
            })
            .collect();
        ips.sort_by_key(|ip| (!ip.is_private(), ip.octets()));
        ips.dedup();
        if !ips.is_empty() {
            return JoinAddresses { urls: ips.into_iter().map(|ip| url(IpAddr::V4(ip))).collect(), loopback_only: false };
        }
        return JoinAddresses { urls: vec![url(IpAddr::from([127, 0, 0, 1]))], loopback_only: true };
    }
    if bound.ip().is_loopback() {
        // Phones cannot reach it; the presenter is told how to restart it.
        let shown = host.filter(|h| h.starts_with("localhost") || h.starts_with("127.")).map(|h| format!("http://{h}"));
        return JoinAddresses { urls: vec![shown.unwrap_or_else(|| url(bound.ip()))], loopback_only: true };
    }
    JoinAddresses { urls: vec![url(bound.ip())], loopback_only: false }
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/practice/addresses",
    tag = "practice",
    responses(
        (status = 200, description = "Where the audience's phones reach this server", body = JoinAddresses),
        (status = 401, body = ApiErrorBody),
        (status = 403, description = "A supervisor", body = ApiErrorBody),
    )
)]
pub async fn join_addresses(State(st): State<AppState>, user: AuthUser, headers: HeaderMap) -> Result<Json<JoinAddresses>> {
    may_present(&user)?;
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    let bound = match st.listen.get() {
        Some(a) => *a,
        // Not started by `serve` (tests): the address the request came to.
        None => host.and_then(|h| h.parse().ok()).unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8080))),
    };
    Ok(Json(addresses(bound, host)))
}

#[utoipa::path(
    get,
    path = "/api/v1/practice/{code}",
    tag = "practice",
    params(("code" = String, Path, description = "The session's join code: 12 digits, the last a check digit (spaces, \
                                                  dashes and dots allowed)")),
    responses(
        (status = 200, description = "The session is open: practice reports may be sent with this code", body = PracticeOpen),
        (status = 404, description = "No open session has this code (closed, ended after its idle time or maximum \
                                      life, or never opened); a code that opened none counts as a lookup miss of \
                                      this address, as a tracking number that opened no report does",
         body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no session or report; see \
                                      `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn check(
    State(st): State<AppState>,
    client: ClientAddr,
    Path(code): Path<String>,
) -> Result<Json<PracticeOpen>> {
    // A code its check digit refuses cannot open a session: no lookup, not counted (as a tracking number's).
    let code = normalize_code(&code).ok_or_else(session_not_found)?;
    let session = limits::lookup(&st, &client, st.db.practice_by_code(&code), session_not_found).await?;
    Ok(Json(PracticeOpen { code: session.code, opened_at: session.opened_at }))
}

/// Runs `check`, the checks of a new report (`lifecycle::submit::check`),
/// with its `practice_code` looked up as the audience's check looks one up:
/// counted as a miss of `client` before it runs (429 once the address has
/// missed too often), given back when the code named an open session. A
/// report that passes is activity of that session.
pub(super) async fn counting_code<T>(
    st: &AppState,
    client: &ClientAddr,
    practice_code: Option<&str>,
    check: impl Future<Output = Result<T>>,
) -> Result<T> {
    // One its check digit refuses is refused with a 422 by the shared rules, without a lookup.
    let Some(code) = practice_code.and_then(normalize_code) else { return check.await };
    let counted = limits::count_lookup(st, client).await?;
    let checked = check.await;
    if matches!(&checked, Err(Error::Validation(errs)) if errs.0.contains_key("practice_code")) {
        return checked;
    }
    limits::refund(st, counted).await?;
    if checked.is_ok() {
        st.db.touch_practice_code(&code, crate::now()).await?;
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::addresses;

    #[test]
    fn loopback_and_fixed_addresses_are_told_apart() {
        let a = addresses("127.0.0.1:8080".parse().unwrap(), Some("localhost:8080"));
        assert!(a.loopback_only);
        assert_eq!(a.urls, ["http://localhost:8080"]);
        let a = addresses("192.168.1.10:8080".parse().unwrap(), None);
        assert!(!a.loopback_only);
        assert_eq!(a.urls, ["http://192.168.1.10:8080"]);
        let a = addresses("0.0.0.0:8080".parse().unwrap(), None);
        assert!(!a.urls.is_empty() && a.urls.iter().all(|u| u.ends_with(":8080")));
    }
}
