//! Unicode's UAX #29 word boundaries, cut exactly where the `unicode-segmentation` crate (the
//! version Cargo.lock pins) cuts them, from Folio's own table of word-break classes
//! ([`word_table`](super::word_table), generated from the crate's by `scripts/gen-word-table.mjs`).
//!
//! The crate's tables are private and laid out for speed (12 bytes per range, a lookup table, a
//! second table for pictographs): 5.4 KB of the gzipped wasm module. Here the runs of characters
//! are stored as varint distances and a byte of class and pictographic flag (2.0 KB gzip), and
//! expanded on first use into one `u32` per run to search, and a class byte per character below
//! U+3000 (the alphabets, punctuation and symbols: Cyrillic text segments as fast as with the
//! crate's lookup table). The rules are the crate's forward
//! state machine, its reading of WB4 (format and extend characters at the start of a text form a
//! segment of their own) included; `tests` compares the two on every character in many contexts.

use std::sync::OnceLock;

use super::word_table::{CLASSES as RUN_CLASSES, STARTS};

/// A character's word-break class (UAX #29's `Word_Break` property), in the order of the table.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Wb {
    Any,
    ALetter,
    Numeric,
    HebrewLetter,
    Katakana,
    ExtendNumLet,
    MidLetter,
    MidNum,
    MidNumLet,
    SingleQuote,
    DoubleQuote,
    Extend,
    Format,
    Zwj,
    RegionalIndicator,
    WSegSpace,
    Cr,
    Lf,
    Newline,
}

const CLASSES: [Wb; 19] = [
    Wb::Any,
    Wb::ALetter,
    Wb::Numeric,
    Wb::HebrewLetter,
    Wb::Katakana,
    Wb::ExtendNumLet,
    Wb::MidLetter,
    Wb::MidNum,
    Wb::MidNumLet,
    Wb::SingleQuote,
    Wb::DoubleQuote,
    Wb::Extend,
    Wb::Format,
    Wb::Zwj,
    Wb::RegionalIndicator,
    Wb::WSegSpace,
    Wb::Cr,
    Wb::Lf,
    Wb::Newline,
];

/// Below this character, classes are looked up in a byte per character (Latin, Greek, Cyrillic,
/// the other alphabets, punctuation and symbols); above it, the runs are searched.
const DIRECT: u32 = 0x3000;

/// The table expanded: its runs, and the class byte of every character below [`DIRECT`].
struct Table {
    /// Each run as `first character << 6 | pictographic << 5 | class`, ascending.
    runs: Vec<u32>,
    /// `pictographic << 5 | class` of each character below [`DIRECT`].
    direct: Vec<u8>,
}

/// The table, expanded on first use.
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut starts = STARTS.iter();
        let mut first = 0u32;
        let mut runs = Vec::with_capacity(RUN_CLASSES.len());
        for &class in &RUN_CLASSES {
            first += read_varint(&mut starts);
            runs.push(first << 6 | u32::from(class));
        }
        let direct = (0..DIRECT).map(|c| (search(&runs, c) & 63) as u8).collect();
        Table { runs, direct }
    })
}

/// Reads a little-endian base-128 varint from `bytes` (the generated tables' steps); 0 at the end.
pub(super) fn read_varint(bytes: &mut std::slice::Iter<'_, u8>) -> u32 {
    let (mut value, mut shift) = (0u32, 0);
    for &b in bytes.by_ref() {
        value |= u32::from(b & 0x7F) << shift;
        shift += 7;
        if b < 0x80 {
            break;
        }
    }
    value
}

/// The run entry of character `c` in `runs`.
fn search(runs: &[u32], c: u32) -> u32 {
    let run = runs.partition_point(|&r| r >> 6 <= c).saturating_sub(1);
    runs.get(run).copied().unwrap_or(0)
}

/// The class of `c`, and whether it is Extended_Pictographic.
fn class(c: char) -> (Wb, bool) {
    let table = table();
    let entry = match table.direct.get(c as usize) {
        Some(&byte) => u32::from(byte),
        None => search(&table.runs, c as u32),
    };
    (CLASSES.get((entry & 31) as usize).copied().unwrap_or(Wb::Any), entry & 32 != 0)
}

/// What has been read of the current segment (the crate's states).
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Letter,
    HebrewLetter,
    Numeric,
    Katakana,
    ExtendNumLet,
    /// A first regional indicator (`true` once paired).
    Regional(bool),
    /// Waiting past a middle character (or, with `Wanted::None`, after format and extend
    /// characters that began the text) for what decides.
    Pending(Wanted),
    Zwj,
    Emoji,
    Space,
}

