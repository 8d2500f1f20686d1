//! Public endpoints: submitting a report and tracking it.

use super::views::{kind, overdue, report_view, working_days_left, ReportFiles};
use super::limits::{self, ClientAddr};
use crate::db::{Claim, IdempotencyKey, NewReportRow, ReportRow, SubmitOutcome};
use crate::idempotency;
use crate::error::{ApiJson, Error, Result};
use crate::regions::Regions;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::api::{ApiErrorBody, AttachmentClaim, NewReport, PublicStatus, ReportView, ReporterActionRequest, SubmitReceipt, TrackRequest};
use domain::status::VERIFY_DAYS;
use domain::tracking::{access_code_from_random, normalize_access_code, normalize_tracking, tracking_from_random};
use domain::practice::normalize_code;
use domain::{Actor, EventKind, FieldErrors, FieldIssue, FollowupClass, Status};
use crate::config::RateLimit;

/// Practice reports accepted per client address (a phone in a hall sends a
/// few; this only stops a flood of the presenter's screen).
pub const PRACTICE_LIMIT: RateLimit = RateLimit { count: 30, window_secs: 600 };
use rand::Rng;
use crate::accounts::sha256_hex;

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Checks that a region code exists and sits under `parent`, unless the
/// field already has an issue.
fn check_region(errs: &mut FieldErrors, regions: &Regions, field: &str, code: &str, parent: Option<&str>) {
    if code.is_empty() || errs.0.contains_key(field) {
        return;
    }
    if !regions.exists(code) {
        errs.add(field, FieldIssue::UnknownRegion);
    } else if parent.is_some_and(|p| regions.parent(code) != Some(p)) {
        errs.add(field, FieldIssue::RegionMismatch);
    }
}

