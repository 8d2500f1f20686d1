//! Operators' follow-up drafts waiting for their agency's liaison.

use super::Db;
use domain::agencies::{DraftState, FollowupDraft};
use sqlx::Row;

/// A draft with what deciding it needs.
#[derive(Clone, Debug)]
pub struct DraftRow {
    pub agency_id: i64,
    pub author_username: String,
    pub draft: FollowupDraft,
}

const DRAFT_FIELDS: &str = "d.id, d.agency_id, d.message, d.created_at, d.state, d.decision_note, \
     w.display_name AS author, w.username AS author_username, b.display_name AS decided_by";
const DRAFT_FROM: &str = "FROM followup_drafts d JOIN users w ON w.id = d.author_user_id LEFT JOIN users b ON b.id = d.decided_by";

fn draft(r: &sqlx::any::AnyRow) -> sqlx::Result<DraftRow> {
    let state: String = r.try_get("state")?;
    Ok(DraftRow {
        agency_id: r.try_get("agency_id")?,
        author_username: r.try_get("author_username")?,
        draft: FollowupDraft {
            id: r.try_get("id")?,
            author: r.try_get("author")?,
            message: r.try_get("message")?,
            created_at: r.try_get("created_at")?,
            state: DraftState::parse(&state).unwrap_or(DraftState::Replaced),
            decided_by: r.try_get("decided_by")?,
            decision_note: r.try_get("decision_note")?,
        },
    })
}

impl Db {
    /// A new draft of a report's follow-up; an older one still pending is replaced.
    pub async fn insert_draft(&self, report_id: i64, agency_id: i64, author: i64, message: &str, now: i64) -> anyhow::Result<i64> {
        let mut tx = self.begin_write().await?;
        sqlx::query("UPDATE followup_drafts SET state = $1 WHERE report_id = $2 AND state = $3")
            .bind(DraftState::Replaced.as_str())
            .bind(report_id)
            .bind(DraftState::Pending.as_str())
            .execute(&mut *tx)
            .await?;
        let id: i64 = sqlx::query(
            "INSERT INTO followup_drafts (report_id, agency_id, author_user_id, message, created_at, state) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(report_id)
        .bind(agency_id)
        .bind(author)
        .bind(message)
        .bind(now)
        .bind(DraftState::Pending.as_str())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// A report's drafts, newest first.
    pub async fn drafts(&self, report_id: i64) -> anyhow::Result<Vec<DraftRow>> {
        let sql = format!("SELECT {DRAFT_FIELDS} {DRAFT_FROM} WHERE d.report_id = $1 ORDER BY d.id DESC");
        let rows = sqlx::query(&sql).bind(report_id).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(draft).collect::<sqlx::Result<_>>()?)
    }

    /// One draft of this report.
    pub async fn draft(&self, report_id: i64, id: i64) -> anyhow::Result<Option<DraftRow>> {
        let sql = format!("SELECT {DRAFT_FIELDS} {DRAFT_FROM} WHERE d.report_id = $1 AND d.id = $2");
        let row = sqlx::query(&sql).bind(report_id).bind(id).fetch_optional(&self.pool).await?;
        Ok(row.as_ref().map(draft).transpose()?)
    }

    /// Decides a pending draft; false if it was decided already.
    pub async fn decide_draft(&self, id: i64, state: DraftState, by: i64, note: Option<&str>, now: i64) -> anyhow::Result<bool> {
        let n = sqlx::query(
            "UPDATE followup_drafts SET state = $1, decided_by = $2, decided_at = $3, decision_note = $4 WHERE id = $5 AND state = $6",
        )
        .bind(state.as_str())
        .bind(by)
        .bind(now)
        .bind(note)
        .bind(id)
        .bind(DraftState::Pending.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }
}
