//! ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`): whether one names a real day, month or year.
//!
//! The corpus reader normalises the dates archives write to these forms; a search's date
//! filter accepts only them. Both check the calendar here, so `2023-02-31` is refused alike.

/// How many days month `month` (1–12) of `year` has, leap years included; 0 for no such month.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

/// Whether `text` is exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and names a date that exists.
pub fn is_iso_date(text: &str) -> bool {
    let number = |part: &str| part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten();
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    if parts.next().is_some() {
        return false;
    }
    let lengths_ok =
        year.is_some_and(|y| y.len() == 4) && month.is_none_or(|m| m.len() == 2) && day.is_none_or(|d| d.len() == 2);
    if !lengths_ok {
        return false;
    }
    let Some(year) = year.and_then(number) else { return false };
    let Some(month) = month else { return true };
    let Some(month) = number(month).filter(|m| (1..=12).contains(m)) else { return false };
    day.is_none_or(|d| number(d).is_some_and(|d| (1..=days_in_month(year, month)).contains(&d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_pass_and_impossible_ones_do_not() {
        for ok in ["1953", "1953-03", "1953-03-19", "2024-02-29", "2000-02-29", "0001-12-31"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in
            ["2023-02-31", "1900-02-29", "1953-13", "1953-00", "1953-04-31", "1953-03-00", "----", "19533", "953"]
        {
            assert!(!is_iso_date(bad), "{bad}");
        }
        for bad in ["1953-3", "1953-03-1", "1953-03-19-", "1953--19", "+953", "1953-03-1x", ""] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
