//! The recap's aggregates (`GET /api/v1/admin/recap`): every figure a GROUP
//! BY or a COUNT over the real reports received in a period and a region,
//! read from the milestone columns of migration 0010 (one row per report, no
//! join to the timeline). Working days need the holiday calendar, so the
//! medians come back as histograms of (from, to) date pairs for
//! `domain::recap::median_working_days`.

use super::query::{bind, Arg, Where};
use super::{Db, REAL};
use domain::Status;
use sqlx::Row;

/// Which reports a recap counts: received in `[from_at, to_at)` (unix
/// seconds), in a province or a regency.
#[derive(Clone, Debug)]
pub struct RecapScope {
    pub from_at: i64,
    pub to_at: i64,
    /// A province (`61`) or a regency (`61.09`) code.
    pub region: Option<String>,
}

/// The headline counts of a period.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    pub received: i64,
    pub forwarded: i64,
    pub followed_up: i64,
    pub finished: i64,
    pub not_archived: i64,
    pub late_now: i64,
}

/// One agency's counts (the medians come separately).
#[derive(Clone, Debug)]
pub struct AgencyCounts {
    pub agency_id: i64,
    pub name: String,
    pub received: i64,
    pub followed_up: i64,
    pub finished: i64,
    pub on_time: i64,
    /// Followed up, or past the deadline without a follow-up.
    pub due: i64,
    pub late_now: i64,
    pub mean_rating: Option<f64>,
    pub ratings: i64,
}

/// (key, from date, to date, how many): a histogram of date pairs.
pub type DatePairs = Vec<(i64, String, String, i64)>;

fn scope_where(s: &RecapScope) -> Where {
    let mut w = Where::new(REAL);
    w.and("r.created_at >= ? AND r.created_at < ?", vec![Arg::Int(s.from_at), Arg::Int(s.to_at)]);
    match s.region.as_deref() {
        Some(code) if code.contains('.') => w.and("r.regency_code = ?", vec![Arg::Text(code.to_string())]),
        Some(code) => w.and("r.province_code = ?", vec![Arg::Text(code.to_string())]),
        None => {}
    }
    w
}

/// Open: every status but closed and archived.
fn open_condition() -> String {
    format!("r.status NOT IN ('{}', '{}')", Status::Closed.as_str(), Status::Archived.as_str())
}

