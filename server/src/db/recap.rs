//! The recap's aggregates (`GET /api/v1/admin/recap`): every figure a GROUP
//! BY or a COUNT over the real reports received in a period and a region,
//! read from the milestone columns of migration 0010 (one row per report, no
//! join to the timeline). Working days need the holiday calendar, so the
//! medians come back as histograms of (from, to) date pairs for
//! `domain::recap::median_working_days`.

use super::query::{bind, Arg, Where};
use super::{Backend, Db, REAL};
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
        // With its province, so the province's covering index serves it too.
        Some(code) if code.contains('.') => {
            let province = code.split('.').next().unwrap_or_default().to_string();
            w.and("r.province_code = ? AND r.regency_code = ?", vec![Arg::Text(province), Arg::Text(code.to_string())])
        }
        Some(code) => w.and("r.province_code = ?", vec![Arg::Text(code.to_string())]),
        None => {}
    }
    w
}

impl std::ops::AddAssign<&Totals> for Totals {
    fn add_assign(&mut self, o: &Totals) {
        self.received += o.received;
        self.forwarded += o.forwarded;
        self.followed_up += o.followed_up;
        self.finished += o.finished;
        self.not_archived += o.not_archived;
        self.late_now += o.late_now;
    }
}

impl Db {
    /// The scope's reports grouped by `keys` (text expressions over
    /// `reports r` and what `join` adds; NULL reads as ""), each group with
    /// its totals. One pass over the scope answers several tables: the
    /// recap asks for (category, status, kind) and (region, month).
    pub async fn recap_tally(&self, s: &RecapScope, keys: &[&str], join: &str, today: &str) -> anyhow::Result<Vec<(Vec<String>, Totals)>> {
        let w = scope_where(s);
        let select: Vec<String> = keys.iter().enumerate().map(|(i, k)| format!("COALESCE({k}, '') AS k{i}")).collect();
        let sql = format!(
            "SELECT {}, COUNT(*) AS received, COUNT(r.dispatched_on) AS forwarded, \
             COUNT(CASE WHEN r.dispatched_on IS NOT NULL AND r.responded_on IS NOT NULL THEN 1 END) AS followed_up, \
             COUNT(CASE WHEN r.status = '{closed}' THEN 1 END) AS finished, \
             COUNT(CASE WHEN r.status <> '{archived}' THEN 1 END) AS not_archived, \
             COUNT(CASE WHEN r.status <> '{closed}' AND r.due_date IS NOT NULL AND r.due_date < ${n} THEN 1 END) AS late_now \
             FROM reports r {join} WHERE {} GROUP BY {}",
            select.join(", "),
            w.sql,
            keys.join(", "),
            closed = Status::Closed.as_str(),
            archived = Status::Archived.as_str(),
            n = w.args.len() + 1,
        );
        let rows = bind(sqlx::query(&sql), &w.args).bind(today).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| {
                let key = (0..keys.len()).map(|i| r.try_get::<String, _>(format!("k{i}").as_str())).collect::<Result<Vec<_>, _>>()?;
                let t = Totals {
                    received: r.try_get("received")?,
                    forwarded: r.try_get("forwarded")?,
                    followed_up: r.try_get("followed_up")?,
                    finished: r.try_get("finished")?,
                    not_archived: r.try_get("not_archived")?,
                    late_now: r.try_get("late_now")?,
                };
                Ok((key, t))
            })
            .collect()
    }

    /// The scope's reports that did not come through the web form, by
    /// channel: few, and counted from their partial index alone
    /// (`reports_other_channels`, migration 0016, whose condition the query
    /// repeats word for word so the planner may use it). SQLite is told to:
    /// without planner statistics (ANALYZE runs only after a bulk load) it
    /// would rather take a covering index without `channel` and read every
    /// report's row. PostgreSQL plans it with the values each time (an
    /// unnamed statement): a kept statement's generic plan, chosen after five
    /// runs, read a regency's rows through `reports_regency_created`. The
    /// web form's count is the rest of the period's total.
    pub async fn recap_other_channels(&self, s: &RecapScope) -> anyhow::Result<Vec<(String, i64)>> {
        let w = scope_where(s);
        let index = match self.backend {
            Backend::Sqlite => " INDEXED BY reports_other_channels",
            Backend::Postgres => "",
        };
        let sql = format!(
            "SELECT r.channel AS k, COUNT(*) AS n FROM reports r{index} WHERE r.channel <> 'web' AND {} GROUP BY r.channel",
            w.sql
        );
        let rows = bind(sqlx::query(&sql).persistent(false), &w.args).fetch_all(self.pool()).await?;
        rows.iter().map(|r| Ok((r.try_get("k")?, r.try_get("n")?))).collect()
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

    /// Histograms of (key, from, to) date pairs, `key` 0: receipt → first decision.
    pub async fn recap_verify_pairs(&self, s: &RecapScope) -> anyhow::Result<DatePairs> {
        self.date_pairs(
            s,
            "0",
            "r.created_on",
            "r.verified_on",
            "r.verified_on IS NOT NULL AND r.created_on IS NOT NULL GROUP BY r.created_on, r.verified_on",
        )
        .await
    }

    /// `key` the agency's id: forwarding → its first follow-up.
    pub async fn recap_followup_pairs(&self, s: &RecapScope) -> anyhow::Result<DatePairs> {
        self.date_pairs(
            s,
            "r.agency_id",
            "r.dispatched_on",
            "r.responded_on",
            "r.agency_id IS NOT NULL AND r.dispatched_on IS NOT NULL AND r.responded_on IS NOT NULL \
             GROUP BY r.agency_id, r.dispatched_on, r.responded_on",
        )
        .await
    }

    async fn date_pairs(&self, s: &RecapScope, key: &str, a: &str, b: &str, rest: &str) -> anyhow::Result<DatePairs> {
        let w = scope_where(s);
        let sql = format!("SELECT {key} AS k, {a} AS a, {b} AS b, COUNT(*) AS n FROM reports r WHERE {} AND {rest}", w.sql);
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(self.pool()).await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<i64, _>("k")?, r.try_get("a")?, r.try_get("b")?, r.try_get::<i64, _>("n")?)))
            .collect()
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
        // Per agency, the first entry since `since` answers (no scan of its log).
        let active = format!(
            "SELECT COUNT(*) AS n FROM agencies a WHERE {} AND EXISTS (SELECT 1 FROM audit_log l \
             WHERE l.agency_id = a.id AND l.at >= ${} AND l.action <> '{failed}')",
            w.sql,
            w.args.len() + 1,
            failed = domain::audit::AuditAction::SignInFailed.as_str(),
        );
        let n: i64 = bind(sqlx::query(&active), &w.args).bind(since).fetch_one(self.pool()).await?.try_get("n")?;
        Ok((n, c))
    }
}
