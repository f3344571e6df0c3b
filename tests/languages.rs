//! A site in several languages (`tests/fixtures/languages/`): each page is stemmed by its
//! `<html lang>`, and each query word in every language the index holds, so a German, French,
//! Greek or Turkish page is found by other inflections of its words than the page has, and a
//! Japanese page by a word its characters spell in a row (pairs), not by scattered characters.
//! Needs the languages compiled in (the root crate's dev-dependency enables `all-languages`).

use std::path::{Path, PathBuf};

use folio_core::analysis::{Analyzer, Language};
use folio_core::index::Index;
use folio_core::search::SearchOptions;
use folio_corpus::config::Config;
use folio_corpus::read_site;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn site() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages")
}

fn index() -> Result<Index, Box<dyn std::error::Error>> {
    let root = site();
    let config = Config::find(&root, None)?;
    let mut writer = config.index_writer()?;
    read_site(&root, &config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    Ok(Index::from_bytes(&writer.finish()?)?)
}

/// The pages (ids: file names without .html) holding every word of `query`, as whole words (no prefix matching).
fn complete(index: &Index, query: &str) -> Result<Vec<String>, folio_core::Error> {
    let options = SearchOptions { limit: 20, prefix_last: false, ..SearchOptions::default() };
    let r = index.search(query, &options)?;
    let page = |id: &str| id.rsplit('/').next().unwrap_or(id).to_string();
    Ok(r.hits.iter().take(r.complete).map(|h| page(&h.id)).collect())
}

#[test]
fn the_languages_are_built_in() {
    for code in ["de", "fr", "el", "tr"] {
        assert!(Language::from_code(code).is_some(), "{code}: build the tests with the all-languages feature");
    }
}

#[test]
fn german_french_greek_and_turkish_pages_are_found_by_other_inflections() -> TestResult {
    let index = index()?;
    let mut missed = Vec::new();
    for (query, page) in [
        // Häusern, Kinder, Bänken on the page.
        ("Haus Kind", "de"),
        ("Bank", "de"),
        // chevaux, prairies.
        ("cheval prairie", "fr"),
        // μαθητές, βιβλία (genitive plurals asked, two edits from the page's words).
        ("μαθητών βιβλίων", "el"),
        // Kitaplarımızı, evlerimize; İstanbul'daki (the case ending after the apostrophe).
        ("kitap ev", "tr"),
        ("İstanbul", "tr"),
        ("istanbul", "tr"),
        // Häusern typed without umlauts (Snowball's German2 reading of ae, oe, ue).
        ("Haeuser", "de"),
    ] {
        let found = complete(&index, query)?;
        if found != [page] {
            missed.push(format!("{query}: {found:?}, not [{page}]"));
        }
    }
    assert!(missed.is_empty(), "{missed:#?}");
    Ok(())
}

#[test]
fn english_pages_still_stem_as_english_beside_other_languages() -> TestResult {
    let index = index()?;
    assert_eq!(complete(&index, "gallery painting house")?, ["en"]);
    Ok(())
}

#[test]
fn a_japanese_word_finds_the_page_that_spells_it_not_the_one_with_its_characters_apart() -> TestResult {
    let index = index()?;
    // 図書館 (library) is on ja.html; ja-calligraphy.html has 図, 書 and 館, apart.
    assert_eq!(complete(&index, "図書館")?, ["ja"]);
    assert_eq!(complete(&index, "日本語")?, ["ja"]);
    assert_eq!(complete(&index, "書道")?, ["ja-calligraphy"]);
    Ok(())
}

#[test]
fn the_query_analyser_takes_the_languages_from_the_index() -> TestResult {
    let index = index()?;
    let mut codes: Vec<&str> = index.metas().values(folio_core::index::meta::MetaField::Lang).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["de", "el", "en", "fr", "ja", "tr"]);
    let analyzer = Analyzer::for_languages(codes);
    let mut codes: Vec<&str> = analyzer.languages().iter().map(|l| l.code()).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["de", "el", "fr", "tr"], "English and Russian are always there; Japanese has no stemmer");
    Ok(())
}
