//! Words for scripts written without spaces: overlapping character bigrams.
//!
//! UAX #29 cuts Chinese, Japanese kana-and-kanji and Thai text into single characters (Thai
//! with its vowel and tone marks). A run of such characters becomes the overlapping pairs of
//! its neighbours, the method of Lucene's CJK analyser: `北京大学` is `北京`, `京大`, `大学`, so
//! a query matches the words it shares with a page as pairs in a row, without a dictionary in
//! the module. A character alone (between spaces, punctuation or other scripts) stays one word.
//!
//! Pairs overlap, but the text a pair stands for in snippets does not: a pair owns its first
//! character, and the last pair of a run both of its characters, so highlighted pairs in a row
//! cover the characters they match, and spans always advance.

use std::collections::VecDeque;

/// Which characters are paired: those UAX #29 leaves alone, in scripts written without spaces.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Han ideographs, hiragana (katakana words stay whole: UAX #29 keeps them together).
    Cjk,
    /// Thai letters (with the vowel and tone marks UAX #29 attaches to them).
    Thai,
}

fn is_thai_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
}

/// Whether `c` is a Chinese or Japanese character that UAX #29 leaves alone and this module pairs
/// with its neighbours (Han ideographs, hiragana): a word of one character.
pub fn is_paired_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{309F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// The kind of a UAX #29 word that is one character of a paired script, with its marks.
fn kind(piece: &str) -> Option<Kind> {
    let mut chars = piece.chars();
    let kind = match chars.next()? {
        c if is_paired_cjk(c) => Kind::Cjk,
        '\u{0E01}'..='\u{0E30}' | '\u{0E32}' | '\u{0E33}' | '\u{0E3F}'..='\u{0E46}' => Kind::Thai,
        _ => return None,
    };
    chars.all(|c| is_thai_mark(c) || !c.is_alphanumeric()).then_some(kind)
}

/// Pairs the single characters of `pieces` (UAX #29 words of `text` with their byte offsets) as
/// the module doc says; other words pass through. Yields `(start, end, word)`: the bytes the word
/// owns in `text`, and the word itself (for a pair, both characters).
pub fn pair<'t, I: Iterator<Item = (usize, &'t str)>>(text: &'t str, pieces: I) -> Pairs<'t, I> {
    Pairs { text, pieces, ahead: VecDeque::with_capacity(2), paired_last: None }
}

/// The iterator [`pair`] returns.
pub struct Pairs<'t, I> {
    text: &'t str,
    pieces: I,
    /// Pieces read ahead (at most two).
    ahead: VecDeque<(usize, &'t str)>,
    /// Where the last pair given ended, and its kind: the character there was given with it.
    paired_last: Option<(usize, Kind)>,
}

impl<'t, I: Iterator<Item = (usize, &'t str)>> Pairs<'t, I> {
    fn peek(&mut self, i: usize) -> Option<(usize, &'t str)> {
        while self.ahead.len() <= i {
            let piece = self.pieces.next()?;
            self.ahead.push_back(piece);
        }
        self.ahead.get(i).copied()
    }

    /// Whether the piece `i` ahead continues a run of kind `k` ending at byte `end`.
    fn continues(&mut self, i: usize, end: usize, k: Kind) -> Option<(usize, &'t str)> {
        self.peek(i).filter(|&(s, p)| s == end && kind(p) == Some(k))
    }
}

impl<'t, I: Iterator<Item = (usize, &'t str)>> Iterator for Pairs<'t, I> {
    type Item = (usize, usize, &'t str);

    fn next(&mut self) -> Option<(usize, usize, &'t str)> {
        loop {
            // Most pieces are of no paired script and pass through without the queue.
            let (start, piece) = match self.ahead.pop_front() {
                Some(piece) => piece,
                None => self.pieces.next()?,
            };
            let end = start + piece.len();
            let Some(k) = kind(piece) else {
                self.paired_last = None;
                return Some((start, end, piece));
            };
            let Some((next_start, next_piece)) = self.continues(0, end, k) else {
                if self.paired_last == Some((start, k)) {
                    // The run's last character: given with the pair before it.
                    self.paired_last = None;
                    continue;
                }
                return Some((start, end, piece));
            };
            let next_end = next_start + next_piece.len();
            let last = self.continues(1, next_end, k).is_none();
            self.paired_last = Some((next_start, k));
            return Some((start, if last { next_end } else { end }, &self.text[start..next_end]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pair;
    use crate::analysis::tokenize::words;

    fn paired(text: &str) -> Vec<(&str, &str)> {
        pair(text, words(text)).map(|(s, e, w)| (&text[s..e], w)).collect()
    }

    #[test]
    fn runs_become_overlapping_pairs_and_own_their_first_character() {
        assert_eq!(paired("北京大学"), [("北", "北京"), ("京", "京大"), ("大学", "大学")]);
        assert_eq!(paired("東京"), [("東京", "東京")]);
    }

    #[test]
    fn a_lone_character_and_other_words_pass_through() {
        assert_eq!(paired("中 and 文。"), [("中", "中"), ("and", "and"), ("文", "文")]);
        assert_eq!(paired("ab 北京 cd"), [("ab", "ab"), ("北京", "北京"), ("cd", "cd")]);
    }

    #[test]
    fn thai_characters_pair_with_their_marks() {
        let got = paired("ที่นี่");
        assert_eq!(got.iter().map(|(_, w)| *w).collect::<Vec<_>>(), ["ที่นี่"]);
        assert_eq!(paired("กขค").len(), 2);
    }

    #[test]
    fn katakana_words_stay_whole_and_break_runs() {
        assert_eq!(paired("東京タワーの"), [("東京", "東京"), ("タワー", "タワー"), ("の", "の")]);
    }
}
