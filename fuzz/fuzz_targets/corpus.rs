//! Arbitrary bytes as a page of each format, read by the reader users run (`read_site`, as
//! `folio index` and `build.rs` do, with the encodings of `encoding.rs`): reading gives documents
//! with a report of one line per finding, or an error naming the file; what is read indexes,
//! reopens, and stores every document unchanged.
//!
//! The first byte picks the format from its low three bits (`.txt`, `.md`, `.markdown`, `.html`,
//! `.htm`, `.xhtml`, `.jsonl`, `.jsonl.gz`), the configured encoding from the next two (none,
//! `[encoding] default` windows-1251 or KOI8-R, or a `[encoding] paths` rule), and from the sixth
//! whether a `<meta charset>` is put before the content, so every way `encoding.rs` picks and
//! decodes an encoding is reached; the rest is the file's content.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use folio_core::analysis::Analyzer;
use folio_corpus::config::Config;
use folio_corpus::read_site;
use folio_core::index::{Index, IndexWriter};
use folio_core::Error;
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 8] = ["txt", "md", "markdown", "html", "htm", "xhtml", "jsonl", "jsonl.gz"];

/// The configuration the selector's bits 3 and 4 pick.
fn config(selector: u8) -> Config {
    let mut config = Config::default();
    match (selector >> 3) & 3 {
        1 => config.encoding = Some("windows-1251".to_string()),
        2 => config.encoding = Some("koi8-r".to_string()),
        3 => config.encodings.push(("page.*".to_string(), "windows-1251".to_string())),
        _ => {}
    }
    config
}

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("folio-fuzz-corpus-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let path = scratch().join(format!("page.{}", EXTENSIONS[usize::from(selector) % EXTENSIONS.len()]));
    let mut bytes = Vec::with_capacity(content.len() + 24);
    if selector & 32 != 0 {
        bytes.extend_from_slice(b"<meta charset=\"koi8-r\">");
    }
    bytes.extend_from_slice(content);
    std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let mut documents = Vec::new();
    let read = read_site(&path, &config(selector), None, &mut |_, _| {}, |doc| {
        documents.push(doc);
        Ok(())
    });
    let report = match read {
        Ok(report) => report,
        Err(Error::Corpus { path: named, message, .. }) => {
            assert_eq!(named, path, "the error names another file");
            assert!(!message.is_empty());
            return;
        }
        Err(e) => panic!("a corpus error that names no file: {e:?}"),
    };
    // Every input file is accounted for, and every finding is one line of the report.
    assert_eq!(report.page_count(), 1);
    assert_eq!(report.documents, documents.len());
    assert!(!documents.is_empty(), "read_site succeeded with no document");
    let lines = 3
        + report.skipped.len()
        + report.warnings.len()
        + usize::from(!report.encodings.is_empty())
        + usize::from(!report.other_files.is_empty());
    assert_eq!(report.render().lines().count(), lines, "{}", report.render());
    let mut writer = IndexWriter::new();
    for doc in &documents {
        for section in &doc.sections {
            assert!(doc.body.is_char_boundary(section.start), "section {:?} splits a char", section.title);
        }
        writer.add(doc.clone()).unwrap_or_else(|e| panic!("the reader accepted a document the index refuses: {e}"));
    }
    let bytes = writer.finish().unwrap_or_else(|e| panic!("cannot write the index: {e}"));
    let index = Index::from_bytes(&bytes).unwrap_or_else(|e| panic!("cannot reopen the index: {e}"));
    assert_eq!(index.doc_count() as usize, documents.len());
    let analyzer = Analyzer::new();
    for (ordinal, doc) in documents.iter().enumerate().take(8) {
        let ordinal = ordinal as u32;
        let stored = index.document(ordinal).unwrap_or_else(|e| panic!("document {ordinal}: {e}"));
        // Declared metadata comes back with the document (`hit.meta`); filter values and sort
        // keys live in the metadata section, not in the store.
        let mut expected = doc.clone();
        expected.filters.clear();
        expected.sort.clear();
        assert_eq!(stored, expected, "the store changed document {ordinal}");
        // Each document is findable by its own words.
        for token in analyzer.analyze(&doc.title).into_iter().chain(analyzer.analyze(&doc.body)).take(4) {
            let term = index.stem_ordinal(&token.stem).unwrap_or_else(|| panic!("term {:?} missing", token.stem));
            let info = index.term_info(term).unwrap_or_else(|e| panic!("{e}"));
            let postings = index.postings(&info).unwrap_or_else(|e| panic!("{e}"));
            assert!(postings.iter().any(|p| p.doc == ordinal), "document {ordinal} not under {:?}", token.stem);
        }
    }
});
