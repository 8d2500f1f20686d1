//! The officers' queue: reports filtered, searched and sorted, paged by
//! keyset (no OFFSET, so page 2,000 costs what page 1 does), and the counts
//! per status beside the filters.

use super::public::{Cursor, RegionLevel};
use super::query::{bind, Arg, Where};
use super::Db;
use anyhow::Context;
use domain::api::ReportKind;
use domain::intake::Channel;
use domain::queue::{QueueCounts, QueueSort, StatusCount};
use domain::Status;
use sqlx::any::AnyRow;
use sqlx::Row;

/// Which reports the queue shows. `agency_scope` is the viewer's own
/// agency for an agency admin: applied on top of every other filter.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    /// Search words (letters and digits only); every one must match.
    pub words: Vec<String>,
    /// Only this report (a normalized tracking number).
    pub tracking_number: Option<String>,
    pub status: Option<Status>,
    pub kind: Option<ReportKind>,
    pub category: Option<i64>,
    pub region: Option<(RegionLevel, String)>,
    pub agency: Option<i64>,
    pub agency_scope: Option<i64>,
    /// How the reports arrived.
    pub channel: Option<Channel>,
    /// A regional officer's province or regency: applied on top of every other filter.
    pub jurisdiction: Option<String>,
    /// Only reports past their deadline.
    pub late: bool,
}

/// One row of the queue: no reporter columns are read.
#[derive(Clone, Debug)]
pub struct QueueRow {
    pub id: i64,
    pub tracking_number: String,
    pub kind: ReportKind,
    pub title: String,
    pub status: Status,
    pub category_name: Option<String>,
    pub agency_name: Option<String>,
    pub regency_code: String,
    pub due_date: Option<String>,
    pub created_at: i64,
    pub anonymous: bool,
    pub confidential: bool,
    pub channel: Channel,
}

const QUEUE_SELECT: &str = "SELECT r.id, r.tracking_number, r.kind, r.title, r.status, c.name AS category_name, \
     a.name AS agency_name, r.regency_code, r.due_date, r.created_at, r.anonymous, r.confidential, r.channel \
     FROM reports r LEFT JOIN categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id";

/// The deadline order's key: the due date, none last.
const DEADLINE_KEY: &str = "COALESCE(r.due_date, '9999-12-31')";

fn queue_row(r: &AnyRow) -> anyhow::Result<QueueRow> {
    let status: String = r.try_get("status")?;
    let kind: String = r.try_get("kind")?;
    Ok(QueueRow {
        id: r.try_get("id")?,
        tracking_number: r.try_get("tracking_number")?,
        kind: ReportKind::parse(&kind).unwrap_or_default(),
        title: r.try_get("title")?,
        status: Status::parse(&status).with_context(|| format!("unknown status {status:?} in the database"))?,
        category_name: r.try_get("category_name")?,
        agency_name: r.try_get("agency_name")?,
        regency_code: r.try_get("regency_code")?,
        due_date: r.try_get("due_date")?,
        created_at: r.try_get("created_at")?,
        anonymous: r.try_get::<i64, _>("anonymous")? != 0,
        confidential: r.try_get::<i64, _>("confidential")? != 0,
        channel: Channel::parse(&r.try_get::<String, _>("channel")?).unwrap_or_default(),
    })
}

/// A due date as a cursor key (`2026-12-02` → 20261202; none → 99991231).
fn date_key(due: Option<&str>) -> i64 {
    due.unwrap_or("9999-12-31").chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap_or(99_991_231)
}

/// A cursor key back to the date it stands for.
fn key_date(key: i64) -> String {
    format!("{:04}-{:02}-{:02}", key / 10_000, key / 100 % 100, key % 100)
}

/// Past its deadline on `today_mark`: open, with a due date before it.
fn late_condition(today_mark: &str) -> String {
    format!("(r.status <> '{}' AND r.due_date IS NOT NULL AND r.due_date < {today_mark})", Status::Closed.as_str())
}

