//! Civil dates and the working-day calendar (Monday–Friday minus holidays).

use std::collections::BTreeSet;
use std::fmt;

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let mut it = s.splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The local date at `unix_seconds` in a zone `offset_hours` east of UTC
    /// (Indonesia: WIB +7, WITA +8, WIT +9).
    pub fn from_unix(unix_seconds: i64, offset_hours: i32) -> Date {
        Date::from_days((unix_seconds + i64::from(offset_hours) * 3600).div_euclid(86_400))
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((self.to_days() + 3).rem_euclid(7)) as u32
    }

    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// The date as Indonesian text reads it ("1 Desember 2026"), for text
    /// the server stores (the app formats dates with the browser's `Intl`).
    pub fn in_indonesian(self) -> String {
        const MONTHS: [&str; 12] = [
            "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember",
        ];
        format!("{} {} {}", self.day, MONTHS[(self.month as usize).clamp(1, 12) - 1], self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Working days: Monday–Friday that are not in the holiday list.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    holidays: BTreeSet<Date>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = Date>) -> Calendar {
        Calendar { holidays: holidays.into_iter().collect() }
    }

    /// Reads `date,name,kind` CSV lines (a header line and bad lines are skipped).
    pub fn from_csv(csv: &str) -> Calendar {
        Calendar::new(csv.lines().filter_map(|l| Date::parse(l.split(',').next()?)))
    }

    pub fn is_working_day(&self, d: Date) -> bool {
        d.weekday() < 5 && !self.holidays.contains(&d)
    }

    /// The deadline `n` working days after `start`: counting begins the day
    /// after `start`, so a report submitted on Friday with n = 3 is due on
    /// Wednesday. n = 0 gives `start` itself.
    pub fn add_working_days(&self, start: Date, n: u32) -> Date {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d.add_days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    /// The first working day after `d`.
    pub fn next_working_day(&self, d: Date) -> Date {
        self.add_working_days(d, 1)
    }

    /// The last working day before `d`.
    pub fn previous_working_day(&self, d: Date) -> Date {
        let mut p = d.add_days(-1);
        while !self.is_working_day(p) {
            p = p.add_days(-1);
        }
        p
    }

    /// This calendar with `d` a holiday too, or (`off` false) not one.
    pub fn with_day_off(&self, d: Date, off: bool) -> Calendar {
        let mut holidays = self.holidays.clone();
        if off {
            holidays.insert(d);
        } else {
            holidays.remove(&d);
        }
        Calendar { holidays }
    }

    /// Working days in (from, to]; negative when `to` is before `from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let (a, b, sign) = if from <= to { (from, to, 1) } else { (to, from, -1) };
        let mut n = 0;
        let mut d = a;
        while d < b {
            d = d.add_days(1);
            if self.is_working_day(d) {
                n += 1;
            }
        }
        sign * n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        assert_eq!(d("2026-02-28").to_string(), "2026-02-28");
        assert!(Date::parse("2026-02-29").is_none());
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2026-13-01").is_none());
        assert!(Date::parse("26-01-01").is_none());
        assert!(Date::parse("kemarin").is_none());
    }

    #[test]
    fn day_numbers_round_trip_and_weekdays_are_right() {
        for z in -800_000..800_000i64 {
            if z % 997 == 0 {
                assert_eq!(Date::from_days(z).to_days(), z);
            }
        }
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2026-11-23").weekday(), 0); // a Monday
        assert_eq!(d("2026-08-17").weekday(), 0);
        assert_eq!(d("2025-12-25").weekday(), 3);
    }

    #[test]
    fn local_date_uses_the_offset() {
        // 2026-11-23 18:30 UTC is already the 24th in WIB (+7).
        let t = d("2026-11-23").to_days() * 86_400 + 18 * 3600 + 1800;
        assert_eq!(Date::from_unix(t, 0), d("2026-11-23"));
        assert_eq!(Date::from_unix(t, 7), d("2026-11-24"));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        let cal = Calendar::from_csv(
            "date,name,kind\n2026-12-24,Cuti Bersama Natal,cuti_bersama\n2026-12-25,Natal,libur_nasional\n",
        );
        // Friday + 3 → Wednesday.
        assert_eq!(cal.add_working_days(d("2026-11-20"), 3), d("2026-11-25"));
        // Submitted on a Saturday: Mon, Tue, Wed.
        assert_eq!(cal.add_working_days(d("2026-11-21"), 3), d("2026-11-25"));
        // Across Christmas: 23 Dec (Wed) + 3 → 24,25 off, 26/27 weekend → 28, 29, 30.
        assert_eq!(cal.add_working_days(d("2026-12-23"), 3), d("2026-12-30"));
        assert_eq!(cal.add_working_days(d("2026-12-23"), 0), d("2026-12-23"));
        assert_eq!(cal.working_days_between(d("2026-12-23"), d("2026-12-30")), 3);
        assert_eq!(cal.working_days_between(d("2026-12-30"), d("2026-12-23")), -3);
        assert!(!cal.is_working_day(d("2026-12-25")));
        assert!(cal.is_working_day(d("2026-12-28")));
    }

    #[test]
    fn dates_read_in_indonesian() {
        assert_eq!(Date::parse("2026-12-01").unwrap().in_indonesian(), "1 Desember 2026");
        assert_eq!(Date::parse("2027-01-31").unwrap().in_indonesian(), "31 Januari 2027");
    }
}
