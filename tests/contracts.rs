//! The contract between the Rust responses and `www/src/folio.d.ts`.
//!
//! This test serialises what every query feature answers (sections and sub-results, the reader
//! view, facets, "did you mean", phrases and exclusions, filters and sorting, no match, the index
//! facts, every search option) and compares the JSON with `tests/types/responses.ts`, where each
//! sample is declared `satisfies` its type in `folio.d.ts`. So a field added to, renamed in or
//! removed from a Rust type fails here until the samples are rewritten
//! (`FOLIO_WRITE_SAMPLES=1 cargo test --test contracts`), and then fails the type check
//! (`npx --no-install tsc -p tests/types/tsconfig.json`, strict about null) until `folio.d.ts`
//! says the same.

use std::collections::HashMap;
use std::path::Path;

use folio::Info;
use folio_core::corpus::{Document, Section};
use folio_core::index::{ChunkSizes, Index, IndexWriter};
use folio_core::search::{KeyFilter, PartialResponse, SearchOptions, Sort, OPTION_NAMES};
use serde::Serialize;

type TestResult = Result<(), Box<dyn std::error::Error>>;
/// A named search of the samples: its query, and how it changes the default options.
type Search = (&'static str, &'static str, fn(&mut SearchOptions));

const SAMPLES: &str = "tests/types/responses.ts";

/// A small corpus in which every field of every response type has a value somewhere, and is
/// empty or null somewhere else.
fn corpus() -> Vec<Document> {
    let section = |title: &str, start: usize, anchor: Option<&str>| Section {
        title: title.to_string(),
        start,
        anchor: anchor.map(str::to_string),
    };
    let body = "Stack the bisque ware on the shelves. \
                Firing schedule. Raise the temperature slowly until the glaze melts. \
                Cooling. Let the kiln cool shut overnight, or the glaze will craze.";
    let firing = body.find("Firing").unwrap_or(0);
    let cooling = body.find("Cooling").unwrap_or(0);
    let kiln = Document {
        url: Some("manuals/kiln.html".to_string()),
        date: Some("1956-03-02".to_string()),
        lang: Some("en".to_string()),
        kind: Some("manual".to_string()),
        summary: "How to fire a glaze kiln.".to_string(),
        citation: "Pottery Guild, Kiln manual, 1956.".to_string(),
        sections: vec![section("Firing schedule", firing, Some("firing")), section("Cooling", cooling, None)],
        parent: Some("manuals".to_string()),
        filters: [("collection".to_string(), vec!["Manuals".to_string(), "Kilns".to_string()])].into(),
        sort: [("shelf".to_string(), "12".to_string())].into(),
        meta: [("image".to_string(), "img/kiln.jpg".to_string()), ("image_alt".to_string(), "A kiln".to_string())]
            .into(),
        ..Document::new("kiln", "Kiln manual", body)
    };
    let glaze = Document {
        date: Some("1955".to_string()),
        lang: Some("ru".to_string()),
        kind: Some("letter".to_string()),
        filters: [("collection".to_string(), vec!["Letters".to_string()])].into(),
        sort: [("shelf".to_string(), "3".to_string())].into(),
        ..Document::new("glaze", "Глазурь", "Глазурь и температура обжига: glaze recipes for the kiln.")
    };
    vec![kiln, glaze, Document::new("note", "A note", "Nothing about pottery at all.")]
}

fn index() -> Result<Index, folio_core::Error> {
    let mut writer = IndexWriter::new();
    for doc in corpus() {
        writer.add(doc)?;
    }
    Index::from_vec(writer.finish()?)
}

/// A page answered from the chunks at hand: the corpus split into tiny chunks, with the query's
/// term chunks and one document chunk added.
fn partial_page() -> Result<PartialResponse, Box<dyn std::error::Error>> {
    let mut writer = IndexWriter::new();
    for doc in corpus() {
        writer.add(doc)?;
    }
    let split = writer.finish_split(ChunkSizes { terms: 64, docs: 64 })?;
    let chunks: HashMap<String, Vec<u8>> = split.chunks.into_iter().collect();
    let mut index = Index::from_vec(split.root)?;
    let options = SearchOptions { limit: 3, prefix_last: false, ..SearchOptions::default() };
    let mut docs_added = 0;
    for _ in 0..16 {
        let names = match index.searcher().search_partial("glaze", &options) {
            Err(folio_core::Error::MissingChunks(names)) => names,
            Ok(partial) if partial.needs.is_empty() => break,
            Ok(partial) if docs_added == 1 => return Ok(partial),
            Ok(partial) => {
                docs_added += 1;
                partial.needs[..1].to_vec()
            }
            Err(e) => return Err(e.into()),
        };
        for name in names {
            index.add_chunk(chunks.get(&name).ok_or("no such chunk")?.clone())?;
        }
    }
    Err("the partial search never left a hit pending".into())
}

/// One `export const name = <json> satisfies Type;` line.
fn sample<T: Serialize>(out: &mut String, name: &str, ty: &str, value: &T) -> TestResult {
    let json = serde_json::to_string_pretty(value)?;
    out.push_str(&format!("export const {name} = {json} satisfies {ty};\n\n"));
    Ok(())
}