impl Db {
    /// Every condition but status and "late" (shared by the page and the counts).
    fn queue_where(&self, f: &QueueFilter) -> Where {
        let mut w = Where::new(super::REAL);
        w.and_words(self.backend, &f.words);
        if let Some(n) = &f.tracking_number {
            w.and("r.tracking_number = ?", vec![Arg::Text(n.clone())]);
        }
        if let Some(k) = f.kind {
            w.and("r.kind = ?", vec![Arg::Text(k.as_str().into())]);
        }
        if let Some(c) = f.category {
            w.and("r.category_id = ?", vec![Arg::Int(c)]);
        }
        if let Some((level, code)) = &f.region {
            w.and(&format!("{} = ?", level.column()), vec![Arg::Text(code.clone())]);
        }
        if let Some(c) = f.channel {
            w.and("r.channel = ?", vec![Arg::Text(c.as_str().into())]);
        }
        for a in [f.agency, f.agency_scope].into_iter().flatten() {
            w.and("r.agency_id = ?", vec![Arg::Int(a)]);
        }
        if let Some(area) = &f.jurisdiction {
            super::public::and_within(&mut w, area);
        }
        w
    }

    /// One page of the queue in `sort` order after `after`, at most `limit`
    /// rows, and the cursor of the next page (`None` on the last).
    pub async fn queue(
        &self,
        f: &QueueFilter,
        today: &str,
        sort: QueueSort,
        after: Option<Cursor>,
        limit: u32,
    ) -> anyhow::Result<(Vec<QueueRow>, Option<Cursor>)> {
        let mut w = self.queue_where(f);
        if let Some(s) = f.status {
            w.and("r.status = ?", vec![Arg::Text(s.as_str().into())]);
        }
        if f.late {
            let mark = w.push(Arg::Text(today.into()));
            w.sql.push_str(&format!(" AND {}", late_condition(&mark)));
        }
        let (key, dir, cmp) = match sort {
            QueueSort::Deadline => (DEADLINE_KEY, "ASC", ">"),
            QueueSort::Newest => ("r.created_at", "DESC", "<"),
            QueueSort::Oldest => ("r.created_at", "ASC", ">"),
        };
        if let Some(c) = after {
            let k = if sort == QueueSort::Deadline { Arg::Text(key_date(c.key)) } else { Arg::Int(c.key) };
            w.and(&format!("({key}, r.id) {cmp} (?, ?)"), vec![k, Arg::Int(c.id)]);
        }
        let sql = format!("{QUEUE_SELECT} WHERE {} ORDER BY {key} {dir}, r.id {dir} LIMIT {}", w.sql, i64::from(limit) + 1);
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(&self.pool).await?;
        let mut out = rows.iter().map(queue_row).collect::<anyhow::Result<Vec<_>>>()?;
        let next = if out.len() > limit as usize {
            out.truncate(limit as usize);
            out.last().map(|r| Cursor {
                key: if sort == QueueSort::Deadline { date_key(r.due_date.as_deref()) } else { r.created_at },
                id: r.id,
            })
        } else {
            None
        };
        Ok((out, next))
    }

    /// How many reports match the filter (ignoring its status and "late")
    /// in each status, in total, and past their deadline on `today`.
    pub async fn queue_counts(&self, f: &QueueFilter, today: &str) -> anyhow::Result<QueueCounts> {
        let mut w = self.queue_where(f);
        let mark = w.push(Arg::Text(today.into()));
        let sql = format!(
            "SELECT r.status AS status, CAST(COUNT(*) AS BIGINT) AS n, \
             CAST(COALESCE(SUM(CASE WHEN {} THEN 1 ELSE 0 END), 0) AS BIGINT) AS late \
             FROM reports r WHERE {} GROUP BY r.status",
            late_condition(&mark),
            w.sql
        );
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(&self.pool).await?;
        let mut counts = QueueCounts {
            by_status: Status::ALL.iter().map(|s| StatusCount { status: *s, count: 0 }).collect(),
            ..Default::default()
        };
        for r in rows {
            let status: String = r.try_get("status")?;
            let (n, late): (i64, i64) = (r.try_get("n")?, r.try_get("late")?);
            if let Some(c) = counts.by_status.iter_mut().find(|c| c.status.as_str() == status) {
                c.count = n;
            }
            counts.total += n;
            counts.late += late;
        }
        Ok(counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_round_trip_through_cursor_keys() {
        assert_eq!(date_key(Some("2026-12-02")), 20_261_202);
        assert_eq!(key_date(20_261_202), "2026-12-02");
        assert_eq!(key_date(date_key(None)), "9999-12-31");
        assert_eq!(key_date(date_key(Some("garbage"))), "9999-12-31");
    }
}
