//! Snippets: the best window of a document's text around its matches, with highlight ranges.
//!
//! The window is chosen from the word positions the index already holds, and only that window's
//! words are analysed again, starting from the nearest stored word checkpoint, so a snippet from
//! the end of a long document costs as little as one from its start. Ranges are offsets in UTF-16
//! code units, the unit of JavaScript strings, so the UI can slice the text and wrap the matches
//! in `<mark>` elements. Nothing here produces HTML: the text is returned as text.

mod pairs;

use serde::Serialize;

use crate::analysis::{Analyzer, Span};
use crate::index::docs::CHECKPOINT_WORDS;

/// How many words a snippet shows.
pub const WINDOW_WORDS: u32 = 30;
/// How many words of context come before the first match in a window.
const CONTEXT_BEFORE: u32 = 6;

/// A piece of text with the ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text, whitespace collapsed, with `…` where it was cut. A run of whitespace that held a
    /// line break (between two blocks of the page: a heading and its paragraph, two list items,
    /// two cells; or a `<br>`) becomes one `\n`, any other one space: a text fragment built
    /// from the snippet must not run across blocks, which a browser never matches.
    pub text: String,
    /// `[start, end)` ranges into `text`, in UTF-16 code units, ascending and disjoint.
    pub highlights: Vec<[u32; 2]>,
}

/// What a word matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    /// The index of the query word it matched.
    pub word: usize,
    /// Whether the match was exact (the word's own stem) rather than a prefix, typo, OCR or
    /// transliteration match.
    pub exact: bool,
}

/// One text a snippet may be cut from, with where the query's words are in it.
#[derive(Debug, Clone, Default)]
pub struct Candidate<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte offsets of every [`CHECKPOINT_WORDS`]th word (see [`crate::index::docs`]).
    pub checkpoints: &'a [u32],
    /// Word positions of matches, ascending, with what each matched.
    pub marks: Vec<(u32, Mark)>,
}

/// The window a snippet was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Which candidate it came from.
    pub source: usize,
    /// Byte offset in that text where the window starts.
    pub start: usize,
    /// Byte offset in that text of the window's first matched word (its start when it has none):
    /// the section a hit links to is the one its matches are in, not the one its context begins in.
    pub first_match: usize,
    /// The snippet.
    pub snippet: Snippet,
}

/// Highlights the words of `text` at the word positions `is_match` accepts (used for titles),
/// leaving the text whole.
pub fn highlight_all(analyzer: &Analyzer, text: &str, is_match: impl Fn(u32) -> bool) -> Vec<[u32; 2]> {
    // UTF-16 offsets counted as the words go by, not from the start for each one.
    let (mut byte, mut units) = (0usize, 0u32);
    let mut utf16 = |to: usize| {
        units += text[byte..to].encode_utf16().count() as u32;
        byte = to;
        units
    };
    let mut out = Vec::new();
    for w in analyzer.spans(text).filter(|w| is_match(w.position)) {
        out.push([utf16(w.start), utf16(w.end)]);
    }
    pairs::widen(text, out)
}

/// Picks the window of at most [`WINDOW_WORDS`] words, over all candidates, that holds the most
/// distinct matched query words (then the most exact matches, then the most matches; earlier
/// candidates win ties), and returns it highlighted. With no match anywhere, the start of the
/// first non-empty candidate is returned.
pub fn best_window(analyzer: &Analyzer, candidates: &[Candidate]) -> Option<Window> {
    let mut best: Option<(WindowKey, usize, u32)> = None;
    for (source, c) in candidates.iter().enumerate() {
        if let Some((key, start)) = best_start(&c.marks) {
            if best.as_ref().is_none_or(|(k, ..)| key > *k) {
                best = Some((key, source, start));
            }
        }
    }
    let (source, start) = match best {
        Some((_, source, start)) => (source, start),
        None => (candidates.iter().position(|c| !c.text.trim().is_empty())?, 0),
    };
    Some(Window { source, ..cut(analyzer, &candidates[source], start) })
}

/// The best window of `c` among those that start near a match at a word position in `within`
/// (a section of the text), counting only those matches; every match in the window is
/// highlighted. `None` when no match lies in `within`.
pub fn best_window_within(analyzer: &Analyzer, c: &Candidate, within: std::ops::Range<u32>) -> Option<Window> {
    let from = c.marks.partition_point(|m| m.0 < within.start);
    let to = c.marks.partition_point(|m| m.0 < within.end);
    let (_, start) = best_start(&c.marks[from..to])?;
    Some(cut(analyzer, c, start))
}

