//! The public read side: the list of reports anyone may see (`/laporan`),
//! one public report, and which reports and statuses are public at all.
//!
//! Public means: not confidential, and verified by a coordinator (dispatched
//! or later). Nothing here ever carries a reporter's identity.

use crate::api::{Category, RegionRef, ReportKind, TimelineEvent};
use crate::Status;
use serde::{Deserialize, Serialize};

/// Statuses a report may have and still be public: verified and forwarded,
/// or further along. Never `submitted`, `needs_info` or `archived`.
pub const PUBLIC_STATUSES: [Status; 4] = [Status::Dispatched, Status::Returned, Status::Responded, Status::Closed];

pub fn is_public(status: Status, confidential: bool) -> bool {
    !confidential && PUBLIC_STATUSES.contains(&status)
}

/// Largest page of the public list.
pub const MAX_PAGE: u32 = 50;
/// Page size when the query names none.
pub const DEFAULT_PAGE: u32 = 20;
/// Longest search text accepted (characters).
pub const MAX_QUERY_CHARS: usize = 100;

/// Order of the public list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublicSort {
    /// Newest report first (the default).
    #[default]
    Newest,
    /// Oldest report first.
    Oldest,
    /// Most recently updated first.
    Updated,
}

impl PublicSort {
    pub const ALL: [PublicSort; 3] = [PublicSort::Newest, PublicSort::Oldest, PublicSort::Updated];
    pub fn as_str(self) -> &'static str {
        match self {
            PublicSort::Newest => "newest",
            PublicSort::Oldest => "oldest",
            PublicSort::Updated => "updated",
        }
    }
    pub fn parse(s: &str) -> Option<PublicSort> {
        PublicSort::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// `GET /api/v1/public/reports` query string. Every field is optional; the
/// browser keeps the same fields in its own URL (`/laporan?q=…&regency=…`),
/// so a filtered list can be shared as a link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct PublicQuery {
    /// Words of the title or body (full-text search; every word must match,
    /// prefixes allowed); at most 100 characters once trimmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,98}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub q: Option<String>,
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
    /// One of the public statuses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(schema_with = public_status_param))]
    pub status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agency: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub sort: Option<PublicSort>,
    /// The `next` cursor of the previous page (as the server made it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[+-]?[0-9]{1,18}\.[+-]?[0-9]{1,18})?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub after: Option<String>,
    /// Page size, 1–50 (default 20; other numbers are taken as the nearest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<i64>, minimum = 0, maximum = 4294967295.0))]
    pub limit: Option<u32>,
}

/// The schema of `status` in the public list's query: only the public statuses.
#[cfg(feature = "openapi")]
fn public_status_param() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::Type::String)
        .enum_values(Some(PUBLIC_STATUSES.iter().map(|s| s.as_str())))
        .build()
}

impl PublicQuery {
    /// The narrowest region code given, if any.
    pub fn region(&self) -> Option<&str> {
        [&self.district, &self.regency, &self.province]
            .into_iter()
            .find_map(|c| c.as_deref().map(str::trim).filter(|c| !c.is_empty()))
    }
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE)
    }
    /// The search text, trimmed, or `None` when empty.
    pub fn words(&self) -> Option<&str> {
        self.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
    }
}

/// One row of the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicReportSummary {
    pub tracking_number: String,
    pub kind: ReportKind,
    pub title: String,
    /// The start of the body (at most about 200 characters).
    pub excerpt: String,
    pub category: Option<String>,
    pub agency: Option<String>,
    pub regency: Option<RegionRef>,
    pub district: Option<RegionRef>,
    pub status: Status,
    pub created_at: i64,
    pub updated_at: i64,
    pub due_date: Option<String>,
    pub overdue: bool,
}

/// How many public reports of the chosen region (and kind, category, agency
/// and words, but every status) are in each public status.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusCounts {
    pub total: i64,
    pub dispatched: i64,
    pub returned: i64,
    pub responded: i64,
    pub closed: i64,
    /// Still open and past their deadline.
    pub overdue: i64,
}

/// `GET /api/v1/public/reports`: one page, the cursor of the next, and the counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicReportPage {
    pub items: Vec<PublicReportSummary>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next: Option<String>,
    pub counts: StatusCounts,
}

/// `GET /api/v1/public/reports/{number}`: a public report, without anything
/// that identifies its reporter. The reporter's and the officers' views
/// (`api::ReportView`) extend it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicReport {
    pub tracking_number: String,
    pub kind: ReportKind,
    pub title: String,
    pub body: String,
    pub incident_date: Option<String>,
    pub province: Option<RegionRef>,
    pub regency: Option<RegionRef>,
    pub district: Option<RegionRef>,
    pub village: Option<RegionRef>,
    /// The place of the incident as the reporter described it (a landmark or street).
    pub address: String,
    pub category: Option<Category>,
    pub agency: Option<String>,
    pub status: Status,
    pub created_at: i64,
    pub updated_at: i64,
    pub due_date: Option<String>,
    pub overdue: bool,
    /// Working days (Monday–Friday minus holidays) from today to `due_date`:
    /// 0 on the last day, negative when overdue; `None` when no deadline runs.
    #[serde(default)]
    pub working_days_left: Option<i64>,
    /// On the public page: public events only, without the reporter's own
    /// words (answers, reasons). In a `ReportView`: what its viewer may see.
    pub timeline: Vec<TimelineEvent>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_verified_non_confidential_reports_are_public() {
        assert!(is_public(Status::Dispatched, false));
        assert!(is_public(Status::Closed, false));
        assert!(!is_public(Status::Closed, true));
        for s in [Status::Submitted, Status::NeedsInfo, Status::Archived] {
            assert!(!is_public(s, false), "{s}");
        }
    }

    #[test]
    fn narrowest_region_wins_and_page_size_is_bounded() {
        let q = PublicQuery {
            province: Some("61".into()),
            regency: Some("61.09".into()),
            district: Some(" ".into()),
            limit: Some(500),
            ..Default::default()
        };
        assert_eq!(q.region(), Some("61.09"));
        assert_eq!(q.page_size(), MAX_PAGE);
        assert_eq!(PublicQuery::default().page_size(), DEFAULT_PAGE);
    }
}
