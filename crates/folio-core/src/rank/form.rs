//! Word forms: among the documents that match a corrected word by its stem, those with the very
//! form of the correction rank higher (`asociation` means `association`, not `associated`).
//!
//! Postings are kept by stem, but each carries a signature of the word forms its document holds
//! ([`postings::form_bit`]), so which documents hold a correction's form is read from the posting
//! lists scoring decoded: for every matching document, with no stored text read and no document
//! chunk fetched. Two forms of one stem may share a bit, and then both count as held.

use super::{FORM_WEIGHT, FORM_WEIGHT_ALONE};
use crate::index::postings;
use crate::query::{Occur, TermGroup};

/// A word's form state for a document, while its group is scored: 0 when no correction of the
/// word matched the document, this when one did without its form, else the weight of the
/// likeliest correction whose form the document holds.
pub(super) const CORRECTED: f32 = -1.0;

/// How many of `groups` are required words: the bonus is their mean.
pub fn required(groups: &[TermGroup]) -> usize {
    groups.iter().filter(|g| g.occur == Occur::Must && !g.optional).count()
}

/// The corrections of `group` (a required word's) whose stem is term `ordinal`: each form's
/// bit and weight. Empty for a term no correction stems to.
pub(super) fn of(group: &TermGroup, ordinal: u32) -> Vec<(u8, f32)> {
    group.corrections.iter().filter(|c| c.ordinal == ordinal).map(|c| (postings::form_bit(&c.form), c.weight)).collect()
}

/// The state ([`CORRECTED`]) a posting of a correction's term gives: the greatest weight among
/// `forms` whose bit the posting's document holds.
#[inline]
pub(super) fn held(forms: &[(u8, f32)], posting_forms: u8) -> f32 {
    let mut best = CORRECTED;
    for &(bit, weight) in forms {
        if posting_forms & bit != 0 && weight > 0.0 && weight > best {
            best = weight;
        }
    }
    best
}

/// Two states of one word for one document, from two of its terms' postings, as one.
#[inline]
pub(super) fn merge(state: f32, held: f32) -> f32 {
    if state == 0.0 || held > state {
        held
    } else {
        state
    }
}

/// A document's form accumulator ([`super::DocScore::form`]) once a word's state (not 0) is
/// added: with one required word, the factor itself; else the bonus summed over the words.
#[inline]
pub(super) fn add(acc: f32, state: f32, required: usize) -> f32 {
    let bonus = if state > 0.0 { state } else { 0.0 };
    if required == 1 {
        let top = 1.0 + FORM_WEIGHT;
        top * (1.0 + FORM_WEIGHT_ALONE * bonus) / (1.0 + FORM_WEIGHT_ALONE)
    } else if bonus > 0.0 {
        acc + bonus / required as f32
    } else {
        acc
    }
}

/// What a document's score is multiplied by, from its form accumulator (not 0): by
/// `1 + FORM_WEIGHT × bonus`, the bonus being, over the query's required words, the mean of the
/// likeliest correction form the document holds (0 for words typed right). For a query of one
/// required word, every document that matches it through a correction is scaled,
/// [`FORM_WEIGHT_ALONE`] apart from those without the form, and scaled down rather than the
/// others up, so that the best still scores what [`FORM_WEIGHT`] gives it, below the word typed
/// right.
///
/// The states are kept beside the scores while the postings are scored, in the same cache
/// lines (no map, no second pass: a misspelt prefix at a million documents corrects to tens of
/// thousands of them).
pub fn factor(acc: f32, required: usize) -> f32 {
    if required == 1 {
        acc
    } else {
        1.0 + FORM_WEIGHT * acc
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
