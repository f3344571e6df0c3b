//! Which sections a hit links to: the ones its matches are in, the best first.
//!
//! A snippet shows a few words of context before its first match, and on a page of short sections
//! that context begins in the section before. The hit's section and anchor must still be the
//! matched one (a short FAQ page: `warranty` once linked to `#returns`). A hit whose words sit in
//! several sections lists them all (sub-results), the best first; a query that names a heading
//! or a definition term ranks that section first. On the seeds, the archive sections (Original
//! Scan, Attachment No. 1) are sub-results too. The reader view of a stored document marks the
//! same matches and names the same best section.

use std::fs;
use std::path::PathBuf;

use folio::embedded_index;
use folio_core::index::{ChunkSizes, Index, IndexWriter};
use folio_core::search::{DocumentView, Hit, SearchOptions};
use folio_core::Error;
use folio_corpus::config::Config;
use folio_corpus::read_site;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const FAQ: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Visitor questions</title></head>
<body><main>
<h1>Visitor questions</h1>
<h2 id="shipping">Shipping</h2>
<p>Catalogues ship within a week by post.</p>
<h2 id="returns">Returns</h2>
<p>Unopened prints come back within thirty days.</p>
<h2 id="warranty">Warranty</h2>
<p>Frames carry a warranty of two years.</p>
</main></body></html>
"#;

/// Headings with ids; the firing section holds both words of `glaze temperature`, the cooling
/// section one of them.
const KILN: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kiln manual</title></head>
<body><main>
<h1>Kiln manual</h1>
<h2 id="loading">Loading the kiln</h2>
<p>Stack the bisque ware on the shelves with a finger's width between pots.</p>
<h2 id="firing">Firing schedule</h2>
<p>Raise the temperature slowly until the glaze melts; a glaze fired too fast will pinhole.</p>
<h2 id="cooling">Cooling</h2>
<p>Let the kiln cool shut overnight, or the glaze will craze.</p>
</main></body></html>
"#;

/// Sphinx's way: the ids on `<section>` elements, and definition terms with ids of their own.
/// The `timeout` definition says `retries` twice; the `retries` term names it once.
const SPHINX: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Configuration - Loom</title></head>
<body><div role="main">
<section id="configuration"><h1>Configuration</h1>
<p>Loom reads its settings from loom.toml.</p>
<section id="network"><h2>Network settings</h2>
<dl>
<dt id="confval-timeout">timeout</dt>
<dd><p>Seconds a fetch may take; retries do not reset it, and retries after it are not made.</p></dd>
<dt id="confval-retries">retries</dt>
<dd><p>How many times a failed fetch is attempted again.</p></dd>
</dl>
</section>
<section id="storage"><h2>Storage</h2>
<p>The spool folder holds fetched pages until they are woven.</p>
</section>
</section>
</div></body></html>
"#;

/// A site of `pages` in a fresh temporary folder, indexed as `folio index` does.
fn site_index(name: &str, pages: &[(&str, &str)]) -> Result<(Index, PathBuf), Box<dyn std::error::Error>> {
    let dir = std::env::temp_dir().join(format!("folio-sections-{name}-{}", std::process::id()));
    fs::create_dir_all(&dir)?;
    for (file, html) in pages {
        fs::write(dir.join(file), html)?;
    }
    let config = Config::find(&dir, None)?;
    let mut writer = config.index_writer()?;
    read_site(&dir, &config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    Ok((Index::from_bytes(&writer.finish()?)?, dir))
}

#[test]
fn a_hit_links_to_the_section_its_matches_are_in() -> TestResult {
    let (index, dir) = site_index("faq", &[("faq.html", FAQ)])?;
    for (query, anchor) in [("warranty", "warranty"), ("prints thirty days", "returns"), ("catalogues", "shipping")] {
        let response = index.search(query, &SearchOptions::default())?;
        let hit = response.hits.first().ok_or_else(|| format!("{query}: no hit"))?;
        assert_eq!(hit.anchor.as_deref(), Some(anchor), "{query}: {hit:?}");
        assert_eq!(hit.section.as_deref().map(str::to_lowercase).as_deref(), Some(anchor), "{query}");
    }
    fs::remove_dir_all(dir)?;
    Ok(())
}

fn first_hit(index: &Index, query: &str) -> Result<Hit, Box<dyn std::error::Error>> {
    let response = index.search(query, &SearchOptions::default())?;
    Ok(response.hits.into_iter().next().ok_or_else(|| format!("{query}: no hit"))?)
}

/// The anchors of a hit's sections, best first.
fn anchors(hit: &Hit) -> Vec<Option<&str>> {
    hit.sections.iter().map(|s| s.anchor.as_deref()).collect()
}

fn utf16_slice(text: &str, [a, b]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[a as usize..b as usize])
}

