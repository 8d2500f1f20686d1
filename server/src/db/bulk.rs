//! Bulk loading for `lapor-server generate` (a synthetic dataset for tests
//! and benchmarks): reports with their ids, milestones and ratings, their
//! timelines and the officers' audit entries, as multi-row INSERTs with bound
//! values in one transaction per batch; and what the generator reads first.

use super::audit::NewAudit;
use super::reports::{NewEvent, NewReportRow};
use super::{flag, Backend, Db};
use domain::api::Role;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::Row;
use std::collections::HashSet;

/// A finished report as the generator built it: the row a submission
/// stores, plus what the lifecycle would have set on it since.
#[derive(Clone, Debug)]
pub struct BulkReport {
    pub id: i64,
    pub tracking_number: String,
    pub row: NewReportRow,
    pub reopen_count: i64,
    pub rating: Option<i64>,
    pub created_on: String,
    pub verified_on: Option<String>,
    pub dispatched_on: Option<String>,
    pub response_due: Option<String>,
    pub responded_on: Option<String>,
}

/// One batch: reports, their events (by report id) and audit entries.
#[derive(Default)]
pub struct Batch {
    pub reports: Vec<BulkReport>,
    pub events: Vec<(i64, NewEvent)>,
    pub audits: Vec<NewAudit>,
}

/// An agency's officer account, for the generator's actors.
#[derive(Clone, Debug)]
pub struct Officer {
    pub user_id: i64,
    pub username: String,
    pub agency_id: Option<i64>,
}

/// Bound values per statement: far below the limits (SQLite 32,766, PostgreSQL
/// 65,535), where larger statements stop paying (SQLite binds in quadratic time).
const MAX_VALUES: usize = 1_000;

/// `INSERT INTO {table} ({columns}) VALUES ($1, …), (…)` for `rows` rows.
fn insert_sql(table: &str, columns: &[&str], rows: usize) -> String {
    let n = columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        let marks: Vec<String> = (1..=n).map(|c| format!("${}", r * n + c)).collect();
        sql.push('(');
        sql.push_str(&marks.join(", "));
        sql.push(')');
    }
    sql
}

type AnyQuery<'q> = Query<'q, sqlx::Any, AnyArguments<'q>>;

const REPORT_COLUMNS: [&str; 33] = [
    "id", "tracking_number", "access_code_hash", "kind", "title", "body", "incident_date", "province_code",
    "regency_code", "district_code", "village_code", "address", "category_id", "target_agency_id", "agency_id",
    "followup_class", "anonymous", "confidential", "reporter_name", "reporter_phone", "reporter_email", "status",
    "reopen_count", "due_date", "created_at", "updated_at", "archive_reason", "rating", "created_on", "verified_on",
    "dispatched_on", "response_due", "responded_on",
];

fn bind_report<'q>(q: AnyQuery<'q>, b: &'q BulkReport) -> AnyQuery<'q> {
    let r = &b.row;
    super::reports::bind_report_columns(q.bind(b.id).bind(&b.tracking_number), r)
        .bind(b.reopen_count)
        .bind(r.due_date.as_deref())
        .bind(r.created_at)
        .bind(r.updated_at)
        .bind(r.archive_reason.as_deref())
        .bind(b.rating)
        .bind(&b.created_on)
        .bind(b.verified_on.as_deref())
        .bind(b.dispatched_on.as_deref())
        .bind(b.response_due.as_deref())
        .bind(b.responded_on.as_deref())
}

const EVENT_COLUMNS: [&str; 10] = [
    "report_id", "at", "kind", "status", "actor_role", "actor_user_id", "actor_label", "message", "internal",
    "audience_agency_id",
];

fn bind_event<'q>(q: AnyQuery<'q>, (report_id, e): &'q (i64, NewEvent)) -> AnyQuery<'q> {
    q.bind(*report_id)
        .bind(e.at)
        .bind(e.kind.as_str())
        .bind(e.status.as_str())
        .bind(e.actor_role.as_str())
        .bind(e.actor_user_id)
        .bind(&e.actor_label)
        .bind(e.message.as_deref())
        .bind(flag(e.internal))
        .bind(e.audience_agency_id.filter(|_| e.internal))
}

