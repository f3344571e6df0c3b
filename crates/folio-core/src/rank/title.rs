//! Titles: a document whose title is what was typed ranks above one that only mentions the words.
//!
//! Short queries are mostly a page's name (`NGC 312`, `Economy of Bulgaria`). BM25F gives a title
//! match more weight, but a page that repeats the words in its title and its text can still
//! outscore the page so named. [`bonus`] measures how much of a title the query covers, from the
//! postings scoring already decoded: 0 when a required word is missing from the title, else the
//! query's length over the title's (stop words counted on both sides), so a title that is exactly
//! the query gets 1 and a longer title less.

use crate::index::hash::FxHashMap;

use super::Postings;
use crate::index::postings::Posting;
use crate::index::Field;
use crate::query::{Occur, TermGroup};

/// The title bonus (0 to 1) of each of `docs` that has one: how much of its title the query's
/// words make up, when every required word is in it. `postings` holds the lists scoring decoded,
/// by term ordinal.
pub fn bonus(groups: &[TermGroup], docs: &[u32], postings: &Postings) -> FxHashMap<u32, f32> {
    let required: Vec<&TermGroup> = groups
        .iter()
        .filter(|g| g.occur == Occur::Must && !g.optional && g.field.is_none_or(|f| f == Field::Title))
        .collect();
    let mut out = FxHashMap::default();
    if required.is_empty() || required.iter().any(|g| g.expansions.is_empty()) {
        return out;
    }
    // The query's length as the title's is counted: every word typed, stop words included.
    let typed: u32 = groups.iter().filter(|g| g.occur == Occur::Must).map(|g| g.repeats).sum();
    for &doc in docs {
        let mut title_len = 0;
        let all_in_title = required.iter().all(|g| {
            g.expansions.iter().any(|e| match title_posting(postings, e.ordinal, doc) {
                Some(p) => {
                    title_len = p.lengths[Field::Title as usize];
                    true
                }
                None => false,
            })
        });
        if all_in_title && title_len > 0 {
            out.insert(doc, (typed as f32 / title_len as f32).min(1.0));
        }
    }
    out
}

/// Term `ordinal`'s posting in `doc`, if it occurs in the document's title.
fn title_posting(postings: &Postings, ordinal: u32, doc: u32) -> Option<&Posting> {
    let list = postings.get(&ordinal)?;
    let at = list.binary_search_by_key(&doc, |p| p.doc).ok()?;
    list.get(at).filter(|p| p.tf[Field::Title as usize] > 0)
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

    fn index(docs: &[(&str, &str, &str)]) -> Index {
        let mut w = IndexWriter::new();
        for (id, title, body) in docs {
            w.add(Document::new(*id, *title, *body)).unwrap();
        }
        Index::from_bytes(&w.finish().unwrap()).unwrap()
    }

    #[test]
    fn the_page_named_by_the_query_ranks_first() {
        // Short pages that mention the date outscore, by BM25F alone, the long page named by it.
        let year = "Events of the day through the years: treaties signed, ships launched, elections held, \
                    storms recorded, records broken, bridges opened and cities founded in many countries.";
        let index = index(&[
            ("a", "Lee Jian Yi", "Lee Jian Yi (born April 25, 1990) is a swimmer. Lee swam on April 25."),
            ("b", "April 25", &format!("{year} {year} {year}")),
            ("c", "Otto Evens", "Otto Evens (April 25, 1901 – 1970) was a painter."),
        ]);
        assert_eq!(ids(&index, "April 25"), ["b", "a", "c"]);
    }

    #[test]
    fn a_title_that_is_the_query_beats_a_longer_one() {
        let index = index(&[
            ("tv", "Sherlock Holmes (1967 TV series)", "A series about Sherlock Holmes, with Sherlock Holmes."),
            ("holmes", "Sherlock Holmes", "A fictional detective created by Arthur Conan Doyle in 1887 for stories."),
        ]);
        assert_eq!(ids(&index, "sherlock holmes"), ["holmes", "tv"]);
    }
}
