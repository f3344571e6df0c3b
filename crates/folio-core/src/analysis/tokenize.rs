//! Word segmentation by Unicode's UAX #29 rules.
//!
//! Text is cut at ASCII whitespace first: no UAX #29 rule joins a character across whitespace
//! (only combining marks and format characters attach to a space before them). A piece made only
//! of ASCII is segmented by a small scanner that applies the rules which concern ASCII (letters,
//! digits, `_`, and `:` `.` `'` `,` `;` between letters or digits); any other piece, with the
//! whitespace before it, goes to the general rules ([`uax29`], which cut as `unicode-segmentation`
//! does). Most of English text takes the first path, which is several times faster than the
//! general one (snippets segment text at every query); `tests/properties.rs` checks that both
//! paths cut identically.

use super::uax29::{self, Bounds};

/// The words of `text` with their byte offsets: UAX #29 word segments that contain at least one
/// letter or digit (punctuation and spaces are dropped).
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0, ascii_end: 0, general: None }
}

/// The iterator [`words`] returns.
pub struct Words<'a> {
    text: &'a str,
    /// Where the scan goes on in `text`.
    pos: usize,
    /// While an ASCII piece is being scanned, where it ends (else `pos`).
    ascii_end: usize,
    /// A piece being segmented by the general rules, with its offset in `text`.
    general: Option<(usize, Bounds<'a>)>,
}

impl<'a> Iterator for Words<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            if let Some((base, segments)) = &mut self.general {
                let base = *base;
                if let Some((at, word)) = segments.find(|(_, s)| is_word(s)) {
                    return Some((base + at, word));
                }
                self.general = None;
            }
            if self.pos < self.ascii_end {
                if let Some(word) = self.next_ascii() {
                    return Some(word);
                }
                continue;
            }
            let bytes = self.text.as_bytes();
            let start = self.pos + bytes[self.pos..].iter().take_while(|b| b.is_ascii_whitespace()).count();
            if start >= bytes.len() {
                self.pos = bytes.len();
                return None;
            }
            let end = start + bytes[start..].iter().take_while(|b| !b.is_ascii_whitespace()).count();
            if bytes[start..end].is_ascii() {
                (self.pos, self.ascii_end) = (start, end);
            } else {
                // The whitespace before the piece goes along: a combining mark at the piece's
                // start attaches to it.
                let from = start.saturating_sub(1);
                self.general = Some((from, uax29::bounds(&self.text[from..end])));
                (self.pos, self.ascii_end) = (end, end);
            }
        }
    }
}

/// The UAX #29 word-break class of an ASCII byte, for what the rules tell apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_` (ExtendNumLet).
    Connector,
    /// `:` (MidLetter): joins letters.
    MidLetter,
    /// `.` and `'` (MidNumLet, Single_Quote): join letters, and digits.
    MidBoth,
    /// `,` and `;` (MidNum): join digits.
    MidDigit,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Connector,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidBoth,
        b',' | b';' => Class::MidDigit,
        _ => Class::Other,
    }
}

impl<'a> Words<'a> {
    /// The next word of the ASCII piece `pos..ascii_end`, if any is left.
    fn next_ascii(&mut self) -> Option<(usize, &'a str)> {
        let bytes = &self.text.as_bytes()[..self.ascii_end];
        let at = |i: usize| bytes.get(i).map_or(Class::Other, |&b| class(b));
        while self.pos < bytes.len() {
            let start = self.pos;
            let first = at(start);
            if !matches!(first, Class::Letter | Class::Digit | Class::Connector) {
                self.pos += 1;
                continue;
            }
            let (mut end, mut last) = (start + 1, first);
            loop {
                let c = at(end);
                let word_char = |c| matches!(c, Class::Letter | Class::Digit | Class::Connector);
                if end < bytes.len() && word_char(c) {
                    (end, last) = (end + 1, c);
                } else if last == Class::Letter
                    && matches!(c, Class::MidLetter | Class::MidBoth)
                    && at(end + 1) == Class::Letter
                    || last == Class::Digit
                        && matches!(c, Class::MidDigit | Class::MidBoth)
                        && at(end + 1) == Class::Digit
                {
                    (end, last) = (end + 2, at(end + 1));
                } else {
                    break;
                }
            }
            self.pos = end;
            if bytes[start..end].iter().any(u8::is_ascii_alphanumeric) {
                return Some((start, &self.text[start..end]));
            }
        }
        None
    }
}

/// Whether a UAX #29 segment is a word: it holds a letter or a digit.
fn is_word(segment: &str) -> bool {
    segment.chars().any(char::is_alphanumeric)
}

/// The words of `text` by the general rules alone: what [`words`] must agree with.
pub fn words_by_general_rules(text: &str) -> impl Iterator<Item = (usize, &str)> {
    uax29::bounds(text).filter(|(_, segment)| is_word(segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_punctuation_and_keeps_offsets() {
        let text = "Kim Il-sung, 19 March 1953.";
        let got: Vec<(usize, &str)> = words(text).collect();
        assert_eq!(got, [(0, "Kim"), (4, "Il"), (7, "sung"), (13, "19"), (16, "March"), (22, "1953")]);
    }

    #[test]
    fn cyrillic_words_are_segmented() {
        let got: Vec<&str> = words("тов. Ким Ир Сеном!").map(|(_, w)| w).collect();
        assert_eq!(got, ["тов", "Ким", "Ир", "Сеном"]);
    }

    #[test]
    fn the_ascii_scanner_follows_the_general_rules() {
        for text in [
            "U.S.A. don't 3.14 1,000,000 a:b a.1 1.a __init__ _ a_.b 9;8 e-mail x.. ..y 'quoted' a''b",
            "mixed: café au lait, naïve 1.5 км/ч; «кавычки» and l'été",
            " \u{301}a b\u{301}c \tд\n\r\nx\u{200d}y 🇷🇺🇺🇸 end.",
            "",
            "   ",
        ] {
            let fast: Vec<_> = words(text).collect();
            let general: Vec<_> = words_by_general_rules(text).collect();
            assert_eq!(fast, general, "{text:?}");
        }
    }
}
