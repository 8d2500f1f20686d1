//! What each officer action does to a report.

use super::{drafts, optional_text, required_text, Ctx};
use crate::accounts::AuthUser;
use crate::db::ReportRow;
use crate::error::{Error, Result};
use crate::AppState;
use domain::api::{AdminAction, AttachmentClaim, BulkArchive, BulkFailure, BulkResult, BULK_MAX};
use domain::attachments::MAX_ATTACHMENTS;
use domain::audit::{AuditAction, AuditChange, AuditField};
use domain::handling::ArchiveReason;
use domain::status::{REPLY_WINDOW_DAYS as REPLY, VERIFY_DAYS as VERIFY};
use domain::tracking::{display_tracking, normalize_tracking};
use domain::{Actor, Date, EventKind, FieldErrors, FieldIssue, Status, Transition};

fn coordinators_only(actor: Actor, what: &str) -> Result<()> {
    if actor == Actor::Coordinator {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("Hanya admin koordinator yang dapat {what}.")))
    }
}

/// Does `action` by `user` (acting as `actor`) to `row`.
pub async fn perform(st: &AppState, user: &AuthUser, actor: Actor, row: &ReportRow, action: AdminAction) -> Result<()> {
    let cx = Ctx { st, user: Some(user), actor, row };
    match action {
        AdminAction::Dispatch { agency_id, category_id, followup_class, note } => {
            let status = cx.check(Transition::Dispatch)?;
            let mut errs = FieldErrors::default();
            let agency = st.db.agency(agency_id).await?.filter(|a| a.active);
            if agency.is_none() {
                errs.add("agency_id", FieldIssue::UnknownAgency);
            }
            // A retired category only where the report already has it.
            if row.category_id != Some(category_id) && st.db.open_category(category_id).await?.is_none() {
                errs.add("category_id", FieldIssue::UnknownCategory);
            }
            let (Some(agency), true) = (agency, errs.is_empty()) else { return Err(Error::Validation(errs)) };
            let note = optional_text("note", &note)?;
            let mut upd = cx.update(status);
            upd.agency_id = Some(agency_id);
            upd.category_id = Some(category_id);
            upd.followup_class = followup_class.as_str().into();
            upd.due_date = cx.due_in(followup_class.days()).await?;
            let mut events = vec![cx.event(EventKind::Dispatch, status, Some(format!("Diteruskan ke {}.", agency.name)), false)];
            if let Some(note) = note {
                let mut note = cx.event(EventKind::Note, status, Some(note), true);
                note.audience_agency_id = Some(agency_id);
                events.push(note);
            }
            cx.commit(upd, &events).await
        }
        AdminAction::RequestInfo { note } => {
            let status = cx.check(Transition::RequestInfo)?;
            let note = required_text("note", &note)?;
            cx.commit(cx.update(status), &[cx.event(EventKind::RequestInfo, status, Some(note), false)]).await
        }
        AdminAction::Archive { reason, duplicate_of, note } => {
            let status = cx.check(Transition::Archive)?;
            let archive = Archive::check(st, user, reason, duplicate_of.as_deref(), &note).await?;
            archive.apply(&cx, status).await
        }
        AdminAction::Return { reason } => {
            let status = cx.check(Transition::Return)?;
            let reason = required_text("reason", &reason)?;
            let mut upd = cx.update(status);
            upd.agency_id = None;
            upd.due_date = cx.due_in(VERIFY).await?;
            cx.commit(upd, &[cx.event(EventKind::Return, status, Some(reason), false)]).await
        }
        AdminAction::Respond { message, attachments, draft_id } => {
            let status = cx.check(Transition::Respond)?;
            let message = required_text("message", &message)?;
            if user.drafts_only() {
                return drafts::draft(&cx, message, &attachments).await;
            }
            let approving = match draft_id {
                Some(id) => Some(drafts::pending(&cx, id).await?),
                None => None,
            };
            let files = claims(st, &attachments).await?;
            let mut upd = cx.update(status);
            upd.files = files;
            upd.due_date = cx.due_in(REPLY).await?;
            cx.commit(upd, &[cx.event(EventKind::Respond, status, Some(message.clone()), false)]).await?;
            match approving {
                Some(d) => drafts::approve(&cx, d, &message).await,
                None => Ok(()),
            }
        }
        AdminAction::ReturnDraft { draft_id, note } => {
            let d = drafts::pending(&cx, draft_id).await?;
            drafts::send_back(&cx, d, required_text("note", &note)?).await
        }
        AdminAction::Note { text } => {
            let text = required_text("text", &text)?;
            let audit = cx.audit(AuditAction::Note, Vec::new()).expect("an officer");
            st.db.add_event(row.id, &cx.event(EventKind::Note, row.status, Some(text), true), &audit).await?;
            Ok(())
        }
        AdminAction::SetFlags { anonymous, confidential } => {
            coordinators_only(actor, "mengubah penanda laporan")?;
            if !anonymous && !confidential {
                return Err(Error::field("anonymous", FieldIssue::Required));
            }
            let (anonymous, confidential) = (anonymous && !row.anonymous, confidential && !row.confidential);
            let mut set = Vec::new();
            let mut changes = Vec::new();
            for (on, name, field) in [(anonymous, "anonim", AuditField::Anonymous), (confidential, "rahasia", AuditField::Confidential)] {
                if on {
                    set.push(name);
                    changes.push(AuditChange { field, before: Some("false".into()), after: Some("true".into()) });
                }
            }
            if set.is_empty() {
                return Ok(());
            }
            let msg = format!("Laporan ditandai {} oleh {} ({}).", set.join(" dan "), user.display_name, user.username);
            let event = cx.event(EventKind::Flags, row.status, Some(msg), true);
            let audit = cx.audit(AuditAction::Flags, changes).expect("an officer");
            st.db.set_flags(row.id, anonymous, confidential, &event, &audit).await?;
            Ok(())
        }
        AdminAction::Classify { category_id, maladministration, followup_class } => {
            coordinators_only(actor, "mengubah klasifikasi laporan")?;
            let category = if row.category_id == Some(category_id) { st.db.category(category_id).await? } else { st.db.open_category(category_id).await? };
            let Some(category) = category else {
                return Err(Error::field("category_id", FieldIssue::UnknownCategory));
            };
            let mut upd = cx.update(row.status);
            upd.due_date = row.due_date.clone();
            upd.category_id = Some(category_id);
            upd.maladministration = maladministration.map(|m| m.as_str().to_string());
            upd.followup_class = followup_class.as_str().into();
            let class_changed = upd.followup_class != row.followup_class;
            if class_changed && row.status == Status::Dispatched {
                // The agency's time counts from its (latest) disposition.
                let since = dispatched_on(st, row).await?.unwrap_or_else(crate::today);
                upd.due_date = Some(st.calendar().await?.add_working_days(since, followup_class.days()).to_string());
            }
            let mut said = Vec::new();
            if upd.category_id != row.category_id {
                said.push(format!("kategori {}", category.name));
            }
            if upd.maladministration != row.maladministration {
                said.push(match maladministration {
                    Some(m) => format!("maladministrasi {}", m.label(domain::Lang::Id).to_lowercase()),
                    None => "tanpa maladministrasi".into(),
                });
            }
            if class_changed {
                said.push(format!("batas tindak lanjut {} hari kerja", followup_class.days()));
            }
            if said.is_empty() {
                return Ok(());
            }
            let msg = format!("Klasifikasi: {}.", said.join("; "));
            cx.commit(upd, &[cx.event(EventKind::Classify, row.status, Some(msg), true)]).await
        }
    }
}