impl Db {
    /// `SELECT key, COUNT(*)` over the scope, grouped by `key` (a text
    /// expression over `reports r` and what `join` adds), biggest first.
    pub async fn recap_grouped(&self, s: &RecapScope, key: &str, join: &str, cond: Option<&str>) -> anyhow::Result<Vec<(String, i64)>> {
        let mut w = scope_where(s);
        if let Some(c) = cond {
            w.sql.push_str(&format!(" AND {c}"));
        }
        let sql = format!(
            "SELECT COALESCE({key}, '') AS k, COUNT(*) AS n FROM reports r {join} WHERE {} GROUP BY {key} ORDER BY n DESC, k",
            w.sql
        );
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok((r.try_get::<String, _>("k")?, r.try_get::<i64, _>("n")?))).collect()
    }

    /// By category, with a condition: the not-yet-followed-up table and the open one.
    pub async fn recap_by_category(&self, s: &RecapScope, cond: Option<&str>) -> anyhow::Result<Vec<(String, i64)>> {
        self.recap_grouped(s, "c.name", "LEFT JOIN categories c ON c.id = r.category_id", cond).await
    }

    pub async fn recap_open_by_category(&self, s: &RecapScope) -> anyhow::Result<Vec<(String, i64)>> {
        self.recap_by_category(s, Some(&open_condition())).await
    }

    pub async fn recap_totals(&self, s: &RecapScope, today: &str) -> anyhow::Result<Totals> {
        let w = scope_where(s);
        let sql = format!(
            "SELECT COUNT(*) AS received, COUNT(r.dispatched_on) AS forwarded, \
             COUNT(CASE WHEN r.dispatched_on IS NOT NULL AND r.responded_on IS NOT NULL THEN 1 END) AS followed_up, \
             COUNT(CASE WHEN r.status = '{closed}' THEN 1 END) AS finished, \
             COUNT(CASE WHEN r.status <> '{archived}' THEN 1 END) AS not_archived, \
             COUNT(CASE WHEN r.status <> '{closed}' AND r.due_date IS NOT NULL AND r.due_date < ${n} THEN 1 END) AS late_now \
             FROM reports r WHERE {}",
            w.sql,
            closed = Status::Closed.as_str(),
            archived = Status::Archived.as_str(),
            n = w.args.len() + 1,
        );
        let r = bind(sqlx::query(&sql), &w.args).bind(today).fetch_one(self.pool()).await?;
        Ok(Totals {
            received: r.try_get("received")?,
            forwarded: r.try_get("forwarded")?,
            followed_up: r.try_get("followed_up")?,
            finished: r.try_get("finished")?,
            not_archived: r.try_get("not_archived")?,
            late_now: r.try_get("late_now")?,
        })
    }

    /// Per agency the period's reports are with now.
    pub async fn recap_agencies(&self, s: &RecapScope, today: &str) -> anyhow::Result<Vec<AgencyCounts>> {
        let w = scope_where(s);
        let t = format!("${}", w.args.len() + 1);
        let sql = format!(
            "SELECT a.id, a.name, COUNT(*) AS received, \
             COUNT(r.responded_on) AS followed_up, \
             COUNT(CASE WHEN r.status = '{closed}' THEN 1 END) AS finished, \
             COUNT(CASE WHEN r.responded_on IS NOT NULL AND r.response_due IS NOT NULL AND r.responded_on <= r.response_due THEN 1 END) AS on_time, \
             COUNT(CASE WHEN (r.responded_on IS NOT NULL AND r.response_due IS NOT NULL) \
                          OR (r.responded_on IS NULL AND r.response_due < {t}) THEN 1 END) AS due, \
             COUNT(CASE WHEN r.status = '{dispatched}' AND r.due_date IS NOT NULL AND r.due_date < {t} THEN 1 END) AS late_now, \
             AVG(CAST(r.rating AS DOUBLE PRECISION)) AS mean_rating, COUNT(r.rating) AS ratings \
             FROM reports r JOIN agencies a ON a.id = r.agency_id WHERE {} AND r.dispatched_on IS NOT NULL \
             GROUP BY a.id, a.name",
            w.sql,
            closed = Status::Closed.as_str(),
            dispatched = Status::Dispatched.as_str(),
        );
        let rows = bind(sqlx::query(&sql), &w.args).bind(today).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                Ok(AgencyCounts {
                    agency_id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    received: r.try_get("received")?,
                    followed_up: r.try_get("followed_up")?,
                    finished: r.try_get("finished")?,
                    on_time: r.try_get("on_time")?,
                    due: r.try_get("due")?,
                    late_now: r.try_get("late_now")?,
                    mean_rating: r.try_get("mean_rating")?,
                    ratings: r.try_get("ratings")?,
                })
            })
            .collect()
    }

    /// Histograms of (key, from, to) date pairs: `key` 0 for receipt →
    /// first decision; the agency's id for forwarding → first follow-up.
    pub async fn recap_date_pairs(&self, s: &RecapScope) -> anyhow::Result<(DatePairs, DatePairs)> {
        let w = scope_where(s);
        let verify = format!(
            "SELECT 0 AS k, r.created_on AS a, r.verified_on AS b, COUNT(*) AS n FROM reports r \
             WHERE {} AND r.verified_on IS NOT NULL AND r.created_on IS NOT NULL GROUP BY r.created_on, r.verified_on",
            w.sql
        );
        let followup = format!(
            "SELECT r.agency_id AS k, r.dispatched_on AS a, r.responded_on AS b, COUNT(*) AS n FROM reports r \
             WHERE {} AND r.agency_id IS NOT NULL AND r.dispatched_on IS NOT NULL AND r.responded_on IS NOT NULL \
             GROUP BY r.agency_id, r.dispatched_on, r.responded_on",
            w.sql
        );
        let read = |rows: Vec<sqlx::any::AnyRow>| -> anyhow::Result<DatePairs> {
            rows.iter()
                .map(|r| Ok((r.try_get::<i64, _>("k")?, r.try_get("a")?, r.try_get("b")?, r.try_get::<i64, _>("n")?)))
                .collect()
        };
        let v = bind(sqlx::query(&verify), &w.args).fetch_all(self.pool()).await?;
        let f = bind(sqlx::query(&followup), &w.args).fetch_all(self.pool()).await?;
        Ok((read(v)?, read(f)?))
    }

    /// The region's agencies with an account, and of those the ones whose
    /// officers signed in or acted since `since` (unix seconds).
    pub async fn recap_agency_activity(&self, region: Option<&str>, since: i64) -> anyhow::Result<(i64, i64)> {
        let mut w = Where::new("1 = 1");
        if let Some(code) = region {
            w.and("(a.region_code = ? OR a.region_code LIKE ?)", vec![Arg::Text(code.into()), Arg::Text(format!("{code}.%"))]);
        }
        let connected = format!(
            "SELECT COUNT(DISTINCT a.id) AS n FROM agencies a JOIN users u ON u.agency_id = a.id WHERE {}",
            w.sql
        );
        let c: i64 = bind(sqlx::query(&connected), &w.args).fetch_one(self.pool()).await?.try_get("n")?;
        let active = format!(
            "SELECT COUNT(DISTINCT a.id) AS n FROM agencies a JOIN audit_log l ON l.agency_id = a.id \
             WHERE {} AND l.at >= ${} AND l.action <> '{failed}'",
            w.sql,
            w.args.len() + 1,
            failed = domain::audit::AuditAction::SignInFailed.as_str(),
        );
        let n: i64 = bind(sqlx::query(&active), &w.args).bind(since).fetch_one(self.pool()).await?.try_get("n")?;
        Ok((n, c))
    }
}
