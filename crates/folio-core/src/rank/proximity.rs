//! Proximity: documents where the query's words stand close together rank higher.
//!
//! For each pair of consecutive query words (in the order typed), the smallest distance between
//! them in one field is found from the positions the index holds; a pair `d` words apart
//! (`d <= WINDOW`) is worth `1 / d`. A document's bonus is the mean over pairs, from 0 (never
//! near) to 1 (every pair adjacent). Only the best-ranked documents are examined, so the cost is
//! one pass over each query word's positions.

use std::collections::HashMap;

use super::Postings;
use crate::index::{Field, Index};
use crate::query::{Occur, TermGroup};
use crate::Result;

/// The largest distance, in words, that still counts as near.
pub const WINDOW: u32 = 8;

type FieldPositions = [Vec<u32>; Field::COUNT];

/// The proximity bonus (0 to 1) of each of `docs` (ascending) that has one, for the required
/// words of `groups`. `postings` holds the lists already decoded, by term ordinal.
pub fn bonus(index: &Index, groups: &[TermGroup], docs: &[u32], postings: &Postings) -> Result<HashMap<u32, f32>> {
    let words: Vec<&TermGroup> =
        groups.iter().filter(|g| g.occur == Occur::Must && !g.optional && !g.expansions.is_empty()).collect();
    let mut out = HashMap::new();
    if words.len() < 2 || docs.is_empty() {
        return Ok(out);
    }
    let mut per_word: Vec<HashMap<u32, FieldPositions>> = Vec::with_capacity(words.len());
    for group in &words {
        let mut found: HashMap<u32, FieldPositions> = HashMap::new();
        for expansion in &group.expansions {
            let info = index.term_info(expansion.ordinal)?;
            let list = super::postings_of(index, postings, expansion.ordinal, &info)?;
            for (doc, fields) in index.positions_in(&info, &list, docs)? {
                let slot = found.entry(doc).or_default();
                for (f, list) in fields.into_iter().enumerate() {
                    slot[f].extend(list);
                }
            }
        }
        for fields in found.values_mut() {
            for list in fields.iter_mut() {
                list.sort_unstable();
            }
        }
        per_word.push(found);
    }
    let pairs = (words.len() - 1) as f32;
    for &doc in docs {
        let mut sum = 0.0;
        for pair in per_word.windows(2) {
            let (Some(a), Some(b)) = (pair[0].get(&doc), pair[1].get(&doc)) else { continue };
            let nearest = (0..Field::COUNT).filter_map(|f| min_distance(&a[f], &b[f])).min();
            if let Some(d) = nearest.filter(|&d| d <= WINDOW) {
                sum += 1.0 / d.max(1) as f32;
            }
        }
        if sum > 0.0 {
            out.insert(doc, sum / pairs);
        }
    }
    Ok(out)
}

/// The smallest distance between a position of `a` and one of `b` (both ascending).
fn min_distance(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j, mut best) = (0, 0, None::<u32>);
    while i < a.len() && j < b.len() {
        let d = a[i].abs_diff(b[j]);
        best = Some(best.map_or(d, |x| x.min(d)));
        if a[i] < b[j] {
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

    #[test]
    fn nearest_positions_are_found_by_merging() {
        assert_eq!(min_distance(&[1, 10, 30], &[14, 28]), Some(2));
        assert_eq!(min_distance(&[5], &[]), None);
        assert_eq!(min_distance(&[7], &[8]), Some(1));
    }
}
