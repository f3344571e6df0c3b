//! Hostile input (issue #8, parts 3 to 5): damaged or mismatched index bytes, queries built to
//! cost as much as possible, and corpora full of markup, bad bytes and duplicates. Each answers
//! with a result or an error that names the problem, never a panic, and with bounded work (checked
//! structurally: query words, expansions and hits are counted, not timed).

use std::path::{Path, PathBuf};

use folio::embedded_index;
use folio_core::analysis::Analyzer;
use folio_core::config::Config;
use folio_core::corpus::{read_site, Document, SiteReport};
use folio_core::index::checksum::crc32;
use folio_core::index::fields::SettingsSection;
use folio_core::index::format::{self, SectionKind, VERSION};
use folio_core::index::{Index, IndexWriter};
use folio_core::query::{self, MatchKind, MAX_CLAUSES, MAX_FUZZY_EXPANSIONS, MAX_GROUPS, MAX_PREFIX_EXPANSIONS};
use folio_core::search::{KeyFilter, SearchOptions, SearchResponse, Sort, MAX_QUERY_BYTES};
use folio_core::Error;

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

// ---------------------------------------------------------------------------------------------
// Part 3: corrupt or mismatched index bytes

#[test]
fn wrong_magic_says_these_bytes_are_not_an_index() {
    let gzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    let cases: [&[u8]; 6] = [
        b"",
        b"FOLIO",
        b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        &gzip,
        b"folioidx\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00",
    ];
    for bytes in cases {
        let err = Index::from_bytes(bytes).err().unwrap_or_else(|| panic!("{bytes:?} opened as an index"));
        assert!(matches!(err, Error::NotAnIndex), "{bytes:?}: {err:?}");
        assert!(err.to_string().contains("not a Folio index"), "{err}");
    }
}

#[test]
fn another_format_version_is_named_with_both_numbers() {
    for version in [0, VERSION + 1, u16::MAX] {
        let mut bytes = sample_index();
        bytes[8..10].copy_from_slice(&version.to_le_bytes());
        fix_crc(&mut bytes);
        let err = Index::from_bytes(&bytes).err().expect("a wrong version must not open");
        assert!(matches!(err, Error::Version { expected: VERSION, got } if got == version), "{err:?}");
        let message = err.to_string();
        assert!(message.contains(&format!("version {version}")) && message.contains(&VERSION.to_string()), "{message}");
        assert!(message.contains("rebuild"), "{message}");
    }
}

#[test]
fn every_truncation_is_named() {
    let bytes = sample_index();
    for cut in 0..bytes.len() {
        let err = Index::from_bytes(&bytes[..cut]).err().unwrap_or_else(|| panic!("truncated at {cut} opened"));
        match cut {
            0..=7 => assert!(matches!(err, Error::NotAnIndex), "cut {cut}: {err:?}"),
            _ => {
                assert!(matches!(err, Error::Corrupt(_)), "cut {cut}: {err:?}");
                assert!(err.to_string().contains("damaged"), "{err}");
            }
        }
        if cut >= 20 {
            assert!(err.to_string().contains("checksum mismatch"), "cut {cut}: {err}");
        }
    }
}

#[test]
fn every_bit_flip_is_caught_by_magic_version_or_checksum() {
    let bytes = sample_index();
    for i in 0..bytes.len() {
        for bit in 0..8 {
            let mut damaged = bytes.clone();
            damaged[i] ^= 1 << bit;
            let err =
                Index::from_bytes(&damaged).err().unwrap_or_else(|| panic!("flip of bit {bit} of byte {i} opened"));
            match i {
                0..=7 => assert!(matches!(err, Error::NotAnIndex), "byte {i}: {err:?}"),
                8..=9 => assert!(matches!(err, Error::Version { .. }), "byte {i}: {err:?}"),
                _ => assert!(err.to_string().contains("checksum mismatch"), "byte {i}: {err}"),
            }
        }
    }
}

