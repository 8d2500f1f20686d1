//! The one typed client of the LAPOR! server. Pages call these functions;
//! nothing else in the app speaks HTTP.

mod error;

pub use error::ApiError;

use domain::api::*;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

const BASE: &str = "/api/v1";

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

/// The one exchange with the server: the answer's body when it is a
/// success, the server's error otherwise. Not generic, so the phone's wasm
/// holds it once (each typed call only decodes).
async fn exchange(req: Result<Request, ApiError>) -> Result<String, ApiError> {
    let resp = req?.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    let (ok, status) = (resp.ok(), resp.status());
    let body = resp.text().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if ok {
        Ok(body)
    } else {
        Err(ApiError::from_status(status, serde_json::from_str(&body).ok()))
    }
}

fn decode<T: DeserializeOwned>(body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode(e.to_string()))
}

/// A request with a JSON body.
fn with_json<B: Serialize>(req: RequestBuilder, body: &B) -> Result<Request, ApiError> {
    let text = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    req.header("content-type", "application/json").body(text).map_err(|e| ApiError::Decode(e.to_string()))
}

async fn send<T: DeserializeOwned>(req: RequestBuilder) -> Result<T, ApiError> {
    decode(&exchange(req.build().map_err(|e| ApiError::Decode(e.to_string()))).await?)
}

async fn send_json<B: Serialize, T: DeserializeOwned>(req: RequestBuilder, body: &B) -> Result<T, ApiError> {
    decode(&exchange(with_json(req, body)).await?)
}

pub async fn provinces() -> Result<Vec<RegionRef>, ApiError> {
    send(Request::get(&url("/regions/provinces"))).await
}

pub async fn region_children(code: &str) -> Result<Vec<RegionRef>, ApiError> {
    send(Request::get(&url(&format!("/regions/{code}/children")))).await
}

pub async fn categories() -> Result<Vec<Category>, ApiError> {
    send(Request::get(&url("/categories"))).await
}

pub async fn agencies(region: Option<&str>) -> Result<Vec<Agency>, ApiError> {
    let path = match region {
        Some(r) => format!("/agencies?region={r}"),
        None => "/agencies".to_string(),
    };
    send(Request::get(&url(&path))).await
}

pub async fn submit_report(report: &NewReport) -> Result<SubmitReceipt, ApiError> {
    send_json(Request::post(&url("/reports")), report).await
}

pub async fn track_public(number: &str) -> Result<PublicStatus, ApiError> {
    send(Request::get(&url(&format!("/track/{number}")))).await
}

pub async fn track_full(req: &TrackRequest) -> Result<ReportView, ApiError> {
    send_json(Request::post(&url("/track")), req).await
}

pub async fn login(req: &LoginRequest) -> Result<Me, ApiError> {
    send_json(Request::post(&url("/auth/login")), req).await
}

pub async fn logout() -> Result<(), ApiError> {
    exchange(Request::post(&url("/auth/logout")).build().map_err(|e| ApiError::Decode(e.to_string()))).await.map(|_| ())
}

pub async fn me() -> Result<Me, ApiError> {
    send(Request::get(&url("/auth/me"))).await
}

/// `k=v&k=v` with every value encoded; empty values left out.
pub fn query_string<K: AsRef<str>>(pairs: impl IntoIterator<Item = (K, String)>) -> String {
    pairs
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{}={}", k.as_ref(), js_sys::encode_uri_component(v.trim())))
        .collect::<Vec<_>>()
        .join("&")
}

/// One page of the officers' queue.
pub async fn admin_queue(q: &domain::queue::QueueQuery) -> Result<domain::queue::QueuePage, ApiError> {
    send(Request::get(&url(&format!("/admin/reports?{}", query_string(q.to_pairs()))))).await
}

/// A report received by another channel, entered by a coordinator: the
/// reporter's receipt (its access code is shown only in this answer).
pub async fn admin_intake(intake: &domain::intake::IntakeReport) -> Result<domain::intake::IntakeReceipt, ApiError> {
    send_json(Request::post(&url("/admin/reports")), intake).await
}

/// Archives several reports with one reason.
pub async fn admin_archive_many(req: &BulkArchive) -> Result<BulkResult, ApiError> {
    send_json(Request::post(&url("/admin/reports/archive")), req).await
}

/// One page of the audit log.
pub async fn admin_audit(q: &domain::audit::AuditQuery) -> Result<domain::audit::AuditPage, ApiError> {
    send(Request::get(&url(&format!("/admin/audit?{}", query_string(q.to_pairs()))))).await
}

