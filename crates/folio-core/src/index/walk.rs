//! A depth-first walk of an `fst` under an automaton, reading only the nodes it can enter.
//!
//! `fst`'s own search stream decodes the node behind every transition it tries and pushes it
//! on its stack before asking the automaton whether the node can lead to a match. A typo walk
//! tries many transitions and enters few: on the seeds' dictionary, a one-edit walk tries about
//! a thousand transitions and enters a few dozen. This walk asks the automaton first, so the
//! transitions it turns down cost a table lookup, not a node decode and two pushes. It visits
//! the keys in the same order (byte order) and accepts the same keys as the stream.
//!
//! An automaton can do better still by naming the few bytes a state can go on with
//! ([`Guide`]): a typo walk that has spent its edits can only go on with the query's own letters,
//! and the walk then looks those bytes up in the node instead of trying every transition.

use fst::automaton::{StartsWith, Str};
use fst::raw::{Fst, Node, Output};
use fst::Automaton;

/// A key of the dictionary that a walk accepted, with the stem ordinal its value gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMatch {
    /// The key: a stem or a folded word form.
    pub key: String,
    /// The ordinal of the stem the key is, or is a form of.
    pub ordinal: u32,
}

/// The bytes a state can go on with, ascending: at most [`NextBytes::MAX`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NextBytes {
    len: u8,
    bytes: [u8; NextBytes::MAX],
}

impl NextBytes {
    /// The most bytes a guide names; a state with more is not guided.
    pub const MAX: usize = 7;

    /// Adds `byte` in its place, once. False when the list is full.
    pub fn insert(&mut self, byte: u8) -> bool {
        let held = &self.bytes[..usize::from(self.len)];
        let Err(at) = held.binary_search(&byte) else { return true };
        if usize::from(self.len) == Self::MAX {
            return false;
        }
        self.bytes.copy_within(at..usize::from(self.len), at + 1);
        self.bytes[at] = byte;
        self.len += 1;
        true
    }

    /// The bytes, ascending.
    pub fn as_slice(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

/// An automaton that may name the only bytes a state can go on with.
pub trait Guide: Automaton {
    /// The bytes after which `state` may still lead to a match, when there are few; `None` when
    /// any byte may, or too many to name.
    fn next_bytes(&self, _state: &Self::State) -> Option<NextBytes> {
        None
    }
}

impl<A: Guide> Guide for &A {
    fn next_bytes(&self, state: &Self::State) -> Option<NextBytes> {
        (**self).next_bytes(state)
    }
}

impl Guide for StartsWith<Str<'_>> {}

/// One node on the walk's path: the transition (or guided byte) to try next, the output so far,
/// and the bytes the automaton can go on with there when it names them. The automaton's state
/// on arriving is the [`PathStates`] state at the frame's depth.
struct Frame<'f> {
    node: Node<'f>,
    next: usize,
    out: Output,
    guide: Option<NextBytes>,
}

/// An automaton's states along the walk's path, the state at depth `d` being where the path's
/// first `d` bytes lead. The walk asks through this object-safe view, so it is compiled once for
/// every automaton (each automaton type had a copy of it in the wasm module; bench/size-table.md).
trait PathStates {
    /// Sets the state at `depth + 1` to the state at `depth` after `byte`; returns whether that
    /// state is a match and whether it may still lead to one.
    fn accept(&mut self, depth: usize, byte: u8) -> (bool, bool);
    /// Whether the state at `depth` is a match and whether it may still lead to one.
    fn matches(&self, depth: usize) -> (bool, bool);
    /// The bytes the state at `depth` can go on with, when the automaton names them.
    fn next_bytes(&self, depth: usize) -> Option<NextBytes>;
}

/// The states of `automaton` on the path, one per depth (the deeper ones are dropped as the
/// path backs up).
struct Stack<'a, A: Automaton> {
    automaton: &'a A,
    states: Vec<A::State>,
}

impl<A: Guide> PathStates for Stack<'_, A> {
    fn accept(&mut self, depth: usize, byte: u8) -> (bool, bool) {
        let next = self.automaton.accept(&self.states[depth], byte);
        let matches = (self.automaton.is_match(&next), self.automaton.can_match(&next));
        self.states.truncate(depth + 1);
        self.states.push(next);
        matches
    }

    fn matches(&self, depth: usize) -> (bool, bool) {
        let state = &self.states[depth];
        (self.automaton.is_match(state), self.automaton.can_match(state))
    }

    fn next_bytes(&self, depth: usize) -> Option<NextBytes> {
        self.automaton.next_bytes(&self.states[depth])
    }
}

/// Calls `found(key, value)` for each key of `fst` that `automaton` matches, in byte order,
/// until `found` returns `false`.
pub fn walk<D, A>(fst: &Fst<D>, automaton: &A, mut found: impl FnMut(&[u8], u64) -> bool)
where
    D: AsRef<[u8]>,
    A: Guide,
{
    let mut states = Stack { automaton, states: vec![automaton.start()] };
    walk_states(fst, &mut states, &mut found);
}

