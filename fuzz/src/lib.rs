//! Shared pieces of the fuzz targets: the seeds index, invariant checks on a response, and the
//! checksum fix-up that lets mutated index bytes get past the CRC to the structural decoders.
//!
//! This is test-harness code: a broken invariant is reported by panicking, which is what libFuzzer
//! records as a crash.

use std::path::Path;
use std::sync::OnceLock;

use folio_corpus::config::Config;
use folio_corpus::read_site;
use folio_core::index::format::{self, SectionKind};
use folio_core::index::{checksum, Index, IndexWriter};
use folio_core::query::{MatchKind, TermGroup};
use folio_core::query::{MAX_FUZZY_EXPANSIONS, MAX_GROUPS, MAX_PREFIX_EXPANSIONS};
use folio_core::search::{SearchOptions, SearchResponse};

/// The bytes of the index of `seeds/` (the corpus the wasm module embeds), built once.
pub fn seeds_index_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds");
        let mut writer = IndexWriter::new();
        read_site(&seeds, &Config::default(), None, &mut |_, _| {}, |doc| writer.add(doc))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", seeds.display()));
        writer.finish().unwrap_or_else(|e| panic!("cannot write the seeds index: {e}"))
    })
}

/// The opened seeds index, built once.
pub fn seeds_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::from_bytes(seeds_index_bytes()).unwrap_or_else(|e| panic!("seeds index: {e}")))
}

/// Checks that `ranges` are ascending, disjoint, non-empty `[start, end)` UTF-16 ranges inside
/// `text` that start and end on character boundaries.
pub fn check_highlights(text: &str, ranges: &[[u32; 2]]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let boundary = |i: usize| i == units.len() || !(0xDC00..0xE000).contains(&units[i]);
    let mut previous_end = 0;
    for &[start, end] in ranges {
        let (start, end) = (start as usize, end as usize);
        assert!(start < end && end <= units.len(), "range {start}..{end} outside {} units of {text:?}", units.len());
        assert!(start >= previous_end, "ranges overlap or are out of order in {ranges:?}");
        assert!(boundary(start) && boundary(end), "range {start}..{end} splits a surrogate pair in {text:?}");
        previous_end = end;
    }
}

/// Checks the invariants every search response must keep, whatever the query.
pub fn check_response(response: &SearchResponse, options: &SearchOptions) {
    assert!(response.hits.len() <= options.limit, "more hits than the limit");
    assert!(response.complete <= response.total, "complete {} > total {}", response.complete, response.total);
    assert_eq!(response.hits.len(), response.total.saturating_sub(options.offset).min(options.limit));
    assert!(response.terms.len() <= MAX_GROUPS, "{} query words kept", response.terms.len());
    if response.fallback {
        assert_eq!(response.complete, 0, "a fallback response claims complete matches");
    }
    for hit in &response.hits {
        assert!(hit.score.is_finite(), "score {} of {}", hit.score, hit.id);
        check_highlights(&hit.title, &hit.title_highlights);
        check_highlights(&hit.snippet.text, &hit.snippet.highlights);
    }
}

/// Checks the caps on the work one query word may cause.
pub fn check_groups(groups: &[TermGroup]) {
    assert!(groups.len() <= MAX_GROUPS, "{} groups", groups.len());
    for g in groups {
        let count = |keep: fn(MatchKind) -> bool| g.expansions.iter().filter(|e| keep(e.kind)).count();
        assert!(count(|k| k == MatchKind::Prefix) <= MAX_PREFIX_EXPANSIONS, "prefix expansions of {:?}", g.word);
        assert!(count(|k| k == MatchKind::Ocr) <= MAX_FUZZY_EXPANSIONS, "OCR expansions of {:?}", g.word);
        assert!(count(|k| matches!(k, MatchKind::Fuzzy(_))) <= MAX_FUZZY_EXPANSIONS, "typo expansions of {:?}", g.word);
        assert!(g.expansions.len() <= 2 + MAX_PREFIX_EXPANSIONS + 2 * MAX_FUZZY_EXPANSIONS);
    }
}

/// Rewrites the CRC-32 at the end of mutated index bytes, so that the mutation reaches the
/// structural decoders. Bytes too short to carry a header and a checksum are left alone.
pub fn fix_checksums(bytes: &mut [u8]) {
    if bytes.len() < 20 {
        return;
    }
    let content_len = bytes.len() - 4;
    let crc = crc32fast::hash(&bytes[..content_len]);
    bytes[content_len..].copy_from_slice(&crc.to_le_bytes());
}

