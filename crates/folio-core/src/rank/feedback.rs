//! Pseudo-relevance feedback (RM3, Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004): the words
//! the best-ranked documents share are taken as more of the query, and the documents ranked
//! first are scored again with them.
//!
//! The [`DOCS`] best documents of the first ranking are analysed again from the stored text
//! (the index keeps no term vectors). Each stem's relevance-model weight is
//! `P(w|R) = Σ_d P(w|d) · P(d|q)`, with `P(w|d)` its share of the document's words and `P(d|q)`
//! the document's share of the first-pass scores. The [`TERMS`] heaviest stems that are not
//! query words become a second query, whose BM25F scores, weighted by `P(w|R)`, are added to
//! the first ones: the interpolation of RM3 with its λ = 1/2, the original words each weighing
//! 1/|q|. Only the documents already ranked are scored again, so the matches and their count
//! do not change; and it runs only when every term and document is at hand (a single-file
//! index), so a split index never fetches a chunk for it.

use std::collections::HashMap;

use super::bm25;
use crate::analysis::{stopwords, Analyzer};
use crate::index::{Field, Index};
use crate::query::{Occur, TermGroup};
use crate::Result;

/// How many of the best documents are read for feedback.
pub const DOCS: usize = 10;
/// How many feedback stems are added.
pub const TERMS: usize = 10;
/// The most bytes of a field read for feedback, so a long page costs no more than a short one.
const MAX_FIELD_BYTES: usize = 8 * 1024;
/// The fewest query words for which feedback runs: a one- or two-word query names what it
/// wants, and widening it finds other things.
pub const MIN_WORDS: usize = 3;

/// The score each of `ranked` (score, document), best first, gains from the feedback
/// stems of the best [`DOCS`] of them. Empty when feedback does not apply: a split index with
/// chunks not yet added, a
/// query of fewer than [`MIN_WORDS`] words, or too few documents.
pub fn bonus(
    index: &Index,
    analyzer: &Analyzer,
    groups: &[TermGroup],
    ranked: &[(f32, u32)],
) -> Result<HashMap<u32, f32>> {
    let mut out = HashMap::new();
    let words: Vec<&TermGroup> =
        groups.iter().filter(|g| g.occur == Occur::Must && !g.optional && !g.expansions.is_empty()).collect();
    if !index.has_every_chunk() || words.len() < MIN_WORDS || ranked.len() < 2 {
        return Ok(out);
    }
    let best = &ranked[..ranked.len().min(DOCS)];
    let total: f32 = best.iter().map(|b| b.0).sum();
    if total <= 0.0 {
        return Ok(out);
    }
    let query_ordinals: Vec<u32> = groups.iter().flat_map(|g| g.expansions.iter().map(|e| e.ordinal)).collect();
    let mut model: HashMap<String, f32> = HashMap::new();
    let mut counts: HashMap<String, u32> = HashMap::new();
    for &(score, doc) in best {
        let stored = index.stored(doc)?;
        counts.clear();
        let mut length = 0u32;
        for field in [Field::Title, Field::Summary, Field::Body] {
            let text = clip(stored.field(field), MAX_FIELD_BYTES);
            analyzer.for_each_token(text, |token| {
                length += 1;
                if token.term.chars().count() > 2
                    && !stopwords::is_stopword(&token.word)
                    && !token.term.bytes().all(|b| b.is_ascii_digit())
                {
                    *counts.entry(token.term).or_default() += 1;
                }
            });
        }
        let p_doc = score / total;
        for (term, &tf) in &counts {
            *model.entry(term.clone()).or_default() += p_doc * tf as f32 / length.max(1) as f32;
        }
    }
    let mut terms: Vec<(f32, u32)> = Vec::new();
    let mut stems: Vec<(&String, &f32)> = model.iter().collect();
    stems.sort_unstable_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    for (stem, &weight) in stems {
        if terms.len() == TERMS {
            break;
        }
        let Some(ordinal) = index.term_ordinal(stem) else { continue };
        if !query_ordinals.contains(&ordinal) {
            terms.push((weight, ordinal));
        }
    }
    let mass: f32 = terms.iter().map(|t| t.0).sum();
    if mass <= 0.0 {
        return Ok(out);
    }
    // λ = 1/2 with the original words at 1/|q| each: the feedback query, summing to 1, is
    // scaled by |q| to stand beside the first-pass scores, which weigh each word 1.
    let scale = words.len() as f32 / mass;
    let mut docs: Vec<u32> = ranked.iter().map(|r| r.1).collect();
    docs.sort_unstable();
    let n = index.doc_count();
    let settings = index.settings();
    let avg = Field::ALL.map(|f| index.avg_length(f));
    for (weight, ordinal) in terms {
        let info = index.term_info(ordinal)?;
        let idf = bm25::idf(n, info.doc_freq);
        for posting in index.postings(&info)? {
            if docs.binary_search(&posting.doc).is_ok() {
                let s = bm25::score(settings, &avg, &posting.lengths, &posting.tf, idf);
                *out.entry(posting.doc).or_default() += scale * weight * s;
            }
        }
    }
    Ok(out)
}

/// The first `max` bytes of `text`, cut at a char boundary.
fn clip(text: &str, max: usize) -> &str {
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}