/// How well a window matches: distinct query words, exact matches, matches.
pub type WindowKey = (u32, usize, usize);

/// The best window over `marks` (ascending positions): its key and first word position.
fn best_start(marks: &[(u32, Mark)]) -> Option<(WindowKey, u32)> {
    let mut best: Option<(WindowKey, u32)> = None;
    for (m, &(first, _)) in marks.iter().enumerate() {
        let start = first.saturating_sub(CONTEXT_BEFORE);
        let key = key_of(&marks[m..], start + WINDOW_WORDS);
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, start));
        }
    }
    best
}

/// The key of the marks of `marks` before word position `end`.
pub fn key_of(marks: &[(u32, Mark)], end: u32) -> WindowKey {
    let (mut groups, mut exact, mut count) = (0u64, 0usize, 0usize);
    for (_, mark) in marks.iter().take_while(|(p, _)| *p < end) {
        groups |= 1 << (mark.word % 64);
        exact += usize::from(mark.exact);
        count += 1;
    }
    (groups.count_ones(), exact, count)
}

/// Cuts the window of `c` that starts at word `start`.
fn cut(analyzer: &Analyzer, c: &Candidate, start: u32) -> Window {
    let k = (start / CHECKPOINT_WORDS) as usize;
    let (from_byte, first_position) = match c.checkpoints.get(k) {
        Some(&b) if c.text.is_char_boundary(b as usize) => (b as usize, k as u32 * CHECKPOINT_WORDS),
        _ => (0, 0),
    };
    let end = start + WINDOW_WORDS;
    let words: Vec<Span> = analyzer
        .spans(&c.text[from_byte..])
        .map(|w| Span { start: w.start + from_byte, end: w.end + from_byte, position: w.position + first_position })
        .skip_while(|w| w.position < start)
        .take_while(|w| w.position < end)
        .collect();
    let (from, to) = match (words.first(), words.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (0, c.text.len()),
    };
    let words: Vec<(Span, bool)> =
        words.into_iter().map(|w| (w, c.marks.binary_search_by_key(&w.position, |&(p, _)| p).is_ok())).collect();
    let snippet = render(c.text, &words, from > 0, to < c.text.trim_end().len());
    let first_match = words.iter().find(|w| w.1).map_or(from, |w| w.0.start);
    Window { source: 0, start: from, first_match, snippet }
}

/// The most UTF-16 units of one word, or of the text between two words, that a snippet shows:
/// a 20 MB "word" or a page of punctuation must not become a 20 MB snippet.
const MAX_PIECE_UNITS: usize = 48;
/// The most UTF-16 units of text a snippet shows, ellipses aside.
pub const MAX_SNIPPET_UNITS: usize = 480;
/// The most UTF-16 units of a hit's title.
pub const MAX_TITLE_UNITS: usize = 200;
/// The most UTF-16 units of a hit's section name.
pub const MAX_SECTION_UNITS: usize = 120;

/// Renders the window's `words` (with whether each is a match) and the text between them:
/// whitespace collapsed, each word and each gap cut at [`MAX_PIECE_UNITS`], the whole at
/// [`MAX_SNIPPET_UNITS`], ellipses where text was left out; highlights in UTF-16 offsets.
fn render(text: &str, words: &[(Span, bool)], cut_before: bool, cut_after: bool) -> Snippet {
    let mut out = Text::default();
    if let (Some(first), Some(last)) = (words.first(), words.last()) {
        out.text.reserve(last.0.end.saturating_sub(first.0.start) + 8);
    }
    if cut_before {
        out.push_str("… ");
    }
    let mut highlights = Vec::new();
    let mut cut_after = cut_after;
    let mut previous_end = None;
    for &(word, marked) in words {
        if out.units >= MAX_SNIPPET_UNITS {
            cut_after = true;
            break;
        }
        if let Some(end) = previous_end {
            out.push_piece(&text[end..word.start]);
        }
        let begin = out.units;
        out.push_piece(&text[word.start..word.end]);
        if marked {
            highlights.push([begin as u32, out.units as u32]);
        }
        previous_end = Some(word.end);
    }
    if out.text.ends_with(' ') {
        out.text.pop();
    }
    if cut_after {
        out.push_str(" …");
    }
    let highlights = pairs::widen(&out.text, highlights);
    Snippet { text: out.text, highlights }
}

