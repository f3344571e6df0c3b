//! A Levenshtein automaton over UTF-8 bytes: the words within one or two edits of a query word,
//! where an edit inserts, deletes or replaces a char or swaps two neighbours.
//!
//! The automaton simulates the edit-distance NFA bit-parallel, in the manner of Wu and Manber:
//! for each number of edits `e`, one `u64` holds the query positions `i` that the input read so
//! far can reach with at most `e` edits (bit `i`: the first `i` chars of the query are accounted
//! for). Reading a char is a few shifts and masks, and building the automaton is filling one
//! table of char positions: no DFA is built, and no state is stored but the walk's own.

use fst::Automaton;

use super::fuzzy::utf8_step;
use crate::index::walk::{Guide, NextBytes};

/// The most edits a [`Levenshtein`] automaton counts.
pub const MAX_EDITS: u8 = 2;

/// The longest query word, in chars, the automaton can hold (its bits must fit a `u64` with
/// two to spare for a swap). A longer word matches nothing.
pub const MAX_CHARS: usize = 61;

/// One row per edit count, from none to [`MAX_EDITS`].
const ROWS: usize = MAX_EDITS as usize + 1;

/// Matches the words within `edits` of a query word; see the module documentation.
#[derive(Debug, Clone)]
pub struct Levenshtein {
    /// Per ASCII byte: the bits of the query positions where it stands.
    ascii: [u64; 128],
    /// The same for the query's other chars.
    other: Vec<(char, u64)>,
    /// Per query position: the first UTF-8 byte of its char.
    first_bytes: Vec<u8>,
    /// Bit `len`: the query read to its end.
    end: u64,
    /// Bits `0..=len`: every query position.
    live: u64,
    edits: usize,
}

/// Where a [`Levenshtein`] walk is: per edit count, the query positions reached and the swaps
/// begun, and the UTF-8 char being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevenshteinState {
    /// `reached[e]`, bit `i`: the input matches the first `i` query chars with at most `e` edits.
    reached: [u64; ROWS],
    /// `swapping[e]`, bit `i`: the last input char was query char `i + 1`, read from position
    /// `i` with at most `e - 1` edits, so that query char `i` next completes a swap.
    swapping: [u64; ROWS],
    partial: u32,
    pending: u8,
}

impl Levenshtein {
    /// The automaton for the words within `edits` (at most [`MAX_EDITS`]) of `word`.
    pub fn new(word: &str, edits: u8) -> Levenshtein {
        let mut ascii = [0u64; 128];
        let mut other: Vec<(char, u64)> = Vec::new();
        let mut first_bytes = Vec::new();
        let chars = word.chars().count();
        let len = if chars > MAX_CHARS { 0 } else { chars };
        for (i, (at, c)) in word.char_indices().take(len).enumerate() {
            first_bytes.push(word.as_bytes()[at]);
            let bit = 1u64 << i;
            match ascii.get_mut(c as usize) {
                Some(slot) => *slot |= bit,
                None => match other.iter_mut().find(|(o, _)| *o == c) {
                    Some((_, bits)) => *bits |= bit,
                    None => other.push((c, bit)),
                },
            }
        }
        // A word too long to hold gets no position at all, so it matches nothing.
        let (end, live) = if chars > MAX_CHARS { (0, 0) } else { (1u64 << len, (1u64 << len << 1) - 1) };
        Levenshtein { ascii, other, first_bytes, end, live, edits: usize::from(edits.min(MAX_EDITS)) }
    }

    /// The edits between the query word and `word`, if there are at most the automaton's.
    pub fn distance(&self, word: &str) -> Option<u8> {
        let state = word.bytes().fold(self.start(), |state, byte| self.accept(&state, byte));
        if state.pending != 0 {
            return None;
        }
        (0..=self.edits).find(|&e| state.reached[e] & self.end != 0).map(|e| e as u8)
    }

    /// The bits of the query positions where `c` stands.
    fn positions_of(&self, c: u32) -> u64 {
        match self.ascii.get(c as usize) {
            Some(&bits) => bits,
            None => self.other.iter().find(|(o, _)| *o as u32 == c).map_or(0, |&(_, bits)| bits),
        }
    }

