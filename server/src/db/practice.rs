//! Practice sessions of socialization events and their practice reports
//! (rows of `reports` with `practice_session_id` set; see migration 0009),
//! and their end when idle or too old (migration 0017).

use super::reports::{report, ReportRow, REPORT_SELECT};
use super::Db;
use domain::practice::{PracticeSession, IDLE_SECS, MAX_LIFE_SECS};
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
    /// Opens a session under `code` (active from `at`); `None` when an open session has that code already.
    pub async fn open_practice(&self, user_id: i64, code: &str, at: i64) -> anyhow::Result<Option<PracticeSession>> {
        let row = sqlx::query(
            "INSERT INTO practice_sessions (code, opened_by, opened_at, last_active_at) VALUES ($1, $2, $3, $3) \
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

    /// The open session with this join code, unless it has been idle for
    /// `IDLE_SECS` or open for `MAX_LIFE_SECS` (the background job deletes
    /// it within a minute; until then it takes no reports either).
    pub async fn practice_by_code(&self, code: &str) -> anyhow::Result<Option<PracticeSession>> {
        let now = crate::now();
        let row = sqlx::query(
            "SELECT id, code, opened_by, opened_at FROM practice_sessions \
             WHERE code = $1 AND last_active_at >= $2 AND opened_at >= $3",
        )
        .bind(code)
        .bind(now - IDLE_SECS)
        .bind(now - MAX_LIFE_SECS)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.as_ref().map(session).transpose()?.map(|(s, _)| s))
    }

    /// Records activity of a session at `at` (a presenter's step).
    pub async fn touch_practice(&self, session_id: i64, at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE practice_sessions SET last_active_at = $2 WHERE id = $1 AND last_active_at < $2")
            .bind(session_id)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records activity of the session with this join code at `at` (a practice report sent with it).
    pub async fn touch_practice_code(&self, code: &str, at: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE practice_sessions SET last_active_at = $2 WHERE code = $1 AND last_active_at < $2")
            .bind(code)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The sessions whose last activity was before `idle_before`, or that
    /// were opened before `opened_before`: those to end.
    pub async fn expired_practices(&self, idle_before: i64, opened_before: i64) -> anyhow::Result<Vec<i64>> {
        let sql = "SELECT id FROM practice_sessions WHERE last_active_at < $1 OR opened_at < $2 ORDER BY id";
        let rows = sqlx::query(sql).bind(idle_before).bind(opened_before).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?)
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
        let closed = self.end_practice(session_id, None).await?;
        Ok(closed.unwrap_or(ClosedSession { reports: 0, attachments: Vec::new() }))
    }

    /// As `close_practice`, if the session is still idle since before
    /// `idle_before` or opened before `opened_before` when its turn comes;
    /// `None` when it is not (it saw activity meanwhile, or another
    /// instance ended it first).
    pub async fn end_expired_practice(
        &self,
        session_id: i64,
        idle_before: i64,
        opened_before: i64,
    ) -> anyhow::Result<Option<ClosedSession>> {
        self.end_practice(session_id, Some((idle_before, opened_before))).await
    }

    async fn end_practice(
        &self,
        session_id: i64,
        expired: Option<(i64, i64)>,
    ) -> anyhow::Result<Option<ClosedSession>> {
        const OF_SESSION: &str = "SELECT id FROM reports WHERE practice_session_id = $1";
        let mut tx = self.begin_write().await?;
        // First the session's row, still matching: on PostgreSQL this locks
        // it, so another instance ending it, or a report's activity, waits
        // for this transaction and then finds it gone (on SQLite the
        // transaction holds the write lock already).
        let (idle_before, opened_before) = expired.unwrap_or((i64::MAX, i64::MAX));
        let claimed = sqlx::query(
            "UPDATE practice_sessions SET last_active_at = last_active_at \
             WHERE id = $1 AND (last_active_at < $2 OR opened_at < $3)",
        )
        .bind(session_id)
        .bind(idle_before)
        .bind(opened_before)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            tx.rollback().await?;
            return Ok(None);
        }
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
        Ok(Some(ClosedSession { reports: reports as i64, attachments }))
    }
}
