//! Which search module `folio index` writes into the bundle: the English/Russian one for a site
//! that needs nothing else, the all-languages one for a site with pages in other languages,
//! always as `folio_bg.wasm` (the page code does not know which), and the report says why.
//! Only a CLI built with its `languages` feature (the default) indexes other languages at all.
#![cfg(feature = "languages")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> std::io::Result<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("modules-{name}"));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    Ok(dir)
}

/// Indexes `site` into `out`; returns the report.
fn index(site: &Path, out: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let run = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["index", &site.to_string_lossy(), "--out", &out.to_string_lossy()])
        .output()?;
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.starts_with(&fs::read_to_string(out.join("report.txt"))?), "the report file is what was printed");
    Ok(stderr)
}

/// Whether the bundle in `out` holds the module (and offline script) built into the CLI from `web/<dir>`.
fn has_module(out: &Path, dir: &str) -> Result<bool, Box<dyn std::error::Error>> {
    let web = manifest().join("web").join(dir);
    let offline = fs::read_to_string(out.join("folio-offline.js"))?;
    let template = fs::read_to_string(web.join("folio-offline.js"))?;
    let same_offline =
        template.split("const FOLIO_INDEX = null;").next() == offline.split("const FOLIO_INDEX = \"").next();
    Ok(fs::read(out.join("folio_bg.wasm"))? == fs::read(web.join("folio_bg.wasm"))? && same_offline)
}

fn page(lang: Option<&str>, title: &str, body: &str) -> String {
    let lang = lang.map(|l| format!(" lang=\"{l}\"")).unwrap_or_default();
    format!("<!doctype html><html{lang}><head><title>{title}</title></head><body><main><h1>{title}</h1><p>{body}</p></main></body></html>")
}

#[test]
fn an_english_site_gets_the_english_russian_module() -> TestResult {
    let site = scratch("en-site")?;
    fs::create_dir_all(&site)?;
    fs::write(site.join("a.html"), page(Some("en-GB"), "Gardens", "The walled gardens of the museum open in spring."))?;
    fs::write(site.join("b.html"), page(None, "Ceramics", "Glazed pottery from the eighteenth century."))?;
    fs::write(site.join("c.html"), page(Some("ru"), "Коллекция", "Керамика восемнадцатого века."))?;
    let out = site.join("folio");
    let report = index(&site, &out)?;
    assert!(report.contains("search module: English/Russian (every page is in English or Russian"), "{report}");
    assert!(has_module(&out, "")?, "the bundle has not the English/Russian module");
    assert!(!has_module(&out, "languages")?);
    fs::remove_dir_all(&site)?;
    Ok(())
}

#[test]
fn the_languages_fixture_gets_the_all_languages_module() -> TestResult {
    let out = scratch("languages")?;
    let report = index(&manifest().join("../../tests/fixtures/languages"), &out)?;
    assert!(report.contains("search module: all-languages (pages in de, el, fr, ja, tr "), "{report}");
    assert!(has_module(&out, "languages")?, "the bundle has not the all-languages module");
    fs::remove_dir_all(&out)?;
    Ok(())
}

#[test]
fn unlabelled_greek_or_chinese_text_gets_the_english_russian_module() -> TestResult {
    // Pages without a language are stemmed by script (Latin as English, Cyrillic as Russian,
    // others not at all) and folded (final sigma) and paired alike by every module.
    for (name, body) in [("greek", "Τα βιβλία της βιβλιοθήκης"), ("chinese", "图书馆的书")] {
        let site = scratch(name)?;
        fs::create_dir_all(&site)?;
        fs::write(site.join("a.html"), page(None, "Library", body))?;
        let out = site.join("folio");
        let report = index(&site, &out)?;
        assert!(report.contains("search module: English/Russian ("), "{name}: {report}");
        assert!(has_module(&out, "")?, "{name}");
        fs::remove_dir_all(&site)?;
    }
    Ok(())
}

#[test]
fn words_of_other_scripts_in_english_text_keep_the_english_russian_module() -> TestResult {
    // A Jupyter Book of chemistry got the all-languages module for the β of a steroid's name, and
    // the 63k Wikipedia leads for the Greek of their etymologies: every module folds and pairs
    // every script alike, so only a page in another language needs it (its stemmer).
    let site = scratch("greek-symbols")?;
    fs::create_dir_all(&site)?;
    let body = "The ester 11β-MNT and its 17β form; a scale of 5 μm and an angle α.";
    fs::write(site.join("a.html"), page(Some("en"), "Steroids", body))?;
    fs::write(site.join("b.html"), page(Some("en"), "Astronomy", "From the Greek ἀστρονομία."))?;
    fs::write(site.join("c.html"), page(None, "Libraries", "Peking University (北京大学); كِتَاب; Kırıkkale."))?;
    let out = site.join("folio");
    let report = index(&site, &out)?;
    assert!(report.contains("search module: English/Russian (every page is in English or Russian"), "{report}");
    assert!(has_module(&out, "")?);
    // A page in Greek is stemmed as Greek, which only the all-languages module does.
    fs::write(site.join("d.html"), page(Some("el"), "Αστρονομία", "Οι αστρονόμοι μελετούν τα άστρα."))?;
    let report = index(&site, &out)?;
    assert!(report.contains("search module: all-languages (pages in el"), "{report}");
    assert!(has_module(&out, "languages")?);
    fs::remove_dir_all(&site)?;
    Ok(())
}
