//! Proximity: documents where the query's words stand close together rank higher.
//!
//! For each pair of consecutive query words (in the order typed), the smallest distance between
//! them in one field is found from the positions the index holds; a pair `d` words apart
//! (`d <= WINDOW`) is worth `1 / d`. A document's bonus is the mean over pairs, from 0 (never
//! near) to 1 (every pair adjacent). Only the best-ranked documents are examined, so the cost is
//! one pass over each query word's positions.

use crate::index::hash::FxHashMap;

use super::Postings;
use crate::index::postings::Occurrence;
use crate::index::Searcher;
use crate::query::{Occur, TermGroup};
use crate::Result;

/// The largest distance, in words, that still counts as near.
pub const WINDOW: u32 = 8;

/// The proximity bonus (0 to 1) of each of `docs` (ascending) that has one, for the required
/// words of `groups`. `postings` holds the lists already decoded, by term ordinal.
pub fn bonus(index: &Searcher, groups: &[TermGroup], docs: &[u32], postings: &Postings) -> Result<FxHashMap<u32, f32>> {
    let words: Vec<&TermGroup> =
        groups.iter().filter(|g| g.occur == Occur::Must && !g.optional && !g.expansions.is_empty()).collect();
    let mut out = FxHashMap::default();
    if words.len() < 2 || docs.is_empty() {
        return Ok(out);
    }
    // Per word, every occurrence of any of its terms in `docs`, sorted.
    let mut per_word: Vec<Vec<Occurrence>> = Vec::with_capacity(words.len());
    for group in &words {
        let mut found = Vec::new();
        for expansion in &group.expansions {
            super::occurrences_in(index, postings, expansion.ordinal, docs, &mut found)?;
        }
        if group.expansions.len() > 1 {
            found.sort_unstable();
        }
        per_word.push(found);
    }
    let mut sums = vec![0f32; docs.len()];
    let mut nearest = vec![u32::MAX; docs.len()];
    for pair in per_word.windows(2) {
        nearest.fill(u32::MAX);
        each_shared_field(&pair[0], &pair[1], |doc, a, b| {
            if let (Ok(i), Some(d)) = (docs.binary_search(&doc), min_distance(a, b)) {
                nearest[i] = nearest[i].min(d);
            }
        });
        for (sum, &d) in sums.iter_mut().zip(&nearest) {
            if d <= WINDOW {
                *sum += 1.0 / d.max(1) as f32;
            }
        }
    }
    let pairs = (words.len() - 1) as f32;
    for (&doc, &sum) in docs.iter().zip(&sums) {
        if sum > 0.0 {
            out.insert(doc, sum / pairs);
        }
    }
    Ok(out)
}

/// Calls `each(doc, a, b)` for every (document, field) that both `a` and `b` (sorted) have
/// occurrences in, with those occurrences.
fn each_shared_field(a: &[Occurrence], b: &[Occurrence], mut each: impl FnMut(u32, &[Occurrence], &[Occurrence])) {
    let key = |o: &Occurrence| (o.doc, o.field);
    let run = |list: &[Occurrence], from: usize| {
        let k = key(&list[from]);
        from + list[from..].iter().take_while(|o| key(o) == k).count()
    };
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match key(&a[i]).cmp(&key(&b[j])) {
            std::cmp::Ordering::Less => i = run(a, i),
            std::cmp::Ordering::Greater => j = run(b, j),
            std::cmp::Ordering::Equal => {
                let (end_a, end_b) = (run(a, i), run(b, j));
                each(a[i].doc, &a[i..end_a], &b[j..end_b]);
                (i, j) = (end_a, end_b);
            }
        }
    }
}

/// The smallest distance between a position of `a` and one of `b` (both ascending).
fn min_distance(a: &[Occurrence], b: &[Occurrence]) -> Option<u32> {
    let (mut i, mut j, mut best) = (0, 0, None::<u32>);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i].position, b[j].position);
        let d = x.abs_diff(y);
        best = Some(best.map_or(d, |m| m.min(d)));
        if x < y {
            i += 1;
        } else {
            j += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(positions: &[u32]) -> Vec<Occurrence> {
        positions.iter().map(|&position| Occurrence { doc: 0, field: 2, position }).collect()
    }

    #[test]
    fn nearest_positions_are_found_by_merging() {
        assert_eq!(min_distance(&at(&[1, 10, 30]), &at(&[14, 28])), Some(2));
        assert_eq!(min_distance(&at(&[5]), &[]), None);
        assert_eq!(min_distance(&at(&[7]), &at(&[8])), Some(1));
    }

    #[test]
    fn only_fields_both_words_occur_in_are_compared() {
        let occurrences = |list: &[(u32, u8, u32)]| -> Vec<Occurrence> {
            list.iter().map(|&(doc, field, position)| Occurrence { doc, field, position }).collect()
        };
        let tuples = |list: &[Occurrence]| -> Vec<(u32, u8, u32)> {
            list.iter().map(|o| (o.doc, o.field, o.position)).collect()
        };
        let a = occurrences(&[(1, 0, 4), (1, 2, 9), (3, 2, 1), (5, 1, 0)]);
        let b = occurrences(&[(1, 2, 10), (1, 2, 30), (2, 2, 0), (5, 1, 7), (5, 2, 1)]);
        let mut seen = Vec::new();
        each_shared_field(&a, &b, |doc, x, y| seen.push((doc, tuples(x), tuples(y))));
        assert_eq!(seen, [(1, vec![(1, 2, 9)], vec![(1, 2, 10), (1, 2, 30)]), (5, vec![(5, 1, 0)], vec![(5, 1, 7)])]);
    }
}
