//! Small helpers shared by every layer: hex, dates without a clock, and the one sort.

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

/// Sorts `items` by `key`, stably (equal keys keep their order). Every caller sorts through this one
/// function: each `sort_by_key` of another element type compiles its own copy of the standard sort
/// (kilobytes of wasm each); here only the `(key, index)` pairs are sorted, one copy for the crate.
pub fn sort_by_u64_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> u64) {
    let mut order: Vec<(u64, usize)> = items.iter().enumerate().map(|(i, t)| (key(t), i)).collect();
    // The index makes every pair distinct: an unstable sort of them is a stable sort of the items.
    order.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|(_, i)| slots.get_mut(i).and_then(Option::take)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_one_sort_is_stable_and_loses_nothing() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by_u64_key(&mut v, |(k, _)| *k);
        assert_eq!(v, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by_u64_key(&mut empty, |&b| u64::from(b));
        assert!(empty.is_empty());
    }

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
