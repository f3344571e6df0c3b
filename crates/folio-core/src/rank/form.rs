//! Word forms: among the documents that match a corrected word by its stem, those with the very
//! form of the correction rank higher (`asociation` means `association`, not `associated`).
//!
//! Postings are kept by stem, but each carries a signature of the word forms its document holds
//! ([`postings::form_bit`]), so which documents hold a correction's form is read from the posting
//! lists scoring decoded: for every matching document, with no stored text read and no document
//! chunk fetched. Two forms of one stem may share a bit, and then both count as held.

use super::{Scores, FORM_WEIGHT, FORM_WEIGHT_ALONE};
use crate::index::postings;
use crate::query::{Occur, TermGroup};

/// Multiplies the score of each matching document that holds the very form of a corrected
/// query word: by `1 + FORM_WEIGHT × bonus`, the bonus being, over the query's required words,
/// the mean of the likeliest correction form the document holds (0 for words typed right).
///
/// For a query of one required word, every document that matches it through a correction is
/// scaled, [`FORM_WEIGHT_ALONE`] apart from those without the form, and scaled down rather than
/// the others up, so that the best still scores what [`FORM_WEIGHT`] gives it, below the word
/// typed right. The bonus is summed in each document's accumulator and the per-word best in the
/// scoring's `best` array (no map: a misspelt prefix at a million documents corrects to tens of
/// thousands of them).
pub fn apply(groups: &[TermGroup], scores: &mut Scores) {
    let required: Vec<&TermGroup> = groups.iter().filter(|g| g.occur == Occur::Must && !g.optional).collect();
    if required.iter().all(|g| g.corrections.is_empty()) {
        return;
    }
    let share = required.len() as f32;
    let Scores { dense, best, touched, postings, .. } = scores;
    let mut raised = Vec::new();
    for g in &required {
        for c in g.corrections.iter().filter(|c| c.weight > 0.0) {
            let bit = postings::form_bit(&c.form);
            let Some(list) = postings.get(&c.ordinal) else { continue };
            for p in list.iter().filter(|p| p.forms & bit != 0) {
                // A posting that scored nothing (a word limited to a field) is no match.
                if dense[p.doc as usize].matched == 0 {
                    continue;
                }
                let slot = &mut best[p.doc as usize];
                if *slot == 0.0 {
                    touched.push(p.doc);
                }
                if c.weight > *slot {
                    *slot = c.weight;
                }
            }
        }
        for &d in touched.iter() {
            let entry = &mut dense[d as usize];
            if entry.form == 0.0 {
                raised.push(d);
            }
            entry.form += std::mem::take(&mut best[d as usize]) / share;
        }
        touched.clear();
    }
    if let [alone] = required[..] {
        let top = 1.0 + FORM_WEIGHT;
        let scale = |b: f32| top * (1.0 + FORM_WEIGHT_ALONE * b) / (1.0 + FORM_WEIGHT_ALONE);
        // Each document once, marked in `best` while its score is scaled.
        for c in &alone.corrections {
            let Some(list) = postings.get(&c.ordinal) else { continue };
            for p in list.iter() {
                let entry = &mut dense[p.doc as usize];
                if entry.matched == 0 || best[p.doc as usize] != 0.0 {
                    continue;
                }
                best[p.doc as usize] = 1.0;
                touched.push(p.doc);
                entry.score *= scale(entry.form);
            }
        }
        for &d in touched.iter() {
            best[d as usize] = 0.0;
        }
        touched.clear();
    } else {
        for d in raised {
            let entry = &mut dense[d as usize];
            entry.score *= 1.0 + FORM_WEIGHT * entry.form;
        }
    }
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
