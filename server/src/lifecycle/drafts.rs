//! Follow-ups an operator drafts for the liaison, where the agency has them
//! approved: the draft is kept beside the report (the reporter sees nothing),
//! and the liaison sends it (as it is or edited) or returns it with a note.
//! Each step is on the audit log.

use super::Ctx;
use crate::db::DraftRow;
use crate::error::{Error, Result};
use domain::agencies::DraftState;
use domain::api::AttachmentClaim;
use domain::audit::{AuditAction, AuditChange, AuditField};

/// The operator's follow-up, stored as a draft.
pub async fn draft(cx: &Ctx<'_>, message: String, attachments: &[AttachmentClaim]) -> Result<()> {
    if !attachments.is_empty() {
        return Err(Error::Forbidden("Lampiran tindak lanjut ditambahkan oleh penghubung saat menyetujui draf.".into()));
    }
    let (Some(user), Some(agency)) = (cx.user, cx.row.agency_id) else {
        return Err(Error::Forbidden("Hanya operator instansi yang menyusun draf.".into()));
    };
    cx.st.db.insert_draft(cx.row.id, agency, user.id, &message, crate::now()).await?;
    let change = AuditChange { field: AuditField::Message, before: None, after: Some(message) };
    if let Some(a) = cx.audit(AuditAction::FollowupDraft, vec![change]) {
        cx.st.db.audit(&a).await?;
    }
    Ok(())
}

/// A pending draft of this report that this liaison decides.
pub async fn pending(cx: &Ctx<'_>, id: i64) -> Result<DraftRow> {
    let user = cx.user.filter(|u| u.approves()).ok_or_else(|| Error::Forbidden("Hanya penghubung instansi yang menyetujui draf.".into()))?;
    let d = cx.st.db.draft(cx.row.id, id).await?.filter(|d| Some(d.agency_id) == user.agency_id);
    let d = d.ok_or_else(|| Error::NotFound("Draf tidak ditemukan.".into()))?;
    if d.draft.state != DraftState::Pending {
        return Err(Error::Conflict("Draf ini sudah diputuskan. Muat ulang laporan.".into()));
    }
    Ok(d)
}

async fn decide(cx: &Ctx<'_>, d: DraftRow, state: DraftState, note: Option<&str>, action: AuditAction, after: String) -> Result<()> {
    let Some(user) = cx.user else { return Ok(()) };
    if !cx.st.db.decide_draft(d.draft.id, state, user.id, note, crate::now()).await? {
        return Err(Error::Conflict("Draf ini sudah diputuskan. Muat ulang laporan.".into()));
    }
    let changes = vec![
        AuditChange { field: AuditField::Account, before: None, after: Some(d.author_username) },
        AuditChange { field: AuditField::Message, before: Some(d.draft.message), after: Some(after) },
    ];
    if let Some(a) = cx.audit(action, changes) {
        cx.st.db.audit(&a).await?;
    }
    Ok(())
}

/// The draft was sent to the reporter as `sent` (the liaison may have edited it).
pub async fn approve(cx: &Ctx<'_>, d: DraftRow, sent: &str) -> Result<()> {
    decide(cx, d, DraftState::Approved, None, AuditAction::FollowupApprove, sent.to_string()).await
}

/// The draft goes back to the operator with the liaison's note.
pub async fn send_back(cx: &Ctx<'_>, d: DraftRow, note: String) -> Result<()> {
    decide(cx, d, DraftState::Returned, Some(&note), AuditAction::FollowupReturn, note.clone()).await
}
