//! Word forms: among the documents that match a corrected word by its stem, those with the very
//! form of the correction rank higher (`asociation` means `association`, not `associated`).
//!
//! Postings are kept by stem, so which forms a document holds is read from its stored text: only
//! for the [`DEPTH`] best-ranked documents, and only for queries with a misspelt word. On a split
//! index that may fetch the document chunks of the second page of hits as well as the first.

use std::collections::HashMap;

use crate::analysis::Analyzer;
use crate::index::{Field, Searcher};
use crate::query::{Occur, TermGroup};
use crate::Result;

/// How many of the best documents are read for the forms of corrections.
pub const DEPTH: usize = 20;

/// The form bonus (0 to 1) of each of `docs` that has one: over the query's required words, the
/// mean of the likeliest correction form each document holds (0 for words typed right).
pub fn bonus(index: &Searcher, analyzer: &Analyzer, groups: &[TermGroup], docs: &[u32]) -> Result<HashMap<u32, f32>> {
    let required = groups.iter().filter(|g| g.occur == Occur::Must && !g.optional).count();
    let words: Vec<&TermGroup> =
        groups.iter().filter(|g| g.occur == Occur::Must && !g.optional && !g.corrections.is_empty()).collect();
    let mut out = HashMap::new();
    if words.is_empty() {
        return Ok(out);
    }
    // Every document chunk these need, in one round.
    index.require_documents(docs.iter().copied());
    index.check_missing()?;
    let mut best = vec![0f32; words.len()];
    for &doc in docs {
        let view = index.index().stored(doc)?;
        best.fill(0.0);
        for field in Field::ALL {
            for word in analyzer.word_iter(view.field(field)) {
                for (i, g) in words.iter().enumerate() {
                    if let Some((_, w)) = g.corrections.iter().find(|(f, _)| *f == word.form) {
                        best[i] = best[i].max(*w);
                    }
                }
            }
        }
        let sum: f32 = best.iter().sum();
        if sum > 0.0 {
            out.insert(doc, sum / required as f32);
        }
    }
    Ok(out)
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
}