/// The recap of a period and a region.
pub async fn admin_recap(q: &domain::recap::RecapQuery) -> Result<domain::recap::Recap, ApiError> {
    send(Request::get(&url(&format!("/admin/recap?{}", query_string(q.to_pairs()))))).await
}

/// The accounts the signed-in administrator manages.
pub async fn admin_users(q: &str) -> Result<domain::accounts::AccountList, ApiError> {
    send(Request::get(&url(&format!("/admin/users?{}", query_string(vec![("q", q.to_string())]))))).await
}

/// A new account, with its temporary password.
pub async fn admin_create_user(form: &domain::accounts::AccountForm) -> Result<domain::accounts::IssuedPassword, ApiError> {
    send_json(Request::post(&url("/admin/users")), form).await
}

/// An account changed (activity included).
pub async fn admin_update_user(id: i64, form: &domain::accounts::AccountForm) -> Result<domain::accounts::Account, ApiError> {
    send_json(Request::put(&url(&format!("/admin/users/{id}"))), form).await
}

/// A temporary password for an account (its sessions end).
pub async fn admin_reset_password(id: i64) -> Result<domain::accounts::IssuedPassword, ApiError> {
    send(Request::post(&url(&format!("/admin/users/{id}/password")))).await
}

/// Every category, retired ones too (superadmin).
pub async fn admin_categories() -> Result<Vec<domain::categories::CategoryEntry>, ApiError> {
    send(Request::get(&url("/admin/categories"))).await
}

/// A new category, or a change to one (`id`).
pub async fn admin_save_category(id: Option<i64>, form: &domain::categories::CategoryForm) -> Result<domain::categories::CategoryEntry, ApiError> {
    match id {
        None => send_json(Request::post(&url("/admin/categories")), form).await,
        Some(id) => send_json(Request::put(&url(&format!("/admin/categories/{id}"))), form).await,
    }
}

/// The agencies the caller manages, with team and workload.
pub async fn admin_agencies() -> Result<Vec<domain::agencies::AgencyEntry>, ApiError> {
    send(Request::get(&url("/admin/agencies"))).await
}

/// A new agency, or a change to one (`id`).
pub async fn admin_save_agency(id: Option<i64>, form: &domain::agencies::AgencyForm) -> Result<domain::agencies::AgencyEntry, ApiError> {
    match id {
        None => send_json(Request::post(&url("/admin/agencies")), form).await,
        Some(id) => send_json(Request::put(&url(&format!("/admin/agencies/{id}"))), form).await,
    }
}

/// One year's holidays and collective leave (superadmin).
pub async fn admin_holidays(year: i32) -> Result<Vec<domain::holidays::Holiday>, ApiError> {
    send(Request::get(&url(&format!("/admin/holidays?year={year}")))).await
}

/// A day off added, with the open deadlines it moved.
pub async fn admin_add_holiday(form: &domain::holidays::HolidayForm) -> Result<domain::holidays::HolidayChange, ApiError> {
    send_json(Request::post(&url("/admin/holidays")), form).await
}

/// A day off renamed or its kind changed.
pub async fn admin_save_holiday(date: &str, form: &domain::holidays::HolidayForm) -> Result<domain::holidays::Holiday, ApiError> {
    send_json(Request::put(&url(&format!("/admin/holidays/{date}"))), form).await
}

/// A day off removed, with the open deadlines it moved.
pub async fn admin_remove_holiday(date: &str) -> Result<domain::holidays::HolidayChange, ApiError> {
    send(Request::delete(&url(&format!("/admin/holidays/{date}")))).await
}

/// Changes the signed-in officer's password (the old one proves it is them).
pub async fn change_password(req: &PasswordChange) -> Result<(), ApiError> {
    exchange(with_json(Request::post(&url("/auth/password")), req)).await.map(|_| ())
}

/// Ends every session of the signed-in officer, this one too.
pub async fn logout_everywhere() -> Result<(), ApiError> {
    exchange(Request::post(&url("/auth/logout-everywhere")).build().map_err(|e| ApiError::Decode(e.to_string()))).await.map(|_| ())
}

pub async fn admin_report(id: i64) -> Result<AdminReportDetail, ApiError> {
    send(Request::get(&url(&format!("/admin/reports/{id}")))).await
}

pub async fn admin_action(id: i64, action: &AdminAction) -> Result<AdminReportDetail, ApiError> {
    send_json(Request::post(&url(&format!("/admin/reports/{id}/actions"))), action).await
}