const AUDIT_COLUMNS: [&str; 8] = ["at", "user_id", "username", "role", "agency_id", "action", "report_id", "changes"];

fn bind_audit<'q>(q: AnyQuery<'q>, (a, changes): &'q (NewAudit, String)) -> AnyQuery<'q> {
    q.bind(a.at)
        .bind(a.user_id)
        .bind(&a.username)
        .bind(a.role.map(Role::as_str))
        .bind(a.agency_id)
        .bind(a.action.as_str())
        .bind(a.report_id)
        .bind(changes.as_str())
}

/// Inserts `items` in as few statements as the bound-value limit allows.
async fn insert_all<'a, T>(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &str,
    columns: &[&str],
    items: &'a [T],
    bind_one: for<'q> fn(AnyQuery<'q>, &'q T) -> AnyQuery<'q>,
) -> anyhow::Result<()> {
    let per = MAX_VALUES / columns.len();
    for chunk in items.chunks(per) {
        let sql = insert_sql(table, columns, chunk.len());
        let mut q = sqlx::query(&sql);
        for item in chunk {
            q = bind_one(q, item);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

impl Db {
    /// Stores one batch in one transaction.
    pub async fn insert_batch(&self, b: &Batch) -> anyhow::Result<()> {
        let audits: Vec<(NewAudit, String)> =
            b.audits.iter().map(|a| Ok((a.clone(), serde_json::to_string(&a.changes)?))).collect::<anyhow::Result<_>>()?;
        let mut tx = self.begin_write().await?;
        insert_all(&mut tx, "reports", &REPORT_COLUMNS, &b.reports, bind_report).await?;
        insert_all(&mut tx, "report_events", &EVENT_COLUMNS, &b.events, bind_event).await?;
        insert_all(&mut tx, "audit_log", &AUDIT_COLUMNS, &audits, bind_audit).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The id after the highest report id.
    pub async fn next_report_id(&self) -> anyhow::Result<i64> {
        let row = sqlx::query("SELECT COALESCE(MAX(id), 0) + 1 AS n FROM reports").fetch_one(&self.pool).await?;
        Ok(row.try_get("n")?)
    }

    /// Every tracking number in use (practice ones too: one namespace).
    pub async fn tracking_numbers(&self) -> anyhow::Result<HashSet<String>> {
        let rows = sqlx::query("SELECT tracking_number FROM reports").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok(r.try_get("tracking_number")?)).collect()
    }

    /// (agency, category) for every category an agency handles.
    pub async fn agency_handling(&self) -> anyhow::Result<Vec<(i64, i64)>> {
        let rows = sqlx::query("SELECT agency_id, category_id FROM agency_categories").fetch_all(&self.pool).await?;
        rows.iter().map(|r| Ok((r.try_get("agency_id")?, r.try_get("category_id")?))).collect()
    }

    /// The first account of each role's kind: agency accounts (one per
    /// agency, the oldest) and coordinators.
    pub async fn officers(&self) -> anyhow::Result<Vec<(Role, Officer)>> {
        let rows = sqlx::query("SELECT id, username, role, agency_id FROM users ORDER BY id").fetch_all(&self.pool).await?;
        let mut out = Vec::new();
        for r in rows {
            let role: String = r.try_get("role")?;
            let Some(role) = Role::parse(&role) else { continue };
            out.push((role, Officer { user_id: r.try_get("id")?, username: r.try_get("username")?, agency_id: r.try_get("agency_id")? }));
        }
        Ok(out)
    }

    /// After explicit ids: PostgreSQL's sequence past them, and its
    /// visibility map set (index-only scans); fresh planner statistics on both.
    pub async fn finish_bulk(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Postgres => {
                sqlx::query("SELECT setval(pg_get_serial_sequence('reports', 'id'), (SELECT MAX(id) FROM reports))")
                    .execute(&self.pool)
                    .await?;
                sqlx::query("VACUUM ANALYZE").execute(&self.pool).await?;
            }
            Backend::Sqlite => {
                sqlx::query("ANALYZE").execute(&self.pool).await?;
            }
        }
        Ok(())
    }
}
