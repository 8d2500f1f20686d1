//! What a reporter's action does to their own report (ownership already
//! proven by number and access code).

use super::{optional_text, required_text, Ctx};
use crate::db::ReportRow;
use crate::error::{Error, Result};
use crate::AppState;
use domain::api::ReporterAction;
use domain::status::VERIFY_DAYS as VERIFY;
use domain::{Actor, EventKind, FollowupClass};

pub async fn perform_reporter(st: &AppState, row: &ReportRow, action: ReporterAction) -> Result<()> {
    let cx = Ctx { st, user: None, actor: Actor::Reporter, row };
    let status = cx.check(action.transition())?;
    match action {
        ReporterAction::SupplyInfo { message } => {
            let message = required_text("message", &message)?;
            let mut upd = cx.update(status);
            upd.due_date = cx.due_in(VERIFY).await?;
            cx.commit(upd, &[cx.event(EventKind::SupplyInfo, status, Some(message), false)]).await
        }
        ReporterAction::Accept { rating, message } => {
            let rating = domain::rating::check(rating).map_err(|issue| Error::field("rating", issue))?;
            let comment = optional_text("message", &message)?;
            let text = comment.clone().unwrap_or_else(|| "Pelapor menerima tindak lanjut.".to_string());
            // `update` starts with no deadline: a closed report has none.
            let mut upd = cx.update(status);
            upd.rating = Some((i64::from(rating), comment));
            cx.commit(upd, &[cx.event(EventKind::Close, status, Some(text), false)]).await
        }
        ReporterAction::Reopen { reason } => {
            let reason = required_text("reason", &reason)?;
            // Back to the same agency (`update` keeps `agency_id`).
            let mut upd = cx.update(status);
            upd.reopened = true;
            upd.due_date = cx.due_in(FollowupClass::parse(&row.followup_class).days()).await?;
            cx.commit(upd, &[cx.event(EventKind::Reopen, status, Some(reason), false)]).await
        }
    }
}
