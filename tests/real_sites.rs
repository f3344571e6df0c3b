//! `folio index` with no configuration on pages shaped like the real documentation sites the
//! trial of issue 16 built: Jupyter Book 1 (sphinx-book-theme), Sphinx 9 with Furo (the attrs
//! docs). Each fixture page in `tests/fixtures/real-sites/` copies the generator's markup around
//! planted `zz…` words that must not be found: the theme's toolbars, print-only copies, sidebars,
//! and the generated index and search pages and source copies that are not pages of their own.
//! `hugo-i18n/` is four pages of Hugo 0.111's build of the Book theme's multilingual example site,
//! unchanged (with the recipe's box in the sidebar): translations declared by `hreflang`.
//! `docusaurus/` is six pages of Docusaurus 3.10's classic template, unchanged: a post, two docs,
//! and the generated pages that list them (a tag's, the tags', a docs category's cards).
//! `papermod/` is four pages of Hugo 0.111's build with the PaperMod theme (v7, `baseURL` set, so
//! every link is absolute): two posts, the home page and a tag's page, which list them as cards.
//! `pelican/` is six pages of Pelican 4.12's default theme, unchanged, and a font license of the theme.
//! `mdbook/` is three pages of mdBook 0.5.4's build, unchanged: two chapters and the home page.
//! `mkdocs-themes/` is MkDocs 1.6's build of a small course with each of its two built-in themes.

use std::path::{Path, PathBuf};

use folio_core::index::Index;
use folio_core::search::{KeyFilter, SearchOptions};
use folio_corpus::config::Config;
use folio_corpus::{read_site, Document, SiteReport, TRANSLATIONS_FILTER};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn book() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/book")
}

/// Reads the site with no configuration and indexes it, as `folio index <site>` does.
fn build(root: &Path) -> Result<(Index, SiteReport), Box<dyn std::error::Error>> {
    let config = Config::default();
    let mut writer = config.index_writer()?;
    let report = read_site(root, &config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    Ok((Index::from_bytes(&writer.finish()?)?, report))
}

/// The pages the site report says were skipped, with why: (path, reason).
fn skipped(report: &SiteReport) -> Vec<(String, String)> {
    report.skipped.iter().map(|s| (s.path.display().to_string(), s.reason.clone())).collect()
}

fn documents(index: &Index) -> Result<Vec<Document>, folio_core::Error> {
    (0..index.doc_count()).map(|d| index.document(d)).collect()
}

#[test]
fn only_the_books_own_pages_are_documents() -> TestResult {
    let (index, report) = build(&book())?;
    let mut ids: Vec<String> = documents(&index)?.into_iter().map(|d| d.id).collect();
    ids.sort();
    assert_eq!(ids, ["code", "index", "markdown"], "no _sources copy, _static template, generated index or 404 page");
    let skipped = skipped(&report);
    let reason = |path: &str| skipped.iter().find(|(p, _)| p == path).map(|(_, r)| r.clone());
    assert_eq!(reason("_sources/markdown.md").as_deref(), Some("source copy of markdown.html"));
    assert!(reason("404.html").is_some_and(|r| r.contains("not found")), "{skipped:?}");
    let search = reason("search.html").ok_or(format!("search.html not skipped: {skipped:?}"))?;
    assert!(search.starts_with("Sphinx's search page"), "{search}");
    for generated in ["genindex.html", "py-modindex.html", "empty-genindex.html"] {
        let why = reason(generated).ok_or(format!("{generated} not reported as skipped: {skipped:?}"))?;
        assert!(why.starts_with("Sphinx's index of links"), "{generated}: {why}");
    }
    let viewcode = reason("_modules/quill/field.html").ok_or(format!("viewcode page not skipped: {skipped:?}"))?;
    assert!(viewcode.starts_with("Sphinx's highlighted source of a module"), "{viewcode}");
    assert_eq!(index.form_ordinal("zzviewcode"), None, "the module's source is not text of the site");
    Ok(())
}

#[test]
fn book_theme_toolbars_print_copies_and_sidebars_are_not_text() -> TestResult {
    let (index, _) = build(&book())?;
    let docs = documents(&index)?;
    let page = docs.iter().find(|d| d.id == "markdown").ok_or("markdown missing")?;
    assert_eq!(page.title, "Markdown Files");
    let sections: Vec<(&str, Option<&str>)> =
        page.sections.iter().map(|s| (s.title.as_str(), s.anchor.as_deref())).collect();
    assert_eq!(
        sections,
        [("Markdown Files", Some("markdown-files")), ("What is MyST?", Some("what-is-myst"))],
        "the print-only title and contents are not sections"
    );
    assert!(page.body.starts_with("Markdown Files"), "{:?}", page.body);
    for chrome in ["zzrepository", "zzissue", "zzprintcontents", "zzsidebarcontents", "zzcommunity", "zztoctree"] {
        assert_eq!(index.form_ordinal(chrome), None, "{chrome} is indexed");
    }
    assert!(!page.body.contains(".md"), "the download button's label: {:?}", page.body);
    // A search for words of the page and of the home page's toctree finds the page's section.
    let hits = index.search("wader", &SearchOptions::default())?.hits;
    let found: Vec<(&str, Option<&str>)> = hits.iter().map(|h| (h.id.as_str(), h.anchor.as_deref())).collect();
    assert_eq!(found, [("markdown", Some("what-is-myst"))]);
    Ok(())
}

#[test]
fn line_numbers_of_code_blocks_are_not_glued_to_the_code() -> TestResult {
    let (index, _) = build(&book())?;
    let docs = documents(&index)?;
    let page = docs.iter().find(|d| d.id == "code").ok_or("code missing")?;
    for line in ["import attrs", "quokka = attrs.define", "wallaby = 1", "numbat := 2"] {
        assert!(page.body.lines().any(|l| l.trim() == line), "{line:?} in {:?}", page.body);
    }
    for word in ["quokka", "wallaby", "numbat", "import"] {
        let hits = index.search(word, &SearchOptions::default())?.hits;
        assert_eq!(hits.first().map(|h| h.id.as_str()), Some("code"), "{word}");
    }
    assert_eq!(index.form_ordinal("1import"), None);
    Ok(())
}

fn hugo_i18n() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/hugo-i18n")
}

