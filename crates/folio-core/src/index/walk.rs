//! A depth-first walk of an `fst` under an automaton, reading only the nodes it can enter.
//!
//! `fst`'s own search stream decodes the node behind every transition it tries and pushes it
//! on its stack before asking the automaton whether the node can lead to a match. A typo walk
//! tries many transitions and enters few: on the seeds' dictionary, a one-edit walk tries about
//! a thousand transitions and enters a few dozen. This walk asks the automaton first, so the
//! transitions it turns down cost a table lookup, not a node decode and two pushes. It visits
//! the keys in the same order (byte order) and accepts the same keys as the stream.

use fst::raw::{Fst, Node, Output};
use fst::Automaton;

/// One node on the walk's path: the transition to try next, the output so far and the
/// automaton's state on arriving.
struct Frame<'f, S> {
    node: Node<'f>,
    next: usize,
    out: Output,
    state: S,
}

/// Calls `found(key, value)` for each key of `fst` that `automaton` matches, in byte order,
/// until `found` returns `false`.
pub fn walk<D, A>(fst: &Fst<D>, automaton: &A, mut found: impl FnMut(&[u8], u64) -> bool)
where
    D: AsRef<[u8]>,
    A: Automaton,
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
    let mut path = vec![Frame { node: root, next: 0, out: Output::zero(), state: start }];
    while let Some(top) = path.last_mut() {
        if top.next >= top.node.len() {
            path.pop();
            key.pop();
            continue;
        }
        let transition = top.node.transition(top.next);
        top.next += 1;
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
            path.push(Frame { node, next: 0, out, state });
        } else {
            key.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fuzzy::Levenshtein;
    use fst::automaton::{Str, Subsequence};
    use fst::{IntoStreamer, Map, Streamer};

    fn map(keys: &[&str]) -> Map<Vec<u8>> {
        let mut keys = keys.to_vec();
        keys.sort_unstable();
        keys.dedup();
        Map::from_iter(keys.iter().enumerate().map(|(i, k)| (*k, i as u64 * 7 + 3))).unwrap()
    }

    fn walked<A: Automaton>(map: &Map<Vec<u8>>, aut: &A) -> Vec<(Vec<u8>, u64)> {
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
        assert_eq!(walked(&map, &fst::automaton::AlwaysMatch).len(), WORDS.len());
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
