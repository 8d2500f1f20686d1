//! Practice sessions of socialization events and their practice reports
//! (rows of `reports` with `practice_session_id` set; see migration 0009).

use super::reports::{report, ReportRow, REPORT_SELECT};
use super::Db;
use domain::practice::PracticeSession;
use sqlx::any::AnyRow;
use sqlx::Row;

/// The newest practice reports the presenter's list shows.
pub const LIVE_LIMIT: i64 = 100;

fn session(r: &AnyRow) -> anyhow::Result<(PracticeSession, i64)> {
    Ok((
        PracticeSession { id: r.try_get("id")?, code: r.try_get("code")?, opened_at: r.try_get("opened_at")? },
        r.try_get("opened_by")?,
    ))
}

/// What closing a session removed: its reports, and the attachment records
/// they used (now unlinked, for `Db::delete_orphan_attachment`).
pub struct ClosedSession {
    pub reports: i64,
    pub attachments: Vec<String>,
}

impl Db {
    /// Opens a session under `code`; `None` when an open session has that code already.
    pub async fn open_practice(&self, user_id: i64, code: &str, at: i64) -> anyhow::Result<Option<PracticeSession>> {
        let row = sqlx::query(
            "INSERT INTO practice_sessions (code, opened_by, opened_at) VALUES ($1, $2, $3) \
             ON CONFLICT (code) DO NOTHING RETURNING id",
        )
        .bind(code)
        .bind(user_id)
        .bind(at)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match row {
            Some(r) => Some(PracticeSession { id: r.try_get("id")?, code: code.to_string(), opened_at: at }),
            None => None,
        })
    }

    /// A session and the id of the officer who opened it.
    pub async fn practice_session(&self, id: i64) -> anyhow::Result<Option<(PracticeSession, i64)>> {
        let row = sqlx::query("SELECT id, code, opened_by, opened_at FROM practice_sessions WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(session).transpose()
    }

    /// The open session with this join code.
    pub async fn practice_by_code(&self, code: &str) -> anyhow::Result<Option<PracticeSession>> {
        let row = sqlx::query("SELECT id, code, opened_by, opened_at FROM practice_sessions WHERE code = $1")
            .bind(code)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.as_ref().map(session).transpose()?.map(|(s, _)| s))
    }

    /// The sessions an officer has open, newest first.
    pub async fn open_practices(&self, user_id: i64) -> anyhow::Result<Vec<PracticeSession>> {
        let rows = sqlx::query(
            "SELECT id, code, opened_by, opened_at FROM practice_sessions WHERE opened_by = $1 ORDER BY id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(session(r)?.0)).collect()
    }

    /// How many practice reports a session holds, and the newest `LIVE_LIMIT`.
    pub async fn practice_reports(&self, session_id: i64) -> anyhow::Result<(i64, Vec<ReportRow>)> {
        let n = sqlx::query("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM reports WHERE practice_session_id = $1")
            .bind(session_id)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let sql = format!("{REPORT_SELECT} WHERE r.practice_session_id = $1 ORDER BY r.id DESC LIMIT {LIVE_LIMIT}");
        let rows = sqlx::query(&sql).bind(session_id).fetch_all(&self.pool).await?;
        Ok((n, rows.iter().map(report).collect::<anyhow::Result<_>>()?))
    }

    /// One practice report of a session.
    pub async fn practice_report(&self, session_id: i64, report_id: i64) -> anyhow::Result<Option<ReportRow>> {
        let sql = format!("{REPORT_SELECT} WHERE r.id = $1 AND r.practice_session_id = $2");
        let row = sqlx::query(&sql).bind(report_id).bind(session_id).fetch_optional(&self.pool).await?;
        row.as_ref().map(report).transpose()
    }

    /// Deletes a session with its practice reports, their events and their
    /// links to files, in one transaction. The attachment records are left
    /// unlinked for the caller to delete with their files (should it stop
    /// before, the orphan job deletes them later).
    pub async fn close_practice(&self, session_id: i64) -> anyhow::Result<ClosedSession> {
        const OF_SESSION: &str = "SELECT id FROM reports WHERE practice_session_id = $1";
        let mut tx = self.begin_write().await?;
        let rows = sqlx::query(&format!("SELECT attachment_id FROM report_attachments WHERE report_id IN ({OF_SESSION})"))
            .bind(session_id)
            .fetch_all(&mut *tx)
            .await?;
        let attachments = rows.iter().map(|r| r.try_get("attachment_id")).collect::<Result<Vec<String>, _>>()?;
        for table in ["report_attachments", "report_events", "followup_drafts"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE report_id IN ({OF_SESSION})"))
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
        }
        let reports = sqlx::query("DELETE FROM reports WHERE practice_session_id = $1")
            .bind(session_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        sqlx::query("DELETE FROM practice_sessions WHERE id = $1").bind(session_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(ClosedSession { reports: reports as i64, attachments })
    }
}