#[test]
fn words_in_one_section_link_to_it_and_words_in_two_give_both_the_better_first() -> TestResult {
    let (index, dir) = site_index("kiln", &[("kiln.html", KILN)])?;
    // One section: the hit links to it, and it is the only one listed.
    let hit = first_hit(&index, "bisque")?;
    assert_eq!(hit.anchor.as_deref(), Some("loading"));
    assert_eq!(anchors(&hit), [Some("loading")]);
    // Two sections: the one with both words first, the other as a sub-result.
    let hit = first_hit(&index, "glaze temperature")?;
    assert_eq!(anchors(&hit), [Some("firing"), Some("cooling")], "{hit:#?}");
    assert_eq!((hit.anchor.as_deref(), hit.section.as_deref()), (Some("firing"), Some("Firing schedule")));
    assert_eq!(hit.snippet, hit.sections[0].snippet);
    assert!(hit.sections[0].score > hit.sections[1].score);
    // Each section's snippet comes from that section and marks its own matches.
    let cooling = &hit.sections[1];
    assert!(cooling.snippet.text.contains("craze"), "{cooling:?}");
    let marked: Vec<String> =
        cooling.snippet.highlights.iter().map(|&r| utf16_slice(&cooling.snippet.text, r)).collect();
    assert_eq!(marked, ["glaze"]);
    // The page still ranks once.
    let response = index.search("glaze temperature", &SearchOptions::default())?;
    assert_eq!(response.total, 1);
    fs::remove_dir_all(dir)?;
    Ok(())
}

#[test]
fn section_ids_and_definition_terms_are_sections_and_a_named_one_ranks_first() -> TestResult {
    let (index, dir) = site_index("sphinx", &[("config.html", SPHINX)])?;
    // The id of the enclosing <section>, since the heading has none.
    let hit = first_hit(&index, "spool")?;
    assert_eq!(hit.anchor.as_deref(), Some("storage"), "{hit:#?}");
    // `retries` is said twice in the timeout definition, but the query names the term `retries`.
    let hit = first_hit(&index, "retries")?;
    assert_eq!(anchors(&hit)[..2], [Some("confval-retries"), Some("confval-timeout")], "{hit:#?}");
    assert_eq!(hit.anchor.as_deref(), Some("confval-retries"));
    // A heading named by the query: its section first, though the words stand elsewhere too.
    let hit = first_hit(&index, "network settings")?;
    assert_eq!(hit.anchor.as_deref(), Some("network"), "{hit:#?}");
    fs::remove_dir_all(dir)?;
    Ok(())
}

#[test]
fn the_seeds_offer_their_archive_sections() -> TestResult {
    let index = embedded_index()?;
    // The Mikoyan telegram: its Russian original is a sub-result of a query in Russian.
    let response = index.search("Ким Ир Сен", &SearchOptions::default())?;
    let mikoyan = response
        .hits
        .iter()
        .find(|h| h.title.contains("Mikoyan"))
        .ok_or("Ким Ир Сен: the Mikoyan telegram is not among the hits")?;
    let scan = mikoyan
        .sections
        .iter()
        .find(|s| s.title.as_deref() == Some("Original Scan"))
        .ok_or_else(|| format!("no Original Scan section: {:#?}", mikoyan.sections))?;
    let marked: Vec<String> = scan.snippet.highlights.iter().map(|&r| utf16_slice(&scan.snippet.text, r)).collect();
    assert!(marked.iter().any(|m| m.starts_with("Ким")), "{scan:?}");
    // The 1953 resolution: its Attachment No. 1 (the letters on the prisoners of war).
    let hit = first_hit(&index, "prisoners of war")?;
    assert_eq!(hit.date.as_deref(), Some("1953-03-19"));
    let titles: Vec<Option<&str>> = hit.sections.iter().map(|s| s.title.as_deref()).collect();
    assert!(titles.contains(&Some("Attachment No. 1")), "{titles:?}");
    Ok(())
}

