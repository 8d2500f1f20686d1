//! Open311 GeoReport v2, read only (http://wiki.open311.org/GeoReport_v2):
//! our categories as services, public reports as service requests, in JSON.
//! The requests come from the same privacy-filtered query as the public
//! list (`Db::public_reports`): confidential reports and the statuses
//! `submitted`, `needs_info` and `archived` never appear. Status mapping:
//! `open` = dispatched, returned, responded; `closed` = closed.
//!
//! Errors on these routes are Open311 errors: an array of `{code,
//! description}` with the HTTP status as `code`.

use super::limits::ClientAddr;
use crate::db::{Cursor, PublicFilter, PublicRow};

use crate::error::Error;
use crate::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::public::PublicSort;
use domain::{Date, Lang, Status};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Default and largest `page_size`.
pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 100;
/// Deepest `page` (numbered pages are offsets; keep them bounded).
pub const MAX_PAGE: u32 = 100;
/// Without `start_date` and `end_date`, requests of the last 90 days (as the spec says).
pub const DEFAULT_DAYS: i64 = 90;

/// One Open311 error.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Open311ErrorItem {
    /// The HTTP status code.
    pub code: u16,
    pub description: String,
}

/// An error answered the Open311 way: `[{"code": 404, "description": "…"}]`.
#[derive(Debug)]
pub struct Open311Error(pub Error);

impl From<Error> for Open311Error {
    fn from(e: Error) -> Self {
        Open311Error(e)
    }
}

impl From<anyhow::Error> for Open311Error {
    fn from(e: anyhow::Error) -> Self {
        Open311Error(Error::Internal(e))
    }
}

impl From<QueryRejection> for Open311Error {
    fn from(e: QueryRejection) -> Self {
        Open311Error(Error::BadInput(e.body_text()))
    }
}

fn items(status: StatusCode, description: String) -> Response {
    (status, Json(vec![Open311ErrorItem { code: status.as_u16(), description }])).into_response()
}

impl IntoResponse for Open311Error {
    fn into_response(self) -> Response {
        match self.0 {
            Error::Validation(fields) => {
                let description = fields
                    .0
                    .iter()
                    .flat_map(|(f, issues)| issues.iter().map(move |i| format!("{f}: {}", i.message(Lang::En))))
                    .collect::<Vec<_>>()
                    .join("; ");
                items(StatusCode::BAD_REQUEST, description)
            }
            Error::BadInput(detail) => items(StatusCode::BAD_REQUEST, detail),
            Error::NotFound(_) => items(StatusCode::NOT_FOUND, "Not found.".into()),
            Error::RateLimited { retry_after, .. } => {
                let mut res = items(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many lookups of unknown requests from this address; try again later.".into(),
                );
                res.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry_after.max(1)));
                res
            }
            // Anything else: the API's own answer's status, described plainly.
            other => {
                let res = other.into_response();
                let status = res.status();
                items(status, status.canonical_reason().unwrap_or("Error").to_string())
            }
        }
    }
}

type Result<T> = std::result::Result<T, Open311Error>;

/// `Query` whose rejections are Open311 errors.
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(Open311Error))]
pub struct Open311Query<T>(pub T);

/// An unknown path under `/open311`.
pub async fn not_found() -> Open311Error {
    Open311Error(Error::not_found())
}

/// A known path with a method it does not take.
pub async fn method_not_allowed() -> Response {
    items(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed; this API is read only.".into())
}

/// A service: one of our categories.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Open311Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    /// Always false: no extra attributes.
    pub metadata: bool,
    /// Always `realtime`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Comma-separated.
    pub keywords: String,
    pub group: String,
}

/// A service request: one public report.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Open311Request {
    /// The tracking number.
    pub service_request_id: String,
    /// `open` (dispatched, returned, responded) or `closed`.
    pub status: String,
    /// Our own status, in Indonesian (e.g. "Ditindaklanjuti").
    pub status_notes: Option<String>,
    pub service_name: Option<String>,
    pub service_code: Option<String>,
    /// The title and the body.
    pub description: String,
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    /// W3C datetime with the WIB offset (`+07:00`).
    pub requested_datetime: String,
    pub updated_datetime: String,
    /// The end of the due date (WIB) while the request is open.
    pub expected_datetime: Option<String>,
    /// The place as described, with district and regency.
    pub address: String,
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    /// Always null: citizens' files are not published.
    pub media_url: Option<String>,
}

