//! `folio index <site dir>` end to end on the fixture site in `tests/fixtures/site/`: pages with
//! navigation, footers, headings and metadata, a windows-1251 page, a KOI8-R page declared in
//! `folio.toml`, a broken page, an empty one, a duplicate URL; then searches of the index built
//! from it, synonyms in both directions, and configuration errors that name their line.

use std::fs;
use std::path::{Path, PathBuf};

use folio_core::index::Index;
use folio_core::search::{KeyFilter, SearchOptions, SearchResponse};
use folio_corpus::config::Config;
use folio_corpus::{read_site, SiteReport};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Site walking: only the site's own regular files are read, and the report says what was skipped.
#[cfg(unix)]
mod walking;

/// Descriptions a site gives every page, or that repeat a page's opening, are not summaries.
mod descriptions;

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site")
}

/// Reads a site with `config` and indexes it, as `folio index` does.
fn build(root: &Path, config: &Config) -> Result<(Index, SiteReport), Box<dyn std::error::Error>> {
    let mut writer = config.index_writer()?;
    let report = read_site(root, config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    Ok((Index::from_bytes(&writer.finish()?)?, report))
}

fn fixture() -> Result<(Index, SiteReport), Box<dyn std::error::Error>> {
    build(&site(), &Config::find(&site(), None)?)
}

fn search(index: &Index, query: &str) -> Result<SearchResponse, folio_core::Error> {
    index.search(query, &SearchOptions { limit: 50, ..SearchOptions::default() })
}

/// Ids of the hits that contain every query word (the complete matches).
fn complete(index: &Index, query: &str) -> Result<Vec<String>, folio_core::Error> {
    let r = search(index, query)?;
    Ok(r.hits.iter().take(r.complete).map(|h| h.id.clone()).collect())
}

fn paths(report: &SiteReport) -> (Vec<String>, Vec<String>) {
    let skipped = report.skipped.iter().map(|s| s.path.display().to_string()).collect();
    let warned = report.warnings.iter().filter_map(|w| w.path.as_ref()).map(|p| p.display().to_string()).collect();
    (skipped, warned)
}

#[test]
fn the_report_accounts_for_every_file() -> TestResult {
    let (index, report) = fixture()?;
    assert_eq!(report.pages.get("HTML"), Some(&11));
    assert_eq!(report.pages.get("Markdown"), Some(&2));
    assert_eq!(report.documents, 9);
    assert_eq!(index.doc_count(), 9);

    let (skipped, warned) = paths(&report);
    assert_eq!(skipped, ["broken.html", "private.html"]);
    let broken = &report.skipped[0];
    assert!(broken.problem);
    assert!(broken.reason.contains("byte offset 506 (line 16) is not valid UTF-8"), "{}", broken.reason);
    assert!(!report.skipped[1].problem, "noindex is the page's own choice");
    assert_eq!(warned, ["empty.html", "glossary.md", "untitled.html"]);
    assert!(report.warnings[1].message.contains("duplicate URL \"glossary.html\""));
    let site_wide: Vec<&str> =
        report.warnings.iter().filter(|w| w.path.is_none()).map(|w| w.message.as_str()).collect();
    assert!(site_wide.is_empty(), "the site's own filters are filterable, nothing to warn of: {site_wide:?}");
    let mut options = SearchOptions::default();
    options
        .filters
        .insert("archive".into(), KeyFilter { any: vec!["Foreign Ministry Archive".into()], ..KeyFilter::default() });
    let archived = index.search("plenum", &options)?;
    assert_eq!(archived.hits.len(), 1, "the one page with data-folio-filter=\"archive\"");
    assert_eq!(archived.facets.filters[0].key, "archive");

    assert_eq!(report.other_files.get("excluded by \"drafts\""), Some(&1));
    assert_eq!(report.other_files.get("built-in excludes"), Some(&1), "robots.txt");
    assert_eq!(report.other_files.get("not a page: .css"), Some(&1));
    assert_eq!(report.encodings.get("windows-1251 (from <meta charset>)"), Some(&1));
    assert_eq!(report.encodings.get("KOI8-R (from folio.toml)"), Some(&1));
    assert_eq!(report.problem_count(), 4, "one broken page and three warnings fail --strict");
    let text = report.render();
    assert!(text.starts_with("read 13 pages (11 HTML, 2 Markdown) from "), "{text}");
    assert!(text.contains("skipped: 2\n  broken.html: undecodable bytes: byte offset 506"), "{text}");
    Ok(())
}

#[test]
fn pages_are_indexed_with_their_content_title_url_sections_and_metadata() -> TestResult {
    let (index, _) = fixture()?;
    let r = search(&index, "procurement plan")?;
    let hit = r.hits.first().ok_or("no hit for procurement plan")?;
    assert_eq!(hit.id, "documents/1957-puzanov");
    assert_eq!(hit.title, "Journal of Ambassador Puzanov, 8 July 1957", "the article's <h1>, not the site's");
    assert_eq!(hit.url.as_deref(), Some("documents/1957-puzanov.html"));
    assert_eq!(
        (hit.date.as_deref(), hit.kind.as_deref(), hit.lang.as_deref()),
        (Some("1957-07-08"), Some("journal"), Some("en"))
    );

    let ord = (0..index.doc_count()).find(|&d| index.document(d).is_ok_and(|doc| doc.id == "documents/1956-plenum"));
    let doc = index.document(ord.ok_or("plenum page missing")?)?;
    let anchors: Vec<Option<&str>> = doc.sections.iter().map(|s| s.anchor.as_deref()).collect();
    assert_eq!(anchors, [Some("summary"), Some("text"), Some("provenance")], "sub-results link to page.html#id");
    assert_eq!(doc.kind.as_deref(), Some("telegram"));
    assert!(doc.summary.starts_with("Report on the August plenum"), "<meta name=description>");

    // Navigation, header, footer, the ignored share box and data-folio-ignore are not indexed.
    for chrome in
        ["Opening hours", "Главная", "\"Share this page\"", "\"hidden from search\"", "\"Korea Archive Reader\""]
    {
        assert_eq!(complete(&index, chrome)?, Vec::<String>::new(), "{chrome}");
    }

    let markdown = search(&index, "translations original month")?;
    let notes = markdown.hits.first().ok_or("no hit in the markdown page")?;
    assert_eq!(notes.id, "notes/sources");
    assert_eq!(notes.url.as_deref(), Some("notes/sources.html"));
    assert_eq!((notes.kind.as_deref(), notes.date.as_deref()), (Some("guide"), Some("2024-03-01")));
    assert_eq!(notes.title, "Where the documents come from");

    let about = search(&index, "seminar diplomacy")?;
    assert_eq!(about.hits.first().and_then(|h| h.url.as_deref()), Some("about/index.html"));
    Ok(())
}

#[test]
fn legacy_cyrillic_pages_are_decoded_and_searchable() -> TestResult {
    let (index, _) = fixture()?;
    let r = search(&index, "пленумом")?;
    let ru = r.hits.iter().find(|h| h.id == "ru/1956-telegramma").ok_or("windows-1251 page not found")?;
    assert_eq!(ru.title, "Телеграмма о пленуме ЦК ТПК");
    assert_eq!(ru.lang.as_deref(), Some("ru"));
    let koi = search(&index, "репатриация корейских")?;
    assert_eq!(koi.hits.first().map(|h| h.id.as_str()), Some("ru/legacy/1955-pismo"), "KOI8-R page from folio.toml");

    let only_ru = SearchOptions { lang: Some(vec!["ru".into()]), limit: 50, ..SearchOptions::default() };
    let ids: Vec<String> = index.search("пленум", &only_ru)?.hits.into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["ru/1956-telegramma"], "language filter from <html lang>");
    let telegrams = SearchOptions { kind: Some(vec!["telegram".into()]), limit: 50, ..SearchOptions::default() };
    let ids: Vec<String> = index.search("plenum", &telegrams)?.hits.into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["documents/1956-plenum"], "type filter from <meta name=dc.type>");
    Ok(())
}