/// The index with its dictionary's own checksum (the masked CRC-32C `fst` keeps in its last four
/// bytes) and then the file's rewritten, as a forger would: damage inside the dictionary then
/// reaches `index::fst_check` and `fst`. `None` when the bytes do not split into sections.
pub fn forge_dictionary_checksum(bytes: &[u8]) -> Option<Vec<u8>> {
    let sections = format::read(bytes).ok()?;
    let mut parts = Vec::new();
    for kind in SectionKind::ALL.into_iter().filter(|&k| sections.has(k)) {
        let mut section = sections.get(kind).ok()?.to_vec();
        if kind == SectionKind::Terms && section.len() >= 4 {
            let n = section.len() - 4;
            let sum = checksum::fst_checksum(&section[..n]);
            section[n..].copy_from_slice(&sum.to_le_bytes());
        }
        parts.push((kind, section));
    }
    Some(format::write(&parts))
}

/// Exercises every read path of an opened index: documents, every term's postings and positions
/// (both capped), and a few searches of each kind. Errors are fine; panics are not.
pub fn exercise(index: &Index) {
    for doc in 0..index.doc_count().min(64) {
        let _ = index.document(doc);
        let _ = index.meta(doc);
    }
    for ordinal in 0..(index.term_count() as u32).min(256) {
        if let Ok(info) = index.term_info(ordinal) {
            if let Ok(postings) = index.postings(&info) {
                let _ = index.positions(&info, &postings);
            }
        }
    }
    let sorted = SearchOptions { sort: folio_core::search::Sort::DateDesc, ..SearchOptions::default() };
    let filtered = SearchOptions { lang: Some(vec!["en".into()]), date: Some("1950..1960".into()), ..sorted.clone() };
    // The site's own filters and sort key (issue 20), whatever the damage left of them.
    let mut site = SearchOptions {
        sort: folio_core::search::Sort::Key { key: "year".into(), descending: true },
        ..SearchOptions::default()
    };
    let any = |values: &[&str]| folio_core::search::KeyFilter {
        any: values.iter().map(|v| v.to_string()).collect(),
        none: vec!["Maps".into()],
        ..Default::default()
    };
    site.filters.insert("collection".into(), any(&["Telegrams", "Journals"]));
    for query in ["the", "plenum", "пленум", "mikoyam", "a", "\"of the\"", "-war korea", "title:journal", "ц"] {
        for options in [&SearchOptions::default(), &sorted, &filtered, &site] {
            if let Ok(response) = index.search(query, options) {
                check_response(&response, options);
            }
        }
    }
}

/// A small index with every kind of content (Latin and Cyrillic text, all fields, sections,
/// metadata, a listing entry), built once: the base the index fuzzer applies its edits to.
pub fn sample_index_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        use folio_core::corpus::{Document, Section};
        let mut a = Document::new("a", "Telegram from Mikoyan", "Original Scan Пленум ЦК. Translation The plenum met.");
        a.summary = "Mikoyan reports on the August plenum.".into();
        a.citation = "Archive of Foreign Policy, f. 5, op. 28".into();
        a.date = Some("1956-09-21".into());
        a.lang = Some("en".into());
        a.kind = Some("telegram".into());
        a.url = Some("https://example.org/a".into());
        a.sections = vec![
            Section { title: "Original Scan".into(), start: 0, anchor: Some("scan".into()) },
            Section { title: "Translation".into(), start: 37, anchor: None },
        ];
        a.filters.insert("collection".into(), vec!["Telegrams".into(), "Maps".into()]);
        a.sort.insert("year".into(), "1956".into());
        a.meta.insert("image".into(), "scan.jpg".into());
        let mut b = Document::new("b#1", "Journal of Puzanov", "Ким Ир Сен and the prisoners of war. 😀 שָׁלוֹם");
        b.parent = Some("b".into());
        b.date = Some("1957".into());
        b.filters.insert("collection".into(), vec!["Journals".into()]);
        b.filters.insert("<b>room</b>".into(), vec!["\"2\"".into()]);
        b.sort.insert("year".into(), "1957".into());
        let mut writer = IndexWriter::new();
        for doc in [a, b, Document::new("c", "", "")] {
            writer.add(doc).unwrap_or_else(|e| panic!("sample index: {e}"));
        }
        writer.finish().unwrap_or_else(|e| panic!("sample index: {e}"))
    })
}

/// The index bytes an `index_decode` input stands for: the input itself when it starts with the
/// magic number, else an edit script over [`sample_index_bytes`]: each 3 bytes `(u16 position,
/// u8 mask)` XOR the mask into the byte at that position (modulo the length), and 1 or 2 bytes
/// left over truncate the end by that many bytes (modulo the length).
pub fn index_from_input(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"FOLIOIDX") {
        return data.to_vec();
    }
    let mut bytes = sample_index_bytes().to_vec();
    let len = bytes.len();
    let mut chunks = data.chunks_exact(3);
    for chunk in &mut chunks {
        let position = usize::from(u16::from_le_bytes([chunk[0], chunk[1]])) % len;
        bytes[position] ^= chunk[2];
    }
    let cut = match chunks.remainder() {
        [] => 0,
        [a] => usize::from(*a),
        [a, b, ..] => usize::from(u16::from_le_bytes([*a, *b])),
    };
    bytes.truncate(len - cut % len);
    bytes
}
