//! Facet counts of a search without filters (issue 23: a frequent word's query counts the facets of
//! most of the index, so they are counted in one pass by runs of a metadata chunk's documents)
//! are the counts the filtered path gives when its filters pass every document: exact where the
//! metadata is at hand, estimated alike where it is not.

use std::collections::BTreeMap;

use folio_core::corpus::Document;
use folio_core::index::{ChunkSizes, Index, IndexWriter};
use folio_core::search::{Facets, KeyFilter, SearchOptions};

const WORDS: [&str; 5] = ["vase", "clay", "bronze", "urn", "kiln"];

/// 400 documents in three languages and two types, dated, with a site filter of several values.
fn writer() -> IndexWriter {
    let mut w = IndexWriter::new();
    for i in 0..400u32 {
        let body: Vec<&str> = (0..4).map(|k| WORDS[((i * (k + 3) + k) % 5) as usize]).collect();
        let mut d = Document::new(format!("d{i}"), format!("Item {i}"), format!("vase {}", body.join(" ")));
        d.date = (i % 9 != 0).then(|| format!("{}-03-01", 1800 + i / 3));
        d.lang = Some(["en", "ru", "de"][(i / 30 % 3) as usize].to_string());
        d.kind = Some(if i % 7 == 0 { "letter" } else { "report" }.to_string());
        d.filters.insert("shelf".into(), vec![format!("s{}", i / 70), format!("s{}", (i / 70 + i % 3) % 6)]);
        w.add(d).unwrap();
    }
    w
}

/// The facets of `query` with no filter, and with filters every document passes (which count
/// document by document); `site`: the site filter too (its chunk summaries cannot tell that every
/// document passes it, so on a split index it fetches every metadata chunk).
fn both(index: &mut Index, chunks: &BTreeMap<String, Vec<u8>>, query: &str, site: bool) -> (Facets, Facets) {
    let plain = SearchOptions { limit: 5, ..SearchOptions::default() };
    let mut everything = plain.clone();
    everything.lang = Some(vec!["en".into(), "ru".into(), "de".into()]);
    everything.kind = Some(vec!["letter".into(), "report".into()]);
    let shelves = (0..6).map(|s| format!("s{s}")).collect();
    if site {
        everything.filters.insert("shelf".into(), KeyFilter { any: shelves, ..KeyFilter::default() });
    }
    let mut answer =
        |o: &SearchOptions| index.search_loading(query, o, |name| Ok(chunks[name].clone())).unwrap().facets;
    // The filtered search first: the unfiltered one then has the same chunks at hand.
    let all = answer(&everything);
    (answer(&plain), all)
}

#[test]
fn unfiltered_facets_count_as_filters_that_pass_everything() {
    let mut single = Index::from_vec(writer().finish().unwrap()).unwrap();
    for query in ["vase", "clay urn", "bronze"] {
        let (plain, all) = both(&mut single, &BTreeMap::new(), query, true);
        assert_eq!(plain, all, "{query}");
        assert!(!plain.estimated && !plain.lang.is_empty() && !plain.filters[0].counts.is_empty());
    }
    // Metadata in chunks of 32 documents, none at hand at first, then some: the estimates of the
    // chunks not at hand and the exact counts of the others add up alike.
    let s = writer().with_meta_chunks(32).finish_split(ChunkSizes { terms: 512, docs: 512 }).unwrap();
    let chunks: BTreeMap<String, Vec<u8>> = s.chunks.into_iter().collect();
    let mut split = Index::from_vec(s.root).unwrap();
    let (plain, all) = both(&mut split, &chunks, "vase", false);
    assert!(plain.estimated, "no metadata chunk at hand");
    assert_eq!(plain, all);
    // A date filter its summaries cannot decide fetches some chunks.
    let dated = SearchOptions { date: Some("1850..1870".into()), ..SearchOptions::default() };
    split.search_loading("vase", &dated, |name| Ok(chunks[name].clone())).unwrap();
    let (plain, all) = both(&mut split, &chunks, "vase", false);
    assert!(plain.estimated);
    assert_eq!(plain, all);
}
