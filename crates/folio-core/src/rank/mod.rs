//! Ranking: scoring the documents each query word matches, with BM25F.
//!
//! [`bm25`] holds the formula. [`score_groups`] walks the postings of every expanded term and
//! gives each document a score per query word (the best of the word's matches, weighted by
//! match kind) and a bit mask of the words it contains. [`phrase`] checks word positions for
//! quoted phrases.

pub mod bm25;
pub mod phrase;

use std::collections::HashMap;

use crate::index::{Field, Index};
use crate::query::TermGroup;
use crate::Result;

/// What a document scored against the query words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocScore {
    /// Sum over matched words of each word's best BM25F score.
    pub score: f32,
    /// Bit `i` is set when query word `i` matched.
    pub matched: u64,
}

/// Scores every document that matches at least one of `groups`, keyed by document ordinal.
pub fn score_groups(index: &Index, groups: &[TermGroup]) -> Result<HashMap<u32, DocScore>> {
    let mut scores: HashMap<u32, DocScore> = HashMap::new();
    let n = index.doc_count();
    let settings = index.settings();
    let avg = Field::ALL.map(|f| index.avg_length(f));
    for (g, group) in groups.iter().enumerate().take(64) {
        let mut best: HashMap<u32, f32> = HashMap::new();
        for expansion in &group.expansions {
            let info = index.term_info(expansion.ordinal)?;
            let idf = bm25::idf(n, info.doc_freq);
            // Optional stop words only decide ties between otherwise equal documents.
            let weight = expansion.kind.weight() * group.repeats as f32 * if group.optional { 0.01 } else { 1.0 };
            for posting in index.postings(&info)? {
                let tf = match group.field {
                    Some(field) => {
                        let mut only = [0; Field::COUNT];
                        only[field as usize] = posting.tf[field as usize];
                        only
                    }
                    None => posting.tf,
                };
                if tf.iter().all(|&t| t == 0) {
                    continue;
                }
                let s = weight * bm25::score(settings, &avg, &index.field_lengths(posting.doc), &tf, idf);
                let slot = best.entry(posting.doc).or_insert(0.0);
                *slot = slot.max(s);
            }
        }
        for (doc, s) in best {
            let entry = scores.entry(doc).or_default();
            entry.score += s;
            entry.matched |= 1 << g;
        }
    }
    Ok(scores)
}
