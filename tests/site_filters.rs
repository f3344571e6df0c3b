//! The site's own filters, sort keys and hit metadata (issue 20, items 3 and 4): what a page
//! declares survives the index round trip (single file and split), filters with `any`/`all`/`none`
//! per key, is counted before and after the other filters, sorts numbers as numbers, and comes back
//! with the hit; hostile keys and values (markup, quotes, empty, very long, thousands) are data.

use std::collections::BTreeMap;

use folio_core::corpus::Document;
use folio_core::index::{ChunkSizes, Index, IndexWriter};
use folio_core::search::{KeyFilter, SearchOptions, SearchResponse, Sort};

type TestResult = Result<(), Box<dyn std::error::Error>>;
/// The filters of a search (key, how) and the ids it must find.
type Case<'a> = (&'a [(&'a str, KeyFilter)], &'a [&'a str]);

/// A document about "vase" with `filters` (key → values), sort keys and metadata.
fn doc(id: &str, filters: &[(&str, &[&str])], sort: &[(&str, &str)], meta: &[(&str, &str)]) -> Document {
    let owned = |s: &str| s.to_string();
    Document {
        filters: filters.iter().map(|(k, v)| (owned(k), v.iter().map(|v| owned(v)).collect())).collect(),
        sort: sort.iter().map(|(k, v)| (owned(k), owned(v))).collect(),
        meta: meta.iter().map(|(k, v)| (owned(k), owned(v))).collect(),
        ..Document::new(id, format!("Vase {id}"), format!("A vase, number {id}, of the museum."))
    }
}

/// The museum: two filter keys (collection, material) and a numeric sort key (year) and a text one.
fn museum() -> Vec<Document> {
    vec![
        doc(
            "a",
            &[("collection", &["Ceramics", "Greek"]), ("material", &["clay"])],
            &[("year", "-450"), ("room", "B")],
            &[("image", "img/a.jpg"), ("image_alt", "A red-figure vase")],
        ),
        doc(
            "b",
            &[("collection", &["Ceramics"]), ("material", &["clay", "glaze"])],
            &[("year", "1200"), ("room", "a")],
            &[],
        ),
        doc("c", &[("collection", &["Greek"]), ("material", &["bronze"])], &[("year", "90"), ("room", "C")], &[]),
        doc("d", &[("material", &["glass"])], &[], &[("author", "I. Petrov")]),
    ]
}

fn open(docs: Vec<Document>) -> Result<Index, folio_core::Error> {
    let mut writer = IndexWriter::new();
    for d in docs {
        writer.add(d)?;
    }
    Index::from_vec(writer.finish()?)
}

fn filter(any: &[&str], all: &[&str], none: &[&str]) -> KeyFilter {
    let list = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
    KeyFilter { any: list(any), all: list(all), none: list(none) }
}

fn search(index: &Index, filters: &[(&str, KeyFilter)], sort: Sort) -> Result<SearchResponse, folio_core::Error> {
    let options = SearchOptions {
        limit: 100,
        filters: filters.iter().map(|(k, f)| (k.to_string(), f.clone())).collect(),
        sort,
        ..SearchOptions::default()
    };
    index.search("vase", &options)
}

fn ids(response: &SearchResponse) -> Vec<&str> {
    let mut ids: Vec<&str> = response.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    ids
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|&(v, n)| (v.to_string(), n)).collect()
}

#[test]
fn any_all_and_none_per_key_and_every_key() -> TestResult {
    let index = open(museum())?;
    let cases: [Case; 9] = [
        (&[], &["a", "b", "c", "d"]),
        (&[("collection", filter(&["Ceramics"], &[], &[]))], &["a", "b"]),
        (&[("collection", filter(&["Ceramics", "Greek"], &[], &[]))], &["a", "b", "c"]),
        (&[("collection", filter(&[], &["Ceramics", "Greek"], &[]))], &["a"]),
        (&[("collection", filter(&[], &[], &["Greek"]))], &["b", "d"]),
        (&[("collection", filter(&["Ceramics"], &[], &[])), ("material", filter(&["glaze"], &[], &[]))], &["b"]),
        (&[("collection", filter(&["ceramics"], &[], &[]))], &[]), // values compare exactly
        (&[("collection", filter(&[], &["Ceramics", "Nowhere"], &[]))], &[]),
        (&[("no such key", filter(&[], &[], &["x"]))], &["a", "b", "c", "d"]),
    ];
    for (filters, expected) in cases {
        assert_eq!(ids(&search(&index, filters, Sort::Relevance)?), expected, "{filters:?}");
    }
    let unknown = search(&index, &[("no such key", filter(&["x"], &[], &[]))], Sort::Relevance)?;
    assert_eq!(unknown.total, 0, "a key the index does not have matches nothing");
    Ok(())
}

#[test]
fn counts_before_the_filters_and_after_the_others() -> TestResult {
    let index = open(museum())?;
    let response = search(&index, &[("collection", filter(&["Greek"], &[], &[]))], Sort::Relevance)?;
    let keys: Vec<&str> = response.facets.filters.iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["collection", "material"], "in the order first met");
    let collection = &response.facets.filters[0];
    let material = &response.facets.filters[1];
    assert_eq!(collection.counts, counts(&[("Ceramics", 2), ("Greek", 2)]));
    // Collection's own filter aside, every match counts for collection.
    assert_eq!(collection.filtered, counts(&[("Ceramics", 2), ("Greek", 2)]));
    assert_eq!(material.counts, counts(&[("bronze", 1), ("clay", 2), ("glass", 1), ("glaze", 1)]));
    // After collection = Greek: documents a and c.
    assert_eq!(material.filtered, counts(&[("bronze", 1), ("clay", 1)]));

    let both = search(
        &index,
        &[("collection", filter(&["Greek"], &[], &[])), ("material", filter(&["clay"], &[], &[]))],
        Sort::Relevance,
    )?;
    assert_eq!(ids(&both), ["a"]);
    assert_eq!(both.facets.filters[0].filtered, counts(&[("Ceramics", 2), ("Greek", 1)]), "after material = clay");
    assert_eq!(both.facets.filters[1].filtered, counts(&[("bronze", 1), ("clay", 1)]), "after collection = Greek");
    Ok(())
}

#[test]
fn the_configured_filters_come_first_in_order_with_their_labels() -> TestResult {
    let mut writer = IndexWriter::new().with_facets(vec![
        ("material".into(), Some("Made of".into())),
        ("weight".into(), Some("No page has it".into())),
        ("room".into(), None),
    ]);
    for d in museum() {
        writer.add(d)?;
    }
    let index = Index::from_vec(writer.finish()?)?;
    let response = search(&index, &[], Sort::Relevance)?;
    let shown: Vec<(&str, Option<&str>)> =
        response.facets.filters.iter().map(|f| (f.key.as_str(), f.label.as_deref())).collect();
    assert_eq!(shown, [("material", Some("Made of")), ("collection", None)], "a key no page has is left out");
    Ok(())
}

#[test]
fn sort_keys_order_numbers_as_numbers_and_text_as_text() -> TestResult {
    let index = open(museum())?;
    let order = |key: &str, descending| -> Result<Vec<String>, folio_core::Error> {
        let response = search(&index, &[], Sort::Key { key: key.to_string(), descending })?;
        Ok(response.hits.iter().map(|h| h.id.clone()).collect())
    };
    assert_eq!(order("year", false)?, ["a", "c", "b", "d"], "-450 < 90 < 1200, no value last");
    assert_eq!(order("year", true)?, ["b", "c", "a", "d"], "no value last either way");
    assert_eq!(order("room", false)?, ["b", "a", "c", "d"], "a < B < C: text, case aside");
    let response = search(&index, &[], Sort::Relevance)?;
    assert_eq!(response.sort_keys, ["room", "year"], "first met; a page's own by name");
    // A sort key the index does not have (a bookmark of an older build) sorts by relevance.
    let unknown = search(&index, &[], Sort::Key { key: "weight".into(), descending: false })?;
    assert_eq!(unknown.hits, response.hits);
    Ok(())
}

#[test]
fn metadata_comes_back_with_its_hit() -> TestResult {
    let index = open(museum())?;
    let response = search(&index, &[], Sort::Relevance)?;
    let hit = |id: &str| response.hits.iter().find(|h| h.id == id).map(|h| h.meta.clone()).unwrap_or_default();
    let expected: BTreeMap<String, String> =
        [("image", "img/a.jpg"), ("image_alt", "A red-figure vase")].map(|(k, v)| (k.into(), v.into())).into();
    assert_eq!(hit("a"), expected);
    assert_eq!(hit("d").get("author").map(String::as_str), Some("I. Petrov"));
    assert!(hit("b").is_empty());
    Ok(())
}

#[test]
fn a_split_index_filters_sorts_and_returns_metadata_alike() -> TestResult {
    let mut writer = IndexWriter::new();
    for d in museum() {
        writer.add(d)?;
    }
    let split = writer.finish_split(ChunkSizes { terms: 64, docs: 64 })?;
    let mut index = Index::from_vec(split.root)?;
    let chunks: BTreeMap<String, Vec<u8>> = split.chunks.into_iter().collect();
    let options = SearchOptions {
        limit: 10,
        filters: [("material".to_string(), filter(&["clay"], &[], &[]))].into(),
        sort: Sort::Key { key: "year".into(), descending: true },
        ..SearchOptions::default()
    };
    let response = index.search_loading("vase", &options, |name| {
        chunks.get(name).cloned().ok_or_else(|| folio_core::Error::corrupt(format!("no chunk {name}")))
    })?;
    let order: Vec<&str> = response.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(order, ["b", "a"]);
    assert_eq!(response.hits[1].meta.get("image").map(String::as_str), Some("img/a.jpg"));
    Ok(())
}

#[test]
fn hostile_keys_and_values_are_data() -> TestResult {
    let long = "ж".repeat(100_000);
    let markup = "<img src=x onerror=alert(1)>\"'&";
    let many: Vec<String> = (0..3000).map(|i| format!("value {i}")).collect();
    let many_refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let docs = vec![
        doc(
            "a",
            &[(markup, &[markup, ""]), ("", &["empty key"]), ("long", &[long.as_str()])],
            &[(markup, "1")],
            &[(markup, markup), ("image", "javascript:alert(1)")],
        ),
        doc("b", &[("many", &many_refs), ("__proto__", &["constructor"])], &[(markup, "2")], &[]),
    ];
    // Thousands of documents, each with its own value of one key.
    let mut docs = docs;
    docs.extend((0..2000).map(|i| doc(&format!("n{i}"), &[("number", &[&i.to_string()])], &[], &[])));
    let index = open(docs)?;

    let one = |key: &str, value: &str| -> Result<Vec<String>, folio_core::Error> {
        let response = search(&index, &[(key, filter(&[value], &[], &[]))], Sort::Relevance)?;
        Ok(response.hits.iter().map(|h| h.id.clone()).collect())
    };
    assert_eq!(one(markup, markup)?, ["a"]);
    assert_eq!(one(markup, "")?, ["a"], "an empty value is a value");
    assert_eq!(one("", "empty key")?, ["a"]);
    assert_eq!(one("long", &long)?, ["a"]);
    assert_eq!(one("many", "value 2999")?, ["b"]);
    assert_eq!(one("__proto__", "constructor")?, ["b"]);
    assert_eq!(one("number", "1999")?, ["n1999"]);
    let all_of_them = search(&index, &[("many", filter(&[], &many_refs, &[]))], Sort::Relevance)?;
    assert_eq!(ids(&all_of_them), ["b"], "all of 3000 values");

    let response = search(&index, &[], Sort::Key { key: markup.to_string(), descending: true })?;
    assert_eq!(&response.hits[0].id, "b");
    let a = response.hits.iter().find(|h| h.id == "a").ok_or("no a")?;
    assert_eq!(a.meta.get(markup).map(String::as_str), Some(markup), "metadata comes back as written");
    let facet = |key: &str| response.facets.filters.iter().find(|f| f.key == key).map(|f| f.counts.len());
    assert_eq!(facet("many"), Some(3000));
    assert_eq!(facet("number"), Some(2000));
    assert_eq!(facet(markup), Some(2));
    Ok(())
}
