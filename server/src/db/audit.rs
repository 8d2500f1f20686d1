//! The audit log: appended to in the same transaction as the change it
//! records (a change is never stored without its entry), read newest first.

use super::query::{bind, Arg, Where};
use super::Db;
use anyhow::Context;
use domain::api::Role;
use domain::audit::{AuditAction, AuditChange, AuditEntry};
use sqlx::Row;

/// An entry to append.
#[derive(Clone, Debug)]
pub struct NewAudit {
    pub at: i64,
    pub user_id: Option<i64>,
    /// The account's user name (for a failed sign-in: the name typed, cut).
    pub username: String,
    pub role: Option<Role>,
    pub agency_id: Option<i64>,
    pub action: AuditAction,
    pub report_id: Option<i64>,
    pub changes: Vec<AuditChange>,
}

/// Which entries to read.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    /// Lowercased user name.
    pub username: Option<String>,
    pub action: Option<AuditAction>,
    pub report_id: Option<i64>,
    /// Unix seconds, inclusive.
    pub from: Option<i64>,
    /// Unix seconds, exclusive.
    pub until: Option<i64>,
    /// A regional coordinator's view: (their jurisdiction, their user id).
    /// Entries on reports in it, and entries on no report (sign-ins, failed
    /// ones too) by themselves or under the name of an account in it: an
    /// agency's there, or a coordinator's whose jurisdiction lies in it.
    pub within: Option<(String, i64)>,
}

pub(super) async fn insert<'e>(ex: impl sqlx::Executor<'e, Database = sqlx::Any>, a: &NewAudit) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, user_id, username, role, agency_id, action, report_id, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(a.at)
    .bind(a.user_id)
    .bind(&a.username)
    .bind(a.role.map(Role::as_str))
    .bind(a.agency_id)
    .bind(a.action.as_str())
    .bind(a.report_id)
    .bind(serde_json::to_string(&a.changes)?)
    .execute(ex)
    .await?;
    Ok(())
}

impl Db {
    /// Appends one entry on its own (sign-ins, account changes).
    pub async fn audit(&self, a: &NewAudit) -> anyhow::Result<()> {
        insert(&self.pool, a).await
    }

    /// Entries matching `f`, newest first, after the entry `before` (an
    /// id), at most `limit`; and the id to continue before, if more.
    pub async fn audit_log(&self, f: &AuditFilter, before: Option<i64>, limit: u32) -> anyhow::Result<(Vec<AuditEntry>, Option<i64>)> {
        let mut w = Where::new("1 = 1");
        if let Some(u) = &f.username {
            w.and("LOWER(l.username) = ?", vec![Arg::Text(u.clone())]);
        }
        if let Some(a) = f.action {
            w.and("l.action = ?", vec![Arg::Text(a.as_str().into())]);
        }
        if let Some(r) = f.report_id {
            w.and("l.report_id = ?", vec![Arg::Int(r)]);
        }
        if let Some(t) = f.from {
            w.and("l.at >= ?", vec![Arg::Int(t)]);
        }
        if let Some(t) = f.until {
            w.and("l.at < ?", vec![Arg::Int(t)]);
        }
        if let Some(id) = before {
            w.and("l.id < ?", vec![Arg::Int(id)]);
        }
        if let Some((area, me)) = &f.within {
            let column = super::public::RegionLevel::of(area).map_or("NULL", |l| l.column());
            w.and(
                &format!(
                    "((l.report_id IS NOT NULL AND {column} = ?) OR (l.report_id IS NULL AND \
                     (l.user_id = ? OR a.region_code = ? OR a.region_code LIKE ? OR EXISTS (SELECT 1 FROM users au \
                     LEFT JOIN agencies aa ON aa.id = au.agency_id WHERE LOWER(au.username) = LOWER(l.username) \
                     AND (aa.region_code = ? OR aa.region_code LIKE ? OR au.jurisdiction = ? OR au.jurisdiction LIKE ?)))))"
                ),
                vec![
                    Arg::Text(area.clone()),
                    Arg::Int(*me),
                    Arg::Text(area.clone()),
                    Arg::Text(format!("{area}.%")),
                    Arg::Text(area.clone()),
                    Arg::Text(format!("{area}.%")),
                    Arg::Text(area.clone()),
                    Arg::Text(format!("{area}.%")),
                ],
            );
        }
        let sql = format!(
            "SELECT l.id, l.at, l.username, u.display_name, l.role, a.name AS agency_name, l.action, l.report_id, \
             r.tracking_number, l.changes FROM audit_log l LEFT JOIN users u ON u.id = l.user_id \
             LEFT JOIN agencies a ON a.id = l.agency_id LEFT JOIN reports r ON r.id = l.report_id \
             WHERE {} ORDER BY l.id DESC LIMIT {}",
            w.sql,
            i64::from(limit) + 1
        );
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(&self.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let action: String = r.try_get("action")?;
            let role: Option<String> = r.try_get("role")?;
            let changes: String = r.try_get("changes")?;
            out.push(AuditEntry {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                username: r.try_get("username")?,
                display_name: r.try_get("display_name")?,
                role: role.as_deref().and_then(Role::parse),
                agency: r.try_get("agency_name")?,
                action: AuditAction::parse(&action).with_context(|| format!("unknown audit action {action:?}"))?,
                report_id: r.try_get("report_id")?,
                tracking_number: r.try_get("tracking_number")?,
                changes: serde_json::from_str(&changes).context("audit changes")?,
            });
        }
        let next = if out.len() > limit as usize {
            out.truncate(limit as usize);
            out.last().map(|e| e.id)
        } else {
            None
        };
        Ok((out, next))
    }
}