/// With the checksum made to match, damage reaches the structural checks: the index opens or
/// says what is inconsistent, and one that opens can be read and searched without a panic.
#[test]
fn damage_behind_a_valid_checksum_is_an_error_or_harmless() {
    let bytes = sample_index();
    let (mut opened, mut refused) = (0, 0);
    for i in 16..bytes.len() - 4 {
        for mask in [0x01, 0x80, 0xff] {
            let mut damaged = bytes.clone();
            damaged[i] ^= mask;
            fix_crc(&mut damaged);
            match Index::from_bytes(&damaged) {
                Ok(index) => {
                    opened += 1;
                    for doc in 0..index.doc_count() {
                        let _ = index.document(doc);
                    }
                    for query_text in ["plenum", "\"august plenum\"", "пленум", "mikoyam", "p"] {
                        if let Ok(response) = index.search(query_text, &SearchOptions::default()) {
                            check_response(&response, &SearchOptions::default());
                        }
                    }
                }
                Err(err) => {
                    refused += 1;
                    assert!(matches!(err, Error::Corrupt(_)), "byte {i}: {err:?}");
                    assert!(err.to_string().len() > "the index is damaged ()".len() + 5, "vague: {err}");
                }
            }
        }
    }
    // Damage to the text of a document leaves a readable index; damage to structure does not.
    assert!(refused > 0 && opened > 0, "{refused} refused, {opened} opened");
}