#[utoipa::path(
    post,
    path = "/api/v1/reports",
    tag = "reports",
    request_body = NewReport,
    responses(
        (status = 201, description = "Report stored; the access code is shown only now", body = SubmitReceipt),
        (status = 200, description = "Retry with a known idempotency key and the same body: the first receipt", body = SubmitReceipt),
        (status = 422, description = "Field problems; `attachments`: `too_many_files` or `unknown_attachment` (unknown, \
                                      wrong token, or attached to a report already); `idempotency_key`: \
                                      `invalid_idempotency_key` or `idempotency_key_reused` (the key came with another \
                                      body before); `practice_code`: `practice_closed` (no open session has \
                                      this code)", body = ApiErrorBody),
        (status = 429, description = "Too many reports from this address (an idempotent retry is never counted); \
                                      see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn submit(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<NewReport>,
) -> Result<(StatusCode, Json<SubmitReceipt>)> {
    let today = crate::today();
    let mut errs = req.validate(today).err().unwrap_or_default();
    let province = req.province_code.trim().to_string();
    let regency = req.regency_code.trim().to_string();
    let district = non_empty(&req.district_code);
    let village = non_empty(&req.village_code).filter(|_| district.is_some());
    check_region(&mut errs, &st.regions, "province_code", &province, None);
    let province_ok = !errs.0.contains_key("province_code");
    check_region(&mut errs, &st.regions, "regency_code", &regency, province_ok.then_some(province.as_str()));
    if let Some(d) = &district {
        check_region(&mut errs, &st.regions, "district_code", d, Some(&regency));
        if let Some(v) = &village {
            check_region(&mut errs, &st.regions, "village_code", v, Some(d));
        }
    }
    if let Some(c) = req.category_id {
        if st.db.open_category(c).await?.is_none() {
            errs.add("category_id", FieldIssue::UnknownCategory);
        }
    }
    if let Some(a) = req.target_agency_id {
        if !st.db.agency(a).await?.is_some_and(|a| a.active) {
            errs.add("target_agency_id", FieldIssue::UnknownAgency);
        }
    }
    let key = req.idempotency_key.clone();
    let key_hash = key.as_deref().filter(|_| !errs.0.contains_key("idempotency_key")).map(idempotency::key_hash);
    let body_hash = idempotency::body_hash(&req)?;
    // A retry of a stored submission is answered below (its uploads are
    // linked to it already) and never counted.
    let retry = match &key_hash {
        Some(k) => st.db.has_receipt(k).await?,
        None => false,
    };
    let claims = claims(&req.attachments);
    if !retry && !errs.0.contains_key("attachments") {
        match &claims {
            Some(c) if st.db.unclaimable_attachments(c).await?.is_empty() => {}
            _ => errs.add("attachments", FieldIssue::UnknownAttachment),
        }
    }
    let practice = match req.practice_code.as_deref().and_then(normalize_code) {
        Some(code) if !errs.0.contains_key("practice_code") => match st.db.practice_by_code(&code).await? {
            Some(session) => Some(session),
            None => {
                errs.add("practice_code", FieldIssue::PracticeClosed);
                None
            }
        },
        _ => None,
    };
    if !errs.is_empty() {
        return Err(Error::Validation(errs));
    }
    let claims = claims.unwrap_or_default();
    if !retry {
        // Practice reports have their own counter: a hall practising never
        // uses up the real limit of its network, nor the other way round.
        match &practice {
            Some(_) => limits::hit(&st, PRACTICE_LIMIT, "practice_submit", &client, "laporan latihan").await?,
            None => limits::hit(&st, st.limits.submit, "submit", &client, "laporan").await?,
        };
    }

    let now = crate::now();
    let calendar = st.calendar().await?;
    let due = calendar.add_working_days(today, VERIFY_DAYS).to_string();
    let access_code = access_code_from_random(rand::thread_rng().gen());
    let row = NewReportRow {
        access_code_hash: sha256_hex(&access_code),
        kind: req.kind.as_str().into(),
        title: req.title.trim().into(),
        body: req.body.trim().into(),
        incident_date: non_empty(&req.incident_date),
        province_code: province,
        regency_code: regency,
        district_code: district,
        village_code: village,
        address: req.address.trim().into(),
        category_id: req.category_id,
        target_agency_id: req.target_agency_id,
        agency_id: None,
        followup_class: FollowupClass::Biasa.as_str().into(),
        anonymous: req.anonymous,
        confidential: req.confidential,
        reporter_name: req.reporter_name.trim().into(),
        reporter_phone: req.reporter_phone.trim().into(),
        reporter_email: req.reporter_email.trim().into(),
        status: Status::Submitted.as_str().into(),
        due_date: Some(due),
        created_at: now,
        updated_at: now,
        archive_reason: None,
        practice_session_id: practice.as_ref().map(|s| s.id),
    };
    let event = crate::lifecycle::anonymous_event(now, EventKind::Submitted, Status::Submitted, Actor::Reporter, None);
    let mut next = || tracking_from_random(rand::thread_rng().gen());
    let seal = |receipt: &SubmitReceipt| idempotency::seal(receipt, key.as_deref().unwrap_or_default());
    let idem = key_hash.as_deref().map(|key_hash| IdempotencyKey { key_hash, body_hash: &body_hash, seal: &seal });
    match st.db.submit_report(&row, &access_code, &event, &claims, idem.as_ref(), &mut next).await? {
        SubmitOutcome::Created { id, receipt } => {
            tracing::info!(report_id = id, practice = practice.is_some(), "report submitted");
            Ok((StatusCode::CREATED, Json(receipt)))
        }
        SubmitOutcome::Existing { body_hash: first, receipt_json } => {
            if first != body_hash || receipt_json.is_empty() {
                return Err(Error::field("idempotency_key", FieldIssue::IdempotencyKeyReused));
            }
            let receipt = idempotency::open(&receipt_json, key.as_deref().unwrap_or_default())?;
            Ok((StatusCode::OK, Json(receipt)))
        }
        SubmitOutcome::UnknownAttachment => Err(Error::field("attachments", FieldIssue::UnknownAttachment)),
    }
}

/// The claimed uploads with their ids in lowercase and their tokens hashed,
/// duplicates dropped (first place kept); `None` if one is not an upload's
/// id and token at all.
pub(crate) fn claims(claims: &[AttachmentClaim]) -> Option<Vec<Claim>> {
    let mut out: Vec<Claim> = Vec::with_capacity(claims.len());
    for c in claims {
        let id = c.id.trim().to_ascii_lowercase();
        let token = c.token.trim();
        if !crate::storage::is_valid_id(&id) || token.is_empty() || token.len() > 200 {
            return None;
        }
        if !out.iter().any(|o| o.id == id) {
            out.push(Claim { id, token_hash: sha256_hex(token) });
        }
    }
    Some(out)
}

/// A tracking number as typed (separators allowed), or 422 on `tracking_number`.
pub(super) fn parse_number(input: &str) -> Result<String> {
    normalize_tracking(input).ok_or_else(|| Error::field("tracking_number", FieldIssue::InvalidTrackingNumber))
}

#[utoipa::path(
    get,
    path = "/api/v1/track/{number}",
    tag = "reports",
    params(("number" = String, Path, description = "Tracking number, 12 digits (separators allowed)")),
    responses(
        (status = 200, description = "Status of a report that is not confidential", body = PublicStatus),
        (status = 404, description = "Unknown or confidential", body = ApiErrorBody),
        (status = 422, description = "Not a valid tracking number", body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn track_public(
    State(st): State<AppState>,
    client: ClientAddr,
    Path(number): Path<String>,
) -> Result<Json<PublicStatus>> {
    let number = parse_number(&number)?;
    let row = limits::lookup(&st, &client, st.db.public_report_by_number(&number), Error::report_not_found).await?;
    let today = crate::today();
    let cal = st.calendar().await?;
    Ok(Json(PublicStatus {
        tracking_number: row.tracking_number.clone(),
        kind: kind(&row),
        status: row.status,
        created_at: row.created_at,
        updated_at: row.updated_at,
        overdue: overdue(row.status, row.due_date.as_deref(), today),
        working_days_left: working_days_left(&cal, row.status, row.due_date.as_deref(), today),
        due_date: row.due_date,
    }))
}

#[utoipa::path(
    post,
    path = "/api/v1/track",
    tag = "reports",
    request_body = TrackRequest,
    responses(
        (status = 200, description = "The whole report as its reporter sees it", body = ReportView),
        (status = 404, description = "Unknown number or wrong code", body = ApiErrorBody),
        (status = 422, description = "Malformed number or code", body = ApiErrorBody),
        (status = 429, description = "Too many lookups from this address opened no report; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn track(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<TrackRequest>,
) -> Result<Json<ReportView>> {
    let row = reporter_report(&st, &client, &req).await?;
    Ok(Json(reporter_view(&st, &row).await?))
}

/// The report as its reporter sees it (no internal events).
async fn reporter_view(st: &AppState, row: &ReportRow) -> Result<ReportView> {
    let events = st.db.events(row.id, false).await?;
    let files = ReportFiles::load(&st.db, row.id).await?;
    let cal = st.calendar().await?;
    Ok(report_view(&st.regions, row, events, files, false, &cal, crate::today()))
}

#[utoipa::path(
    post,
    path = "/api/v1/track/actions",
    tag = "reports",
    request_body = ReporterActionRequest,
    responses(
        (status = 200, description = "The report after the action, as `POST /api/v1/track` shows it", body = ReportView),
        (status = 404, description = "Unknown number or wrong code", body = ApiErrorBody),
        (status = 409, description = "Not possible in the report's current status, reopened too often, \
                                      or changed meanwhile", body = ApiErrorBody),
        (status = 422, description = "Malformed number or code; `message` (supply_info) or `reason` (reopen) \
                                      empty or too long; `rating` (accept) not 1–5 (`invalid_rating`)", body = ApiErrorBody),
        (status = 429, description = "Too many actions from this address; see `Retry-After`", body = ApiErrorBody),
    )
)]
pub async fn track_action(
    State(st): State<AppState>,
    client: ClientAddr,
    ApiJson(req): ApiJson<ReporterActionRequest>,
) -> Result<Json<ReportView>> {
    limits::hit(&st, st.limits.action, "track_action", &client, "tindakan").await?;
    let proof = TrackRequest { tracking_number: req.tracking_number, access_code: req.access_code };
    let row = reporter_report(&st, &client, &proof).await?;
    crate::lifecycle::perform_reporter(&st, &row, req.action).await?;
    let row = st.db.report(row.id).await?.ok_or_else(Error::report_not_found)?;
    Ok(Json(reporter_view(&st, &row).await?))
}

/// The report a tracking number and access code open: 422 when either is
/// malformed, the same 404 for an unknown number and a wrong code (counted
/// as a miss of this address), 429 after too many misses.
pub(super) async fn reporter_report(st: &AppState, client: &ClientAddr, req: &TrackRequest) -> Result<ReportRow> {
    let mut errs = FieldErrors::default();
    let number = normalize_tracking(&req.tracking_number);
    if number.is_none() {
        errs.add("tracking_number", FieldIssue::InvalidTrackingNumber);
    }
    let code = normalize_access_code(&req.access_code);
    if code.is_none() {
        errs.add("access_code", FieldIssue::InvalidAccessCode);
    }
    let (Some(number), Some(code)) = (number, code) else { return Err(Error::Validation(errs)) };
    let code_hash = sha256_hex(&code);
    limits::lookup(st, client, st.db.report_by_number_and_code(&number, &code_hash), Error::report_not_found).await
}
