//! What each admin action does to a report.

use super::admin::{required_text, Ctx};
use super::auth::AuthUser;
use crate::db::ReportRow;
use crate::error::{Error, Result};
use crate::AppState;
use domain::api::{AdminAction, ReporterAction};
use domain::status::{REPLY_WINDOW_DAYS as REPLY, VERIFY_DAYS as VERIFY};
use domain::attachments::MAX_ATTACHMENTS;
use domain::{Actor, FieldErrors, FieldIssue, FollowupClass, Transition};

pub(super) async fn perform(st: &AppState, user: &AuthUser, actor: Actor, row: &ReportRow, action: AdminAction) -> Result<()> {
    let cx = Ctx { st, user: Some(user), actor, row };
    match action {
        AdminAction::Dispatch { agency_id, category_id, followup_class, note } => {
            let status = cx.check(Transition::Dispatch)?;
            let mut errs = FieldErrors::default();
            let agency = st.db.agency(agency_id).await?;
            if agency.is_none() {
                errs.add("agency_id", FieldIssue::UnknownAgency);
            }
            if st.db.category(category_id).await?.is_none() {
                errs.add("category_id", FieldIssue::UnknownCategory);
            }
            let (Some(agency), true) = (agency, errs.is_empty()) else { return Err(Error::Validation(errs)) };
            let mut upd = cx.update(status);
            upd.agency_id = Some(agency_id);
            upd.category_id = Some(category_id);
            upd.followup_class = followup_class.as_str().into();
            upd.due_date = cx.due_in(followup_class.days()).await?;
            let mut events = vec![cx.event("dispatch", status, Some(format!("Diteruskan ke {}.", agency.name)), false)];
            if !note.trim().is_empty() {
                let mut note = cx.event("note", status, Some(required_text("note", &note)?), true);
                note.audience_agency_id = Some(agency_id);
                events.push(note);
            }
            cx.commit(upd, &events).await
        }
        AdminAction::RequestInfo { note } => {
            let status = cx.check(Transition::RequestInfo)?;
            let note = required_text("note", &note)?;
            cx.commit(cx.update(status), &[cx.event("request_info", status, Some(note), false)]).await
        }
        AdminAction::Archive { reason } => {
            let status = cx.check(Transition::Archive)?;
            let reason = required_text("reason", &reason)?;
            cx.commit(cx.update(status), &[cx.event("archive", status, Some(reason), false)]).await
        }
        AdminAction::Return { reason } => {
            let status = cx.check(Transition::Return)?;
            let reason = required_text("reason", &reason)?;
            let mut upd = cx.update(status);
            upd.agency_id = None;
            upd.due_date = cx.due_in(VERIFY).await?;
            cx.commit(upd, &[cx.event("return", status, Some(reason), false)]).await
        }
        AdminAction::Respond { message, attachments } => {
            let status = cx.check(Transition::Respond)?;
            let message = required_text("message", &message)?;
            if attachments.len() > MAX_ATTACHMENTS {
                return Err(Error::field("attachments", FieldIssue::TooManyFiles { max: MAX_ATTACHMENTS }));
            }
            let files = super::reports::claims(&attachments)
                .ok_or_else(|| Error::field("attachments", FieldIssue::UnknownAttachment))?;
            if !st.db.unclaimable_attachments(&files).await?.is_empty() {
                return Err(Error::field("attachments", FieldIssue::UnknownAttachment));
            }
            let mut upd = cx.update(status);
            upd.files = files;
            upd.due_date = cx.due_in(REPLY).await?;
            cx.commit(upd, &[cx.event("respond", status, Some(message), false)]).await
        }
        AdminAction::Note { text } => {
            let text = required_text("text", &text)?;
            st.db.add_event(row.id, &cx.event("note", row.status, Some(text), true)).await?;
            Ok(())
        }
        AdminAction::SetFlags { anonymous, confidential } => {
            if actor != Actor::Coordinator {
                return Err(Error::Forbidden("Hanya koordinator yang dapat mengubah penanda laporan.".into()));
            }
            if !anonymous && !confidential {
                return Err(Error::field("anonymous", FieldIssue::Required));
            }
            let mut set = Vec::new();
            if anonymous && !row.anonymous {
                set.push("anonim");
            }
            if confidential && !row.confidential {
                set.push("rahasia");
            }
            if set.is_empty() {
                return Ok(());
            }
            let msg = format!("Laporan ditandai {} oleh {} ({}).", set.join(" dan "), user.display_name, user.username);
            let event = cx.event("flags", row.status, Some(msg), true);
            st.db.set_flags(row.id, anonymous, confidential, &event).await?;
            Ok(())
        }
    }
}

/// What a reporter's action does to their own report (ownership already
/// proven by number and access code).
pub(super) async fn perform_reporter(st: &AppState, row: &ReportRow, action: ReporterAction) -> Result<()> {
    let cx = Ctx { st, user: None, actor: Actor::Reporter, row };
    let status = cx.check(action.transition())?;
    match action {
        ReporterAction::SupplyInfo { message } => {
            let message = required_text("message", &message)?;
            let mut upd = cx.update(status);
            upd.due_date = cx.due_in(VERIFY).await?;
            cx.commit(upd, &[cx.event("supply_info", status, Some(message), false)]).await
        }
        ReporterAction::Accept { rating, message } => {
            let rating = domain::rating::check(rating).map_err(|issue| Error::field("rating", issue))?;
            let comment = if message.trim().is_empty() { None } else { Some(required_text("message", &message)?) };
            let text = comment.clone().unwrap_or_else(|| "Pelapor menerima tindak lanjut.".to_string());
            // `update` starts with no deadline: a closed report has none.
            let mut upd = cx.update(status);
            upd.rating = Some((i64::from(rating), comment));
            cx.commit(upd, &[cx.event("close", status, Some(text), false)]).await
        }
        ReporterAction::Reopen { reason } => {
            let reason = required_text("reason", &reason)?;
            // Back to the same agency (`update` keeps `agency_id`).
            let mut upd = cx.update(status);
            upd.reopened = true;
            upd.due_date = cx.due_in(FollowupClass::parse(&row.followup_class).days()).await?;
            cx.commit(upd, &[cx.event("reopen", status, Some(reason), false)]).await
        }
    }
}