/// `GET /open311/v2/requests.json` query.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestsQuery {
    /// Comma-separated service codes (category ids).
    #[param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[+-]?[0-9]{1,18})?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:,[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[+-]?[0-9]{1,18})?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)*$")]
    pub service_code: Option<String>,
    /// Comma-separated: `open`, `closed` (any case).
    #[param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[Oo][Pp][Ee][Nn]|[Cc][Ll][Oo][Ss][Ee][Dd])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:,[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[Oo][Pp][Ee][Nn]|[Cc][Ll][Oo][Ss][Ee][Dd])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)*$")]
    pub status: Option<String>,
    /// Earliest `requested_datetime` (W3C datetime, e.g. `2026-01-01T00:00:00+07:00`; a date alone is 00:00 WIB).
    /// The time needs a zone (`Z` or `±hh:mm`, at most 14 hours).
    #[param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)(?:[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60))?(?:\.[\s\S]*)?(?:[Zz]|[+-](?:0[0-9]|1[0-4]):[0-5][0-9]))?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$")]
    pub start_date: Option<String>,
    /// Latest `requested_datetime` (a date alone is 23:59:59 WIB). Without either date: the last 90 days.
    #[param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)(?:[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60))?(?:\.[\s\S]*)?(?:[Zz]|[+-](?:0[0-9]|1[0-4]):[0-5][0-9]))?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$")]
    pub end_date: Option<String>,
    /// Page number, from 1 (at most 100).
    #[param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:\+?0*(?:[1-9][0-9]?|100))?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$")]
    pub page: Option<String>,
    /// Requests per page, 1–100 (default 50).
    #[param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:\+?0*(?:[1-9][0-9]?|100))?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$")]
    pub page_size: Option<String>,
}

const WIB_SECS: i64 = crate::TZ_OFFSET_HOURS as i64 * 3600;

/// Unix seconds as a W3C datetime in WIB: `2026-01-05T09:30:00+07:00`.
pub fn w3c(unix: i64) -> String {
    let local = unix + WIB_SECS;
    let d = Date::from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    format!("{d}T{:02}:{:02}:{:02}+{:02}:00", s / 3600, s / 60 % 60, s % 60, crate::TZ_OFFSET_HOURS)
}

/// Parses a W3C datetime (`YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.s]]TZD` with
/// `Z` or `±hh:mm`) into unix seconds; a date alone is the start of that day
/// in WIB, or its last second when `end_of_day`.
pub fn parse_w3c(s: &str, end_of_day: bool) -> Option<i64> {
    let s = s.trim();
    let (date, time) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let days = Date::parse(date)?.to_days();
    let Some(time) = time else {
        let secs = if end_of_day { 86_399 } else { 0 };
        return Some(days * 86_400 + secs - WIB_SECS);
    };
    let (clock, offset) = if let Some(c) = time.strip_suffix(['Z', 'z']) {
        (c, 0)
    } else {
        let at = time.rfind(['+', '-'])?;
        let (c, tz) = time.split_at(at);
        let sign = if tz.starts_with('-') { -1 } else { 1 };
        let (h, m) = tz[1..].split_once(':')?;
        if h.len() != 2 || m.len() != 2 {
            return None;
        }
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        if h > 14 || m > 59 {
            return None;
        }
        (c, sign * (h * 3600 + m * 60))
    };
    let clock = clock.split('.').next()?;
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<i64>().ok());
    let (h, m, sec) = (n(0)?, n(1)?, n(2)?);
    if h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(days * 86_400 + h * 3600 + m * 60 + sec - offset)
}

fn open311_status(s: Status) -> &'static str {
    if s == Status::Closed {
        "closed"
    } else {
        "open"
    }
}

