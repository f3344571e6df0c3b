//! Pruning (`rank::prune`): a search that skips the blocks of a long posting list answers with
//! the hits, order, scores, snippets and highlights of the search that scores every posting,
//! the same totals, and facet counts that are marked estimated when they are.

use std::collections::HashMap;

use folio_core::corpus::Document;
use folio_core::index::{ChunkSizes, Index, Pruning};
use folio_core::search::{SearchOptions, SearchResponse};
use folio_core::Error;

// Shared with the split-index tests; this file needs only Cranfield and the writer.
#[allow(dead_code)]
#[path = "support/seed_index.rs"]
mod seed_index;
use seed_index::{cranfield, writer_of};

/// The pruned and the exhaustive index, from the same bytes: pruned whenever a list is long
/// enough ([`Pruning::Always`], so that Cranfield's long questions are pruned too), and never.
fn pair(bytes: Vec<u8>) -> (Index, Index) {
    let mut pruned = Index::from_vec(bytes.clone()).unwrap();
    pruned.set_pruning(Pruning::Always);
    let mut exhaustive = Index::from_vec(bytes).unwrap();
    exhaustive.set_pruning(Pruning::Never);
    (pruned, exhaustive)
}

/// Compares the two answers to `query`; true when the pruned one left documents unscored (its
/// facets, exact otherwise on a single file, are then estimated).
fn same(pruned: &SearchResponse, exhaustive: &SearchResponse, query: &str) -> bool {
    assert_eq!(pruned.hits, exhaustive.hits, "{query}: hits");
    assert_eq!(
        (pruned.total, pruned.complete, pruned.fallback, &pruned.terms, &pruned.did_you_mean),
        (exhaustive.total, exhaustive.complete, exhaustive.fallback, &exhaustive.terms, &exhaustive.did_you_mean),
        "{query}: counts"
    );
    assert!(!exhaustive.facets.estimated, "{query}");
    if !pruned.facets.estimated {
        assert_eq!(pruned.facets, exhaustive.facets, "{query}: facets");
        return false;
    }
    // Estimated: each count near the exact one.
    for (value, &n) in exhaustive.facets.kind.iter() {
        let estimate = pruned.facets.kind.get(value).copied().unwrap_or(0) as f64;
        assert!((estimate - n as f64).abs() <= 0.2 * n as f64 + 5.0, "{query}: {value} ≈ {estimate}, not {n}");
    }
    true
}

/// The option sets compared: the first page, a deeper page (past the proximity depth) and a
/// later page.
fn option_sets() -> [SearchOptions; 3] {
    let base = SearchOptions { prefix_last: false, ..SearchOptions::default() };
    [
        SearchOptions { limit: 10, ..base.clone() },
        SearchOptions { limit: 150, ..base.clone() },
        SearchOptions { offset: 40, limit: 10, ..base },
    ]
}

/// Cranfield's 225 queries, beside the repository as CI has it: pruned and exhaustive give the
/// same answers, and pruning does skip blocks in many of them (its longest lists, `flow` and
/// `pressure`, hold over 512 of the 1,400 documents).
#[test]
fn cranfield_queries_answer_the_same_pruned() {
    let (docs, queries) = cranfield();
    let (pruned, exhaustive) = pair(writer_of(&docs).finish().unwrap());
    let mut skipped = 0;
    for options in option_sets() {
        for line in queries.lines() {
            let query = line.split_once('\t').map_or(line, |(_, q)| q);
            let (a, b) = (pruned.search(query, &options).unwrap(), exhaustive.search(query, &options).unwrap());
            skipped += usize::from(same(&a, &b, query));
            assert_eq!(pruned.rank(query, &options).unwrap(), exhaustive.rank(query, &options).unwrap(), "{query}");
        }
    }
    assert!(skipped >= 5, "pruning skipped blocks in only {skipped} of the searches");
}