/// Snippet text being written, with its length in UTF-16 units.
#[derive(Default)]
struct Text {
    text: String,
    units: usize,
    in_space: bool,
    /// The one character a whitespace run being read becomes, written before what follows it.
    gap: Option<char>,
}

impl Text {
    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
        self.units += s.encode_utf16().count();
        self.in_space = s.ends_with(' ');
    }

    /// Writes a word or a gap: whitespace runs become one space, or one `\n` when they hold a line
    /// break (none at the start), and the piece stops with `…` after [`MAX_PIECE_UNITS`].
    fn push_piece(&mut self, piece: &str) {
        // The common pieces, written whole rather than char by char: a word of printable ASCII
        // short enough not to be cut, and a single space between words.
        if piece == " " {
            // As the loop below: the gap, a space, is written at the piece's end.
            if !self.in_space && !self.text.is_empty() {
                self.text.push(' ');
                self.units += 1;
            }
            self.in_space = true;
            return;
        }
        if !piece.is_empty() && piece.len() <= MAX_PIECE_UNITS && piece.bytes().all(|b| b.is_ascii_graphic()) {
            self.end_gap();
            self.text.push_str(piece);
            self.units += piece.len();
            self.in_space = false;
            return;
        }
        self.push_chars(piece);
    }

    /// [`Text::push_piece`] char by char: any piece.
    fn push_chars(&mut self, piece: &str) {
        let mut written = 0;
        for c in piece.chars() {
            if c.is_whitespace() {
                if !self.in_space && !self.text.is_empty() {
                    self.gap = Some(' ');
                }
                if c == '\n' && self.gap.is_some() {
                    self.gap = Some('\n');
                }
                self.in_space = true;
                continue;
            }
            self.end_gap();
            if written >= MAX_PIECE_UNITS {
                self.text.push('…');
                self.units += 1;
                self.in_space = false;
                return;
            }
            self.in_space = false;
            self.text.push(c);
            self.units += c.len_utf16();
            written += c.len_utf16();
        }
        self.end_gap();
    }

    /// Writes the whitespace run just read, as one space or one `\n`.
    fn end_gap(&mut self) {
        if let Some(g) = self.gap.take() {
            self.text.push(g);
            self.units += 1;
        }
    }
}