/// Sections rebuilt from a valid index by `edit`, then written with a valid checksum.
fn rebuilt(edit: impl Fn(SectionKind, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let bytes = sample_index();
    let sections = format::read(&bytes).unwrap();
    let kinds = SectionKind::ALL;
    let parts: Vec<(SectionKind, Vec<u8>)> =
        kinds.iter().filter_map(|&kind| edit(kind, sections.get(kind).unwrap().to_vec()).map(|b| (kind, b))).collect();
    format::write(&parts)
}

#[test]
fn a_missing_section_is_named() {
    let bytes = rebuilt(|kind, b| (kind != SectionKind::Postings).then_some(b));
    let err = Index::from_bytes(&bytes).err().expect("an index without postings must not open");
    assert!(err.to_string().contains("postings section is missing"), "{err}");
    assert_eq!(Index::from_bytes(&rebuilt(|_, b| Some(b))).unwrap().doc_count(), 2);
}

/// The site's filters and sort keys (issue 20) are validated when the index opens: every byte of
/// the metadata section damaged or cut, behind a valid checksum, is refused as damage or opens an
/// index that searches with those filters and sort keys without a panic.
#[test]
fn damaged_site_filters_and_sort_keys_are_an_error_or_harmless() {
    let mut a = Document::new("a", "Vase", "A vase.");
    a.filters.insert("collection".into(), vec!["Greek".into(), "Prints".into()]);
    a.sort.insert("year".into(), "-450".into());
    a.meta.insert("image".into(), "a.jpg".into());
    let mut b = Document::new("b", "Another vase", "A vase.");
    b.filters.insert("collection".into(), vec!["Prints".into()]);
    b.filters.insert("room".into(), vec!["2".into()]);
    b.sort.insert("year".into(), "1200".into());
    let bytes = build([a, b]);
    let sections = format::read(&bytes).unwrap();
    let meta = sections.get(SectionKind::DocMeta).unwrap().to_vec();
    let with_meta = |meta: &[u8]| {
        let parts: Vec<(SectionKind, Vec<u8>)> = SectionKind::ALL
            .iter()
            .map(|&k| (k, if k == SectionKind::DocMeta { meta.to_vec() } else { sections.get(k).unwrap().to_vec() }))
            .collect();
        format::write(&parts)
    };
    let mut options = SearchOptions::default();
    options.filters.insert("collection".into(), KeyFilter { any: vec!["Prints".into()], ..KeyFilter::default() });
    options.filters.insert("room".into(), KeyFilter { none: vec!["2".into()], ..KeyFilter::default() });
    options.sort = Sort::Key { key: "year".into(), descending: true };
    let (mut opened, mut refused) = (0, 0);
    let mut damaged: Vec<Vec<u8>> = (0..meta.len()).map(|cut| meta[..cut].to_vec()).collect();
    for i in 0..meta.len() {
        for mask in [0x01, 0x80, 0xff] {
            let mut m = meta.clone();
            m[i] ^= mask;
            damaged.push(m);
        }
    }
    for m in damaged {
        match Index::from_bytes(&with_meta(&m)) {
            Ok(index) => {
                opened += 1;
                if let Ok(response) = index.search("vase", &options) {
                    check_response(&response, &options);
                }
            }
            Err(err) => {
                refused += 1;
                assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
            }
        }
    }
    assert!(refused > meta.len(), "every cut is refused: {refused} refused, {opened} opened");
    let index = Index::from_bytes(&with_meta(&meta)).unwrap();
    assert_eq!(index.search("vase", &options).unwrap().hits.len(), 1);
}

/// The settings section with its document count replaced.
fn settings_with_doc_count(settings: &[u8], doc_count: u32) -> Vec<u8> {
    SettingsSection { doc_count, ..SettingsSection::decode(settings).unwrap() }.encode()
}

#[test]
fn document_counts_that_disagree_are_named() {
    for count in [0, 1, 3, 1000] {
        let bytes =
            rebuilt(|kind, b| Some(if kind == SectionKind::Settings { settings_with_doc_count(&b, count) } else { b }));
        let err = Index::from_bytes(&bytes).err().unwrap_or_else(|| panic!("doc count {count} opened"));
        assert!(matches!(err, Error::Corrupt(_)), "{err:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Part 4: hostile queries

/// Words equal up to the letters OCR confuses, between two letters no Russian ending strips.
fn ocr_family() -> Vec<String> {
    let letters = ['и', 'л', 'ц'];
    let mut words = Vec::new();
    for a in letters {
        for b in letters {
            for c in letters {
                for d in letters {
                    words.push(format!("д{a}{b}{c}{d}д"));
                }
            }
        }
    }
    words
}

/// An index built so that every cap bites: thousands of words sharing a prefix, dozens of words
/// one typo from a query word, and hundreds of Cyrillic words equal up to OCR confusions.
fn wide_index() -> Index {
    let letters: Vec<char> = ('a'..='z').collect();
    let mut prefixed = Vec::new();
    for a in &letters {
        for b in &letters[..10] {
            for c in &letters[..10] {
                prefixed.push(format!("ab{a}{b}{c}"));
            }
        }
    }
    let mut typos = Vec::new();
    for (i, _) in "telegram".char_indices() {
        for c in &letters {
            typos.push(format!("{}{c}{}", &"telegram"[..i], &"telegram"[i + 1..]));
        }
    }
    let words: Vec<String> = [prefixed, typos, ocr_family()].into_iter().flatten().collect();
    let docs = words.chunks(20).enumerate().map(|(i, w)| Document::new(format!("w{i}"), w[0].clone(), w.join(" ")));
    Index::from_bytes(&build(docs)).unwrap()
}

#[test]
fn every_expansion_cap_is_reached_and_holds() {
    let index = wide_index();
    // 2,600 words begin with "ab"; the 50 most frequent are kept (one may count as an exact match
    // of the stem "ab" instead).
    for query_text in ["ab", "ab*"] {
        let prefix = work(&index, query_text, query_text == "ab");
        assert!((MAX_PREFIX_EXPANSIONS - 1..=MAX_PREFIX_EXPANSIONS).contains(&prefix.prefix), "{prefix:?}");
    }
    let typo = work(&index, "telegrqqm", false);
    assert_eq!(typo.fuzzy, MAX_FUZZY_EXPANSIONS, "{typo:?}");
    // 208 words lie within two edits of "telegramz"; forms of one stem count once.
    let typo = work(&index, "telegramz", false);
    assert!(typo.fuzzy > MAX_FUZZY_EXPANSIONS / 2 && typo.fuzzy <= MAX_FUZZY_EXPANSIONS, "{typo:?}");
    // 81 words spelled alike up to the letters OCR confuses (и, л, ц).
    let family: std::collections::BTreeSet<String> =
        ocr_family().iter().flat_map(|w| Analyzer::new().analyze(w)).map(|t| t.stem).collect();
    assert!(family.len() > MAX_FUZZY_EXPANSIONS, "{family:?}");
    // (The word's own stem is among the 20 the walk keeps, as an exact match.)
    let ocr = work(&index, "диииид", false);
    assert!((MAX_FUZZY_EXPANSIONS - 1..=MAX_FUZZY_EXPANSIONS).contains(&ocr.ocr), "{ocr:?}");
    let many: Vec<String> = (0..200).map(|i| format!("w{i}x")).collect();
    let groups = work(&index, &many.join(" "), false);
    assert_eq!(groups.groups, MAX_GROUPS, "{groups:?}");
    let response = index.search(&many.join(" "), &SearchOptions::default()).unwrap();
    assert_eq!(response.terms.len(), MAX_GROUPS);
}

/// Queries built to be expensive or confusing.
fn hostile_queries() -> Vec<(String, String)> {
    let mut q: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("spaces", " \t\n ".repeat(1000)),
        ("100 KB word", "a".repeat(100_000)),
        ("100 KB of words", "plenum pyongyang ".repeat(6_000)),
        ("100 KB of prefixes", "ab* p* ".repeat(15_000)),
        ("10,000 distinct terms", (0..10_000).map(|i| format!("t{i}")).collect::<Vec<_>>().join(" ")),
        ("10,000 typos", (0..10_000).map(|i| format!("plenumx{i}")).collect::<Vec<_>>().join(" ")),
        ("only punctuation", "!@#$%^&()_+={}[]|\\;',./<>?~`—–…«»„“”".repeat(100)),
        ("stars", "***".into()),
        ("many stars", "*".repeat(10_000)),
        ("dashes", "- -- --- -a --b".into()),
        ("nested quotes", "\"".repeat(10_001)),
        ("nested quoted words", "\"a \"b \"c \"d ".repeat(2_000)),
        ("one huge phrase", format!("\"{}\"", "plenum of the party ".repeat(3_000))),
        ("fields", "title: summary: body: title:\"\" body:* -title:x citation:y".into()),
        ("many fields", "title:".repeat(10_000)),
        ("replacement chars", "\u{FFFD}".repeat(1_000)),
        ("replacement words", "пле\u{FFFD}нум plen\u{FFFD}um \u{FFFD}plenum".into()),
        ("noncharacters", "\u{FFFE}\u{FFFF}\u{10FFFF}\u{E000}".into()),
        ("combining marks", "e\u{301}\u{302}\u{303}".repeat(5_000)),
        ("lone combining marks", "\u{301} \u{302}\u{345} \u{5b0}".repeat(1_000)),
        ("Zalgo", format!("p{}lenum", "\u{336}\u{337}\u{338}".repeat(300))),
        ("right to left", "שלום עולם مرحبا بالعالم \u{202E}munelp\u{202C} \u{200F}".into()),
        ("emoji", "😀 👨‍👩‍👧‍👦 🇰🇷 🏳️‍🌈 1️⃣ plenum😀".into()),
        ("emoji run", "👨‍👩‍👧‍👦".repeat(5_000)),
        ("NUL", "plenum\0pyongyang\0\0".into()),
        ("control characters", (0u8..32).map(char::from).collect()),
        ("zero-width", "ple\u{200B}num \u{200D}\u{FEFF}\u{2060}".into()),
        ("mixed scripts", "plеnum пleнум ПЛЕНУМ Pхеньян".into()),
        ("CJK", "金日成 김일성 平壌 평양".repeat(100)),
        ("long Cyrillic OCR", "шщицл".repeat(200)),
        ("exclusions only", "-plenum -pyongyang -\"the plenum\"".into()),
        ("64 words", (0..64).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ")),
        ("65 stop words then one word", format!("{} plenum", "the of and a ".repeat(17))),
        ("surrogate-sized", "\u{10000}\u{1F600}".repeat(25_000)),
    ];
    q.push(("digits", "1953 1956-09-21 0x1f 1e10 ١٢٣".into()));
    q.into_iter().map(|(name, text)| (name.to_string(), text)).collect()
}

#[test]
fn hostile_queries_answer_with_bounded_work() {
    let seeds = embedded_index().unwrap();
    let wide = wide_index();
    for (name, text) in hostile_queries() {
        for index in [&seeds, &wide] {
            for prefix_last in [true, false] {
                // Even the whole query, untruncated, expands to a bounded number of terms.
                assert_bounded(&work(index, &text, prefix_last));
                assert_bounded(&work(index, truncated(&text), prefix_last));
                let options = SearchOptions { limit: 1000, prefix_last, ..SearchOptions::default() };
                let response = index.search(&text, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
                check_response(&response, &options);
                assert_eq!(response.query, text, "{name}: the response echoes the query");
                let ranked = index.rank(&text, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(ranked.len(), response.total, "{name}");
                if let Some(fixed) = &response.did_you_mean {
                    assert!(fixed.len() <= text.len() + 64 * 64, "{name}: suggestion of {} bytes", fixed.len());
                }
            }
        }
    }
}

#[test]
fn queries_longer_than_the_limit_are_read_up_to_it() {
    let seeds = embedded_index().unwrap();
    let padding = "zzzzq ".repeat(MAX_QUERY_BYTES / 6 + 1);
    let beyond = seeds.search(&format!("{padding}plenum"), &SearchOptions::default()).unwrap();
    assert!(beyond.terms.iter().all(|t| t.term != "plenum"), "words past {MAX_QUERY_BYTES} bytes are ignored");
    // A cut in the middle of a multi-byte character is moved back to a boundary.
    for pad in 0..4 {
        let text = format!("{}{}", "a".repeat(MAX_QUERY_BYTES - 3 + pad), "пленум😀".repeat(3));
        seeds.search(&text, &SearchOptions::default()).unwrap();
    }
}

#[test]
fn invalid_options_are_errors_that_say_why() {
    let seeds = embedded_index().unwrap();
    let cases = [
        (SearchOptions { limit: 0, ..SearchOptions::default() }, "limit"),
        (SearchOptions { limit: 1_000_000, ..SearchOptions::default() }, "limit"),
        (SearchOptions { date: Some("1953".into()), ..SearchOptions::default() }, "range"),
        (SearchOptions { date_from: Some("<script>".into()), ..SearchOptions::default() }, "not a date"),
        (SearchOptions { date_to: Some("9".repeat(100)), ..SearchOptions::default() }, "not a date"),
    ];
    for (options, says) in cases {
        let err = seeds.search("plenum", &options).err().unwrap_or_else(|| panic!("{options:?} accepted"));
        assert!(matches!(err, Error::Options(_)), "{err:?}");
        assert!(err.to_string().contains(says), "{err}");
    }
    let far = SearchOptions { offset: usize::MAX, ..SearchOptions::default() };
    assert!(seeds.search("plenum", &far).unwrap().hits.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Part 5: hostile corpora

/// A fresh scratch directory under the target directory, removed first if it exists.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The documents at `path` and the report, read as `folio index` reads a site (the defaults, with
/// `.jsonl` files included).
fn read(path: &Path) -> folio_core::Result<(Vec<Document>, SiteReport)> {
    let mut config = Config::default();
    config.include.push("**/*.jsonl".to_string());
    let mut documents = Vec::new();
    let report = read_site(path, &config, None, &mut |_, _| {}, |doc| {
        documents.push(doc);
        Ok(())
    })?;
    Ok((documents, report))
}

fn corpus_error<T: std::fmt::Debug>(result: folio_core::Result<T>) -> (PathBuf, Option<usize>, String) {
    match result {
        Err(Error::Corpus { path, line, message }) => (path, line, message),
        other => panic!("expected a corpus error, got {other:?}"),
    }
}

fn search_all(index: &Index, query_text: &str) -> SearchResponse {
    let options = SearchOptions { limit: 1000, prefix_last: false, ..SearchOptions::default() };
    let response = index.search(query_text, &options).unwrap();
    check_response(&response, &options);
    response
}

fn marked(text: &str, [a, b]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[a as usize..b as usize]).unwrap()
}

#[test]
fn markup_in_documents_comes_back_as_text() {
    let dir = scratch("markup");
    let title = "<script>alert('title')</script> <b>Bold</b> &amp; plenum";
    let body = "The plenum <img src=x onerror=alert(1)> met &lt;i&gt; here. </textarea><svg onload=alert(2)>";
    let line = serde_json::json!({
        "id": "<a href=x>id</a>",
        "title": title,
        "body": body,
        "summary": "<iframe src=javascript:alert(3)></iframe> summary",
        "type": "<u>memo</u>",
        "url": "javascript:alert(4)",
    });
    let path = write(&dir, "docs.jsonl", format!("{line}\n"));
    let (documents, _) = read(&path).unwrap();
    let index = Index::from_bytes(&build(documents)).unwrap();
    let response = search_all(&index, "plenum");
    assert_eq!(response.total, 1);
    let hit = &response.hits[0];
    // Returned exactly as written: not escaped, not stripped, not interpreted.
    assert_eq!(hit.id, "<a href=x>id</a>");
    assert_eq!(hit.title, title);
    assert_eq!(hit.url.as_deref(), Some("javascript:alert(4)"));
    assert_eq!(hit.kind.as_deref(), Some("<u>memo</u>"));
    // (The snippet ends at its last word, so the final `)>` gives way to an ellipsis.)
    assert!(hit.snippet.text.starts_with(&body[..body.len() - 2]), "{}", hit.snippet.text);
    let marks: Vec<String> = hit.title_highlights.iter().map(|&r| marked(&hit.title, r)).collect();
    assert_eq!(marks, ["plenum"]);
    // The JSON the API and CLI print carries the markup as string data.
    let json = serde_json::to_value(&response).unwrap();
    assert_eq!(json["hits"][0]["title"], title);
}

#[test]
fn html_pages_give_text_and_never_their_scripts() {
    let dir = scratch("html");
    let page = "<!doctype html><html lang=en><head><title>Head &lt;script&gt;alert(1)&lt;/script&gt; title</title>\
        <script>var secretcode = 1;</script><style>.zzstyle{}</style></head><body><main>\
        <h1>Plenum &lt;b&gt;report&lt;/b&gt; &amp; notes</h1>\
        <p>The plenum met. &lt;img src=x onerror=alert(1)&gt; <script>document.write('injected')</script>\
        <b>bold</b> text.</p><noscript>noscriptword</noscript></main></body></html>";
    write(&dir, "page.html", page);
    let (documents, _) = read(&dir).unwrap();
    assert_eq!(documents.len(), 1);
    let doc = &documents[0];
    assert!(doc.title.contains("<b>report</b>") || doc.title.contains("<script>"), "{}", doc.title);
    assert!(doc.body.contains("<img src=x onerror=alert(1)>"), "entities are decoded to text: {}", doc.body);
    assert!(doc.body.contains("<b>report</b>"), "escaped markup is text: {}", doc.body);
    assert!(doc.body.contains("bold text") && !doc.body.contains("<b>bold"), "tags are not text: {}", doc.body);
    let index = Index::from_bytes(&build(documents.clone())).unwrap();
    for hidden in ["secretcode", "injected", "zzstyle", "noscriptword"] {
        assert_eq!(search_all(&index, hidden).total, 0, "{hidden} was indexed");
    }
    let hit = &search_all(&index, "plenum").hits[0];
    assert!(hit.snippet.text.contains("<img src=x onerror=alert(1)>"), "{}", hit.snippet.text);
}

#[test]
fn invalid_utf8_is_reported_with_file_and_line() {
    // A page with bytes that are not UTF-8 is skipped, and the report names the file and line;
    // the other pages are read.
    let dir = scratch("utf8");
    write(&dir, "good.txt", "A title\n\nGood text.");
    write(&dir, "bad.txt", b"A title\n\nline two\nbad \xff\xfe byte\n".as_slice());
    let (documents, report) = read(&dir).unwrap();
    assert_eq!(documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["good"]);
    let [skipped] = report.skipped.as_slice() else { panic!("{}", report.render()) };
    assert_eq!(skipped.path, Path::new("bad.txt"));
    assert!(skipped.problem && skipped.reason.contains("(line 4) is not valid UTF-8"), "{skipped}");
    assert!(report.render().contains("bad.txt: undecodable bytes"), "{}", report.render());

    // In a `.jsonl` file, where a line is a document, it is an error naming the file and line.
    let dir = scratch("utf8-jsonl");
    let bad =
        write(&dir, "docs.jsonl", b"{\"id\": 1, \"body\": \"ok\"}\n{\"id\": 2, \"body\": \"\xc3\x28\"}\n".as_slice());
    let (path, line, message) = corpus_error(read(&bad));
    assert_eq!((path, line), (bad, Some(2)));
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn empty_binary_and_unreadable_files_are_each_reported() {
    let dir = scratch("mixed");
    write(&dir, "empty.txt", "");
    write(&dir, "blank.md", " \n\n\t\n");
    write(&dir, "empty.jsonl", "\n\n");
    write(&dir, "image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".as_slice());
    write(&dir, "archive.zip", b"PK\x03\x04\0\0".as_slice());
    write(&dir, "README", "no extension");
    write(&dir, ".hidden.txt", "hidden text");
    write(&dir, ".git/config", "[core]");
    write(&dir, "nul.txt", "Nul title\n\nbefore\0\0\0after zzbinaryword \u{1}\u{2}\u{7f}");
    write(&dir, "sub/deeper/page.md", "# Deep page\n\nDeep zzdeepword text.");
    write(&dir, "sub/page.html", "<html><body><p>zzhtmlword</p></body></html>");
    let (documents, report) = read(&dir).unwrap();
    // Never a silent drop: each of the 11 entries is a page read or a file counted by reason,
    // and every page that gave no document has a line in the report saying why.
    let others: Vec<(&str, usize)> = report.other_files.iter().map(|(k, &v)| (k.as_str(), v)).collect();
    assert_eq!(
        others,
        [("hidden", 2), ("not a page: (none)", 1), ("not a page: .png", 1), ("not a page: .zip", 1)],
        "{}",
        report.render()
    );
    assert_eq!(report.page_count(), 6, "{}", report.render());
    assert!(report.skipped.is_empty(), "{}", report.render());
    assert_eq!(report.documents, documents.len());
    let warning = |name: &str| {
        report
            .warnings
            .iter()
            .find(|w| w.path.as_deref() == Some(Path::new(name)))
            .map(|w| w.message.as_str())
            .unwrap_or_else(|| panic!("{name} is not in the report: {}", report.render()))
    };
    for name in ["empty.txt", "blank.md"] {
        assert!(warning(name).starts_with("empty page"), "{name}: {}", warning(name));
    }
    assert_eq!(warning("empty.jsonl"), "no documents in the file");
    let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["nul", "sub/deeper/page", "sub/page"]);

    let index = Index::from_bytes(&build(documents.clone())).unwrap();
    assert_eq!(index.doc_count() as usize, documents.len());
    for word in ["zzbinaryword", "zzdeepword", "zzhtmlword", "after"] {
        assert_eq!(search_all(&index, word).complete, 1, "{word}");
    }
}

#[test]
fn duplicate_ids_name_both_places() {
    let dir = scratch("dup-jsonl");
    let path = write(
        &dir,
        "docs.jsonl",
        "{\"id\": 7, \"body\": \"a\"}\n{\"id\": 8, \"body\": \"b\"}\n{\"id\": \"7\", \"body\": \"c\"}\n",
    );
    let (named, line, message) = corpus_error(read(&path));
    assert_eq!((named, line), (path, Some(3)));
    assert!(message.contains("duplicate id") && message.contains("line 1"), "{message}");

    // Across files: the second use names the file and line of the first.
    let dir = scratch("dup-jsonl-files");
    let first = write(&dir, "a.jsonl", "{\"id\": 7, \"body\": \"a\"}\n");
    let second = write(&dir, "b.jsonl", "{\"id\": 8, \"body\": \"b\"}\n{\"id\": \"7\", \"body\": \"c\"}\n");
    let (named, line, message) = corpus_error(read(&dir));
    assert_eq!((named, line), (second, Some(2)));
    assert!(message.contains(&format!("duplicate id \"7\": already used at {}:1", first.display())), "{message}");

    // Pages whose ids would be the same (`page.md`, `page.txt`): the second keeps its extension,
    // so both are read and neither replaces the other.
    let dir = scratch("dup-files");
    write(&dir, "page.md", "# Page\n\nMarkdown text.");
    write(&dir, "page.txt", "Page\n\nPlain text.");
    let (documents, report) = read(&dir).unwrap();
    let ids: Vec<(&str, &str)> = documents.iter().map(|d| (d.id.as_str(), d.body.as_str())).collect();
    assert_eq!(ids, [("page", "Markdown text."), ("page.txt", "Plain text.")], "{}", report.render());

    let mut writer = IndexWriter::new();
    writer.add(Document::new("x", "one", "")).unwrap();
    let err = writer.add(Document::new("x", "two", "")).expect_err("a duplicate id must be refused");
    assert!(err.to_string().contains("'x'"), "{err}");
}

/// A document of `megabytes` MB is read, indexed and found, with a short snippet cut from it.
fn huge_document(megabytes: usize) {
    let dir = scratch(&format!("huge-{megabytes}"));
    let words = ["plenum", "pyongyang", "telegram", "пленум", "mikoyan", "ambassador", "resolution", "😀"];
    let mut body = String::with_capacity(megabytes << 20);
    let mut i = 0usize;
    while body.len() < megabytes << 20 {
        body.push_str(words[i % words.len()]);
        body.push_str(if i % 13 == 12 { ".\n" } else { " " });
        i += 1;
    }
    body.push_str("zzlastword");
    let line = serde_json::json!({"id": "huge", "title": "A very large document", "body": body});
    let path = write(&dir, "huge.jsonl", format!("{line}\n{}\n", serde_json::json!({"id": "small", "body": "plenum"})));
    let (documents, _) = read(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[0].body.len(), body.len());
    drop(body);
    let index = Index::from_bytes(&build(documents)).unwrap();
    assert_eq!(index.doc_count(), 2);
    let response = search_all(&index, "zzlastword");
    assert_eq!(response.hits.len(), 1);
    assert!(response.hits[0].snippet.text.contains("zzlastword"));
    assert!(utf16_len(&response.hits[0].snippet.text) < 1000);
    assert_eq!(search_all(&index, "plenum").total, 2);
    assert_eq!(search_all(&index, "\"telegram пленум mikoyan\"").complete, 1);
}

/// The 50 MB document of issue #8 (about 75 s in a debug build on two cores).
#[test]
fn a_50_mb_document_is_indexed_and_found() {
    huge_document(50);
}