/// `query`'s hits, by id, searched as the drop-in UI and the JS API search from a page in
/// language `page` (`www/src/page-lang.js`): without the other languages' versions of pages that
/// have one in `page`'s language.
fn from_page(index: &Index, query: &str, page: Option<&str>) -> Result<Vec<String>, folio_core::Error> {
    let mut options = SearchOptions { limit: 50, ..SearchOptions::default() };
    if let Some(lang) = page {
        let rule = KeyFilter { none: vec![lang.to_string()], ..KeyFilter::default() };
        options.filters.insert(TRANSLATIONS_FILTER.to_string(), rule);
    }
    let mut ids: Vec<String> = index.search(query, &options)?.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    Ok(ids)
}

#[test]
fn hugos_translated_pages_declare_their_languages_and_a_page_finds_its_own_version() -> TestResult {
    // Hugo 0.111 with the Book theme, its example site in English, Russian and Chinese: the three
    // home pages are translations of each other (each declares the other two with <link
    // rel="alternate" hreflang>), the documentation pages are in English only.
    let (index, report) = build(&hugo_i18n())?;
    let said = report.render();
    assert!(said.contains("3 pages declare versions in other languages"), "{said}");
    // Which pages declare a version in `lang`.
    let declaring = |query: &str, lang: &str| -> Result<Vec<String>, folio_core::Error> {
        let mut options = SearchOptions { limit: 50, ..SearchOptions::default() };
        let rule = KeyFilter { any: vec![lang.to_string()], ..KeyFilter::default() };
        options.filters.insert(TRANSLATIONS_FILTER.to_string(), rule);
        let mut ids: Vec<String> = index.search(query, &options)?.hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        Ok(ids)
    };
    assert_eq!(declaring("furtiva", "en")?, ["ru/index", "zh/index"]);
    assert_eq!(declaring("furtiva", "ru")?, ["index", "zh/index"]);
    assert_eq!(declaring("furtiva", "zh")?, ["index", "ru/index"]);
    for lang in ["en", "ru", "zh"] {
        assert!(declaring("hinnitibus", lang)?.is_empty(), "an untranslated page declares no {lang} version");
    }
    // "furtiva" is in the three home pages' shared Latin text: each page finds its own version.
    assert_eq!(from_page(&index, "furtiva", None)?, ["index", "ru/index", "zh/index"], "the site's whole");
    assert_eq!(from_page(&index, "furtiva", Some("en"))?, ["index"]);
    assert_eq!(from_page(&index, "furtiva", Some("ru"))?, ["ru/index"]);
    assert_eq!(from_page(&index, "furtiva", Some("zh"))?, ["zh/index"]);
    // A page in English only is found from every language's pages: it has no other version.
    for page in [None, Some("en"), Some("ru"), Some("zh")] {
        assert_eq!(from_page(&index, "hinnitibus", page)?, ["docs/example/index"], "{page:?}");
    }
    // A page in a language the site has no version in leaves nothing out.
    assert_eq!(from_page(&index, "furtiva", Some("de"))?, ["index", "ru/index", "zh/index"]);
    Ok(())
}

