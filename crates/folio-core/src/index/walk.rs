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
/// the automaton's state on arriving, and the bytes it can go on with when it names them.
struct Frame<'f, S> {
    node: Node<'f>,
    next: usize,
    out: Output,
    state: S,
    guide: Option<NextBytes>,
}

/// Calls `found(key, value)` for each key of `fst` that `automaton` matches, in byte order,
/// until `found` returns `false`.
pub fn walk<D, A>(fst: &Fst<D>, automaton: &A, mut found: impl FnMut(&[u8], u64) -> bool)
where
    D: AsRef<[u8]>,
    A: Guide,
{
    let root = fst.root();
    let start = automaton.start();
    if root.is_final() && automaton.is_match(&start) && !found(&[], root.final_output().value()) {
        return;
    }
    if !automaton.can_match(&start) {
        return;
    }
    let mut key = Vec::new();
    let guide = automaton.next_bytes(&start);
    let mut path = vec![Frame { node: root, next: 0, out: Output::zero(), state: start, guide }];
    while let Some(top) = path.last_mut() {
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
        let state = automaton.accept(&top.state, transition.inp);
        let (is_match, can_match) = (automaton.is_match(&state), automaton.can_match(&state));
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
            let guide = automaton.next_bytes(&state);
            path.push(Frame { node, next: 0, out, state, guide });
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