/// Uploads one attachment, reporting progress from 0.0 to 1.0.
pub async fn upload_attachment(
    blob: &web_sys::Blob,
    on_progress: impl Fn(f64) + 'static,
) -> Result<domain::attachments::UploadedAttachment, ApiError> {
    let (status, body) =
        crate::browser::upload::upload(&url("/attachments"), blob, on_progress).await.map_err(ApiError::Network)?;
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(|e| ApiError::Decode(e.to_string()))
    } else {
        Err(ApiError::from_status(status, serde_json::from_str(&body).ok()))
    }
}

async fn blob_of(resp: Response) -> Result<web_sys::Blob, ApiError> {
    if !resp.ok() {
        return Err(ApiError::from_status(resp.status(), resp.json().await.ok()));
    }
    let mime = resp.headers().get("content-type").unwrap_or_default();
    let bytes = resp.binary().await.map_err(|e| ApiError::Network(e.to_string()))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(&mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|e| ApiError::Decode(crate::browser::js_error(e)))
}

/// An attachment of the reporter's own report (number + code prove it).
pub async fn track_attachment(req: &TrackRequest, attachment_id: &str) -> Result<web_sys::Blob, ApiError> {
    let r = with_json(Request::post(&url(&format!("/track/attachments/{attachment_id}"))), req)?;
    blob_of(r.send().await.map_err(|e| ApiError::Network(e.to_string()))?).await
}

/// The address of an attachment for a signed-in admin (the session cookie authorises it).
pub fn admin_attachment_url(report_id: i64, attachment_id: &str) -> String {
    url(&format!("/admin/reports/{report_id}/attachments/{attachment_id}"))
}

/// The reporter acts on their own report (number + code): supply information, accept, reopen.
pub async fn track_action(req: &ReporterActionRequest) -> Result<ReportView, ApiError> {
    send_json(Request::post(&url("/track/actions")), req).await
}

/// The query string of the public list (`q=…&regency=…`), empty fields left
/// out. The browser's own address uses the same, so a filtered list is a link.
pub fn public_query_string(q: &domain::public::PublicQuery) -> String {
    let num = |n: Option<i64>| n.map(|n| n.to_string());
    let pairs = [
        ("q", q.words().map(str::to_string)),
        ("kind", q.kind.map(|k| k.as_str().to_string())),
        ("category", num(q.category)),
        ("province", q.province.clone()),
        ("regency", q.regency.clone()),
        ("district", q.district.clone()),
        ("status", q.status.map(|s| s.as_str().to_string())),
        ("agency", num(q.agency)),
        ("sort", q.sort.filter(|s| *s != domain::public::PublicSort::default()).map(|s| s.as_str().to_string())),
        ("after", q.after.clone()),
        ("limit", q.limit.map(|l| l.to_string())),
    ];
    query_string(pairs.into_iter().filter_map(|(k, v)| Some((k, v?))))
}

/// One page of the public list: reports anyone may see, with counts by status.
pub async fn public_reports(q: &domain::public::PublicQuery) -> Result<domain::public::PublicReportPage, ApiError> {
    send(Request::get(&url(&format!("/public/reports?{}", public_query_string(q))))).await
}

/// A public report by its number; `NotFound` also for confidential or unverified ones.
pub async fn public_report(number: &str) -> Result<domain::public::PublicReport, ApiError> {
    send(Request::get(&url(&format!("/public/reports/{number}")))).await
}

// Socialization events (the presenter screen, and the practice form's check of its code).

pub async fn practice_check(code: &str) -> Result<domain::practice::PracticeOpen, ApiError> {
    send(Request::get(&url(&format!("/practice/{code}")))).await
}

pub async fn practice_open() -> Result<domain::practice::PracticeSession, ApiError> {
    send(Request::post(&url("/admin/practice"))).await
}

pub async fn practice_mine() -> Result<Vec<domain::practice::PracticeSession>, ApiError> {
    send(Request::get(&url("/admin/practice"))).await
}

pub async fn practice_addresses() -> Result<domain::practice::JoinAddresses, ApiError> {
    send(Request::get(&url("/admin/practice/addresses"))).await
}

pub async fn practice_live(id: i64) -> Result<domain::practice::PracticeLive, ApiError> {
    send(Request::get(&url(&format!("/admin/practice/{id}")))).await
}

pub async fn practice_step(
    id: i64,
    report_id: i64,
    step: &domain::practice::PracticeStep,
) -> Result<domain::practice::PracticeReport, ApiError> {
    send_json(Request::post(&url(&format!("/admin/practice/{id}/reports/{report_id}"))), step).await
}

pub async fn practice_close(id: i64) -> Result<domain::practice::PracticeClosed, ApiError> {
    send(Request::post(&url(&format!("/admin/practice/{id}/close")))).await
}