fn request(st: &AppState, row: PublicRow) -> Open311Request {
    let name = |c: Option<&str>| c.filter(|c| !c.is_empty()).and_then(|c| st.regions.name(c)).map(str::to_string);
    let place: Vec<String> = [Some(row.address.trim().to_string()).filter(|a| !a.is_empty()), name(row.district_code.as_deref()), name(Some(&row.regency_code))]
        .into_iter()
        .flatten()
        .collect();
    let expected = row
        .due_date
        .as_deref()
        .and_then(Date::parse)
        .filter(|_| row.status != Status::Closed)
        .map(|d| w3c((d.to_days() + 1) * 86_400 - 1 - WIB_SECS));
    Open311Request {
        service_request_id: row.tracking_number,
        status: open311_status(row.status).into(),
        status_notes: Some(row.status.label(Lang::Id).to_string()),
        service_name: row.category_name,
        service_code: row.category_id.map(|c| c.to_string()),
        description: format!("{}\n\n{}", row.title, row.body),
        agency_responsible: row.agency_name,
        service_notice: None,
        requested_datetime: w3c(row.created_at),
        updated_datetime: w3c(row.updated_at),
        expected_datetime: expected,
        address: place.join(", "),
        address_id: None,
        zipcode: None,
        lat: None,
        long: None,
        media_url: None,
    }
}

const OPEN311_CACHE: &str = "public, max-age=30";

#[utoipa::path(
    get,
    path = "/open311/v2/services.json",
    tag = "open311",
    responses((status = 200, description = "Every category as a service", body = Vec<Open311Service>))
)]
pub async fn services(State(st): State<AppState>) -> Result<impl IntoResponse> {
    let list: Vec<Open311Service> = st
        .db
        .categories()
        .await?
        .into_iter()
        .map(|c| Open311Service {
            service_code: c.id.to_string(),
            description: format!("Pengaduan, aspirasi dan permintaan informasi bidang {}", c.name.to_lowercase()),
            keywords: c.name.to_lowercase().split_whitespace().collect::<Vec<_>>().join(","),
            service_name: c.name,
            metadata: false,
            kind: "realtime".into(),
            group: "Bidang urusan".into(),
        })
        .collect();
    Ok(([(CACHE_CONTROL, OPEN311_CACHE)], Json(list)))
}

fn bad(field: &str, what: &str) -> Open311Error {
    Open311Error(Error::BadInput(format!("{field}: {what}")))
}

fn number(field: &str, v: Option<&str>, default: u32, max: u32) -> Result<u32> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(default),
        Some(v) => v
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| bad(field, &format!("a whole number from 1 to {max}"))),
    }
}

/// The filter, page size and page of a requests query (400 when malformed).
fn requests_filter(q: &RequestsQuery) -> Result<(PublicFilter, u32, u32)> {
    let mut f = PublicFilter::default();
    for code in q.service_code.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|c| !c.is_empty()) {
        f.categories.push(code.parse().map_err(|_| bad("service_code", "comma-separated service codes"))?);
    }
    let mut open = false;
    let mut closed = false;
    for s in q.status.as_deref().unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match s.to_ascii_lowercase().as_str() {
            "open" => open = true,
            "closed" => closed = true,
            _ => return Err(bad("status", "open, closed, or both comma-separated")),
        }
    }
    // Neither or both: every public status.
    if open != closed {
        f.statuses = if open {
            vec![Status::Dispatched, Status::Returned, Status::Responded]
        } else {
            vec![Status::Closed]
        };
    }
    let date = |field: &str, v: &Option<String>, end: bool| -> Result<Option<i64>> {
        match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => parse_w3c(v, end).map(Some).ok_or_else(|| bad(field, "a W3C datetime, e.g. 2026-01-01T00:00:00+07:00")),
        }
    };
    f.created_from = date("start_date", &q.start_date, false)?;
    f.created_to = date("end_date", &q.end_date, true)?;
    if f.created_from.is_none() && f.created_to.is_none() {
        f.created_from = Some(crate::now() - DEFAULT_DAYS * 86_400);
    }
    let size = number("page_size", q.page_size.as_deref(), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
    let page = number("page", q.page.as_deref(), 1, MAX_PAGE)?;
    Ok((f, size, page))
}

