//! The presenter's walk through a practice report: the same status moves,
//! deadlines and timeline events as a real report, made by nobody's account
//! (the events say "Koordinator" and the agency's name, as the reporter sees
//! them) and on no audit log, since closing the session deletes the report.
//! And the end of a session, closed by its presenter or, idle or too old,
//! by the background job: its practice reports deleted with their files.

use super::{required_text, Ctx};
use crate::db::{ClosedSession, ReportRow};
use crate::error::{Error, Result};
use crate::AppState;
use domain::practice::{PracticeStep, IDLE_SECS, MAX_LIFE_SECS};
use domain::status::REPLY_WINDOW_DAYS;
use domain::{Actor, EventKind, FieldIssue, FollowupClass, Transition};

/// Takes one step of the walk on a practice report.
pub async fn walk(st: &AppState, row: &ReportRow, step: PracticeStep) -> Result<()> {
    debug_assert!(row.practice_session_id.is_some(), "only practice reports are walked");
    match step {
        PracticeStep::Dispatch { agency_id } => {
            let cx = Ctx { st, user: None, actor: Actor::Coordinator, row };
            let status = cx.check(Transition::Dispatch)?;
            let agency = st.db.agency(agency_id).await?.ok_or_else(|| Error::field("agency_id", FieldIssue::UnknownAgency))?;
            let mut upd = cx.update(status);
            upd.agency_id = Some(agency.id);
            upd.followup_class = FollowupClass::Biasa.as_str().into();
            upd.due_date = cx.due_in(FollowupClass::Biasa.days()).await?;
            let msg = format!("Diverifikasi dan diteruskan ke {}.", agency.name);
            cx.commit(upd, &[cx.event(EventKind::Dispatch, status, Some(msg), false)]).await
        }
        PracticeStep::Respond { message } => {
            let cx = Ctx { st, user: None, actor: Actor::Agency, row };
            let status = cx.check(Transition::Respond)?;
            let message = required_text("message", &message)?;
            let mut upd = cx.update(status);
            upd.due_date = cx.due_in(REPLY_WINDOW_DAYS).await?;
            let mut event = cx.event(EventKind::Respond, status, Some(message), false);
            event.actor_label = super::actor_label(Actor::Agency, row.agency_name.as_deref());
            cx.commit(upd, &[event]).await
        }
    }
}

/// Deletes the files of an ended session's practice reports (each record,
/// and its file unless another record shares its content); returns how
/// many records.
pub async fn delete_files(st: &AppState, closed: &ClosedSession) -> anyhow::Result<i64> {
    Ok(super::delete_unlinked(st, &closed.attachments, i64::MAX).await? as i64)
}

/// Ends every session that at `now` has seen no activity for `IDLE_SECS` or
/// was opened more than `MAX_LIFE_SECS` ago, as its presenter's "close"
/// does: its practice reports (with the names and phone numbers the
/// audience typed), their timelines and files are deleted. Returns how many
/// sessions it ended. Safe on several instances at once: each session is
/// ended by one of them, and one that saw activity meanwhile is kept (see
/// `Db::end_expired_practice`). A session that fails is logged and tried
/// again on the next run.
pub async fn end_idle(st: &AppState, now: i64) -> anyhow::Result<usize> {
    let (idle_before, opened_before) = (now - IDLE_SECS, now - MAX_LIFE_SECS);
    let mut ended = 0;
    for id in st.db.expired_practices(idle_before, opened_before).await? {
        let closed = match st.db.end_expired_practice(id, idle_before, opened_before).await {
            Ok(Some(closed)) => closed,
            Ok(None) => continue,
            Err(e) => {
                tracing::warn!(session = id, error = format!("{e:#}"), "ending an idle practice session failed");
                continue;
            }
        };
        let files = delete_files(st, &closed).await?;
        tracing::info!(session = id, reports = closed.reports, files, "idle practice session ended");
        ended += 1;
    }
    Ok(ended)
}
