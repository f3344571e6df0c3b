//! Automata over the dictionaries for the inexact matches: typos and OCR confusions.
//!
//! Typos use a [`Levenshtein`] automaton (a transposition counts as one edit) walked over the
//! dictionary's word forms. OCR confusions use [`OcrSkeleton`], which matches the terms that
//! differ from the query only by letters OCR mistakes for each other (`и`/`л`, `ш`/`щ`, `ц`/`и`):
//! those are free edits, however many there are.

use std::ops::RangeInclusive;

use fst::Automaton;

pub use super::levenshtein::{Levenshtein, LevenshteinState};
use crate::index::walk::{Guide, NextBytes};

/// The longest word, in chars, that typo matching is tried on.
pub const MAX_FUZZY_CHARS: usize = 32;

/// How many edits a word of `chars` characters may have to still match: 0 below 4, 1 from 4,
/// 2 from 9.
pub fn allowed_edits(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

/// From this many chars, a word that has no correction within its budget may match one a
/// further edit away, if that correction is made of likely slips.
pub const MIN_FALLBACK_CHARS: usize = 5;
/// The highest weighted cost ([`super::spelling::cost`]) such a correction may have.
pub const MAX_FALLBACK_COST: f32 = 1.4;

/// A Levenshtein automaton matching the words within `edits` (1 or 2) of `word`, transpositions
/// counting as one.
pub fn levenshtein(word: &str, edits: u8) -> Levenshtein {
    Levenshtein::new(word, edits.clamp(1, 2))
}

/// Reads one byte of UTF-8 into a char being decoded: `partial` holds its bits so far and
/// `pending` the continuation bytes still to come. Gives the new pair (`pending` 0: `partial` is
/// the whole char), or `None` for a byte that cannot come next.
pub fn utf8_step(partial: u32, pending: u8, byte: u8) -> Option<(u32, u8)> {
    if pending > 0 {
        return matches!(byte, 0x80..=0xbf).then(|| ((partial << 6) | u32::from(byte & 0x3f), pending - 1));
    }
    match byte {
        0x00..=0x7f => Some((u32::from(byte), 0)),
        0xc0..=0xdf => Some((u32::from(byte & 0x1f), 1)),
        0xe0..=0xef => Some((u32::from(byte & 0x0f), 2)),
        0xf0..=0xf7 => Some((u32::from(byte & 0x07), 3)),
        _ => None,
    }
}

/// The first bytes of the keys a typo of `word` is looked for among: those of its own script.
/// A typo does not change the script of a word (a mixed-script OCR word is written in one
/// script before it gets here, and transliteration finds the other script's spellings), and
/// a Levenshtein walk spends most of its time near the root, where every first letter is one
/// edit away: keeping to one script halves the walk of a bilingual dictionary.
pub fn script_first_bytes(word: &str) -> RangeInclusive<u8> {
    match word.as_bytes().first() {
        // ASCII, and the two-byte Latin, Greek and IPA letters before Cyrillic.
        Some(0x00..=0x7F) => 0x00..=0xCF,
        // Cyrillic (U+0400 to U+052F).
        Some(0xD0..=0xD4) => 0xD0..=0xD4,
        _ => 0x00..=0xFF,
    }
}

/// An automaton that matches what `inner` matches among the keys whose first byte is in `first`.
#[derive(Debug, Clone)]
pub struct FirstByteIn<A> {
    first: RangeInclusive<u8>,
    inner: A,
}

impl<A> FirstByteIn<A> {
    /// `inner`, kept to keys whose first byte is in `first`.
    pub fn new(first: RangeInclusive<u8>, inner: A) -> FirstByteIn<A> {
        FirstByteIn { first, inner }
    }
}

impl<A: Automaton> Automaton for FirstByteIn<A> {
    /// `None` once the first byte is out of range; else whether a byte was read, and the state
    /// of `inner`.
    type State = Option<(bool, A::State)>;

    fn start(&self) -> Self::State {
        Some((false, self.inner.start()))
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|(_, s)| self.inner.is_match(s))
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|(_, s)| self.inner.can_match(s))
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let (read, s) = state.as_ref()?;
        if !read && !self.first.contains(&byte) {
            return None;
        }
        Some((true, self.inner.accept(s, byte)))
    }
}

impl<A: Guide> Guide for FirstByteIn<A> {
    fn next_bytes(&self, state: &Self::State) -> Option<NextBytes> {
        match state {
            None => Some(NextBytes::default()),
            Some((true, s)) => self.inner.next_bytes(s),
            Some((false, _)) => None,
        }
    }
}

/// An automaton that matches what `inner` matches among the keys that start with `prefix`. It
/// names the prefix's next byte as the only way on, so a walk goes straight to the prefix's
/// keys.
#[derive(Debug, Clone)]
pub struct StartsThen<'p, A> {
    prefix: &'p [u8],
    inner: A,
}