/// `text` cut to at most `max_units` UTF-16 units at a character boundary, with `…` when it was
/// cut. For titles and section names, which are shown whole unless a page makes them absurdly long.
pub fn clip(text: &str, max_units: usize) -> std::borrow::Cow<'_, str> {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max_units {
            return format!("{}…", &text[..at]).into();
        }
    }
    text.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Word;

    #[test]
    fn pieces_written_whole_are_written_as_char_by_char() {
        let long = "x".repeat(MAX_PIECE_UNITS + 3);
        let exact = "y".repeat(MAX_PIECE_UNITS);
        let pieces = [
            " ", "Word", " ", "  \n ", "naïve", " ", &long, "a\tb", "", " ", &exact, ",", " \n", "Ü", " ", "\u{1}x",
            " ",
        ];
        for skip in 0..pieces.len() {
            let (mut whole, mut chars) = (Text::default(), Text::default());
            for piece in &pieces[skip..] {
                whole.push_piece(piece);
                chars.push_chars(piece);
                assert_eq!((&whole.text, whole.units, whole.in_space), (&chars.text, chars.units, chars.in_space));
            }
        }
    }

    fn utf16_slice(s: &str, [a, b]: [u32; 2]) -> String {
        let units: Vec<u16> = s.encode_utf16().collect();
        String::from_utf16(&units[a as usize..b as usize]).unwrap()
    }

    /// A candidate over `text`, with checkpoints and marks computed by scanning it.
    fn candidate<'a>(
        text: &'a str,
        checkpoints: &'a mut Vec<u32>,
        is_match: impl Fn(&Word) -> Option<Mark>,
    ) -> Candidate<'a> {
        let analyzer = Analyzer::new();
        let mut marks = Vec::new();
        for w in analyzer.word_iter(text) {
            if w.position % CHECKPOINT_WORDS == 0 {
                checkpoints.push(w.start as u32);
            }
            if let Some(m) = is_match(&w) {
                marks.push((w.position, m));
            }
        }
        Candidate { text, checkpoints, marks }
    }

    #[test]
    fn highlights_are_utf16_offsets_on_cyrillic_text() {
        let text = "Мы рекомендуем исправить ошибки, допущенные августовским пленумом 😀 и пленума.";
        let mut cp = Vec::new();
        let c = candidate(text, &mut cp, |t| t.form.starts_with("пленум").then_some(Mark { word: 0, exact: true }));
        let w = best_window(&Analyzer::new(), &[c]).unwrap();
        let marked: Vec<String> = w.snippet.highlights.iter().map(|&r| utf16_slice(&w.snippet.text, r)).collect();
        assert_eq!(marked, ["пленумом", "пленума"]);
    }

    #[test]
    fn picks_the_window_with_the_most_distinct_words_even_deep_in_a_long_text() {
        let filler = "word ".repeat(1000);
        let text = format!("alpha {filler} alpha beta together {filler}");
        let mut cp = Vec::new();
        let c = candidate(&text, &mut cp, |t| match t.form.as_str() {
            "alpha" => Some(Mark { word: 0, exact: true }),
            "beta" => Some(Mark { word: 1, exact: true }),
            _ => None,
        });
        let w = best_window(&Analyzer::new(), &[c]).unwrap();
        assert!(w.snippet.text.contains("alpha beta together"), "{}", w.snippet.text);
        assert!(w.snippet.text.starts_with("… ") && w.snippet.text.ends_with(" …"));
        assert_eq!(w.snippet.highlights.len(), 2);
        assert_eq!(w.snippet.text.split(' ').filter(|s| *s != "…").count(), WINDOW_WORDS as usize);
    }

    #[test]
    fn exact_matches_beat_other_kinds_of_match() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let loose = candidate("plenum plenum plenum", &mut a, |_| Some(Mark { word: 0, exact: false }));
        let exact = candidate("пленум", &mut b, |_| Some(Mark { word: 0, exact: true }));
        assert_eq!(best_window(&Analyzer::new(), &[loose, exact]).unwrap().source, 1);
    }

    #[test]
    fn whitespace_is_collapsed_and_offsets_follow() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let empty = candidate("", &mut a, |_| None);
        let c =
            candidate("a\n\n  big   plenum", &mut b, |t| (t.form == "plenum").then_some(Mark { word: 0, exact: true }));
        let w = best_window(&Analyzer::new(), &[empty, c]).unwrap();
        assert_eq!(w.source, 1);
        assert_eq!(w.snippet.text, "a\nbig plenum");
        assert_eq!(utf16_slice(&w.snippet.text, w.snippet.highlights[0]), "plenum");
    }

    #[test]
    fn block_boundaries_stay_line_breaks_and_offsets_follow() {
        // A heading and its paragraph, two list items and a line broken by <br>, as the corpus
        // readers store them: blocks apart by a blank line, lines by one line break.
        let text = "Firing schedule\n\nRaise the  temperature.\n\nfirst item \n\n second item\nnext line";
        let mut cp = Vec::new();
        let c = candidate(text, &mut cp, |t| {
            ["schedule", "raise", "item", "next"].contains(&t.form.as_str()).then_some(Mark { word: 0, exact: true })
        });
        let w = best_window(&Analyzer::new(), &[c]).unwrap();
        assert_eq!(w.snippet.text, "Firing schedule\nRaise the temperature.\nfirst item\nsecond item\nnext line");
        let marked: Vec<String> = w.snippet.highlights.iter().map(|&r| utf16_slice(&w.snippet.text, r)).collect();
        assert_eq!(marked, ["schedule", "Raise", "item", "item", "next"]);
    }

    #[test]
    fn without_matches_the_first_text_is_shown() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let blank = candidate("  ", &mut a, |_| None);
        let body = candidate("Some body text", &mut b, |_| None);
        let w = best_window(&Analyzer::new(), &[blank, body]).unwrap();
        assert_eq!(w.snippet.text, "Some body text");
        assert!(best_window(&Analyzer::new(), &[Candidate { text: " ", ..Candidate::default() }]).is_none());
    }

    #[test]
    fn titles_keep_their_text_and_get_ranges() {
        let title = "Journal of  Ambassador А.М. Puzanov";
        let analyzer = Analyzer::new();
        let at = analyzer.word_iter(title).find(|w| w.form == "puzanov").map(|w| w.position);
        let h = highlight_all(&analyzer, title, |position| Some(position) == at);
        assert_eq!(h.len(), 1);
        assert_eq!(utf16_slice(title, h[0]), "Puzanov");
    }
}
