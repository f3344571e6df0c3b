//! `folio index` with no configuration on pages shaped like the real documentation sites the
//! trial of issue 16 built: Jupyter Book 1 (sphinx-book-theme), Sphinx 9 with Furo (the attrs
//! docs). Each fixture page in `tests/fixtures/real-sites/` copies the generator's markup around
//! planted `zz…` words that must not be found: the theme's toolbars, print-only copies, sidebars,
//! and the generated index and search pages and source copies that are not pages of their own.

use std::path::{Path, PathBuf};

use folio_core::index::Index;
use folio_core::search::SearchOptions;
use folio_corpus::config::Config;
use folio_corpus::{read_site, Document, SiteReport};

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

fn documents(index: &Index) -> Result<Vec<Document>, folio_core::Error> {
    (0..index.doc_count()).map(|d| index.document(d)).collect()
}

#[test]
fn only_the_books_own_pages_are_documents() -> TestResult {
    let (index, report) = build(&book())?;
    let mut ids: Vec<String> = documents(&index)?.into_iter().map(|d| d.id).collect();
    ids.sort();
    assert_eq!(ids, ["code", "index", "markdown"], "no _sources copy, _static template, generated index or 404 page");
    let skipped: Vec<(String, String)> =
        report.skipped.iter().map(|s| (s.path.display().to_string(), s.reason.clone())).collect();
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
