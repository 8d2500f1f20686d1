//! The holiday calendar as a superadmin manages it (`/api/v1/admin/holidays`,
//! the console's `/admin/libur`): national holidays and collective leave
//! (cuti bersama), which working-day deadlines skip.
//!
//! Only days after today can be added or removed. Every open deadline was
//! counted from a day no later than today, so a changed day after today lies
//! inside the span of exactly the deadlines on or after it, and each of those
//! moves by one working day (`DayChange`); nothing else needs knowing
//! when a deadline started.

use crate::calendar::{Calendar, Date};
use crate::validation::{FieldErrors, FieldIssue};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// The longest holiday name, in characters.
pub const HOLIDAY_NAME_MAX: usize = 120;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// A national holiday (hari libur nasional).
    #[default]
    LiburNasional,
    /// Collective leave (cuti bersama) set by the joint ministerial decree.
    CutiBersama,
}

impl HolidayKind {
    pub const ALL: [HolidayKind; 2] = [HolidayKind::LiburNasional, HolidayKind::CutiBersama];

    pub fn as_str(self) -> &'static str {
        match self {
            HolidayKind::LiburNasional => "libur_nasional",
            HolidayKind::CutiBersama => "cuti_bersama",
        }
    }

    pub fn parse(s: &str) -> Option<HolidayKind> {
        HolidayKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            HolidayKind::LiburNasional => lang.pick("Libur nasional", "National holiday"),
            HolidayKind::CutiBersama => lang.pick("Cuti bersama", "Collective leave"),
        }
    }
}

/// One day off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holiday {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    pub kind: HolidayKind,
}

impl Holiday {
    /// How the audit log names it: `2027-03-10 Hari Suci Nyepi`.
    pub fn audit_label(&self) -> String {
        format!("{} {}", self.date, self.name)
    }
}

/// `POST /api/v1/admin/holidays` and `PUT …/{date}` (where `date` is ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidayForm {
    /// A new day: `YYYY-MM-DD`, after today, not a holiday already.
    #[serde(default)]
    pub date: String,
    /// 1–120 characters once trimmed.
    #[cfg_attr(feature = "openapi", schema(pattern = r"^[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000](?:[\s\S]{0,118}[^\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000])?[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"))]
    pub name: String,
    #[serde(default)]
    pub kind: HolidayKind,
}

impl HolidayForm {
    /// The name, and (for a new day) a date after `today`.
    pub fn check(&self, today: Date, new: bool) -> FieldErrors {
        let mut errs = FieldErrors::default();
        if new {
            match Date::parse(&self.date) {
                None if self.date.trim().is_empty() => errs.add("date", FieldIssue::Required),
                None => errs.add("date", FieldIssue::InvalidDate),
                Some(d) if d <= today => errs.add("date", FieldIssue::NotAhead),
                Some(_) => {}
            }
        }
        let name = self.name.trim();
        if name.is_empty() {
            errs.add("name", FieldIssue::Required);
        } else if name.chars().count() > HOLIDAY_NAME_MAX {
            errs.add("name", FieldIssue::TooLong { max: HOLIDAY_NAME_MAX });
        }
        errs
    }
}

/// What a day added or removed did: the day, and how many open reports'
/// deadlines moved because of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HolidayChange {
    pub holiday: Holiday,
    pub deadlines_moved: i64,
}

/// A day made a holiday (`added`) or a working day again, as it moves the
/// open deadlines.
pub struct DayChange {
    after: Calendar,
    day: Date,
    added: bool,
    /// Whether deadlines count the day at all (not a weekend).
    counts: bool,
}

impl DayChange {
    pub fn new(before: &Calendar, day: Date, added: bool) -> DayChange {
        let after = before.with_day_off(day, added);
        let counts = if added { before.is_working_day(day) } else { after.is_working_day(day) };
        DayChange { after, day, added, counts }
    }

    /// Where an open deadline `due` goes (`None`: it stays). Its start is no
    /// later than today and the day is after today, so the day lies in its
    /// span exactly when it is on or before the deadline. Added: the deadline
    /// needs one more working day, the next one after it. Removed: it counts
    /// the day too, so it comes one working day earlier, the last before it.
    pub fn moved(&self, due: Date) -> Option<Date> {
        match (self.counts, self.added) {
            (true, true) if due >= self.day => Some(self.after.next_working_day(due)),
            (true, false) if due > self.day => Some(self.after.previous_working_day(due)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// Checks `moved_deadline` against counting again from the start.
    #[test]
    fn a_moved_deadline_is_the_one_counted_again_from_its_start() {
        let before = Calendar::new([d("2027-01-01")]);
        let start = d("2026-12-28"); // a Monday
        for day in ["2026-12-30", "2026-12-31", "2027-01-04", "2027-01-05", "2027-01-09"] {
            let day = d(day);
            let with = before.with_day_off(day, true);
            for n in 1..12 {
                let old = before.add_working_days(start, n);
                let new = DayChange::new(&before, day, true).moved(old).unwrap_or(old);
                assert_eq!(new, with.add_working_days(start, n), "adding {day}, n = {n}");
                // And taking the day away again brings the deadline back.
                assert_eq!(DayChange::new(&with, day, false).moved(new).unwrap_or(new), old, "removing {day}, n = {n}");
            }
        }
    }

    #[test]
    fn only_days_after_today_can_change_and_a_name_is_needed() {
        let today = d("2026-12-02");
        let form = |date: &str, name: &str| HolidayForm { date: date.into(), name: name.into(), kind: HolidayKind::CutiBersama };
        assert!(form("2027-01-01", "Tahun Baru").check(today, true).is_empty());
        assert_eq!(form("2026-12-02", "Hari ini").check(today, true).get("date"), Some(&FieldIssue::NotAhead));
        assert_eq!(form("2027-02-30", "x").check(today, true).get("date"), Some(&FieldIssue::InvalidDate));
        assert_eq!(form("", "x").check(today, true).get("date"), Some(&FieldIssue::Required));
        assert_eq!(form("2027-01-01", " ").check(today, true).get("name"), Some(&FieldIssue::Required));
        assert!(form("", "Ganti nama").check(today, false).is_empty());
        assert_eq!(HolidayKind::parse("cuti_bersama"), Some(HolidayKind::CutiBersama));
    }
}