    /// The state after reading a char standing at query positions `at`.
    fn read(&self, state: &LevenshteinState, at: u64) -> LevenshteinState {
        let (old, swapping) = (&state.reached, &state.swapping);
        let mut next = LevenshteinState { reached: [0; ROWS], swapping: [0; ROWS], partial: 0, pending: 0 };
        next.reached[0] = ((old[0] & at) << 1) & self.live;
        // Every row is worked out, whatever the automaton's edits: a fixed loop the compiler
        // unrolls costs less than a bounded one, and rows past the edits are never read.
        for e in 1..ROWS {
            let kept = (old[e] & at) << 1;
            let inserted = old[e - 1];
            let replaced = old[e - 1] << 1;
            let deleted = next.reached[e - 1] << 1;
            let swapped = (swapping[e] & at) << 2;
            next.reached[e] = (kept | inserted | replaced | deleted | swapped) & self.live;
            next.swapping[e] = old[e - 1] & (at >> 1);
        }
        next
    }
}

impl Automaton for Levenshtein {
    type State = LevenshteinState;

    fn start(&self) -> LevenshteinState {
        let mut reached = [0u64; ROWS];
        // Before any input, the first `e` query chars can be deleted with `e` edits.
        let mut bits = 1u64;
        for slot in &mut reached {
            *slot = bits & self.live;
            bits |= bits << 1;
        }
        LevenshteinState { reached, swapping: [0; ROWS], partial: 0, pending: 0 }
    }

    fn is_match(&self, state: &LevenshteinState) -> bool {
        state.pending == 0 && state.reached[self.edits] & self.end != 0
    }

    fn can_match(&self, state: &LevenshteinState) -> bool {
        state.reached[self.edits] | state.swapping[self.edits] != 0
    }

    fn accept(&self, state: &LevenshteinState, byte: u8) -> LevenshteinState {
        let dead = LevenshteinState { reached: [0; ROWS], swapping: [0; ROWS], partial: 0, pending: 0 };
        let Some((partial, pending)) = utf8_step(state.partial, state.pending, byte) else { return dead };
        if pending > 0 {
            return LevenshteinState { partial, pending, ..*state };
        }
        self.read(state, self.positions_of(partial))
    }
}

impl Guide for Levenshtein {
    /// Once the edits are spent (no position is reached with fewer, no swap is begun), only the
    /// query's own next chars go on: the first bytes of the chars at the positions reached.
    fn next_bytes(&self, state: &LevenshteinState) -> Option<NextBytes> {
        let spent = self.edits.checked_sub(1).is_none_or(|fewer| state.reached[fewer] == 0);
        if state.pending != 0 || !spent || state.swapping[self.edits] != 0 {
            return None;
        }
        let mut next = NextBytes::default();
        let mut positions = state.reached[self.edits] & !self.end;
        while positions != 0 {
            let i = positions.trailing_zeros() as usize;
            positions &= positions - 1;
            if !next.insert(*self.first_bytes.get(i)?) {
                return None;
            }
        }
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder};
    use proptest::prelude::*;

    /// The distance as `levenshtein_automata` (the crate Folio used before) counts it.
    fn reference(query: &str, word: &str, edits: u8) -> Option<u8> {
        match LevenshteinAutomatonBuilder::new(edits, true).build_dfa(query).eval(word) {
            Distance::Exact(d) => Some(d),
            Distance::AtLeast(_) => None,
        }
    }

    #[test]
    fn counts_each_kind_of_edit_once() {
        let one = Levenshtein::new("plenum", 1);
        assert_eq!(one.distance("plenum"), Some(0));
        assert_eq!(one.distance("plenums"), Some(1));
        assert_eq!(one.distance("plnum"), Some(1));
        assert_eq!(one.distance("plenam"), Some(1));
        assert_eq!(one.distance("pelnum"), Some(1));
        assert_eq!(one.distance("pelnmu"), None);
        assert_eq!(Levenshtein::new("plenum", 2).distance("pelnmu"), Some(2));
        assert_eq!(Levenshtein::new("пленум", 1).distance("плеunм"), None);
        assert_eq!(Levenshtein::new("пленум", 2).distance("пленнум"), Some(1));
        assert_eq!(Levenshtein::new("клм", 1).distance("ким"), Some(1));
    }

    #[test]
    fn words_too_long_to_hold_match_nothing() {
        let long = "a".repeat(MAX_CHARS + 1);
        let automaton = Levenshtein::new(&long, 2);
        assert_eq!(automaton.distance(&long), None);
        assert!(!automaton.can_match(&automaton.accept(&automaton.start(), b'a')));
        let longest = "b".repeat(MAX_CHARS);
        assert_eq!(Levenshtein::new(&longest, 2).distance(&format!("{longest}bb")), Some(2));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_levenshtein_automata(
            query in "[abcйжя]{0,9}",
            word in "[abcйжя]{0,11}",
            edits in 1u8..=2,
        ) {
            prop_assert_eq!(Levenshtein::new(&query, edits).distance(&word), reference(&query, &word, edits));
        }
    }
}