/// [`walk`], with the automaton's states behind [`PathStates`] (the start state at depth 0).
fn walk_states<D: AsRef<[u8]>>(fst: &Fst<D>, states: &mut dyn PathStates, found: &mut dyn FnMut(&[u8], u64) -> bool) {
    let root = fst.root();
    let (is_match, can_match) = states.matches(0);
    if root.is_final() && is_match && !found(&[], root.final_output().value()) {
        return;
    }
    if !can_match {
        return;
    }
    let mut key = Vec::new();
    let guide = states.next_bytes(0);
    let mut path = vec![Frame { node: root, next: 0, out: Output::zero(), guide }];
    while let Some(depth) = path.len().checked_sub(1) {
        let top = &mut path[depth];
        let index = match &top.guide {
            Some(guide) => guide.as_slice().get(top.next).map(|&b| top.node.find_input(b)),
            None => (top.next < top.node.len()).then_some(Some(top.next)),
        };
        top.next += 1;
        let transition = match index {
            Some(Some(i)) => top.node.transition(i),
            // A guided byte the node has no transition for.
            Some(None) => continue,
            None => {
                path.pop();
                key.pop();
                continue;
            }
        };
        let (is_match, can_match) = states.accept(depth, transition.inp);
        if !is_match && !can_match {
            continue;
        }
        let out = top.out.cat(transition.out);
        let node = fst.node(transition.addr);
        key.push(transition.inp);
        if node.is_final() && is_match && !found(&key, out.cat(node.final_output()).value()) {
            return;
        }
        if can_match && !node.is_empty() {
            let guide = states.next_bytes(depth + 1);
            path.push(Frame { node, next: 0, out, guide });
        } else {
            key.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fuzzy::Levenshtein;
    use fst::automaton::{AlwaysMatch, Str, Subsequence};
    use fst::{IntoStreamer, Map, Streamer};

    fn map(keys: &[&str]) -> Map<Vec<u8>> {
        let mut keys = keys.to_vec();
        keys.sort_unstable();
        keys.dedup();
        Map::from_iter(keys.iter().enumerate().map(|(i, k)| (*k, i as u64 * 7 + 3))).unwrap()
    }

    fn walked<A: Guide>(map: &Map<Vec<u8>>, aut: &A) -> Vec<(Vec<u8>, u64)> {
        let mut out = Vec::new();
        walk(map.as_fst(), aut, |k, v| {
            out.push((k.to_vec(), v));
            true
        });
        out
    }

    fn streamed<A: Automaton>(map: &Map<Vec<u8>>, aut: A) -> Vec<(Vec<u8>, u64)> {
        let mut out = Vec::new();
        let mut stream = map.search(aut).into_stream();
        while let Some((k, v)) = stream.next() {
            out.push((k.to_vec(), v));
        }
        out
    }

    impl Guide for Subsequence<'_> {}
    impl Guide for AlwaysMatch {}

    const WORDS: &[&str] = &[
        "",
        "a",
        "ab",
        "abc",
        "armistice",
        "armistices",
        "armstice",
        "delegate",
        "delegation",
        "delegations",
        "deletion",
        "elegant",
        "korea",
        "korean",
        "корея",
        "корейский",
        "ким",
        "клм",
        "zz",
    ];

    #[test]
    fn walks_find_what_the_stream_finds_in_the_same_order() {
        let map = map(WORDS);
        for word in ["delegaton", "armistise", "kroea", "корея", "a", ""] {
            for typos in [Levenshtein::new(word, 1), Levenshtein::new(word, 2)] {
                assert_eq!(walked(&map, &typos), streamed(&map, &typos), "typos of {word:?}");
            }
            assert_eq!(walked(&map, &Str::new(word).starts_with()), streamed(&map, Str::new(word).starts_with()));
            assert_eq!(walked(&map, &Subsequence::new(word)), streamed(&map, Subsequence::new(word)));
        }
        assert_eq!(walked(&map, &AlwaysMatch).len(), WORDS.len());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Guided or not, a typo walk finds what fst's stream finds, over dictionaries of near
        /// neighbours in both scripts.
        #[test]
        fn guided_typo_walks_find_what_the_stream_finds(
            words in proptest::collection::vec("[abdeйкмя]{0,7}", 1..60),
            query in "[abdeйкмя]{0,7}",
            edits in 1u8..=2,
        ) {
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            let map = map(&words);
            let typos = Levenshtein::new(&query, edits);
            proptest::prop_assert_eq!(walked(&map, &typos), streamed(&map, &typos));
        }
    }

    #[test]
    fn a_spent_typo_walk_names_the_query_letters_that_can_follow() {
        let typos = Levenshtein::new("delegation", 1);
        // "x" spent the edit (it replaced "d" or was put before it): only "d" or "e" goes on.
        let state = typos.accept(&typos.start(), b'x');
        assert_eq!(typos.next_bytes(&state).map(|b| b.as_slice().to_vec()), Some(b"de".to_vec()));
        let state = typos.accept(&state, b'e');
        assert_eq!(typos.next_bytes(&state).map(|b| b.as_slice().to_vec()), Some(b"l".to_vec()));
        // At the start, any byte can be an edit.
        assert_eq!(typos.next_bytes(&typos.start()), None);
    }

    #[test]
    fn a_walk_stops_when_told() {
        let map = map(WORDS);
        let mut seen = 0;
        walk(map.as_fst(), &Str::new("").starts_with(), |_, _| {
            seen += 1;
            seen < 3
        });
        assert_eq!(seen, 3);
    }
}
