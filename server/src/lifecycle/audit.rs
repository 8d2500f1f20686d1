//! What an update changes, as the audit log keeps it: names where the
//! column holds an id (as they read at the time), API names for enums.

use crate::db::{ReportRow, ReportUpdate};
use crate::error::Result;
use crate::AppState;
use domain::audit::{AuditChange, AuditField};

/// Every column `upd` changes on `row`, before and after.
pub(super) async fn changes(st: &AppState, row: &ReportRow, upd: &ReportUpdate) -> Result<Vec<AuditChange>> {
    let agency = match upd.agency_id {
        Some(id) if upd.agency_id != row.agency_id => st.db.agency(id).await?.map(|a| a.name),
        _ => row.agency_name.clone().filter(|_| upd.agency_id.is_some()),
    };
    let category = match upd.category_id {
        Some(id) if upd.category_id != row.category_id => st.db.category(id).await?.map(|c| c.name),
        _ => row.category_name.clone().filter(|_| upd.category_id.is_some()),
    };
    let duplicate = match upd.duplicate_of {
        Some(id) if row.duplicate_of.as_ref().map(|d| d.0) != Some(id) => st.db.report(id).await?.map(|r| r.tracking_number),
        _ => row.duplicate_of.as_ref().map(|d| d.1.clone()).filter(|_| upd.duplicate_of.is_some()),
    };
    let files = (!upd.files.is_empty()).then(|| upd.files.len().to_string());
    Ok([
        AuditChange::of(AuditField::Status, Some(row.status.as_str().into()), Some(upd.status.as_str().into())),
        AuditChange::of(AuditField::Agency, row.agency_name.clone(), agency),
        AuditChange::of(AuditField::Category, row.category_name.clone(), category),
        AuditChange::of(AuditField::FollowupClass, Some(row.followup_class.clone()), Some(upd.followup_class.clone())),
        AuditChange::of(AuditField::Maladministration, row.maladministration.clone(), upd.maladministration.clone()),
        AuditChange::of(AuditField::ArchiveReason, row.archive_reason.clone(), upd.archive_reason.clone()),
        AuditChange::of(AuditField::DuplicateOf, row.duplicate_of.as_ref().map(|d| d.1.clone()), duplicate),
        AuditChange::of(AuditField::DueDate, row.due_date.clone(), upd.due_date.clone()),
        AuditChange::of(AuditField::Attachments, None, files),
    ]
    .into_iter()
    .flatten()
    .collect())
}