/// Docusaurus's tag, tags and category pages are made of the links and excerpts of other pages:
/// "4 posts tagged with Docusaurus" ranked first for "docusaurus", above the docs, and each post's
/// words found its tag pages beside it. They are reported as overviews and skipped; the post and the
/// doc they list are documents, and a query finds each once.
#[test]
fn docusaurus_overview_pages_are_skipped_and_the_pages_they_list_are_found() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/docusaurus");
    let (index, report) = build(&root)?;
    let mut ids: Vec<String> = documents(&index)?.into_iter().map(|d| d.id).collect();
    ids.sort();
    assert_eq!(ids, ["blog/welcome/index", "docs/intro/index", "docs/lectures/currents/index"]);
    let skipped = skipped(&report);
    for (page, lists) in [
        ("blog/tags/facebook/index.html", "another page"),
        ("blog/tags/index.html", "4 other pages"),
        ("docs/category/tutorial---basics/index.html", "6 other pages"),
    ] {
        let why = skipped.iter().find(|(p, _)| p == page).map(|(_, r)| r.as_str());
        assert!(why.is_some_and(|w| w.starts_with(&format!("a page listing {lists} of the site"))), "{page}: {why:?}");
    }
    let hits = |q: &str| -> Result<Vec<String>, folio_core::Error> {
        Ok(index.search(q, &SearchOptions::default())?.hits.into_iter().map(|h| h.title).collect())
    };
    assert_eq!(hits("blogging features")?, ["Welcome"], "the post, not its tag page's excerpt");
    assert_eq!(hits("docusaurus")?.first().map(String::as_str), Some("Tutorial Intro"));
    // Docusaurus describes a page that gives no description by its first words: here the first
    // section's heading, which is no summary (it showed as a "Summary" sub-result of its own).
    let currents = documents(&index)?.into_iter().find(|d| d.id == "docs/lectures/currents/index");
    assert_eq!(currents.map(|d| d.summary), Some(String::new()), "\"Ekman transport\" is the body's opening");
    Ok(())
}

/// PaperMod's home and tag pages list posts as cards, each covered by a link without text to the
/// post's absolute URL: overviews. The posts, with their tags, breadcrumbs and links to the next
/// and previous posts, are documents.
#[test]
fn papermod_cards_pages_are_skipped_and_its_posts_are_found() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/papermod");
    let (index, report) = build(&root)?;
    let mut ids: Vec<String> = documents(&index)?.into_iter().map(|d| d.id).collect();
    ids.sort();
    assert_eq!(ids, ["posts/lens/index", "posts/logbook/index"]);
    let said = report.render();
    assert!(said.contains("\n  index.html: a page listing 3 other pages of the site"), "{said}");
    assert!(said.contains("tags/logbooks/index.html: a page listing another page of the site"), "{said}");
    Ok(())
}

