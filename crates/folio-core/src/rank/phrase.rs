//! Phrase matching: the words of a quoted phrase next to each other, in order, in one field.

use crate::index::hash::FxHashMap;

use super::Postings;
use crate::index::postings::Occurrence;
use crate::index::{Field, Searcher};
use crate::query::TermGroup;
use crate::Result;

/// Positions of a group's terms in the candidate documents: doc → per-field sorted positions.
fn positions_of(
    index: &Searcher,
    group: &TermGroup,
    docs: &[u32],
    postings: &Postings,
) -> Result<FxHashMap<u32, [Vec<u32>; Field::COUNT]>> {
    let mut found = Vec::new();
    for expansion in &group.expansions {
        super::occurrences_in(index, postings, expansion.ordinal, docs, &mut found)?;
    }
    let mut out: FxHashMap<u32, [Vec<u32>; Field::COUNT]> = FxHashMap::default();
    for Occurrence { doc, field, position } in found {
        let field = usize::from(field);
        if group.field.is_none_or(|only| only as usize == field) {
            out.entry(doc).or_default()[field].push(position);
        }
    }
    for lists in out.values_mut() {
        for list in lists.iter_mut() {
            list.sort_unstable();
            list.dedup();
        }
    }
    Ok(out)
}

/// The documents among `docs` (sorted) where `words` (the groups of one phrase, in order) stand
/// next to each other in one field. `postings` holds the lists already decoded, by term ordinal.
pub fn filter(index: &Searcher, words: &[&TermGroup], docs: &[u32], postings: &Postings) -> Result<Vec<u32>> {
    if words.len() < 2 {
        return Ok(docs.to_vec());
    }
    let mut maps = Vec::with_capacity(words.len());
    for group in words {
        maps.push(positions_of(index, group, docs, postings)?);
    }
    let mut keep = Vec::new();
    'docs: for &doc in docs {
        for f in 0..Field::COUNT {
            let Some(first) = maps[0].get(&doc).map(|p| &p[f]) else {
                continue 'docs;
            };
            let found = first.iter().any(|&start| {
                maps.iter()
                    .enumerate()
                    .skip(1)
                    .all(|(i, m)| m.get(&doc).is_some_and(|p| p[f].binary_search(&(start + i as u32)).is_ok()))
            });
            if found {
                keep.push(doc);
                continue 'docs;
            }
        }
    }
    Ok(keep)
}
