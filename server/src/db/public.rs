//! The public read side: reports anyone may see (not confidential, in a
//! public status), searched by words, filtered and paged by keyset. Every
//! privacy rule is part of the SQL: a row that is not public is never read.
//!
//! Full-text search is the one part that differs by backend: SQLite matches
//! the FTS5 table `reports_fts`, PostgreSQL the `search` tsvector column
//! (both from migration 0006).

use super::query::{bind, Arg, Where};
use super::reports::{report, REPORT_SELECT};
use super::{Db, ReportRow};
use anyhow::Context;
use domain::api::ReportKind;
use domain::public::{PublicSort, StatusCounts, PUBLIC_STATUSES};
use domain::Status;
use sqlx::any::AnyRow;
use sqlx::Row;

/// Most words of a search used (the rest are ignored).
pub const MAX_WORDS: usize = 8;

/// Which region column a code filters on, by its shape (`61`, `61.09`,
/// `61.09.01`, `61.09.01.2001`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionLevel {
    Province,
    Regency,
    District,
    Village,
}

/// Only reports in the region `area` (a jurisdiction: a province or a
/// regency; an unknown shape matches nothing).
pub(super) fn and_within(w: &mut Where, area: &str) {
    match RegionLevel::of(area) {
        Some(level) => w.and(&format!("{} = ?", level.column()), vec![Arg::Text(area.to_string())]),
        None => w.and("1 = 0", vec![]),
    }
}

impl RegionLevel {
    pub fn of(code: &str) -> Option<RegionLevel> {
        match code.matches('.').count() {
            0 => Some(RegionLevel::Province),
            1 => Some(RegionLevel::Regency),
            2 => Some(RegionLevel::District),
            3 => Some(RegionLevel::Village),
            _ => None,
        }
    }
    pub(super) fn column(self) -> &'static str {
        match self {
            RegionLevel::Province => "r.province_code",
            RegionLevel::Regency => "r.regency_code",
            RegionLevel::District => "r.district_code",
            RegionLevel::Village => "r.village_code",
        }
    }
}

/// The position after the last row of a page: its sort key and id. Shown to
/// clients as `KEY.ID` (two integers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub key: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(self) -> String {
        format!("{}.{}", self.key, self.id)
    }
    /// `None` unless exactly `KEY.ID` with two integers.
    pub fn decode(s: &str) -> Option<Cursor> {
        let (key, id) = s.trim().split_once('.')?;
        let int = |t: &str| (!t.is_empty() && t.len() <= 20).then(|| t.parse::<i64>().ok()).flatten();
        Some(Cursor { key: int(key)?, id: int(id)? })
    }
}

/// What the public list shows. `statuses` empty means every public status;
/// a non-public status in it matches nothing (the base condition stays).
#[derive(Clone, Debug, Default)]
pub struct PublicFilter {
    /// Search words (letters and digits only; see `words`); every one must
    /// match, each as a prefix.
    pub words: Vec<String>,
    pub kind: Option<ReportKind>,
    /// Any of these categories (empty: any).
    pub categories: Vec<i64>,
    pub region: Option<(RegionLevel, String)>,
    pub statuses: Vec<Status>,
    pub agency: Option<i64>,
    /// Only this report (a normalized tracking number).
    pub tracking_number: Option<String>,
    /// Created at or after (unix seconds).
    pub created_from: Option<i64>,
    /// Created at or before (unix seconds).
    pub created_to: Option<i64>,
}

/// The words of a search text: runs of letters and digits, lowercased, at
/// most `MAX_WORDS`. Nothing else of the text reaches the search engine, so
/// no search syntax can be injected.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .take(MAX_WORDS)
        .collect()
}