/// Pelican 4.12's default theme (notmyidea): its list pages have neither `<main>` nor `<article>`
/// but a `<section id="content">`, its archive dates each post in a `<dt>`, its tags page is a
/// bare list of links, a tag's page shows its one post in an `<aside>`, a post's date is hAtom's
/// `<abbr class="published" title>`, and a font's license sits in `theme/fonts/`. Only the post is
/// a document, dated; the rest is skipped as lists of pages, without a warning.
#[test]
fn pelican_lists_are_skipped_and_its_post_is_dated() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/pelican");
    let (index, report) = build(&root)?;
    let docs = documents(&index)?;
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let said = report.render();
    assert_eq!(ids, ["the-harbour-photographs-1921-1934"], "{said}");
    assert_eq!(docs[0].date.as_deref(), Some("2025-03-02"), "{said}");
    assert!(report.warnings.is_empty(), "{said}");
    for (page, listing) in [
        ("archives.html", "3 other pages of the site (20 of its 20 words"),
        ("tags.html", "7 other pages of the site (no words of its own)"),
        ("categories.html", "2 other pages of the site"),
        ("index.html", "3 other pages of the site"),
        ("tag/glass-plates.html", "another page of the site (no words of its own)"),
    ] {
        assert!(said.contains(&format!("\n  {page}: a page listing {listing}")), "{page}: {said}");
    }
    assert_eq!(report.other_files.get("built-in excludes"), Some(&1), "the font's license: {said}");
    Ok(())
}

/// mdBook 0.5's default theme: its `<html>` carries `class="light sidebar-visible"` (a state, not a
/// sidebar: every page used to lose all its text, and the build failed with "no document to
/// index"), and its `index.html` is a copy of the first chapter (`intro.html` here): one
/// document for the two, the copy named in the report.
#[test]
fn mdbook_chapters_are_read_and_its_index_copy_is_indexed_once() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/mdbook");
    let (index, report) = build(&root)?;
    let said = report.render();
    let docs = documents(&index)?;
    let found: Vec<(&str, &str)> = docs.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
    assert_eq!(found, [("hydrostatics", "Hydrostatics"), ("index", "Introduction")], "{said}");
    let anchors: Vec<&str> = docs[0].sections.iter().filter_map(|s| s.anchor.as_deref()).collect();
    assert_eq!(anchors, ["hydrostatics", "manometers", "pascals-law"], "{said}");
    assert!(docs[0].body.contains("U-tube manometer measures a pressure difference"), "{}", docs[0].body);
    assert!(!docs[0].body.contains("Keyboard shortcuts"), "the help pop-up is not text: {}", docs[0].body);
    assert!(said.contains("\n  intro.html: the same title and text as index.html (a copy; indexed once)"), "{said}");
    assert!(report.warnings.is_empty(), "{said}");
    Ok(())
}

/// MkDocs 1.6's two built-in themes: the readthedocs theme writes a `search.html` whose content
/// is its results' `<div id="mkdocs-search-results">` (it was indexed as "Search Results"); the
/// mkdocs theme has that `<div>` on every page, in a dialog outside the content, and its pages
/// stay documents.
#[test]
fn mkdocs_builtin_themes_search_page_is_skipped_and_pages_are_kept() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-sites/mkdocs-themes");
    for (theme, pages) in [("readthedocs", 2), ("mkdocs", 2)] {
        let (index, report) = build(&root.join(theme))?;
        let said = report.render();
        let mut titles: Vec<String> = documents(&index)?.into_iter().map(|d| d.title).collect();
        titles.sort();
        assert_eq!(titles, ["Introduction to Oceanography", "Week 2: Tides"], "{theme}: {said}");
        assert_eq!(index.doc_count(), pages);
        if theme == "readthedocs" {
            assert!(said.contains("\n  search.html: MkDocs's search page"), "{said}");
        }
    }
    Ok(())
}