#[test]
fn synonyms_change_results_in_both_directions() -> TestResult {
    let with = Config::find(&site(), None)?;
    let without = Config { synonyms: Vec::new(), ..with.clone() };
    let (index, _) = build(&site(), &with)?;
    let (plain, _) = build(&site(), &without)?;
    let (dprk, north_korea) = ("documents/1956-plenum", "documents/1957-puzanov");

    // Two-way "DPRK, North Korea": each finds the page that only uses the other.
    assert_eq!(complete(&plain, "North Korea")?, [north_korea]);
    assert_eq!(complete(&plain, "DPRK")?, [dprk]);
    let found = complete(&index, "North Korea")?;
    assert!(found.contains(&dprk.to_string()) && found.contains(&north_korea.to_string()), "{found:?}");
    let found = complete(&index, "DPRK")?;
    assert!(found.contains(&dprk.to_string()) && found.contains(&north_korea.to_string()), "{found:?}");
    assert!(complete(&index, "\"North Korea\"")?.contains(&dprk.to_string()), "as a phrase too");

    // One-way "KWP => Korean Workers' Party": the full name finds the KWP page, not the reverse.
    assert!(!complete(&plain, "Korean Workers' Party")?.contains(&dprk.to_string()));
    let found = complete(&index, "Korean Workers' Party")?;
    assert!(found.contains(&dprk.to_string()) && found.contains(&north_korea.to_string()), "{found:?}");
    assert_eq!(complete(&index, "KWP")?, [dprk], "one-way: KWP does not find the page with the full name");
    Ok(())
}