/// One row of the public list: no reporter columns are read at all.
#[derive(Clone, Debug)]
pub struct PublicRow {
    pub id: i64,
    pub tracking_number: String,
    pub kind: ReportKind,
    pub title: String,
    pub body: String,
    pub category_id: Option<i64>,
    pub category_name: Option<String>,
    pub agency_name: Option<String>,
    pub province_code: String,
    pub regency_code: String,
    pub district_code: Option<String>,
    pub village_code: Option<String>,
    pub address: String,
    pub status: Status,
    pub due_date: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A public timeline event: the role label as actor, and no message when
/// the reporter wrote it (their own words may identify them).
#[derive(Clone, Debug)]
pub struct PublicEvent {
    pub at: i64,
    pub kind: domain::EventKind,
    pub status: Status,
    pub actor_label: String,
    pub message: Option<String>,
}

const PUBLIC_SELECT: &str = "SELECT r.id, r.tracking_number, r.kind, r.title, r.body, r.category_id, \
     c.name AS category_name, a.name AS agency_name, r.province_code, r.regency_code, r.district_code, \
     r.village_code, r.address, r.status, r.due_date, r.created_at, r.updated_at \
     FROM reports r LEFT JOIN categories c ON c.id = r.category_id LEFT JOIN agencies a ON a.id = r.agency_id";

fn public_row(r: &AnyRow) -> anyhow::Result<PublicRow> {
    let status: String = r.try_get("status")?;
    let kind: String = r.try_get("kind")?;
    Ok(PublicRow {
        id: r.try_get("id")?,
        tracking_number: r.try_get("tracking_number")?,
        kind: ReportKind::parse(&kind).unwrap_or_default(),
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        category_id: r.try_get("category_id")?,
        category_name: r.try_get("category_name")?,
        agency_name: r.try_get("agency_name")?,
        province_code: r.try_get("province_code")?,
        regency_code: r.try_get("regency_code")?,
        district_code: r.try_get("district_code")?,
        village_code: r.try_get("village_code")?,
        address: r.try_get("address")?,
        status: Status::parse(&status).with_context(|| format!("unknown status {status:?} in the database"))?,
        due_date: r.try_get("due_date")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The condition every public row meets, with constants only.
fn public_condition() -> String {
    let list: Vec<String> = PUBLIC_STATUSES.iter().map(|s| format!("'{}'", s.as_str())).collect();
    format!("{} AND r.confidential = 0 AND r.status IN ({})", super::REAL, list.join(", "))
}

/// Statuses that count as open (all public ones but closed).
fn open_condition() -> String {
    let list: Vec<String> =
        PUBLIC_STATUSES.iter().filter(|s| **s != Status::Closed).map(|s| format!("'{}'", s.as_str())).collect();
    format!("r.status IN ({})", list.join(", "))
}

impl Db {
    /// The filter's conditions except status (shared by the page and the counts).
    fn public_where(&self, f: &PublicFilter) -> Where {
        let mut w = Where::new(public_condition());
        w.and_words(self.backend, &f.words);
        if let Some(n) = &f.tracking_number {
            w.and("r.tracking_number = ?", vec![Arg::Text(n.clone())]);
        }
        if let Some(k) = f.kind {
            w.and("r.kind = ?", vec![Arg::Text(k.as_str().into())]);
        }
        w.and_in("r.category_id", f.categories.iter().map(|c| Arg::Int(*c)).collect());
        if let Some((level, code)) = &f.region {
            w.and(&format!("{} = ?", level.column()), vec![Arg::Text(code.clone())]);
        }
        if let Some(a) = f.agency {
            w.and("r.agency_id = ?", vec![Arg::Int(a)]);
        }
        if let Some(t) = f.created_from {
            w.and("r.created_at >= ?", vec![Arg::Int(t)]);
        }
        if let Some(t) = f.created_to {
            w.and("r.created_at <= ?", vec![Arg::Int(t)]);
        }
        w
    }

    /// One page of public reports in `sort` order after `after`, at most
    /// `limit` rows, and the cursor of the next page (`None` on the last).
    /// The public list pages by cursor only (`skip` 0); `skip` serves
    /// Open311's numbered `page`, which its handler bounds.
    pub async fn public_reports(
        &self,
        f: &PublicFilter,
        sort: PublicSort,
        after: Option<Cursor>,
        limit: u32,
        skip: u32,
    ) -> anyhow::Result<(Vec<PublicRow>, Option<Cursor>)> {
        let mut w = self.public_where(f);
        w.and_in("r.status", f.statuses.iter().map(|s| Arg::Text(s.as_str().into())).collect());
        let (key, dir, cmp) = match sort {
            PublicSort::Newest => ("r.created_at", "DESC", "<"),
            PublicSort::Oldest => ("r.created_at", "ASC", ">"),
            PublicSort::Updated => ("r.updated_at", "DESC", "<"),
        };
        if let Some(c) = after {
            w.and(&format!("({key}, r.id) {cmp} (?, ?)"), vec![Arg::Int(c.key), Arg::Int(c.id)]);
        }
        let fetch = i64::from(limit) + 1;
        let skip = if skip > 0 { format!(" OFFSET {skip}") } else { String::new() };
        let sql = format!("{PUBLIC_SELECT} WHERE {} ORDER BY {key} {dir}, r.id {dir} LIMIT {fetch}{skip}", w.sql);
        let rows = bind(sqlx::query(&sql), &w.args).fetch_all(&self.pool).await?;
        let mut out = rows.iter().map(public_row).collect::<anyhow::Result<Vec<_>>>()?;
        let next = if out.len() > limit as usize {
            out.truncate(limit as usize);
            out.last().map(|r| Cursor {
                key: if sort == PublicSort::Updated { r.updated_at } else { r.created_at },
                id: r.id,
            })
        } else {
            None
        };
        Ok((out, next))
    }

    /// How many public reports match the filter (every status) in each
    /// public status, how many are open and past `today` (YYYY-MM-DD), and
    /// the total.
    pub async fn public_counts(&self, f: &PublicFilter, today: &str) -> anyhow::Result<StatusCounts> {
        let mut w = self.public_where(f);
        let today_mark = w.push(Arg::Text(today.into()));
        let per = |s: Status| {
            format!("CAST(COALESCE(SUM(CASE WHEN r.status = '{0}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS {0}", s.as_str())
        };
        let sql = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS total, {}, {}, {}, {}, \
             CAST(COALESCE(SUM(CASE WHEN {} AND r.due_date IS NOT NULL AND r.due_date < {today_mark} THEN 1 ELSE 0 END), 0) \
             AS BIGINT) AS overdue FROM reports r WHERE {}",
            per(Status::Dispatched),
            per(Status::Returned),
            per(Status::Responded),
            per(Status::Closed),
            open_condition(),
            w.sql
        );
        let r = bind(sqlx::query(&sql), &w.args).fetch_one(&self.pool).await?;
        Ok(StatusCounts {
            total: r.try_get("total")?,
            dispatched: r.try_get("dispatched")?,
            returned: r.try_get("returned")?,
            responded: r.try_get("responded")?,
            closed: r.try_get("closed")?,
            overdue: r.try_get("overdue")?,
        })
    }

    /// A public report by its (normalized) tracking number: none when it is
    /// confidential or not in a public status, decided in the query.
    pub async fn public_report(&self, number: &str) -> anyhow::Result<Option<ReportRow>> {
        let sql = format!("{REPORT_SELECT} WHERE r.tracking_number = $1 AND {}", public_condition());
        let row = sqlx::query(&sql).bind(number).fetch_optional(&self.pool).await?;
        row.as_ref().map(report).transpose()
    }

    /// A public report's timeline, oldest first: no internal events, no
    /// acting person, no message of the reporter's, and not what the
    /// coordinator asked of the reporter.
    pub async fn public_events(&self, report_id: i64) -> anyhow::Result<Vec<PublicEvent>> {
        let rows = sqlx::query(
            "SELECT e.at, e.kind, e.status, e.actor_label, \
             CASE WHEN e.actor_role = $3 OR e.kind = $2 THEN NULL ELSE e.message END AS message \
             FROM report_events e WHERE e.report_id = $1 AND e.internal = 0 ORDER BY e.at, e.id",
        )
        .bind(report_id)
        // What the coordinator asked the reporter is a conversation with them
        // (it may name them): the event shows, its words do not.
        .bind(domain::EventKind::RequestInfo.as_str())
        .bind(domain::Actor::Reporter.as_str())
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let status: String = r.try_get("status")?;
            out.push(PublicEvent {
                at: r.try_get("at")?,
                kind: super::reports::event_kind(&r)?,
                status: Status::parse(&status).with_context(|| format!("unknown status {status:?}"))?,
                actor_label: r.try_get("actor_label")?,
                message: r.try_get("message")?,
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_only_letters_and_digits() {
        assert_eq!(words("Jalan \"rusak\" OR NEAR(x*) -y ^z"), ["jalan", "rusak", "or", "near", "x", "y", "z"]);
        assert_eq!(words("'; DROP TABLE reports; --"), ["drop", "table", "reports"]);
        assert!(words("\"*()^:-").is_empty());
        assert_eq!(words("a b c d e f g h i j").len(), MAX_WORDS);
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = Cursor { key: 1_767_225_600, id: 42 };
        assert_eq!(Cursor::decode(&c.encode()), Some(c));
        for bad in ["", "1", "1.", ".1", "a.b", "1.2.3", "1.2x", "99999999999999999999999.1"] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn region_levels_follow_the_code_shape() {
        assert_eq!(RegionLevel::of("61"), Some(RegionLevel::Province));
        assert_eq!(RegionLevel::of("61.09"), Some(RegionLevel::Regency));
        assert_eq!(RegionLevel::of("61.09.01"), Some(RegionLevel::District));
        assert_eq!(RegionLevel::of("61.09.01.2001"), Some(RegionLevel::Village));
        assert_eq!(RegionLevel::of("1.2.3.4.5"), None);
    }
}
