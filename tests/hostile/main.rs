//! Hostile input (issue #8, parts 3 to 5): damaged or mismatched index bytes, queries built to
//! cost as much as possible, and corpora full of markup, bad bytes and duplicates. Each answers
//! with a result or an error that names the problem, never a panic, and with bounded work (checked
//! structurally: query words, expansions and hits are counted, not timed).

use std::path::{Path, PathBuf};

use folio::embedded_index;
use folio_core::analysis::Analyzer;
use folio_core::index::checksum::crc32;
use folio_core::index::fields::SettingsSection;
use folio_core::index::format::{self, SectionKind, VERSION};
use folio_core::index::{Index, IndexWriter};
use folio_core::query::{self, MatchKind, MAX_CLAUSES, MAX_FUZZY_EXPANSIONS, MAX_GROUPS, MAX_PREFIX_EXPANSIONS};
use folio_core::search::{KeyFilter, SearchOptions, SearchResponse, Sort, MAX_QUERY_BYTES};
use folio_core::Error;
use folio_corpus::config::Config;
use folio_corpus::{read_site, Document, SiteReport};

mod corpora;
mod index_bytes;
mod queries;

// ---------------------------------------------------------------------------------------------
// Helpers

fn build(docs: impl IntoIterator<Item = Document>) -> Vec<u8> {
    let mut writer = IndexWriter::new();
    for doc in docs {
        writer.add(doc).unwrap();
    }
    writer.finish().unwrap()
}

fn sample_docs() -> Vec<Document> {
    let mut a = Document::new("a", "Telegram from Mikoyan", "Пленум ЦК. The August plenum met in Pyongyang.");
    a.summary = "Mikoyan reports on the plenum.".into();
    a.date = Some("1956-09-21".into());
    a.lang = Some("en".into());
    a.kind = Some("telegram".into());
    let mut b = Document::new("b", "Journal of Puzanov", "Ким Ир Сен and the prisoners of war. 😀");
    b.date = Some("1957-07-08".into());
    vec![a, b]
}

fn sample_index() -> Vec<u8> {
    build(sample_docs())
}

/// Replaces the file checksum of (damaged) index bytes with the right one.
fn fix_crc(bytes: &mut [u8]) {
    let n = bytes.len() - 4;
    let crc = crc32(&bytes[..n]);
    bytes[n..].copy_from_slice(&crc.to_le_bytes());
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

fn check_highlights(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let boundary = |i: usize| i == units.len() || !(0xDC00..0xE000).contains(&units[i]);
    let mut previous_end = 0;
    for &[start, end] in ranges {
        let (start, end) = (start as usize, end as usize);
        assert!(start < end && end <= units.len(), "range {start}..{end} outside {text:?}");
        assert!(start >= previous_end, "ranges out of order: {ranges:?}");
        assert!(boundary(start) && boundary(end), "range {start}..{end} splits a character of {text:?}");
        previous_end = end;
    }
}

fn check_response(response: &SearchResponse, options: &SearchOptions) {
    assert!(response.hits.len() <= options.limit);
    assert!(response.complete <= response.total);
    assert!(response.terms.len() <= MAX_GROUPS, "{} query words kept", response.terms.len());
    for hit in &response.hits {
        assert!(hit.score.is_finite());
        check_highlights(&hit.title, &hit.title_highlights);
        check_highlights(&hit.snippet.text, &hit.snippet.highlights);
    }
}

/// The first [`MAX_QUERY_BYTES`] of `query`, as the search reads it.
fn truncated(query: &str) -> &str {
    let mut cut = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(cut) {
        cut -= 1;
    }
    &query[..cut]
}

/// Counts of one query's work: clauses, words, and the largest number of expansions of each kind
/// any word got.
#[derive(Debug, Default, PartialEq)]
struct Work {
    clauses: usize,
    groups: usize,
    prefix: usize,
    ocr: usize,
    fuzzy: usize,
    expansions: usize,
}

fn work(index: &Index, query_text: &str, prefix_last: bool) -> Work {
    let parsed = query::parse(query_text, prefix_last);
    let groups = query::expand(&index.searcher(), &Analyzer::new(), &parsed).unwrap();
    let mut w = Work { clauses: parsed.clauses.len(), groups: groups.len(), ..Work::default() };
    for g in &groups {
        let count = |keep: &dyn Fn(MatchKind) -> bool| g.expansions.iter().filter(|e| keep(e.kind)).count();
        w.prefix = w.prefix.max(count(&|k| k == MatchKind::Prefix));
        w.ocr = w.ocr.max(count(&|k| k == MatchKind::Ocr));
        w.fuzzy = w.fuzzy.max(count(&|k| matches!(k, MatchKind::Fuzzy(_))));
        w.expansions = w.expansions.max(g.expansions.len());
    }
    w
}

fn assert_bounded(w: &Work) {
    assert!(w.clauses <= MAX_CLAUSES, "{w:?}");
    assert!(w.groups <= MAX_GROUPS, "{w:?}");
    assert!(w.prefix <= MAX_PREFIX_EXPANSIONS, "{w:?}");
    assert!(w.ocr <= MAX_FUZZY_EXPANSIONS, "{w:?}");
    assert!(w.fuzzy <= MAX_FUZZY_EXPANSIONS, "{w:?}");
    assert!(w.expansions <= 2 + MAX_PREFIX_EXPANSIONS + 2 * MAX_FUZZY_EXPANSIONS, "{w:?}");
}
