//! Per-document metadata in chunks (issue 23, item 3): a split index whose root keeps only the
//! metadata's tables and per-chunk summaries answers every filtered, sorted and faceted search
//! exactly as one whose root holds every document's columns, and as the single file; facet counts
//! are exact once the chunks are at hand, and otherwise estimated and flagged so; a sort key the
//! index does not have sorts by relevance.

use std::collections::{BTreeMap, HashSet};

use folio_core::corpus::Document;
use folio_core::index::{ChunkSizes, Index, IndexWriter};
use folio_core::search::{KeyFilter, SearchOptions, SearchResponse, Sort};

const WORDS: [&str; 6] = ["vase", "clay", "bronze", "urn", "glaze", "kiln"];

/// 300 documents in date order (1800 on, a few months apart), in three languages and two types,
/// with two site filters (one with several values a document) and a numeric sort key.
fn corpus() -> Vec<Document> {
    (0..300u32)
        .map(|i| {
            let body: Vec<&str> = (0..4).map(|k| WORDS[((i * (k + 3) + k) % 6) as usize]).collect();
            let mut d = Document::new(format!("d{i}"), format!("Item {i} {}", WORDS[(i % 6) as usize]), body.join(" "));
            d.date = match i % 10 {
                9 => None,
                8 => Some(format!("{}", 1800 + i / 2)),
                _ => Some(format!("{}-{:02}-{:02}", 1800 + i / 2, 1 + i % 12, 1 + i % 28)),
            };
            d.lang = Some(["en", "ru", "de"][(i / 40 % 3) as usize].to_string());
            d.kind = Some(if i % 7 == 0 { "letter" } else { "report" }.to_string());
            let shelves = vec![format!("s{}", i / 50), format!("s{}", (i / 50 + i % 3) % 6)];
            d.filters.insert("shelf".into(), shelves);
            d.filters.insert("room".into(), vec![["a", "b"][(i / 100 % 2) as usize].to_string()]);
            d.sort.insert("weight".into(), format!("{}", (i * 37) % 101));
            d
        })
        .collect()
}

fn writer() -> IndexWriter {
    let mut w = IndexWriter::new();
    for d in corpus() {
        w.add(d).unwrap();
    }
    w
}

const SIZES: ChunkSizes = ChunkSizes { terms: 512, docs: 512 };

/// The root and its chunks by name.
fn split(w: IndexWriter) -> (Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let s = w.finish_split(SIZES).unwrap();
    (s.root, s.chunks.into_iter().collect())
}

fn options(f: impl FnOnce(&mut SearchOptions)) -> SearchOptions {
    let mut o = SearchOptions { limit: 1000, ..SearchOptions::default() };
    f(&mut o);
    o
}

fn any(values: &[&str]) -> KeyFilter {
    KeyFilter { any: values.iter().map(|v| v.to_string()).collect(), ..KeyFilter::default() }
}

/// Searches with every option this layout has to answer alike.
fn cases() -> Vec<(&'static str, SearchOptions)> {
    let key = |k: &str, f: KeyFilter| options(|o| drop(o.filters.insert(k.to_string(), f)));
    vec![
        ("vase", options(|_| {})),
        ("clay kiln", options(|o| o.lang = Some(vec!["ru".into()]))),
        ("vase", options(|o| o.kind = Some(vec!["letter".into()]))),
        ("urn", options(|o| o.date = Some("1850..1870-06".into()))),
        ("glaze", options(|o| o.date = Some("1900..".into()))),
        ("bronze", key("shelf", any(&["s2", "s4"]))),
        ("vase", key("shelf", KeyFilter { all: vec!["s1".into(), "s2".into()], ..KeyFilter::default() })),
        ("kiln", key("room", KeyFilter { none: vec!["a".into()], ..KeyFilter::default() })),
        ("vase", options(|o| o.sort = Sort::Date)),
        ("clay", options(|o| o.sort = Sort::DateDesc)),
        ("urn glaze", options(|o| o.sort = Sort::Key { key: "weight".into(), descending: false })),
        ("vase", options(|o| o.sort = Sort::Key { key: "weight".into(), descending: true })),
        (
            "vase",
            options(|o| {
                o.sort = Sort::Key { key: "weight".into(), descending: true };
                o.lang = Some(vec!["de".into()]);
                o.filters.insert("room".into(), any(&["b"]));
                o.offset = 3;
                o.limit = 7;
            }),
        ),
    ]
}

fn ranked(r: &SearchResponse) -> Vec<(String, u32)> {
    r.hits.iter().map(|h| (h.id.clone(), h.score.to_bits())).collect()
}