/// A scratch folder under the target directory, removed first if it exists.
fn scratch(name: &str) -> Result<PathBuf, std::io::Error> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("site-{name}"));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[test]
fn configuration_errors_name_the_file_line_and_key() -> TestResult {
    let dir = scratch("bad-config")?;
    fs::write(dir.join("index.html"), "<title>x</title><p>text</p>")?;
    let cases = [
        ("[site]\nexclude = [\"drafts\"]\ninclude_hidden = true\n", ":3: unknown key `include_hidden`"),
        ("[words]\nsynonyms = [\n  \"DPRK, North Korea\",\n  \"KWP =>\",\n]\n", ":4: words.synonyms: synonym rule"),
        ("# encodings\n[encoding]\ndefault = \"cp-1251\"\n", ":3: encoding.default: unknown encoding \"cp-1251\""),
        ("[fields.body]\nweight = 1.0\nb = 2\n", ":3: fields.body.b: b 2 must be from 0"),
    ];
    for (text, expected) in cases {
        fs::write(dir.join("folio.toml"), text)?;
        let message = Config::find(&dir, None).map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default();
        assert!(message.contains(&format!("folio.toml{expected}")), "{text:?}: {message}");
    }
    let missing = Config::find(&dir, Some(&dir.join("nope.toml"))).map(|_| ()).map_err(|e| e.to_string());
    assert!(missing.is_err_and(|m| m.contains("nope.toml: cannot read the configuration")));
    fs::remove_dir_all(&dir)?;
    Ok(())
}

