//! Phrase matching: the words of a quoted phrase next to each other, in order, in one field.

use std::collections::HashMap;

use crate::index::{Field, Index};
use crate::query::TermGroup;
use crate::Result;

/// Positions of a group's terms in the candidate documents: doc → per-field sorted positions.
fn positions_of(index: &Index, group: &TermGroup, docs: &[u32]) -> Result<HashMap<u32, [Vec<u32>; Field::COUNT]>> {
    let mut out: HashMap<u32, [Vec<u32>; Field::COUNT]> = HashMap::new();
    for expansion in &group.expansions {
        let info = index.term_info(expansion.ordinal)?;
        let postings = index.postings(&info)?;
        let positions = index.positions(&info, &postings)?;
        for (posting, per_field) in postings.iter().zip(positions) {
            if docs.binary_search(&posting.doc).is_err() {
                continue;
            }
            let slot = out.entry(posting.doc).or_default();
            for (f, list) in per_field.into_iter().enumerate() {
                if group.field.is_none_or(|only| only as usize == f) {
                    slot[f].extend(list);
                }
            }
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
/// next to each other in one field.
pub fn filter(index: &Index, words: &[&TermGroup], docs: &[u32]) -> Result<Vec<u32>> {
    if words.len() < 2 {
        return Ok(docs.to_vec());
    }
    let mut maps = Vec::with_capacity(words.len());
    for group in words {
        maps.push(positions_of(index, group, docs)?);
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