/// Searches a split root, loading what the search asks for; returns the response and the
/// metadata chunks it loaded.
fn search_split(
    index: &mut Index,
    chunks: &BTreeMap<String, Vec<u8>>,
    q: &str,
    o: &SearchOptions,
) -> (SearchResponse, Vec<String>) {
    let mut loaded = Vec::new();
    let response = index
        .search_loading(q, o, |name| {
            loaded.push(name.to_string());
            Ok(chunks[name].clone())
        })
        .unwrap();
    loaded.retain(|n| n.contains("-m"));
    (response, loaded)
}

#[test]
fn chunked_metadata_answers_as_the_root_held_and_the_single_file() {
    let single = Index::from_vec(writer().finish().unwrap()).unwrap();
    let (root, chunks) = split(writer());
    assert!(!chunks.keys().any(|n| n.contains("-m")), "a small corpus keeps its metadata in the root");
    let mut held = Index::from_vec(root).unwrap();
    let (meta_root, meta_chunks) = split(writer().with_meta_chunks(32));
    let names: Vec<&String> = meta_chunks.keys().filter(|n| n.contains("-m")).collect();
    assert_eq!(names.len(), 10, "{names:?}");
    let mut all = Index::from_vec(meta_root.clone()).unwrap();
    all.add_chunks(names.iter().map(|n| n.to_string()), |n| Ok::<_, folio_core::Error>(meta_chunks[n].clone()))
        .unwrap();
    for (q, o) in cases() {
        let expected = single.search(q, &o).unwrap();
        assert!(expected.total > 0, "{q} {o:?} finds nothing: not a test");
        let (from_held, _) = search_split(&mut held, &chunks, q, &o);
        let (with_all, _) = search_split(&mut all, &meta_chunks, q, &o);
        for got in [&from_held, &with_all] {
            assert_eq!(ranked(got), ranked(&expected), "{q} {o:?}");
            assert_eq!((got.total, got.complete), (expected.total, expected.complete));
            assert_eq!(got.facets, expected.facets, "{q} {o:?}: every chunk at hand, the counts are exact");
            assert!(!got.facets.estimated);
        }
        // A fresh root fetches only what the search needs: the same hits.
        let mut fresh = Index::from_vec(meta_root.clone()).unwrap();
        let (got, _) = search_split(&mut fresh, &meta_chunks, q, &o);
        assert_eq!(ranked(&got), ranked(&expected), "{q} {o:?}, fresh");
        assert_eq!(got.total, expected.total);
    }
}

#[test]
fn packed_metadata_chunks_answer_as_chunk_files() {
    let single = Index::from_vec(writer().finish().unwrap()).unwrap();
    let split = writer().with_meta_chunks(32).finish_split(SIZES).unwrap();
    let packed = folio_core::index::pack::pack(&split, 4096).unwrap();
    let names: Vec<&String> = packed.chunks.iter().map(|(n, _)| n).collect();
    assert!(names.iter().any(|n| n.contains("-m0.pack")), "metadata chunks get packs of their own: {names:?}");
    let mut index = Index::from_vec(packed.root.clone()).unwrap();
    for (q, o) in cases() {
        let mut loaded = Vec::new();
        let got = index
            .search_loading(q, &o, |name| {
                loaded.push(name.to_string());
                folio_core::index::pack::read_from(&packed.chunks, name)
            })
            .unwrap_or_else(|e| panic!("{q} {o:?}: {e}"));
        assert_eq!(ranked(&got), ranked(&single.search(q, &o).unwrap()), "{q} {o:?}");
    }
}

#[test]
fn facets_without_their_chunks_are_estimated_and_flagged() {
    let single = Index::from_vec(writer().finish().unwrap()).unwrap();
    let (root, chunks) = split(writer().with_meta_chunks(32));
    let mut index = Index::from_vec(root).unwrap();
    let o = options(|_| {});
    let (got, loaded) = search_split(&mut index, &chunks, "vase", &o);
    assert!(loaded.is_empty(), "an unfiltered, unsorted search fetches no metadata: {loaded:?}");
    let exact = single.search("vase", &o).unwrap();
    assert!(got.facets.estimated && !exact.facets.estimated);
    assert_eq!(ranked(&got), ranked(&exact));
    let total = |m: &folio_core::search::Map<usize>| m.values().sum::<usize>() as f64;
    for (est, exact) in [(&got.facets.lang, &exact.facets.lang), (&got.facets.kind, &exact.facets.kind)] {
        assert_eq!(est.keys().collect::<Vec<_>>(), exact.keys().collect::<Vec<_>>());
        assert!((total(est) - total(exact)).abs() <= est.len() as f64, "{est:?} vs {exact:?}");
        for (value, &n) in exact {
            let e = est[value] as f64;
            assert!((e - n as f64).abs() <= 0.5 * n as f64 + 3.0, "{value}: estimated {e}, exact {n}");
        }
    }
}

