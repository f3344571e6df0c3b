//! Partial searches on a split index: answered from the chunks at hand, they leave out only the
//! hits whose documents are not added, say where those go, and once every chunk is in give the
//! very response a complete search gives.

use std::collections::HashMap;

use folio::embedded_index;
use folio_core::corpus::Document;
use folio_core::index::{ChunkSizes, Index, IndexWriter};
use folio_core::search::{SearchOptions, SearchResponse, Sort};
use folio_core::Error;

/// Tiny chunks, so the seed documents spread over many document chunks.
const TINY: ChunkSizes = ChunkSizes { terms: 2048, docs: 4096 };

fn writer() -> IndexWriter {
    let index = embedded_index().unwrap();
    let docs: Vec<Document> = (0..index.doc_count()).map(|d| index.document(d).unwrap()).collect();
    let mut writer = IndexWriter::new();
    for doc in docs {
        writer.add(doc).unwrap();
    }
    writer
}

const QUERIES: &[&str] =
    &["prisoners of war", "Mikoyan", "Ким Ир Сен", "korea -soviet", "embas*", "title:journal", "delegat", "zzzz"];

fn options() -> Vec<SearchOptions> {
    vec![
        SearchOptions::default(),
        SearchOptions { limit: 3, offset: 1, ..SearchOptions::default() },
        SearchOptions { sort: Sort::DateDesc, ..SearchOptions::default() },
    ]
}

/// `full`'s hits without those at the places `pending` lists.
fn without(full: &SearchResponse, pending: &[usize]) -> Vec<String> {
    full.hits.iter().enumerate().filter(|(i, _)| !pending.contains(i)).map(|(_, h)| h.id.clone()).collect()
}

#[test]
fn a_partial_search_shows_the_hits_at_hand_and_settles_on_the_complete_answer() {
    let single = Index::from_vec(writer().finish().unwrap()).unwrap();
    let split = writer().finish_split(TINY).unwrap();
    let chunks: HashMap<String, Vec<u8>> = split.chunks.into_iter().collect();
    let mut partial_pages = 0;
    let mut hits_at_hand = 0;
    for query in QUERIES {
        for options in options() {
            let expected = single.search(query, &options).unwrap();
            let mut index = Index::from_vec(split.root.clone()).unwrap();
            let mut rounds = 0;
            let settled = loop {
                rounds += 1;
                assert!(rounds < 64, "{query:?}: the partial search never settled");
                match index.searcher().search_partial(query, &options) {
                    // Term chunks missing: nothing to show yet; all of them are added.
                    Err(Error::MissingChunks(names)) => {
                        for name in names {
                            index.add_chunk(chunks[&name].clone()).unwrap();
                        }
                    }
                    Ok(partial) if partial.needs.is_empty() => break partial,
                    Ok(partial) => {
                        partial_pages += 1;
                        hits_at_hand += partial.response.hits.len();
                        assert!(!partial.pending.is_empty(), "{query:?}: chunks needed, no hit pending");
                        assert!(
                            partial.needs.iter().all(|n| !n.contains("-t")),
                            "only document chunks: {:?}",
                            partial.needs
                        );
                        // The hits at hand are the complete answer's, in its order, at their places.
                        let ids: Vec<String> = partial.response.hits.iter().map(|h| h.id.clone()).collect();
                        assert_eq!(ids, without(&expected, &partial.pending), "{query:?} {options:?}");
                        for hit in &partial.response.hits {
                            assert!(
                                expected.hits.contains(hit),
                                "{query:?}: hit {} differs from the complete one",
                                hit.id
                            );
                        }
                        // Everything but the hits is already the complete answer's.
                        let mut rest = partial.response.clone();
                        rest.hits = expected.hits.clone();
                        assert_eq!(rest, expected, "{query:?} {options:?}");
                        // One chunk at a time: every state of a page arriving is seen.
                        let name = &partial.needs[0];
                        index.add_chunk(chunks[name].clone()).unwrap();
                    }
                    Err(e) => panic!("{query:?}: {e}"),
                }
            };
            assert!(settled.pending.is_empty());
            assert_eq!(settled.response, expected, "{query:?} {options:?}: the settled answer differs");
            assert_eq!(index.search(query, &options).unwrap(), expected);
        }
    }
    assert!(partial_pages > 10, "only {partial_pages} partial pages: the test would not exercise them");
    assert!(hits_at_hand > 0, "no partial page had a hit at hand");
}

#[test]
fn on_a_single_file_a_partial_search_is_the_search() {
    let single = Index::from_vec(writer().finish().unwrap()).unwrap();
    for query in QUERIES {
        let partial = single.searcher().search_partial(query, &SearchOptions::default()).unwrap();
        assert!(partial.pending.is_empty() && partial.needs.is_empty());
        assert_eq!(partial.response, single.search(query, &SearchOptions::default()).unwrap());
    }
}

/// Issue 21: `Engine.warm()` runs what a first search runs (a correction, the ranking, snippets
/// and highlights, a document's reader view) on the module's tiny built-in index, so a page can
/// have the browser compile that code while it waits. The index opens and the search finds both
/// documents, with snippets, through the misspelt word.
#[test]
fn the_warm_up_index_runs_a_whole_search() {
    let response = folio::warm_up().unwrap();
    assert_eq!(response.hits.len(), 2, "{response:?}");
    let shown = |h: &folio_core::search::Hit| !h.snippet.text.is_empty() && !h.snippet.highlights.is_empty();
    assert!(response.hits.iter().all(shown), "{response:?}");
    assert_eq!(response.did_you_mean.as_deref(), Some("similarity heated models speed"), "{response:?}");
}
