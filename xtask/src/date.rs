//! Calendar dates and the `YYYY-Mon` month ids of Microsoft's monthly documents.

use std::fmt;

/// A day of the proleptic Gregorian calendar. Ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12).contains(&month).then_some(())?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Date { year, month, day })
    }

    /// `YYYY-MM-DD`, alone or at the start of an ISO 8601 date-time (`2026-08-11T07:00:00Z`).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T' && b[10] != b' ') {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        Date::new(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// Days since 1970-01-01 (negative before).
    fn days_from_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_from_epoch() + 3).rem_euclid(7) as u32
    }

    /// The second Tuesday of a month: Microsoft's monthly security release ("Patch Tuesday").
    pub fn second_tuesday(year: i32, month: u32) -> Option<Date> {
        let first = Date::new(year, month, 1)?;
        let to_tuesday = (8 - first.weekday()) % 7;
        Date::new(year, month, 1 + to_tuesday + 7)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A monthly document's id, `2026-Aug` (the MSRC CVRF id, also in the feed's file names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MonthId {
    pub year: i32,
    pub month: u32,
}

impl MonthId {
    /// `YYYY-Mon`, the month's English abbreviation in any letter case (`2018-FEB` exists at MSRC).
    pub fn parse(s: &str) -> Option<MonthId> {
        let (y, m) = s.trim().split_once('-')?;
        if y.len() != 4 || !y.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let month = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(m))? as u32 + 1;
        Some(MonthId { year: y.parse().ok()?, month })
    }

    pub fn of(date: Date) -> MonthId {
        MonthId { year: date.year, month: date.month }
    }

    /// The month's Patch Tuesday.
    pub fn patch_tuesday(self) -> Date {
        Date::second_tuesday(self.year, self.month).expect("a MonthId always holds a valid month")
    }
}

impl fmt::Display for MonthId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{}", self.year, MONTHS[(self.month - 1) as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_print() {
        assert_eq!(Date::parse("2026-08-11T07:00:00").map(|d| d.to_string()), Some("2026-08-11".into()));
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        for bad in ["2025-02-29", "2026-13-01", "2026-8-11", "2026-08-11X", "", "20260811", "2026-08-1a"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn patch_tuesdays_are_second_tuesdays() {
        // Release dates Microsoft published (acs-updates.tsv, the MSRC documents' InitialReleaseDate).
        for (y, m, d) in [(2021, 10, 12), (2024, 1, 9), (2025, 10, 14), (2026, 6, 9), (2026, 7, 14), (2026, 8, 11)] {
            assert_eq!(Date::second_tuesday(y, m), Date::new(y, m, d));
        }
        assert_eq!(Date::new(2026, 8, 11).map(Date::weekday), Some(1));
    }

    #[test]
    fn month_ids() {
        let m = MonthId::parse("2026-Aug").unwrap();
        assert_eq!((m.year, m.month, m.to_string()), (2026, 8, "2026-Aug".to_string()));
        assert_eq!(MonthId::parse("2018-FEB").map(|m| m.month), Some(2));
        assert_eq!(MonthId::parse("2026-08"), None);
        assert_eq!(MonthId::parse("26-Aug"), None);
    }
}