/// The day of the report's latest disposition (or reopening), in WIB.
async fn dispatched_on(st: &AppState, row: &ReportRow) -> Result<Option<Date>> {
    let events = st.db.events(row.id, false).await?;
    Ok(events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Dispatch | EventKind::Reopen))
        .map(|e| Date::from_unix(e.at, crate::TZ_OFFSET_HOURS)))
}

/// A follow-up's files, claimed by their upload tokens.
async fn claims(st: &AppState, attachments: &[AttachmentClaim]) -> Result<Vec<crate::db::Claim>> {
    if attachments.len() > MAX_ATTACHMENTS {
        return Err(Error::field("attachments", FieldIssue::TooManyFiles { max: MAX_ATTACHMENTS }));
    }
    let files = super::submit::claims(attachments).ok_or_else(|| Error::field("attachments", FieldIssue::UnknownAttachment))?;
    if !st.db.unclaimable_attachments(&files).await?.is_empty() {
        return Err(Error::field("attachments", FieldIssue::UnknownAttachment));
    }
    Ok(files)
}

/// A checked archive decision: the reason, the original of a duplicate, the note.
struct Archive {
    reason: ArchiveReason,
    original: Option<ReportRow>,
    note: Option<String>,
}

impl Archive {
    async fn check(st: &AppState, user: &AuthUser, reason: ArchiveReason, duplicate_of: Option<&str>, note: &str) -> Result<Archive> {
        let note = optional_text("note", note)?;
        let number = duplicate_of.map(str::trim).filter(|n| !n.is_empty());
        let original = match (reason, number) {
            (ArchiveReason::Duplicate, None) => return Err(Error::field("duplicate_of", FieldIssue::Required)),
            (ArchiveReason::Duplicate, Some(n)) => {
                let n = normalize_tracking(n).ok_or_else(|| Error::field("duplicate_of", FieldIssue::InvalidTrackingNumber))?;
                // The original must be one this officer may see: another
                // region's report is as unknown as a missing one.
                let original = st.db.report_by_number(&n).await?.filter(|o| user.may_see(o));
                Some(original.ok_or_else(|| Error::field("duplicate_of", FieldIssue::UnknownReport))?)
            }
            _ => None,
        };
        Ok(Archive { reason, original, note })
    }

