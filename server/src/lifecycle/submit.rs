//! A new report: the citizen's own (`POST /api/v1/reports`) or one an officer
//! entered from another channel (`POST /api/v1/admin/reports`). Both are
//! checked against the server's lists the same way and stored the same way:
//! the first event, the uploads claimed, the idempotency key and, for an
//! officer's entry, its audit entry, in one transaction.

use crate::accounts::{sha256_hex, AuthUser};
use crate::db::{Claim, IdempotencyKey, NewReportRow, SubmitOutcome};
use crate::error::{Error, Result};
use crate::idempotency;
use crate::regions::Regions;
use crate::AppState;
use domain::api::{AttachmentClaim, NewReport, SubmitReceipt};
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::intake::Channel;
use domain::practice::normalize_code;
use domain::status::VERIFY_DAYS;
use domain::tracking::{access_code_from_random, tracking_from_random};
use domain::{Actor, Date, EventKind, FieldErrors, FieldIssue, FollowupClass, Status};
use rand::Rng;

/// A new report that passed every check, ready to store.
pub struct Checked {
    province: String,
    regency: String,
    district: Option<String>,
    village: Option<String>,
    claims: Vec<Claim>,
    /// A practice report's session.
    practice: Option<i64>,
    key_hash: Option<String>,
    body_hash: String,
    /// A retry of a stored submission (its key has a receipt): answered
    /// with that receipt, and never counted against a rate limit.
    pub retry: bool,
}

impl Checked {
    pub fn is_practice(&self) -> bool {
        self.practice.is_some()
    }
}

/// Where a new report came from.
pub enum Source<'a> {
    /// The citizen's own form, received today.
    Citizen,
    /// Entered by an officer from another channel, received on `received`.
    Entered { by: &'a AuthUser, channel: Channel, received: Date, contact: String },
}

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

/// Checks `req` against the regions, categories, agencies, uploads and
/// practice sessions, adding to `errs` (the shared `domain` rules' findings,
/// and the caller's own); a 422 with every problem when there is one.
/// `body_hash` is the request's hash without its key and claims.
pub async fn check(st: &AppState, req: &NewReport, mut errs: FieldErrors, body_hash: String) -> Result<Checked> {
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
    let key_hash = req.idempotency_key.as_deref().filter(|_| !errs.0.contains_key("idempotency_key")).map(idempotency::key_hash);
    let retry = match &key_hash {
        Some(k) => st.db.has_receipt(k).await?,
        None => false,
    };
    let claims = claims(&req.attachments);
    // A retry's uploads are linked to its report already.
    if !retry && !errs.0.contains_key("attachments") {
        match &claims {
            Some(c) if st.db.unclaimable_attachments(c).await?.is_empty() => {}
            _ => errs.add("attachments", FieldIssue::UnknownAttachment),
        }
    }
    let practice = match req.practice_code.as_deref().and_then(normalize_code) {
        Some(code) if !errs.0.contains_key("practice_code") => match st.db.practice_by_code(&code).await? {
            Some(session) => Some(session.id),
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
    Ok(Checked {
        province,
        regency,
        district,
        village,
        claims: claims.unwrap_or_default(),
        practice,
        key_hash,
        body_hash,
        retry,
    })
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

/// A stored report: new (with its id), or the first receipt of a retry.
pub enum Stored {
    Created { id: i64, receipt: SubmitReceipt },
    Again(SubmitReceipt),
}

/// The first event's words on a report entered from another channel, for
/// the reporter's timeline.
pub fn entered_message(channel: Channel, received: Date) -> String {
    let label = channel.label(domain::Lang::Id);
    // "surat", "media sosial", but "SMS".
    let label = if label.chars().nth(1).is_some_and(char::is_uppercase) { label.to_string() } else { label.to_lowercase() };
    format!("Diterima melalui {label} pada {}, dicatat oleh admin koordinator.", received.in_indonesian())
}

/// Stores a checked report: received today (the citizen's) or on the day an
/// officer gives, its verification deadline counted from then.
pub async fn store(st: &AppState, req: &NewReport, checked: Checked, source: &Source<'_>) -> Result<Stored> {
    let now = crate::now();
    let received = match source {
        Source::Citizen => crate::today(),
        Source::Entered { received, .. } => *received,
    };
    let calendar = st.calendar().await?;
    let due = calendar.add_working_days(received, VERIFY_DAYS).to_string();
    let access_code = access_code_from_random(rand::thread_rng().gen());
    let (channel, contact) = match source {
        Source::Citizen => (Channel::Web, String::new()),
        Source::Entered { channel, contact, .. } => (*channel, contact.trim().to_string()),
    };
    let row = NewReportRow {
        access_code_hash: sha256_hex(&access_code),
        kind: req.kind.as_str().into(),
        title: req.title.trim().into(),
        body: req.body.trim().into(),
        incident_date: non_empty(&req.incident_date),
        province_code: checked.province,
        regency_code: checked.regency,
        district_code: checked.district,
        village_code: checked.village,
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
        due_date: Some(due.clone()),
        created_at: now,
        updated_at: now,
        archive_reason: None,
        practice_session_id: checked.practice,
        channel,
        reporter_contact: contact,
        created_on: Some(received.to_string()),
    };
    let (event, audit) = match source {
        Source::Citizen => (super::anonymous_event(now, EventKind::Submitted, Status::Submitted, Actor::Reporter, None), None),
        Source::Entered { by, channel, received, .. } => {
            let message = entered_message(*channel, *received);
            let mut event = super::anonymous_event(now, EventKind::Submitted, Status::Submitted, Actor::Coordinator, Some(message));
            event.actor_user_id = Some(by.id);
            let changes = [
                AuditChange::of(AuditField::Status, None, Some(Status::Submitted.as_str().into())),
                AuditChange::of(AuditField::Channel, None, Some(channel.as_str().into())),
                AuditChange::of(AuditField::ReceivedDate, None, Some(received.to_string())),
                AuditChange::of(AuditField::DueDate, None, Some(due)),
                AuditChange::of(AuditField::Anonymous, None, req.anonymous.then(|| "true".into())),
                AuditChange::of(AuditField::Confidential, None, req.confidential.then(|| "true".into())),
                AuditChange::of(AuditField::Attachments, None, (!checked.claims.is_empty()).then(|| checked.claims.len().to_string())),
            ];
            (event, Some(by.audit(AuditAction::ReportIntake, None, changes.into_iter().flatten().collect())))
        }
    };
    let mut next = || tracking_from_random(rand::thread_rng().gen());
    let key = req.idempotency_key.clone().unwrap_or_default();
    let seal = |receipt: &SubmitReceipt| idempotency::seal(receipt, &key);
    let idem = checked.key_hash.as_deref().map(|key_hash| IdempotencyKey { key_hash, body_hash: &checked.body_hash, seal: &seal });
    match st.db.submit_report(&row, &access_code, &event, &checked.claims, audit, idem.as_ref(), &mut next).await? {
        SubmitOutcome::Created { id, receipt } => {
            tracing::info!(report_id = id, practice = checked.practice.is_some(), channel = channel.as_str(), "report submitted");
            Ok(Stored::Created { id, receipt })
        }
        SubmitOutcome::Existing { body_hash: first, receipt_json } => {
            if first != checked.body_hash || receipt_json.is_empty() {
                return Err(Error::field("idempotency_key", FieldIssue::IdempotencyKeyReused));
            }
            Ok(Stored::Again(idempotency::open(&receipt_json, &key)?))
        }
        SubmitOutcome::UnknownAttachment => Err(Error::field("attachments", FieldIssue::UnknownAttachment)),
    }
}
