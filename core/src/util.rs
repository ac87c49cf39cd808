//! Small formatting helpers shared by every layer: hex, and dates without a clock.

use std::fmt::Write as _;

/// Upper-case hex without separators (serial numbers as certutil shows them, thumbprints, digests).
pub fn hex_upper(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 → `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian, UTC; Hinnant's
/// `civil_from_days`). Certificates and timestamps only hold years 0000–9999, so the arithmetic
/// cannot overflow.
pub fn format_time(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Seconds since 1970 of noon UTC on a `YYYY-MM-DD` date.
pub fn noon_of(date: &str) -> Option<i64> {
    let n = |a: usize, b: usize| date.get(a..b).and_then(|v| v.parse::<i64>().ok());
    (date.len() == 10).then_some(())?;
    Some(days_from_civil(n(0, 4)?, n(5, 7)?, n(8, 10)?) * 86_400 + 12 * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_time(1_741_284_737), "2025-03-06T18:12:17Z");
        assert_eq!(days_from_civil(2000, 3, 1) * 86_400, 951_868_800);
        assert_eq!(noon_of("2026-12-03").map(format_time).as_deref(), Some("2026-12-03T12:00:00Z"));
        assert_eq!(noon_of("2026-12"), None);
        assert_eq!(hex_upper(&[0x0A, 0xFF]), "0AFF");
    }
}