    async fn apply(&self, cx: &Ctx<'_>, status: Status) -> Result<()> {
        if self.original.as_ref().is_some_and(|o| o.id == cx.row.id) {
            return Err(Error::field("duplicate_of", FieldIssue::UnknownReport));
        }
        let mut msg = format!("{}.", self.reason.label(domain::Lang::Id));
        if let Some(o) = &self.original {
            msg.push_str(&format!(" Laporan asli: {}.", display_tracking(&o.tracking_number)));
        }
        if let Some(n) = &self.note {
            msg.push(' ');
            msg.push_str(n);
        }
        let mut upd = cx.update(status);
        upd.archive_reason = Some(self.reason.as_str().into());
        upd.duplicate_of = self.original.as_ref().map(|o| o.id);
        cx.commit(upd, &[cx.event(EventKind::Archive, status, Some(msg), false)]).await
    }
}

/// Archives several reports with one reason, each with its own event and
/// audit entry; a report that cannot be archived (moved on, not found) is
/// listed with why, and the others are archived all the same.
pub async fn archive_many(st: &AppState, user: &AuthUser, actor: Actor, req: &BulkArchive) -> Result<BulkResult> {
    coordinators_only(actor, "mengarsipkan laporan")?;
    if req.ids.is_empty() {
        return Err(Error::field("ids", FieldIssue::Required));
    }
    if req.ids.len() > BULK_MAX {
        return Err(Error::field("ids", FieldIssue::TooManyFiles { max: BULK_MAX }));
    }
    let archive = Archive::check(st, user, req.reason, req.duplicate_of.as_deref(), &req.note).await?;
    let mut out = BulkResult::default();
    let mut seen = Vec::with_capacity(req.ids.len());
    for &id in &req.ids {
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let done = match st.db.report(id).await?.filter(|r| user.may_see(r)) {
            None => Err(Error::report_not_found()),
            Some(row) => {
                let cx = Ctx { st, user: Some(user), actor, row: &row };
                match cx.check(Transition::Archive) {
                    Ok(status) => archive.apply(&cx, status).await,
                    Err(e) => Err(e),
                }
            }
        };
        match done {
            Ok(()) => out.done.push(id),
            Err(Error::Internal(e)) => return Err(Error::Internal(e)),
            Err(e) => out.failed.push(BulkFailure { id, message: e.message() }),
        }
    }
    Ok(out)
}
