//! The presenter's walk through a practice report: the same status moves,
//! deadlines and timeline events as a real report, made by nobody's account
//! (the events say "Koordinator" and the agency's name, as the reporter sees
//! them) and on no audit log, since closing the session deletes the report.

use super::{required_text, Ctx};
use crate::db::ReportRow;
use crate::error::{Error, Result};
use crate::AppState;
use domain::practice::PracticeStep;
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
