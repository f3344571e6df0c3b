//! Dates as numbers: an ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) is the code
//! `1 + year·416 + month·32 + day` (a missing month or day is 0), so codes order as the dates'
//! text does and a `YYYY` or `YYYY-MM` bound is a range of codes. 0 is no date. A date that is
//! not ISO (only the library's callers can give one; the corpus reader checks them) is kept as
//! text in the metadata's table of other dates, and its code is [`OTHER`] plus its place there.

/// The first code of a date that is not ISO; every ISO date's code is below it.
pub(super) const OTHER: u32 = 1 << 22;

/// The code of ISO date `text`, if it is one.
pub(super) fn code(text: &str) -> Option<u32> {
    if !crate::date::is_iso_date(text) {
        return None;
    }
    let part = |range: std::ops::Range<usize>| text.get(range).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    Some(1 + part(0..4) * 416 + part(5..7) * 32 + part(8..10))
}

/// The highest code a date starting with ISO date `text` has (`1956` takes in `1956-12-31`).
pub(super) fn last_code(text: &str) -> Option<u32> {
    let c = code(text)?;
    Some(match text.len() {
        4 => c + 12 * 32 + 31,
        7 => c + 31,
        _ => c,
    })
}

/// Whether `c` is an ISO date's code (not none, not another date).
pub(super) fn is_iso(c: u32) -> bool {
    c > 0 && c < OTHER
}

/// Whether `c`, below [`OTHER`], is a code [`code`] could give (month ≤ 12, day ≤ 31, no day
/// without a month).
pub(super) fn is_well_formed(c: u32) -> bool {
    if !is_iso(c) {
        return true;
    }
    let rest = (c - 1) % 416;
    let (month, day) = (rest / 32, rest % 32);
    month <= 12 && (month > 0 || day == 0) && (c - 1) / 416 <= 9999
}

/// The ISO text of code `c` (below [`OTHER`], not 0).
pub(super) fn text(c: u32) -> String {
    let rest = (c - 1) % 416;
    let (year, month, day) = ((c - 1) / 416, rest / 32, rest % 32);
    match (month, day) {
        (0, _) => format!("{year:04}"),
        (m, 0) => format!("{year:04}-{m:02}"),
        (m, d) => format!("{year:04}-{m:02}-{d:02}"),
    }
}

/// The year of code `c` (below [`OTHER`], not 0), as the facet shows it.
pub(super) fn year(c: u32) -> String {
    format!("{:04}", (c - 1) / 416)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_order_as_the_dates_text_and_read_back() {
        let dates =
            ["0001", "1799-12-31", "1956", "1956-01", "1956-01-31", "1956-02", "1956-12-31", "1957", "9999-12-31"];
        let codes: Vec<u32> = dates.iter().map(|d| code(d).unwrap()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
        for (d, &c) in dates.iter().zip(&codes) {
            assert_eq!(text(c), *d);
            assert_eq!(year(c), d[..4]);
            assert!(is_iso(c) && is_well_formed(c));
        }
        assert!(code("1956-02-30").is_none() && code("soon").is_none());
        assert!(last_code("1956").unwrap() < code("1957").unwrap());
        assert!(last_code("1956").unwrap() >= code("1956-12-31").unwrap());
        assert!(last_code("1956-01").unwrap() < code("1956-02").unwrap());
        assert!(!is_well_formed(1 + 1956 * 416 + 5), "a day without a month");
        assert!(!is_well_formed(1 + 10_000 * 416), "a year past 9999");
    }
}
