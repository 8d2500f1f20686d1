//! The officers' queue (`GET /api/v1/admin/reports`): what it can be
//! filtered, searched and sorted by, and what one page of it holds. The
//! console keeps the same fields in its address (`/admin?status=…&late=1`),
//! so a filtered queue is a link.

use crate::api::{AdminReportSummary, ReportKind};
use crate::intake::Channel;
use crate::Status;
use serde::{Deserialize, Serialize};

/// Largest page of the queue.
pub const MAX_PAGE: u32 = 100;
/// Page size when the query names none.
pub const DEFAULT_PAGE: u32 = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueueSort {
    /// Nearest deadline first (reports without one last): what is due now
    /// comes first. The default for agencies.
    Deadline,
    /// Newest first: the default for coordinators and supervisors.
    #[default]
    Newest,
    Oldest,
}

impl QueueSort {
    pub const ALL: [QueueSort; 3] = [QueueSort::Deadline, QueueSort::Newest, QueueSort::Oldest];
    pub fn as_str(self) -> &'static str {
        match self {
            QueueSort::Deadline => "deadline",
            QueueSort::Newest => "newest",
            QueueSort::Oldest => "oldest",
        }
    }
    pub fn parse(s: &str) -> Option<QueueSort> {
        QueueSort::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// The queue's query string; every field optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct QueueQuery {
    /// A tracking number (with or without dashes), or words of the title or
    /// body; at most 100 characters once trimmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,98}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kind: Option<ReportKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<i64>,
    /// Known region codes (`61`, `61.09`, `61.09.01`); the narrowest given
    /// (district, regency, province) wins and must be known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub regency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub district: Option<String>,
    /// The agency the report is with now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<i64>,
    /// How the report arrived (`web`: the citizen's own form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub channel: Option<Channel>,
    /// Only reports past their deadline ("terlambat").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late: Option<bool>,
    /// Default: `deadline` for agencies, `newest` for everyone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<QueueSort>,
    /// The `next` cursor of the previous page (as the server made it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[+-]?[0-9]{1,18}\.[+-]?[0-9]{1,18})?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub after: Option<String>,
    /// Page size, 1–100 (default 50; other numbers are taken as the nearest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0, maximum = 4294967295.0))]
    pub limit: Option<u32>,
}

impl QueueQuery {
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
    /// The search text, trimmed, or `None` when empty.
    pub fn words(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
    /// The same filters from the first page (a new filter starts over).
    pub fn first_page(&self) -> QueueQuery {
        QueueQuery { after: None, ..self.clone() }
    }

    /// The query string's fields, empty ones left out (the names the server reads).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let num = |n: Option<i64>| n.map(|n| n.to_string());
        [
            ("q", self.words().map(str::to_string)),
            ("status", self.status.map(|s| s.as_str().to_string())),
            ("kind", self.kind.map(|k| k.as_str().to_string())),
            ("category", num(self.category)),
            ("province", self.province.clone()),
            ("regency", self.regency.clone()),
            ("district", self.district.clone()),
            ("agency", num(self.agency)),
            ("channel", self.channel.map(|c| c.as_str().to_string())),
            ("late", self.late.filter(|l| *l).map(|_| "true".to_string())),
            ("sort", self.sort.map(|s| s.as_str().to_string())),
            ("after", self.after.clone()),
            ("limit", self.limit.map(|l| l.to_string())),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?.trim().to_string())).filter(|(_, v)| !v.is_empty()))
        .collect()
    }

    /// A query from its fields as an address gives them (`get` by name);
    /// anything unreadable is left out.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> QueueQuery {
        let s = |k: &str| get(k).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        QueueQuery {
            q: s("q"),
            status: s("status").and_then(|v| Status::parse(&v)),
            kind: s("kind").and_then(|v| ReportKind::parse(&v)),
            category: s("category").and_then(|v| v.parse().ok()),
            province: s("province"),
            regency: s("regency"),
            district: s("district"),
            agency: s("agency").and_then(|v| v.parse().ok()),
            channel: s("channel").and_then(|v| Channel::parse(&v)),
            late: s("late").map(|v| v == "true" || v == "1").filter(|l| *l),
            sort: s("sort").and_then(|v| QueueSort::parse(&v)),
            after: s("after"),
            limit: s("limit").and_then(|v| v.parse().ok()),
        }
    }
}

/// How many reports of one status match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCount {
    pub status: Status,
    pub count: i64,
}

/// The counts beside the filters: every filter applies except the status
/// (so each status shows what choosing it would list) and "late".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueCounts {
    /// Every status, in lifecycle order, zeros included.
    pub by_status: Vec<StatusCount>,
    pub total: i64,
    /// Past their deadline now.
    pub late: i64,
}

impl QueueCounts {
    pub fn of(&self, s: Status) -> i64 {
        self.by_status.iter().find(|c| c.status == s).map_or(0, |c| c.count)
    }
}

/// One page of the queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueuePage {
    pub items: Vec<AdminReportSummary>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next: Option<String>,
    pub counts: QueueCounts,
    /// The order used (the default when the query named none).
    pub sort: QueueSort,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded() {
        let q = QueueQuery { limit: Some(1000), ..Default::default() };
        assert_eq!(q.page_size(), MAX_PAGE);
        assert_eq!(QueueQuery::default().page_size(), DEFAULT_PAGE);
        assert_eq!(QueueQuery { q: Some("  ".into()), ..Default::default() }.words(), None);
    }

    #[test]
    fn a_query_survives_the_address() {
        let q = QueueQuery {
            q: Some("jalan rusak".into()),
            status: Some(Status::Dispatched),
            kind: Some(ReportKind::Aspirasi),
            category: Some(8),
            regency: Some("61.09".into()),
            agency: Some(3),
            channel: Some(Channel::Surat),
            late: Some(true),
            sort: Some(QueueSort::Deadline),
            ..Default::default()
        };
        let pairs = q.to_pairs();
        let back = QueueQuery::from_pairs(|k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone()));
        assert_eq!(back, q);
        assert!(QueueQuery { late: Some(false), ..Default::default() }.to_pairs().is_empty());
        assert_eq!(QueueQuery::from_pairs(|k| (k == "status").then(|| "bogus".to_string())), QueueQuery::default());
    }
}
