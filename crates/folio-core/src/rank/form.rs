//! Word forms: among the documents that match a corrected word by its stem, those with the very
//! form of the correction rank higher (`asociation` means `association`, not `associated`).
//!
//! Postings are kept by stem, but each carries a signature of the word forms its document holds
//! ([`postings::form_bit`]), so which documents hold a correction's form is read from the posting
//! lists scoring decoded: for every matching document, with no stored text read and no document
//! chunk fetched. Two forms of one stem may share a bit, and then both count as held.

use crate::index::hash::FxHashMap;

use super::Postings;
use crate::index::postings;
use crate::query::{Occur, TermGroup};

/// The form bonus (0 to 1) of each document that has one: over the query's required words, the
/// mean of the likeliest correction form each document holds (0 for words typed right).
pub fn bonus(groups: &[TermGroup], decoded: &Postings) -> FxHashMap<u32, f32> {
    let required = groups.iter().filter(|g| g.occur == Occur::Must && !g.optional).count();
    let mut out: FxHashMap<u32, f32> = FxHashMap::default();
    let mut best: FxHashMap<u32, f32> = FxHashMap::default();
    for g in groups.iter().filter(|g| g.occur == Occur::Must && !g.optional) {
        best.clear();
        for c in &g.corrections {
            let bit = postings::form_bit(&c.form);
            let Some(list) = decoded.get(&c.ordinal) else { continue };
            for p in list.iter().filter(|p| p.forms & bit != 0) {
                let w = best.entry(p.doc).or_insert(0.0);
                if c.weight > *w {
                    *w = c.weight;
                }
            }
        }
        for (&doc, &w) in &best {
            *out.entry(doc).or_insert(0.0) += w / required as f32;
        }
    }
    out
}

/// The documents that match a required word through one of its corrections.
pub fn corrected_docs<'a>(groups: &'a [TermGroup], decoded: &'a Postings) -> impl Iterator<Item = u32> + 'a {
    groups
        .iter()
        .filter(|g| g.occur == Occur::Must && !g.optional)
        .flat_map(|g| &g.corrections)
        .filter_map(|c| decoded.get(&c.ordinal))
        .flat_map(|list| list.iter().map(|p| p.doc))
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
    fn a_misspelt_word_alone_finds_its_form_in_a_long_document_first() {
        // `asociation` alone: the one document with `association` is long, the five with
        // `associated` short and full of it; the form meant ranks first even so.
        let mut w = IndexWriter::new();
        for i in 0..5 {
            w.add(Document::new(format!("other{i}"), "Note", "associated members associated")).unwrap();
        }
        let filler = "members met in the old town hall to talk about the year ahead and its plans";
        w.add(Document::new("form", "Note", format!("the association {filler}"))).unwrap();
        let index = Index::from_bytes(&w.finish().unwrap()).unwrap();
        assert_eq!(ids(&index, "asociation").first().map(String::as_str), Some("form"));
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
}
