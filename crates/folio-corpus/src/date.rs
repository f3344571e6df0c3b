//! Dates as archives write them ("March 19, 1953", "8 July 1957", "1953-03-19"), normalised to ISO.

/// English month names and abbreviations, then Russian genitive forms ("19 марта 1953").
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("января", 1),
    ("февраля", 2),
    ("марта", 3),
    ("апреля", 4),
    ("мая", 5),
    ("июня", 6),
    ("июля", 7),
    ("августа", 8),
    ("сентября", 9),
    ("октября", 10),
    ("ноября", 11),
    ("декабря", 12),
];

/// Parses a whole string as a date and returns it as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
///
/// Accepted: `March 19, 1953`, `July 08, 1957`, `8 July 1957`, `Sept. 8 1957`, `March 1953`,
/// `1953`, `1953-03-19`, `1953-03`, and ISO timestamps such as `1953-03-19T10:00:00Z` or, with a
/// space for the `T` as RFC 3339 allows and MkDocs Material writes, `1953-03-19 10:00:00+00:00`.
pub(crate) fn parse_date(text: &str) -> Option<String> {
    let (date, rest) = leading_date(text)?;
    (rest.is_empty() || (date.len() == 10 && is_time(rest))).then_some(date)
}

/// Whether `text` is a time of day as a timestamp gives it: `10:00`, `10:00:00.5+02:00`, `10:00Z`.
fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5..].iter().all(|c| c.is_ascii_digit() || b":.+-Z".contains(c))
}

/// Parses a date at the start of `text` and returns it with the rest of the text, trimmed.
///
/// `"September 21, 1956 Telegram from A. Mikoyan"` gives `("1956-09-21", "Telegram from A. Mikoyan")`.
pub(crate) fn leading_date(text: &str) -> Option<(String, &str)> {
    let text = text.trim();
    if let Some(found) = leading_iso(text) {
        return Some(found);
    }
    let words = words_with_ends(text);
    let word = |i: usize| words.get(i).map(|&(w, _)| w);
    let rest_after = |i: usize| -> &str {
        let end = words.get(i).map_or(text.len(), |&(_, end)| end);
        text[end..].trim_start_matches([',', ' ', '\t', ':', ';', '—', '–']).trim_start()
    };
    let w0 = word(0)?;
    if let Some(month) = month_number(w0) {
        // "March 19, 1953" / "March 19 1953" / "March 1953".
        if let (Some(day), Some(year)) = (word(1).and_then(day_number), word(2).and_then(year_number)) {
            return Some((format_date(year, month, Some(day))?, rest_after(2)));
        }
        let year = year_number(word(1)?)?;
        return Some((format!("{year:04}-{month:02}"), rest_after(1)));
    }
    if let Some(day) = day_number(w0) {
        // "8 July 1957".
        let month = month_number(word(1)?)?;
        let year = year_number(word(2)?)?;
        return Some((format_date(year, month, Some(day))?, rest_after(2)));
    }
    None
}

/// An ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, optionally followed by a `T…` time) at the start.
fn leading_iso(text: &str) -> Option<(String, &str)> {
    let bytes = text.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = text.get(from..from + n)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = digits(0, 4)?;
    let boundary = |at: usize| bytes.get(at).is_none_or(|b| !b.is_ascii_alphanumeric());
    let (date, mut end) = if bytes.get(4) == Some(&b'-') {
        let month = digits(5, 2)?;
        if bytes.get(7) == Some(&b'-') {
            (format_date(year, month, Some(digits(8, 2)?))?, 10)
        } else {
            (format_date(year, month, None)?, 7)
        }
    } else {
        (format!("{year:04}"), 4)
    };
    if bytes.get(end) == Some(&b'T') && end == 10 {
        // A timestamp: the time is not part of the date.
        end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
    }
    if !boundary(end) {
        return None;
    }
    // "1956 was a year of change" is a sentence, not a date followed by a title.
    if end == 4 && !text[end..].trim().is_empty() {
        return None;
    }
    Some((date, text[end..].trim_start_matches([',', ' ', '\t']).trim_start()))
}

/// Splits text into words (letters and digits, with a trailing `.` allowed) and the byte offset
/// where each word ends; stops at the fourth word, which is all a date needs.
fn words_with_ends(text: &str) -> Vec<(&str, usize)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || (c == '.' && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((&text[s..i], i));
                start = None;
                if words.len() == 4 {
                    return words;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((&text[s..], text.len()));
    }
    words
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == word).map(|&(_, n)| n)
}

fn day_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    let day: u32 = (word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok())??;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())).then(|| word.parse().ok())?
}

/// Formats a date after checking that the month and day exist (leap years included).
fn format_date(year: u32, month: u32, day: Option<u32>) -> Option<String> {
    if !(1..=12).contains(&month) {
        return None;
    }
    let Some(day) = day else {
        return Some(format!("{year:04}-{month:02}"));
    };
    (1..=folio_core::date::days_in_month(year, month)).contains(&day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_date_forms_normalise_to_iso() {
        assert_eq!(parse_date("March 19, 1953").as_deref(), Some("1953-03-19"));
        assert_eq!(parse_date("July 08, 1957").as_deref(), Some("1957-07-08"));
        assert_eq!(parse_date("8 July 1957").as_deref(), Some("1957-07-08"));
        assert_eq!(parse_date("Sept. 8 1957").as_deref(), Some("1957-09-08"));
        assert_eq!(parse_date("December 1955").as_deref(), Some("1955-12"));
        assert_eq!(parse_date("19 марта 1953").as_deref(), Some("1953-03-19"));
        assert_eq!(parse_date("21 сентября 1956").as_deref(), Some("1956-09-21"));
    }

    #[test]
    fn iso_forms_and_timestamps() {
        assert_eq!(parse_date("1953-03-19").as_deref(), Some("1953-03-19"));
        assert_eq!(parse_date("1953-03").as_deref(), Some("1953-03"));
        assert_eq!(parse_date("1953").as_deref(), Some("1953"));
        assert_eq!(parse_date("1953-03-19T10:00:00Z").as_deref(), Some("1953-03-19"));
        assert_eq!(parse_date("1953-03-19 10:00:00+00:00").as_deref(), Some("1953-03-19"), "RFC 3339's space");
        assert_eq!(parse_date("1953-03-19 10:00"), parse_date("1953-03-19"));
        assert_eq!(parse_date("1953-03 10:00"), None, "a time after a month only");
        assert_eq!(parse_date("1953-03-19 Telegram"), None);
    }

    #[test]
    fn impossible_dates_and_prose_are_rejected() {
        assert_eq!(parse_date("February 30, 1953"), None);
        assert_eq!(parse_date("1953-13-01"), None);
        assert_eq!(parse_date("March nineteenth"), None);
        assert_eq!(parse_date("Telegram from A. Mikoyan"), None);
        assert_eq!(parse_date("May I come in"), None);
        assert_eq!(leading_date("1956 was a year of substantial change"), None);
        assert_eq!(parse_date("February 29, 1956").as_deref(), Some("1956-02-29"));
    }

    #[test]
    fn a_leading_date_is_split_from_the_title() {
        let (date, rest) = leading_date("September 21, 1956 Telegram from A. Mikoyan").unwrap();
        assert_eq!(date, "1956-09-21");
        assert_eq!(rest, "Telegram from A. Mikoyan");
        let (date, rest) = leading_date("March 19, 1953, Wilson Center Digital Archive").unwrap();
        assert_eq!((date.as_str(), rest), ("1953-03-19", "Wilson Center Digital Archive"));
    }
}
