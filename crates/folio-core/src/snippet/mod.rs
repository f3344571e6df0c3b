//! Snippets: the best window of a document's text around its matches, with highlight ranges.
//!
//! Ranges are offsets in UTF-16 code units, the unit of JavaScript strings, so the UI can slice
//! the text and wrap the matches in `<mark>` elements without re-tokenising. Nothing here produces
//! HTML: the text is returned as text.

use serde::Serialize;

use crate::analysis::{Analyzer, Word};

/// How many words a snippet shows.
pub const WINDOW_WORDS: usize = 30;
/// How many words of context come before the first match in a window.
const CONTEXT_BEFORE: usize = 6;

/// A piece of text with the ranges to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text, whitespace collapsed, with `…` where it was cut.
    pub text: String,
    /// `[start, end)` ranges into `text`, in UTF-16 code units, ascending and disjoint.
    pub highlights: Vec<[u32; 2]>,
}

/// The window a snippet was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Which of the candidate texts it came from (index into the slice given to [`best_window`]).
    pub source: usize,
    /// Byte offset in that text where the window starts.
    pub start: usize,
    /// The snippet.
    pub snippet: Snippet,
}

/// What a token matched: the query word's index, and whether the match was exact (the word's
/// own stem) rather than a prefix, typo, OCR or transliteration match.
pub type Mark = (usize, bool);

/// Highlights every matching word of `text` (used for titles), leaving the text whole.
pub fn highlight_all(analyzer: &Analyzer, text: &str, is_match: impl Fn(&Word) -> Option<Mark>) -> Vec<[u32; 2]> {
    let utf16 = |byte: usize| text[..byte].encode_utf16().count() as u32;
    analyzer.words(text).iter().filter(|t| is_match(t).is_some()).map(|t| [utf16(t.start), utf16(t.end)]).collect()
}

/// Picks the window of at most [`WINDOW_WORDS`] words, over all `texts`, that holds the most
/// distinct matched query words (then the most exact matches, then the most matches; earlier
/// texts win ties), and returns it highlighted. `is_match` tells which query word, if any, a
/// token matches, and how. With no match anywhere, the start of the first non-empty text is
/// returned.
pub fn best_window(analyzer: &Analyzer, texts: &[&str], is_match: impl Fn(&Word) -> Option<Mark>) -> Option<Window> {
    // (key, text index, first word of the window)
    let mut best: Option<((u32, usize, usize), usize, usize)> = None;
    let analysed: Vec<Vec<Word>> = texts.iter().map(|text| analyzer.words(text)).collect();
    for (source, tokens) in analysed.iter().enumerate() {
        let marks: Vec<(usize, Mark)> =
            tokens.iter().enumerate().filter_map(|(i, t)| is_match(t).map(|g| (i, g))).collect();
        for (m, &(first, _)) in marks.iter().enumerate() {
            let start = first.saturating_sub(CONTEXT_BEFORE);
            let end = start + WINDOW_WORDS;
            let inside: Vec<Mark> = marks[m..].iter().take_while(|(i, _)| *i < end).map(|&(_, g)| g).collect();
            let distinct = inside.iter().fold(0u64, |acc, &(g, _)| acc | (1u64 << (g % 64))).count_ones();
            let exact = inside.iter().filter(|(_, exact)| *exact).count();
            let key = (distinct, exact, inside.len());
            if best.as_ref().is_none_or(|(k, ..)| key > *k) {
                best = Some((key, source, start));
            }
        }
    }
    let (source, start_token) = match best {
        Some((_, source, start)) => (source, start),
        None => (texts.iter().position(|t| !t.trim().is_empty())?, 0),
    };
    let tokens = &analysed[source];
    let text = texts[source];
    let end_token = (start_token + WINDOW_WORDS).min(tokens.len());
    let (from, to) = match (tokens.get(start_token), end_token.checked_sub(1).and_then(|e| tokens.get(e))) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => (0, text.len()),
    };
    let ranges: Vec<(usize, usize)> =
        tokens[start_token..end_token].iter().filter(|t| is_match(t).is_some()).map(|t| (t.start, t.end)).collect();
    let snippet = render(text, from, to, &ranges, from > 0, to < text.trim_end().len());
    Some(Window { source, start: from, snippet })
}