/// What may follow a middle character for the segment to go on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// Nothing: the segment ends at the next character.
    None,
    /// A letter (WB6/7), after `:` `.` `'` between letters.
    Letter,
    /// A Hebrew letter (WB7b/c), after `"`.
    HebrewLetter,
    /// A letter, or else the segment ends after the quote (WB7a: Hebrew letter × `'`).
    QuoteOrLetter,
    /// A digit (WB11/12), after `,` `;` `.` `'` between digits.
    Digit,
}

/// The byte length of the first word-boundary segment of `text` (0 for an empty text).
fn segment_len(text: &str) -> usize {
    let mut state = State::Start;
    let mut cat = Wb::Any;
    // Where the segment ends if the pending middle character is not followed as wanted.
    let mut before_middle = 0;
    // Whether format, extend or joiner characters were passed over (WB4), which ends a run of spaces.
    let mut skipped = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let after_zwj = cat == Wb::Zwj;
        let pictographic;
        (cat, pictographic) = class(c);
        let end_here = at; // the segment ends before this character
        let end_after = at + c.len_utf8(); // the segment ends after it
        if state != State::Start && matches!(cat, Wb::Extend | Wb::Format | Wb::Zwj) {
            skipped = true; // WB4
            continue;
        }
        if after_zwj && pictographic {
            state = State::Emoji; // WB3c
            continue;
        }
        let next_class =
            |chars: &mut std::iter::Peekable<std::str::CharIndices>| chars.peek().map(|&(_, n)| class(n).0);
        state = match (state, cat) {
            (State::Start, Wb::Cr) => {
                // WB3, WB3a
                return if next_class(&mut chars) == Some(Wb::Lf) { end_after + 1 } else { end_after };
            }
            (State::Start, Wb::ALetter) => State::Letter,
            (State::Start, Wb::HebrewLetter) => State::HebrewLetter,
            (State::Start, Wb::Numeric) => State::Numeric,
            (State::Start, Wb::Katakana) => State::Katakana,
            (State::Start, Wb::ExtendNumLet) => State::ExtendNumLet,
            (State::Start, Wb::RegionalIndicator) => State::Regional(false),
            (State::Start, Wb::Lf | Wb::Newline) => return end_after,
            (State::Start, Wb::Zwj) => State::Zwj,
            (State::Start, Wb::WSegSpace) => State::Space,
            (State::Start, _) => match next_class(&mut chars) {
                Some(Wb::Extend | Wb::Format | Wb::Zwj) => State::Pending(Wanted::None),
                _ => return end_after,
            },
            (State::Space, Wb::WSegSpace) if !skipped => State::Space,
            (State::Letter | State::HebrewLetter, Wb::ALetter) => State::Letter,
            (State::Letter | State::HebrewLetter, Wb::HebrewLetter) => State::HebrewLetter,
            (State::Letter | State::HebrewLetter, Wb::Numeric) => State::Numeric,
            (State::Letter | State::HebrewLetter, Wb::ExtendNumLet) => State::ExtendNumLet,
            (State::HebrewLetter, Wb::DoubleQuote) => {
                before_middle = end_here;
                State::Pending(Wanted::HebrewLetter)
            }
            (State::HebrewLetter, Wb::SingleQuote) => State::Pending(Wanted::QuoteOrLetter),
            (State::Letter | State::HebrewLetter, Wb::MidLetter | Wb::MidNumLet | Wb::SingleQuote) => {
                before_middle = end_here;
                State::Pending(Wanted::Letter)
            }
            (State::Numeric, Wb::Numeric) => State::Numeric,
            (State::Numeric, Wb::ALetter) => State::Letter,
            (State::Numeric, Wb::HebrewLetter) => State::HebrewLetter,
            (State::Numeric, Wb::ExtendNumLet) => State::ExtendNumLet,
            (State::Numeric, Wb::MidNum | Wb::MidNumLet | Wb::SingleQuote) => {
                before_middle = end_here;
                State::Pending(Wanted::Digit)
            }
            (State::Katakana, Wb::Katakana) => State::Katakana,
            (State::Katakana | State::ExtendNumLet, Wb::ExtendNumLet) => State::ExtendNumLet,
            (State::ExtendNumLet, Wb::ALetter) => State::Letter,
            (State::ExtendNumLet, Wb::HebrewLetter) => State::HebrewLetter,
            (State::ExtendNumLet, Wb::Numeric) => State::Numeric,
            (State::ExtendNumLet, Wb::Katakana) => State::Katakana,
            (State::Regional(false), Wb::RegionalIndicator) => State::Regional(true),
            (State::Pending(Wanted::Digit), Wb::Numeric) => State::Numeric,
            (State::Pending(Wanted::Letter | Wanted::QuoteOrLetter), Wb::ALetter) => State::Letter,
            (State::Pending(Wanted::Letter | Wanted::QuoteOrLetter | Wanted::HebrewLetter), Wb::HebrewLetter) => {
                State::HebrewLetter
            }
            // Not followed as wanted: the segment ends before the middle character.
            (State::Pending(Wanted::Letter | Wanted::HebrewLetter | Wanted::Digit), _) => return before_middle,
            _ => return end_here,
        };
    }
    match state {
        State::Pending(Wanted::Letter | Wanted::HebrewLetter | Wanted::Digit) => before_middle,
        _ => text.len(),
    }
}