impl<'p, A> StartsThen<'p, A> {
    /// `inner`, kept to keys that start with `prefix`.
    pub fn new(prefix: &'p str, inner: A) -> StartsThen<'p, A> {
        StartsThen { prefix: prefix.as_bytes(), inner }
    }
}

impl<A: Automaton> Automaton for StartsThen<'_, A> {
    /// `None` once a byte leaves the prefix; else how many bytes were read (counted up to the
    /// prefix's length), and the state of `inner`.
    type State = Option<(usize, A::State)>;

    fn start(&self) -> Self::State {
        Some((0, self.inner.start()))
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|(read, s)| *read >= self.prefix.len() && self.inner.is_match(s))
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.as_ref().is_some_and(|(_, s)| self.inner.can_match(s))
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let (read, s) = state.as_ref()?;
        match self.prefix.get(*read) {
            Some(&b) if b != byte => None,
            _ => Some(((read + 1).min(self.prefix.len()), self.inner.accept(s, byte))),
        }
    }
}

impl<A: Guide> Guide for StartsThen<'_, A> {
    fn next_bytes(&self, state: &Self::State) -> Option<NextBytes> {
        let Some((read, s)) = state else { return Some(NextBytes::default()) };
        match self.prefix.get(*read) {
            Some(&b) => {
                let mut next = NextBytes::default();
                next.insert(b);
                Some(next)
            }
            None => self.inner.next_bytes(s),
        }
    }
}

/// The class of letters OCR confuses that `c` belongs to (its representative), or `c` itself.
pub fn ocr_class(c: char) -> char {
    match c {
        'л' | 'ц' => 'и',
        'щ' => 'ш',
        _ => c,
    }
}

/// Whether any letter of `word` is in an OCR confusion class.
pub fn has_ocr_confusable(word: &str) -> bool {
    word.chars().any(|c| matches!(c, 'и' | 'л' | 'ц' | 'ш' | 'щ'))
}

/// Matches the keys that equal the query letter for letter, up to OCR confusion classes.
#[derive(Debug, Clone)]
pub struct OcrSkeleton {
    classes: Vec<char>,
}

impl OcrSkeleton {
    /// The automaton for `word`.
    pub fn new(word: &str) -> OcrSkeleton {
        OcrSkeleton { classes: word.chars().map(ocr_class).collect() }
    }
}

/// Where an [`OcrSkeleton`] walk is: chars matched, the partial UTF-8 char, bytes still to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkeletonState {
    matched: usize,
    partial: u32,
    pending: u8,
}

impl Automaton for OcrSkeleton {
    type State = Option<SkeletonState>;

    fn start(&self) -> Self::State {
        Some(SkeletonState { matched: 0, partial: 0, pending: 0 })
    }

    fn is_match(&self, state: &Self::State) -> bool {
        state.is_some_and(|s| s.matched == self.classes.len() && s.pending == 0)
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let s = (*state)?;
        let (partial, pending) = utf8_step(s.partial, s.pending, byte)?;
        if pending > 0 {
            return Some(SkeletonState { partial, pending, ..s });
        }
        let c = char::from_u32(partial)?;
        let want = *self.classes.get(s.matched)?;
        (ocr_class(c) == want).then_some(SkeletonState { matched: s.matched + 1, partial: 0, pending: 0 })
    }
}

impl Guide for OcrSkeleton {}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn set(words: &[&str]) -> Set<Vec<u8>> {
        let mut words = words.to_vec();
        words.sort_unstable();
        words.dedup();
        Set::from_iter(words).unwrap()
    }

    fn matches<A: Automaton>(set: &Set<Vec<u8>>, aut: A) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = set.search(aut).into_stream();
        while let Some(k) = stream.next() {
            out.push(String::from_utf8(k.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn ocr_skeleton_treats_confused_letters_as_equal() {
        let set = set(&["ким", "клм", "ким", "кимы", "щит", "шит", "ким😀"]);
        assert_eq!(matches(&set, OcrSkeleton::new("ким")), ["ким", "клм"]);
        assert_eq!(matches(&set, OcrSkeleton::new("шит")), ["шит", "щит"]);
    }

    #[test]
    fn typos_are_looked_for_among_words_of_the_same_script() {
        let set = set(&["kimm", "ким", "кимм", "zim", "ßim", "жim"]);
        assert_eq!(matches(&set, levenshtein("kim", 1)), ["kimm", "zim", "ßim", "жim"]);
        let latin = FirstByteIn::new(script_first_bytes("kim"), levenshtein("kim", 1));
        assert_eq!(matches(&set, latin), ["kimm", "zim", "ßim"]);
        let cyrillic = FirstByteIn::new(script_first_bytes("ким"), levenshtein("ким", 1));
        assert_eq!(matches(&set, cyrillic), ["ким", "кимм"]);
        assert_eq!(script_first_bytes("日本"), 0x00..=0xFF);
    }

    #[test]
    fn levenshtein_counts_a_transposition_as_one_edit() {
        let set = set(&["citizenship", "citizneship", "citizens", "plenum"]);
        assert_eq!(matches(&set, levenshtein("citizenshp", 1)), ["citizenship"]);
        assert_eq!(matches(&set, levenshtein("citiznehsip", 2)), ["citizenship", "citizneship"]);
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(9), 2);
    }
}