/// A Docsify site is its Markdown files, rendered in the browser by `index.html` at `#/path`:
/// results link there (not to `coral.html`, which does not exist), the app page and the
/// sidebar are not documents.
#[test]
fn a_docsify_site_is_its_markdown_at_the_apps_addresses() -> TestResult {
    let dir = scratch("docsify")?;
    fs::write(
        dir.join("index.html"),
        "<!DOCTYPE html><html><head><title>Document</title><meta name=\"description\" content=\"Description\"></head>\
         <body><div id=\"app\"></div><script>window.$docsify = { loadSidebar: true }</script></body></html>",
    )?;
    fs::write(dir.join("README.md"), "# Marine Biology Notes\n\nPhytoplankton produce oxygen.\n")?;
    fs::write(dir.join("coral.md"), "# Coral reefs\n\nBleaching happens under heat stress.\n")?;
    fs::create_dir_all(dir.join("guide"))?;
    fs::write(dir.join("guide/README.md"), "# Field guide\n\nKelp forests.\n")?;
    fs::write(dir.join("_sidebar.md"), "- [Home](/)\n- [Coral reefs](coral.md)\n")?;
    let (index, report) = build(&dir, &Config::default())?;
    let said = report.render();
    let mut found: Vec<(String, Option<String>)> =
        (0..index.doc_count()).map(|d| index.document(d).map(|doc| (doc.title, doc.url))).collect::<Result<_, _>>()?;
    found.sort();
    let expected = [("Coral reefs", "#/coral"), ("Field guide", "#/guide/"), ("Marine Biology Notes", "#/")];
    let expected: Vec<(String, Option<String>)> =
        expected.iter().map(|(t, u)| (t.to_string(), Some(u.to_string()))).collect();
    assert_eq!(found, expected, "{said}");
    assert!(said.contains("\n  index.html: Docsify's app page"), "{said}");
    assert!(said.contains("\n  _sidebar.md: a part of other pages"), "{said}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn a_site_with_nothing_to_index_is_an_error_that_says_why() -> TestResult {
    let dir = scratch("nothing")?;
    fs::write(dir.join("style.css"), "body {}")?;
    fs::write(dir.join("bad.html"), b"<p>\xff</p>")?;
    let result = build(&dir, &Config::default()).map(|_| ()).map_err(|e| e.to_string());
    let message = result.err().unwrap_or_default();
    assert!(message.contains("no document to index: 1 page file read, 1 skipped, 1 other file not read"), "{message}");
    assert!(message.contains("bad.html: undecodable bytes: byte offset 3 (line 1)"), "{message}");
    // A page read but with no text: the error says so (it used to say only "0 skipped").
    fs::remove_file(dir.join("bad.html"))?;
    fs::write(dir.join("blank.html"), "<html><body><main><h1></h1></main></body></html>")?;
    let message = build(&dir, &Config::default()).map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default();
    assert!(
        message.contains("0 skipped, 1 other file not read, 1 warning; first warning: blank.html: empty page"),
        "{message}"
    );
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn stop_words_and_languages_from_the_configuration() -> TestResult {
    let config =
        Config { stop_words: vec!["plenum".into()], languages: vec!["ru".into()], ..Config::find(&site(), None)? };
    let (index, report) = build(&site(), &config)?;
    assert_eq!(index.doc_count(), 2, "only the Russian pages");
    assert!(report.skipped.iter().any(|s| s.path == Path::new("index.html") && s.reason.contains("languages.only")));
    assert_eq!(search(&index, "пленум")?.total, 1, "Russian forms are other words");
    let config = Config { stop_words: vec!["plenum".into()], ..Config::find(&site(), None)? };
    let (index, _) = build(&site(), &config)?;
    let found: Vec<String> = search(&index, "plenum")?.hits.into_iter().map(|h| h.id).collect();
    // Only pages with the Russian word (found by transliteration) are left.
    for english in ["documents/1956-plenum", "glossary"] {
        assert!(!found.contains(&english.to_string()), "a configured stop word is not indexed: {found:?}");
    }
    assert!(complete(&index, "\"criticised the cult\"")?.contains(&"documents/1956-plenum".to_string()));
    Ok(())
}

/// Pages shaped like Sphinx + Furo, MkDocs + Material and Eleventy output (in a hidden folder of
/// the fixture site, so the site's own test does not read them), read with no configuration.
#[test]
fn generators_pages_are_read_right_with_no_configuration() -> TestResult {
    let (index, report) = build(&site().join(".themes"), &Config::default())?;
    let (skipped, _) = paths(&report);
    assert_eq!(skipped, ["old/index.html"]);
    assert!(report.skipped[0].reason.starts_with("redirect stub"), "{}", report.skipped[0].reason);
    assert_eq!(index.doc_count(), 3);

    let docs: Vec<folio_core::corpus::Document> =
        (0..index.doc_count()).map(|d| index.document(d)).collect::<Result<_, _>>()?;
    let find = |id: &str| docs.iter().find(|d| d.id == id).ok_or(format!("{id} missing"));
    let sections = |id: &str| -> Result<Vec<(String, Option<String>)>, String> {
        Ok(find(id)?.sections.iter().map(|s| (s.title.clone(), s.anchor.clone())).collect())
    };
    let owned = |v: &[(&str, Option<&str>)]| -> Vec<(String, Option<String>)> {
        v.iter().map(|(t, a)| (t.to_string(), a.map(str::to_string))).collect()
    };
    assert_eq!(find("lessons/platen")?.title, "Platen Presses");
    assert_eq!(
        sections("lessons/platen")?,
        owned(&[
            ("Platen Presses", Some("platen-presses")),
            ("The treadle press", Some("the-treadle-press")),
            ("platen_speed", Some("confval-platen_speed")),
        ]),
        "Sphinx: ids on <section> and <dt>"
    );
    assert_eq!(find("chronometers/index")?.title, "Marine Chronometers");
    assert_eq!(find("glossary")?.title, "Glossary", "the page part of \"Glossary | Hedgerow School\"");
    assert_eq!(
        sections("glossary")?,
        owned(&[("Bract", Some("bract")), ("Umbel", Some("umbel")), ("Drying between sheets", Some("drying"))])
    );
    for doc in &docs {
        assert!(!doc.title.contains('¶') && doc.sections.iter().all(|s| !s.title.contains(['¶', '#'])), "{doc:?}");
        assert_eq!(doc.kind, None, "no type guessed from a page title");
    }
    for chrome in [
        "zzsidebar",
        "zzfooter",
        "zztoc",
        "zznav",
        "zzquayside",
        "zzcourse",
        "zzkestrel",
        "zzbirchwood",
        "skip",
        "initializing",
        "inkwell",
        "tidewater",
        "hedgerow",
        "contents",
    ] {
        // Not indexed: no word form of it. (A search for a four-letter word like `skip` may
        // still find a one-typo correction such as `ship`.)
        assert_eq!(index.form_ordinal(chrome), None, "{chrome}");
        if chrome.len() > 4 {
            assert_eq!(complete(&index, chrome)?, Vec::<String>::new(), "{chrome}");
        }
    }
    let hit = search(&index, "flywheel pedal")?.hits.into_iter().next().ok_or("no hit")?;
    assert_eq!((hit.id.as_str(), hit.anchor.as_deref()), ("lessons/platen", Some("the-treadle-press")));
    Ok(())
}