/// The UAX #29 word-boundary segments of `text` (words, spaces, punctuation: every byte once),
/// with their byte offsets, as `unicode-segmentation`'s `split_word_bound_indices` gives them.
pub fn bounds(text: &str) -> Bounds<'_> {
    Bounds { text, at: 0 }
}

/// The iterator [`bounds`] returns.
pub struct Bounds<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Bounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = self.text.get(self.at..).filter(|r| !r.is_empty())?;
        // A segment holds at least one character, so the scan always advances.
        let len = segment_len(rest).max(rest.chars().next().map_or(1, char::len_utf8));
        let start = self.at;
        self.at += len;
        Some((start, &rest[..len]))
    }
}

#[cfg(test)]
mod tests {
    use super::{bounds, table};
    use unicode_segmentation::UnicodeSegmentation;

    fn same(text: &str) {
        let ours: Vec<(usize, &str)> = bounds(text).collect();
        let crate_: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
        assert_eq!(ours, crate_, "{text:?}");
    }

    #[test]
    fn every_character_is_cut_as_the_crate_cuts_it_in_every_context() {
        // Each context sets a rule on the character: letters, digits, Hebrew, katakana, quotes
        // and middle characters between them, extend and joiner, pictographs, flags, spaces,
        // line ends, and the text's start and end.
        let contexts = [
            "a{}a",
            "1{}1",
            "\u{5d0}{}\u{5d0}",
            "\u{30a2}{}",
            "_{}",
            "{}\u{301}",
            "\u{200d}{}",
            "\u{2600}\u{200d}{}",
            "\u{1f1e6}{}",
            " {}",
            "{} ",
            "\r{}",
            "{}\n",
            "{}{}",
            "a{}\u{301}a",
            "1{}\u{200d}1",
            "\u{5d0}{}\"",
        ];
        // Every character of planes 0 and 1 and of the tags block, where the classes other than
        // `Any` are; beyond them, each run's first and last characters and every 61st (debug
        // builds of both scanners take minutes over all 1.1M).
        let ends = table().runs.iter().flat_map(|&r| [(r >> 6).saturating_sub(1), r >> 6]);
        let all = (0..=0x1FFFF).chain(0xE0000..=0xE0FFF).chain((0x20000..0x110000).step_by(61)).chain(ends);
        for c in all.filter_map(char::from_u32) {
            let mut s = [0; 4];
            let c = c.encode_utf8(&mut s);
            same(c);
            same(&contexts.iter().map(|t| t.replace("{}", c)).collect::<Vec<_>>().join("x"));
        }
    }

    #[test]
    fn the_table_expands_to_ascending_runs_that_start_at_zero() {
        let runs = &table().runs;
        assert_eq!(runs.len(), super::RUN_CLASSES.len());
        assert_eq!(runs.first().map(|r| r >> 6), Some(0));
        assert!(runs.windows(2).all(|w| w[0] >> 6 < w[1] >> 6 && w[0] & 63 != w[1] & 63));
        assert!(runs.last().is_some_and(|r| r >> 6 <= 0x10FFFF));
    }

    #[test]
    fn the_rules_hold_where_they_need_more_than_one_character() {
        for text in [
            "can't 3.14 1,000.5 a.b. a..b 1.a. e.g., x'", // WB6/7, WB11/12 and their failing ends
            "\u{5d0}\"\u{5d1} \u{5d0}\" \u{5d0}' \u{5d0}'\u{5d1}", // WB7a-c
            "\u{301}\u{301}a \u{200d}\u{200d} a\u{200d}\u{2600} \u{2600}\u{200d}\u{2600}\u{301}", // WB3c, WB4
            "\u{1f1f7}\u{1f1fa}\u{1f1fa}\u{1f1f8}\u{1f1e6} \u{1f1f7}\u{301}\u{1f1fa}", // WB15/16
            "a  b   \u{301} \r\n\r\r\n\n\u{b}\u{85}",     // WB3, WB3a/b, WB3d
            "\u{30a2}\u{30a4}_\u{30a6} a_1_\u{5d0} __",   // WB13, WB13a/b
            "",
        ] {
            same(text);
        }
    }
}