#[test]
fn a_filter_fetches_only_the_chunks_its_summaries_cannot_decide() {
    let (root, chunks) = split(writer().with_meta_chunks(32));
    let mut index = Index::from_vec(root).unwrap();
    // Documents are in date order, 32 to a chunk (16 years): a range inside chunk 4's years is
    // decided for every other chunk by its summary.
    let o = options(|o| o.date = Some("1868..1870".into()));
    let (got, loaded) = search_split(&mut index, &chunks, "vase", &o);
    assert!(got.total > 0);
    assert_eq!(loaded.len(), 1, "{loaded:?}");
    assert!(loaded[0].ends_with("-m4.folio"), "{loaded:?}");
    // Languages change every 40 documents: only the chunks holding two (1, 2, 6 and 8 for
    // Russian) cannot be decided by their summaries.
    let mut index = Index::from_vec(split(writer().with_meta_chunks(32)).0).unwrap();
    let o = options(|o| o.lang = Some(vec!["ru".into()]));
    let (got, loaded) = search_split(&mut index, &chunks, "vase", &o);
    assert!(got.total > 0);
    let numbers: HashSet<&str> = loaded.iter().filter_map(|n| n.rsplit("-m").next()).collect();
    assert!(
        !numbers.is_empty() && numbers.is_subset(&HashSet::from(["1.folio", "2.folio", "6.folio", "8.folio"])),
        "{loaded:?}"
    );
}

#[test]
fn a_sort_key_the_index_lacks_sorts_by_relevance() {
    let index = Index::from_vec(writer().finish().unwrap()).unwrap();
    let relevance = index.search("vase clay", &options(|_| {})).unwrap();
    let unknown = options(|o| o.sort = Sort::Key { key: "bookmarked-long-ago".into(), descending: true });
    let got = index.search("vase clay", &unknown).unwrap();
    assert_eq!(ranked(&got), ranked(&relevance));
    assert_eq!(got.sort_keys, ["weight"]);
}

#[test]
fn sorting_by_a_key_orders_by_its_value_then_relevance() {
    let index = Index::from_vec(writer().finish().unwrap()).unwrap();
    let o = options(|o| o.sort = Sort::Key { key: "weight".into(), descending: true });
    let got = index.search("vase", &o).unwrap();
    let weight = |id: &str| (id[1..].parse::<u32>().unwrap() * 37) % 101;
    let complete: Vec<&_> = got.hits.iter().take(got.complete).collect();
    for pair in complete.windows(2) {
        let (a, b) = (weight(&pair[0].id), weight(&pair[1].id));
        assert!(a > b || (a == b && pair[0].score >= pair[1].score), "{} before {}", pair[0].id, pair[1].id);
    }
}

#[test]
fn forged_metadata_chunks_are_refused_never_a_panic() {
    use folio_core::index::format::{self, SectionKind};
    let (root, chunks) = split(writer().with_meta_chunks(32));
    let name = chunks.keys().find(|n| n.ends_with("-m3.folio")).unwrap().clone();
    let sections = format::read(&chunks[&name]).unwrap();
    let header = sections.get(SectionKind::Chunk).unwrap().to_vec();
    let meta = sections.get(SectionKind::DocMeta).unwrap().to_vec();
    let rewrap = |m: Vec<u8>| format::write(&[(SectionKind::Chunk, header.clone()), (SectionKind::DocMeta, m)]);
    let o = options(|o| {
        o.sort = Sort::DateDesc;
        o.filters.insert("shelf".into(), any(&["s1"]));
    });
    let (mut refused, mut read) = (0, 0);
    let mut forged: Vec<Vec<u8>> = (0..meta.len()).map(|cut| meta[..cut].to_vec()).collect();
    for i in 0..meta.len() {
        for mask in [0x01, 0x10, 0x80, 0xff] {
            let mut m = meta.clone();
            m[i] ^= mask;
            forged.push(m);
        }
    }
    for m in forged {
        let mut index = Index::from_vec(root.clone()).unwrap();
        match index.add_chunk(rewrap(m)) {
            Err(folio_core::Error::Corrupt(_)) => refused += 1,
            Err(other) => panic!("not Corrupt: {other}"),
            Ok(_) => {
                read += 1;
                let _ = index.search_loading("vase", &o, |n| Ok(chunks[n].clone()));
            }
        }
    }
    assert!(refused > meta.len(), "{refused} refused, {read} read");
}