#[utoipa::path(
    get,
    path = "/open311/v2/requests.json",
    tag = "open311",
    params(RequestsQuery),
    responses(
        (status = 200, description = "Public reports as service requests, newest first", body = Vec<Open311Request>),
        (status = 400, description = "A malformed parameter", body = Vec<Open311ErrorItem>),
    )
)]
pub async fn requests(
    State(st): State<AppState>,
    Open311Query(q): Open311Query<RequestsQuery>,
) -> Result<impl IntoResponse> {
    let (filter, size, page) = requests_filter(&q)?;
    let (rows, _) = st.db.public_reports(&filter, PublicSort::Newest, None::<Cursor>, size, (page - 1) * size).await?;
    let list: Vec<Open311Request> = rows.into_iter().map(|r| request(&st, r)).collect();
    Ok(([(CACHE_CONTROL, OPEN311_CACHE)], Json(list)))
}

#[utoipa::path(
    get,
    // Routed as `{id}` (see `super::SUFFIXED`); the document shows `{id}.json`.
    path = "/open311/v2/requests/{id}",
    tag = "open311",
    params(("id" = String, Path, description = "The service_request_id: a tracking number (12 digits, the last a check digit)", pattern = r"^(?:[ .\u00a0-]*(?:[0-9][ .\u00a0-]*){12})$", format = "tracking-number")),
    responses(
        (status = 200, description = "An array of the one request", body = Vec<Open311Request>),
        (status = 400, description = "Not a tracking number", body = Vec<Open311ErrorItem>),
        (status = 404, description = "Unknown, confidential or not public (one answer for all)", body = Vec<Open311ErrorItem>),
        (status = 429, description = "Too many lookups from this address found nothing; see `Retry-After`", body = Vec<Open311ErrorItem>),
    )
)]
pub async fn request_one(
    State(st): State<AppState>,
    client: ClientAddr,
    Path(id): Path<String>,
) -> Result<impl IntoResponse> {
    // The router cannot match `{id}.json` (no static suffix after a
    // parameter), so the route is `{id}` and the suffix is checked here.
    let number = id.strip_suffix(".json").ok_or_else(|| Open311Error(Error::not_found()))?;
    let row = super::public::lookup(&st, &client, number).await?;
    // The list's row (same columns, same rules) of this one report.
    let filter = PublicFilter { tracking_number: Some(row.tracking_number), ..Default::default() };
    let (rows, _) = st.db.public_reports(&filter, PublicSort::Newest, None, 1, 0).await?;
    let one: Vec<Open311Request> = rows.into_iter().map(|r| request(&st, r)).collect();
    if one.is_empty() {
        return Err(Open311Error(super::public::public_not_found()));
    }
    Ok(([(CACHE_CONTROL, OPEN311_CACHE)], Json(one)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3c_datetimes_round_trip_in_wib() {
        let t = parse_w3c("2026-01-05T09:30:00+07:00", false).unwrap();
        assert_eq!(w3c(t), "2026-01-05T09:30:00+07:00");
        assert_eq!(parse_w3c("2026-01-05T02:30:00Z", false), Some(t));
        assert_eq!(parse_w3c("2026-01-05T02:30Z", false), Some(t));
        assert_eq!(parse_w3c("2026-01-04T21:30:00.250-05:00", false), Some(t));
        assert_eq!(parse_w3c("2026-01-05", false).map(w3c).as_deref(), Some("2026-01-05T00:00:00+07:00"));
        assert_eq!(parse_w3c("2026-01-05", true).map(w3c).as_deref(), Some("2026-01-05T23:59:59+07:00"));
        for bad in ["", "yesterday", "2026-13-01", "2026-01-05T25:00:00Z", "2026-01-05T09:30:00+0700", "2026-01-05T9:30Z"] {
            assert_eq!(parse_w3c(bad, false), None, "{bad}");
        }
    }
}