#[test]
fn the_reader_view_marks_the_matches_and_names_the_best_section() -> TestResult {
    let (index, dir) = site_index("reader", &[("kiln.html", KILN)])?;
    let hit = first_hit(&index, "glaze temperature")?;
    let view = index.document_view(&hit.id, "glaze temperature")?.ok_or("no document view")?;
    assert_eq!(view.title, "Kiln manual");
    let marked: Vec<String> = view.body_highlights.iter().map(|&r| utf16_slice(&view.body, r)).collect();
    assert_eq!(marked, ["temperature", "glaze", "glaze", "glaze"], "{}", view.body);
    let best = view.best.and_then(|i| view.sections.get(i)).ok_or("no best section")?;
    assert_eq!(best.anchor.as_deref(), Some("firing"));
    // Section starts are UTF-16 offsets into the body, where the heading's text begins.
    let starts: Vec<String> = view.sections.iter().map(|s| utf16_slice(&view.body, [s.start, s.start + 7])).collect();
    assert_eq!(starts, ["Kiln ma", "Loading", "Firing ", "Cooling"]);
    assert!(index.document_view("no such id", "glaze")?.is_none());
    fs::remove_dir_all(dir)?;
    Ok(())
}

#[test]
fn the_reader_view_of_a_split_index_names_the_chunks_it_needs_then_equals_the_single_file() -> TestResult {
    let seeds = embedded_index()?;
    let mut writer = IndexWriter::new();
    for doc in 0..seeds.doc_count() {
        writer.add(seeds.document(doc)?)?;
    }
    let split = writer.finish_split(ChunkSizes { terms: 2048, docs: 4096 })?;
    let chunks: std::collections::HashMap<String, Vec<u8>> = split.chunks.into_iter().collect();
    let mut index = Index::from_vec(split.root)?;
    let (id, query) = ("004_7ac954bda16cec6a", "пленум Korea");
    // As engine.js does: add what it says it needs, and ask again; each round adds new chunks.
    let mut rounds = 0;
    let view: Option<DocumentView> = loop {
        match index.document_view(id, query) {
            Err(Error::MissingChunks(names)) => {
                assert!(!names.is_empty() && rounds < 8, "round {rounds}: {names:?}");
                for name in names {
                    index.add_chunk(chunks.get(&name).cloned().ok_or_else(|| format!("no chunk {name}"))?)?;
                }
                rounds += 1;
            }
            other => break other?,
        }
    };
    assert!(rounds > 0, "a split index with no chunks added cannot answer");
    assert_eq!(view, seeds.document_view(id, query)?);
    assert!(view.is_some_and(|v| !v.body_highlights.is_empty()));
    Ok(())
}

#[test]
fn a_hit_whose_words_are_only_in_its_title_links_to_the_top_of_the_page() -> TestResult {
    // `Kiln` is in the title (and the h1), not in any section's text but the first's heading.
    let page = KILN
        .replace("<h1>Kiln manual</h1>", "")
        .replace("Loading the kiln", "Loading")
        .replace("Let the kiln", "Let it");
    let (index, dir) = site_index("title", &[("kiln.html", &page)])?;
    let hit = first_hit(&index, "kiln")?;
    assert!(hit.sections.is_empty(), "{hit:#?}");
    assert_eq!(hit.anchor, None, "the words are at the top of the page, not in a section: {hit:#?}");
    fs::remove_dir_all(dir)?;
    Ok(())
}