/// The samples file as the current Rust types produce it.
fn samples() -> Result<String, Box<dyn std::error::Error>> {
    let index = index()?;
    let search = |query: &str, change: fn(&mut SearchOptions)| {
        let mut options = SearchOptions { limit: 3, ..SearchOptions::default() };
        change(&mut options);
        index.search(query, &options)
    };
    let mut out = String::from(
        "// Generated by tests/contracts.rs (FOLIO_WRITE_SAMPLES=1 cargo test --test contracts): what the\n\
         // Rust side answers, checked against folio.d.ts by `npx --no-install tsc -p tests/types/tsconfig.json`.\n\
         // Do not edit by hand.\n\
         import type { DocumentView, IndexInfo, PartialResponse, SearchOptions, SearchResponse } from '../../www/src/folio.d.ts';\n\n",
    );
    let searches: [Search; 7] = [
        ("sections", "glaze temperature", |_| {}),
        ("phraseAndExclusion", "\"glaze melts\" -craze", |o| o.prefix_last = false),
        ("didYouMean", "glaez tempreture", |o| o.prefix_last = false),
        ("partial", "glaze xylophone", |o| o.prefix_last = false),
        ("filtered", "glaze", |o| {
            o.lang = Some(vec!["en".to_string()]);
            o.kind = Some(vec!["manual".to_string()]);
            o.date = Some("1956..".to_string());
            o.sort = Sort::DateDesc;
        }),
        ("siteFilters", "glaze", |o| {
            o.filters.insert(
                "collection".to_string(),
                KeyFilter { none: vec!["Letters".to_string()], ..KeyFilter::default() },
            );
            o.sort = Sort::Key { key: "shelf".to_string(), descending: true };
        }),
        ("noMatch", "xylophone", |_| {}),
    ];
    for (name, query, change) in searches {
        sample(&mut out, name, "SearchResponse", &search(query, change)?)?;
    }
    for (name, id, query) in [("readerView", "kiln", "glaze temperature"), ("readerViewPlain", "note", "")] {
        let view = index.document_view(id, query)?.ok_or_else(|| format!("no document {id}"))?;
        sample(&mut out, name, "DocumentView", &view)?;
    }
    // The JavaScript API hands a partial page on flat: the response's fields, pending and needs.
    let partial = partial_page()?;
    let mut flat = serde_json::to_value(&partial.response)?;
    if let Some(fields) = flat.as_object_mut() {
        fields.insert("pending".to_string(), serde_json::to_value(&partial.pending)?);
        fields.insert("needs".to_string(), serde_json::to_value(&partial.needs)?);
    }
    sample(&mut out, "partialPage", "PartialResponse", &flat)?;
    sample(&mut out, "info", "IndexInfo", &Info::of(&index))?;
    let every_option = SearchOptions {
        limit: 20,
        offset: 10,
        prefix_last: false,
        lang: Some(vec!["en".to_string()]),
        kind: Some(vec!["manual".to_string()]),
        date_from: Some("1955".to_string()),
        date_to: Some("1956-12".to_string()),
        date: Some("1955..1956".to_string()),
        filters: [("collection".to_string(), KeyFilter { any: vec!["Kilns".to_string()], ..KeyFilter::default() })]
            .into(),
        sort: Sort::Date,
    };
    sample(&mut out, "everyOption", "Required<SearchOptions>", &every_option)?;
    sample(&mut out, "optionNames", "readonly (keyof SearchOptions)[]", &OPTION_NAMES)?;
    Ok(out)
}

#[test]
fn the_samples_checked_against_folio_d_ts_are_what_the_rust_answers() -> TestResult {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLES);
    let fresh = samples()?;
    if std::env::var_os("FOLIO_WRITE_SAMPLES").is_some() {
        std::fs::write(&path, &fresh)?;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{SAMPLES} is not what the Rust types serialise to now. Rewrite it with \
         `FOLIO_WRITE_SAMPLES=1 cargo test --test contracts`, then make www/src/folio.d.ts agree \
         (`npx --no-install tsc -p tests/types/tsconfig.json`)."
    );
    Ok(())
}

#[test]
fn the_samples_show_every_feature_they_are_named_for() -> TestResult {
    let index = index()?;
    let options = SearchOptions { limit: 3, prefix_last: false, ..SearchOptions::default() };
    let sections = index.search("glaze temperature", &options)?;
    let kiln = sections.hits.iter().find(|h| h.id == "kiln").ok_or("kiln is not a hit")?;
    assert!(kiln.sections.len() >= 2 && kiln.anchor.is_some(), "{kiln:#?}");
    assert!(sections.facets.lang.len() == 2, "{:?}", sections.facets);
    assert!(index.search("glaez tempreture", &options)?.did_you_mean.is_some());
    let view = index.document_view("kiln", "glaze temperature")?.ok_or("no kiln")?;
    assert!(view.best.is_some() && !view.body_highlights.is_empty(), "{view:#?}");
    Ok(())
}
