//! Word forms: among the documents that match a corrected word by its stem, those with the very
//! form of the correction rank higher (`asociation` means `association`, not `associated`).
//!
//! Postings are kept by stem, but each carries a signature of the word forms its document holds
//! ([`postings::form_bit`]), so which documents hold a correction's form is read from the posting
//! lists scoring decoded: for every matching document, with no stored text read and no document
//! chunk fetched. Two forms of one stem may share a bit, and then both count as held.
//!
//! A document earns it in proportion to the query's other required words it also matches: one
//! with the correction's form but none of the words typed right must not be lifted above the
//! documents that hold those words (`tiaa bank filb` is about `tiaa bank`, not about every
//! `film`), while in a long query, which few documents match whole, the form still counts.

use std::collections::HashMap;

use super::Scores;
use crate::index::postings;
use crate::query::{Occur, TermGroup};

/// The form bonus (0 to 1) of each document that has one: over the query's required words, the
/// mean of the likeliest correction form each document holds (0 for words typed right), each
/// times the share of the query's other required words the document matches ([`Scores`] says
/// which it matched).
pub fn bonus(groups: &[TermGroup], scores: &Scores) -> HashMap<u32, f32> {
    let is_required = |g: &TermGroup| g.occur == Occur::Must && !g.optional;
    let required = groups.iter().filter(|g| is_required(g)).count();
    // Scoring marks at most the first 64 words.
    let must = groups.iter().take(64).enumerate().filter(|(_, g)| is_required(g)).fold(0u64, |m, (i, _)| m | 1 << i);
    let others = required.saturating_sub(1).max(1) as f32;
    let mut out: HashMap<u32, f32> = HashMap::new();
    let mut best: HashMap<u32, f32> = HashMap::new();
    for (i, g) in groups.iter().enumerate().filter(|(_, g)| is_required(g)) {
        let other_words = must & !(1u64.checked_shl(i as u32).unwrap_or(0));
        // The share of the other words a document matches (all of them when there are none).
        let share = |doc: u32| match required {
            1 => 1.0,
            _ => (scores.get(doc).matched & other_words).count_ones() as f32 / others,
        };
        best.clear();
        for c in &g.corrections {
            let bit = postings::form_bit(&c.form);
            let Some(list) = scores.postings.get(&c.ordinal) else { continue };
            for p in list.iter().filter(|p| p.forms & bit != 0) {
                let weight = c.weight * share(p.doc);
                let w = best.entry(p.doc).or_insert(0.0);
                if weight > *w {
                    *w = weight;
                }
            }
        }
        for (&doc, &w) in &best {
            *out.entry(doc).or_insert(0.0) += w / required as f32;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::index::{Index, IndexWriter};
    use crate::search::SearchOptions;

    fn ids(index: &Index, query: &str) -> Vec<String> {
        let options = SearchOptions { prefix_last: false, ..SearchOptions::default() };
        index.search(query, &options).unwrap().hits.into_iter().map(|h| h.id).collect()
    }

    #[test]
    fn a_document_with_the_corrected_form_ranks_above_other_forms_of_its_stem() {
        // `asociation` is corrected to `association`; `associated` has the same stem in a shorter
        // text, so BM25F alone ranks it first.
        let mut w = IndexWriter::new();
        w.add(Document::new("other", "Note", "associated members met in the hall")).unwrap();
        w.add(Document::new("form", "Note", "the association members met in the town hall this year")).unwrap();
        let index = Index::from_bytes(&w.finish().unwrap()).unwrap();
        assert_eq!(ids(&index, "asociation"), ["form", "other"]);
        // Typed right, the word gets no such bonus: its stem decides.
        assert_eq!(ids(&index, "association"), ["other", "form"]);
    }

    #[test]
    fn the_form_is_found_in_every_matching_document_not_only_the_best() {
        // Thirty shorter documents with `associated` outrank the one with `association` by BM25F:
        // read from the postings, the form still lifts it from last to first.
        let mut w = IndexWriter::new();
        for i in 0..30 {
            w.add(Document::new(format!("other{i}"), "Note", "associated members met")).unwrap();
        }
        w.add(Document::new("form", "Note", "the association members met")).unwrap();
        let index = Index::from_bytes(&w.finish().unwrap()).unwrap();
        let options = SearchOptions { prefix_last: false, limit: 50, ..SearchOptions::default() };
        let ids = |q| index.search(q, &options).unwrap().hits.into_iter().map(|h| h.id).collect::<Vec<_>>();
        assert_eq!(ids("asociation").first().map(String::as_str), Some("form"));
        assert_eq!(ids("association").last().map(String::as_str), Some("form"));
    }

    #[test]
    fn only_documents_with_the_other_words_earn_the_form_bonus() {
        // No document holds both words, so every match is partial. `form` holds only the
        // correction of `asociation`; `hall` holds the word typed right, rarer in BM25F terms
        // than the correction: the form bonus must not lift `form` above it.
        let mut w = IndexWriter::new();
        w.add(Document::new("hall", "Note", "the town hall")).unwrap();
        w.add(Document::new("form", "Note", "the town association")).unwrap();
        for i in 0..2 {
            w.add(Document::new(format!("hall{i}"), "Note", "a big hall")).unwrap();
        }
        for i in 0..6 {
            w.add(Document::new(format!("other{i}"), "Note", "some other text")).unwrap();
        }
        let index = Index::from_bytes(&w.finish().unwrap()).unwrap();
        let ranked = ids(&index, "hall asociation");
        let at = |id: &str| ranked.iter().position(|d| d == id);
        assert!(at("form").is_some() && at("hall") < at("form"), "{ranked:?}");
        // Where a document holds both, the form still counts: it comes first.
        let mut w = IndexWriter::new();
        w.add(Document::new("both", "Note", "the hall of the association")).unwrap();
        w.add(Document::new("stem", "Note", "the hall of associated")).unwrap();
        let index = Index::from_bytes(&w.finish().unwrap()).unwrap();
        assert_eq!(ids(&index, "hall asociation"), ["both", "stem"]);
    }
}