/// A small deterministic generator: words drawn by a Zipf law from made-up words, so the first
/// (`vus`) is in most documents and is no stop word, as in the generated benchmark corpus.
fn generated(n: usize) -> Vec<Document> {
    let syllables = ["ka", "re", "mo", "ti", "lu", "sa", "ne", "po", "di", "gu"];
    let word = |r: usize| match r {
        0 => "vus".to_string(),
        1 => "rehil".to_string(),
        _ => format!("{}{}{}x", syllables[r % 10], syllables[r / 10 % 10], syllables[r / 100 % 10]),
    };
    let weights: Vec<f64> = (0..1500).map(|r| 1.0 / (r as f64 + 1.0)).collect();
    let total: f64 = weights.iter().sum();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut draw = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let mut x = (state >> 11) as f64 / (1u64 << 53) as f64 * total;
        weights
            .iter()
            .position(|w| {
                x -= w;
                x < 0.0
            })
            .unwrap_or(0)
    };
    (0..n)
        .map(|i| {
            let title: Vec<String> = (0..2 + i % 3).map(|_| word(draw())).collect();
            let body: Vec<String> = (0..10 + i % 50).map(|_| word(draw())).collect();
            let mut doc = Document::new(format!("g{i}"), title.join(" "), body.join(" "));
            doc.kind = Some(["article", "letter", "report"][i % 3].to_string());
            doc
        })
        .collect()
}

/// Queries of the kinds that made the benchmark's slowest: the frequent word alone, twice, with
/// a rarer word, with another frequent one, as a prefix, in a title scope.
const GENERATED_QUERIES: &[&str] = &[
    "vus",
    "vus vus",
    "vus rehil",
    "rehil vus",
    "vus kasakax",
    "vus karemox",
    "vus kakadix",
    "karemox vus",
    "vus rehil kakadix",
    "kakadix vus kasakax",
    "vu",
    "vus re",
    "vus kar",
    "title:vus",
    "vus -rehil",
    "\"vus rehil\"",
    "rehil",
];

#[test]
fn generated_queries_answer_the_same_pruned() {
    let docs = generated(20_000);
    let (pruned, exhaustive) = pair(writer_of(&docs).finish().unwrap());
    let mut skipped = 0;
    for options in option_sets() {
        for &query in GENERATED_QUERIES {
            let (a, b) = (pruned.search(query, &options).unwrap(), exhaustive.search(query, &options).unwrap());
            skipped += usize::from(same(&a, &b, query));
        }
        let typing = SearchOptions { prefix_last: true, ..options };
        for &query in GENERATED_QUERIES {
            let (a, b) = (pruned.search(query, &typing).unwrap(), exhaustive.search(query, &typing).unwrap());
            skipped += usize::from(same(&a, &b, query));
        }
    }
    assert!(skipped >= 60, "pruning skipped blocks in only {skipped} of the searches");
    // By default (`Pruning::Auto`), "vus" alone reads a few of its blocks: its facets are
    // estimated, its hits and total exact; "vus rehil", two common words, is scored whole.
    let auto = Index::from_vec(writer_of(&docs).finish().unwrap()).unwrap();
    assert_eq!(auto.pruning(), Pruning::Auto);
    let options = SearchOptions { prefix_last: false, ..SearchOptions::default() };
    let (r, whole) = (auto.search("vus", &options).unwrap(), exhaustive.search("vus", &options).unwrap());
    assert!(same(&r, &whole, "vus") && r.total > 10_000, "{} {}", r.total, r.facets.estimated);
    let (r, whole) = (auto.search("vus rehil", &options).unwrap(), exhaustive.search("vus rehil", &options).unwrap());
    assert!(!same(&r, &whole, "vus rehil"));
}

/// The same through a split index whose chunks are added as searches ask for them: the blocks'
/// positions (highlights, proximity) are read from the chunk a term lies in.
#[test]
fn a_split_index_answers_the_same_pruned() {
    let docs = generated(20_000);
    let split = writer_of(&docs).finish_split(ChunkSizes { terms: 4096, docs: 4096 }).unwrap();
    let chunks: HashMap<String, Vec<u8>> = split.chunks.into_iter().collect();
    let (mut pruned, mut exhaustive) = pair(split.root);
    let load = |name: &str| chunks.get(name).cloned().ok_or_else(|| Error::corrupt(format!("no chunk {name}")));
    let mut skipped = 0;
    for options in option_sets() {
        for &query in GENERATED_QUERIES {
            let a = pruned.search_loading(query, &options, load).unwrap();
            let b = exhaustive.search_loading(query, &options, load).unwrap();
            skipped += usize::from(same(&a, &b, query));
        }
    }
    assert!(skipped >= 30, "pruning skipped blocks in only {skipped} of the searches");
}