/// Cuts `text[from..to]`, collapses whitespace, adds ellipses, and converts the byte `ranges`
/// (ascending) to UTF-16 offsets into the result.
fn render(text: &str, from: usize, to: usize, ranges: &[(usize, usize)], cut_before: bool, cut_after: bool) -> Snippet {
    let mut out = String::new();
    let mut units = 0u32;
    let mut highlights = Vec::with_capacity(ranges.len());
    if cut_before {
        out.push_str("… ");
        units += 2;
    }
    let mut next = 0usize;
    let mut open: Option<u32> = None;
    let mut in_space = false;
    for (offset, c) in text[from..to].char_indices() {
        let at = from + offset;
        if let Some(start) = open {
            if at >= ranges[next].1 {
                highlights.push([start, units]);
                open = None;
                next += 1;
            }
        }
        if open.is_none() && next < ranges.len() && at == ranges[next].0 {
            open = Some(units);
        }
        if c.is_whitespace() {
            if !in_space && !out.is_empty() {
                out.push(' ');
                units += 1;
            }
            in_space = true;
            continue;
        }
        in_space = false;
        out.push(c);
        units += c.len_utf16() as u32;
    }
    if let Some(start) = open {
        highlights.push([start, units]);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    if cut_after {
        out.push_str(" …");
    }
    Snippet { text: out, highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16_slice(s: &str, [a, b]: [u32; 2]) -> String {
        let units: Vec<u16> = s.encode_utf16().collect();
        String::from_utf16(&units[a as usize..b as usize]).unwrap()
    }

    #[test]
    fn highlights_are_utf16_offsets_on_cyrillic_text() {
        let analyzer = Analyzer::new();
        let text = "Мы рекомендуем исправить ошибки, допущенные августовским пленумом 😀 и пленума.";
        let w = best_window(&analyzer, &[text], |t| t.word.starts_with("пленум").then_some((0, true))).unwrap();
        let marked: Vec<String> = w.snippet.highlights.iter().map(|&r| utf16_slice(&w.snippet.text, r)).collect();
        assert_eq!(marked, ["пленумом", "пленума"]);
    }

    #[test]
    fn picks_the_window_with_the_most_distinct_words() {
        let analyzer = Analyzer::new();
        let filler = "word ".repeat(100);
        let text = format!("alpha {filler} alpha beta together {filler}");
        let w = best_window(&analyzer, &[&text], |t| match t.word.as_str() {
            "alpha" => Some((0, true)),
            "beta" => Some((1, true)),
            _ => None,
        })
        .unwrap();
        assert!(w.snippet.text.contains("alpha beta together"), "{}", w.snippet.text);
        assert!(w.snippet.text.starts_with("… ") && w.snippet.text.ends_with(" …"));
        assert_eq!(w.snippet.highlights.len(), 2);
    }

    #[test]
    fn exact_matches_beat_other_kinds_of_match() {
        let analyzer = Analyzer::new();
        let w = best_window(&analyzer, &["plenum plenum plenum", "пленум"], |t| match t.word.as_str() {
            "plenum" => Some((0, false)),
            "пленум" => Some((0, true)),
            _ => None,
        })
        .unwrap();
        assert_eq!(w.source, 1);
    }

    #[test]
    fn whitespace_is_collapsed_and_offsets_follow() {
        let analyzer = Analyzer::new();
        let w = best_window(&analyzer, &["", "a\n\n  big   plenum"], |t| (t.word == "plenum").then_some((0, true)))
            .unwrap();
        assert_eq!(w.source, 1);
        assert_eq!(w.snippet.text, "a big plenum");
        assert_eq!(utf16_slice(&w.snippet.text, w.snippet.highlights[0]), "plenum");
    }

    #[test]
    fn without_matches_the_first_text_is_shown() {
        let analyzer = Analyzer::new();
        let w = best_window(&analyzer, &["  ", "Some body text"], |_| None).unwrap();
        assert_eq!(w.snippet.text, "Some body text");
        assert!(best_window(&analyzer, &["", " "], |_| None).is_none());
    }

    #[test]
    fn titles_keep_their_text_and_get_ranges() {
        let analyzer = Analyzer::new();
        let title = "Journal of  Ambassador А.М. Puzanov";
        let h = highlight_all(&analyzer, title, |t| (t.word == "puzanov").then_some((0, true)));
        assert_eq!(utf16_slice(title, h[0]), "Puzanov");
    }
}
