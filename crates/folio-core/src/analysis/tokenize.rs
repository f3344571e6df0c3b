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
//!
//! Then a word that UAX #29 joins with `.`, `:` or `_` between letters is cut there into its parts:
//! an identifier (`sphinx.ext.autodoc`, `autodoc_member_order`, `__init__`), a host name or a
//! Finnish case ending (`EU:n`) is found by each of its words, as MiniSearch and Pagefind find it,
//! and a query typed the same way asks for the same parts. An initialism (`U.S.S.R.`, `e.g.`, `т.е.`:
//! single letters between dots) stays one word, which [`super::normalize::fold`] writes without its
//! dots (`ussr`). Numbers keep theirs (`3.14`, `1,000`).

use super::uax29::{self, Bounds};

/// The words of `text` with their byte offsets: UAX #29 word segments that contain at least one
/// letter or digit (punctuation and spaces are dropped), cut into their parts at `.`, `:` and `_`
/// between letters (see the module's documentation).
pub fn words(text: &str) -> Words<'_> {
    parts(segments(text))
}

/// The UAX #29 words of `text` (segments holding a letter or digit), before they are cut into
/// parts: what the `unicode-segmentation` crate gives.
pub fn segments(text: &str) -> Segments<'_> {
    Segments { text, pos: 0, ascii_end: 0, general: None }
}

/// The parts of `segments`, UAX #29 words with their offsets: each cut at `.`, `:` and `_`
/// between letters, initialisms and numbers whole.
pub fn parts<'a, I: Iterator<Item = (usize, &'a str)>>(segments: I) -> Parts<'a, I> {
    Parts { segments, rest: None }
}

/// The iterator [`words`] returns.
pub type Words<'a> = Parts<'a, Segments<'a>>;

/// The parts of the words that `I` gives (see [`words`]).
pub struct Parts<'a, I> {
    segments: I,
    /// What is left of a word being cut into parts, with its offset in the text.
    rest: Option<(usize, &'a str)>,
}

impl<'a, I: Iterator<Item = (usize, &'a str)>> Iterator for Parts<'a, I> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let (at, word) = match self.rest.take() {
                Some(rest) => rest,
                None => self.segments.next()?,
            };
            let Some((end, next)) =
                (if word.contains(['.', ':', '_']) && !is_initialism(word) { cut(word) } else { None })
            else {
                if word.chars().any(char::is_alphanumeric) {
                    return Some((at, word));
                }
                continue;
            };
            self.rest = Some((at + next, &word[next..]));
            let part = &word[..end];
            if part.chars().any(char::is_alphanumeric) {
                return Some((at, part));
            }
        }
    }
}

/// Where `word` is cut first: the end of its first part and the start of the rest. At every `_`,
/// and at a `.` or `:` with a letter on both sides.
fn cut(word: &str) -> Option<(usize, usize)> {
    let mut chars = word.char_indices().peekable();
    let mut before: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let after = chars.peek().map(|&(_, c)| c);
        let joins_letters = before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic);
        if c == '_' || matches!(c, '.' | ':') && joins_letters {
            return Some((i, i + 1));
        }
        before = Some(c);
    }
    None
}

/// Whether `word` is an initialism: single letters between dots (`U.S.S.R`, `e.g`, `т.е`).
pub fn is_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    let mut letters = 0;
    loop {
        match chars.next() {
            Some(c) if c.is_alphabetic() => letters += 1,
            _ => return false,
        }
        match chars.next() {
            Some('.') => {}
            None => return letters >= 2,
            Some(_) => return false,
        }
    }
}

/// The UAX #29 words of a text, before they are cut into parts.
pub struct Segments<'a> {
    text: &'a str,
    /// Where the scan goes on in `text`.
    pos: usize,
    /// While an ASCII piece is being scanned, where it ends (else `pos`).
    ascii_end: usize,
    /// A piece being segmented by the general rules, with its offset in `text`.
    general: Option<(usize, Bounds<'a>)>,
}

impl<'a> Iterator for Segments<'a> {
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

impl<'a> Segments<'a> {
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

/// The UAX #29 words of `text` by the general rules alone: what [`segments`] must agree with.
pub fn segments_by_general_rules(text: &str) -> impl Iterator<Item = (usize, &str)> {
    uax29::bounds(text).filter(|(_, segment)| is_word(segment))
}

/// The words of `text` by the general rules alone: what [`words`] must agree with.
pub fn words_by_general_rules(text: &str) -> impl Iterator<Item = (usize, &str)> {
    parts(segments_by_general_rules(text))
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
    fn identifiers_are_cut_into_their_words_at_dots_colons_and_underscores() {
        let got: Vec<(usize, &str)> = words("sphinx.ext.autodoc autodoc_member_order __init__ EU:n").collect();
        let want = [
            (0, "sphinx"),
            (7, "ext"),
            (11, "autodoc"),
            (19, "autodoc"),
            (27, "member"),
            (34, "order"),
            (42, "init"),
            (49, "EU"),
            (52, "n"),
        ];
        assert_eq!(got, want);
        let cyrillic: Vec<&str> = words("модуль os.path и файл_конфигурации").map(|(_, w)| w).collect();
        assert_eq!(cyrillic, ["модуль", "os", "path", "и", "файл", "конфигурации"]);
    }

    #[test]
    fn initialisms_numbers_and_apostrophes_stay_whole() {
        let got: Vec<&str> =
            words("the U.S.S.R. e.g. т.е. 3.14 1,000 v2.0 don't l'été U.S.-made").map(|(_, w)| w).collect();
        assert_eq!(got, ["the", "U.S.S.R", "e.g", "т.е", "3.14", "1,000", "v2.0", "don't", "l'été", "U.S", "made"]);
        assert!(!is_initialism("sphinx.ext") && !is_initialism("a") && !is_initialism("a.") && !is_initialism("3.1"));
    }

    #[test]
    fn the_ascii_scanner_follows_the_general_rules() {
        for text in [
            "U.S.A. don't 3.14 1,000,000 a:b a.1 1.a __init__ _ a_.b 9;8 e-mail x.. ..y 'quoted' a''b os.path a_b_c",
            "mixed: café au lait, naïve 1.5 км/ч; «кавычки» and l'été",
            " \u{301}a b\u{301}c \tд\n\r\nx\u{200d}y 🇷🇺🇺🇸 end.",
            "",
            "   ",
        ] {
            let fast: Vec<_> = segments(text).collect();
            let general: Vec<_> = segments_by_general_rules(text).collect();
            assert_eq!(fast, general, "{text:?}");
            assert_eq!(words(text).collect::<Vec<_>>(), words_by_general_rules(text).collect::<Vec<_>>(), "{text:?}");
        }
    }
}
