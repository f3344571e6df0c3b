//! Tests of the corpus readers on the real archive pages in `seeds/` and on small corpora written
//! to a temporary directory, all read through [`read_site`] as `folio index` and `build.rs` read
//! them.

use std::error::Error as StdError;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::metadata::script_counts;
use super::*;
use crate::config::Config;
use folio_core::Error;

type TestResult = std::result::Result<(), Box<dyn StdError>>;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

/// The documents at `path` and the report, read as `folio index` reads them (the defaults).
fn read(path: &Path) -> folio_core::Result<(Vec<Document>, SiteReport)> {
    let mut documents = Vec::new();
    let report = read_site(path, &Config::default(), None, &mut |_, _| {}, |doc| {
        documents.push(doc);
        Ok(())
    })?;
    Ok((documents, report))
}

fn seeds() -> folio_core::Result<Vec<Document>> {
    Ok(read(Path::new(SEEDS))?.0)
}

fn seed(documents: &[Document], id: &str) -> Document {
    documents.iter().find(|d| d.id == id).cloned().unwrap_or_else(|| panic!("no document {id}"))
}

/// The text of the section called `title`, up to the next section.
fn section_text<'a>(doc: &'a Document, title: &str) -> &'a str {
    let at = doc.sections.iter().position(|s| s.title == title).unwrap_or_else(|| panic!("no section {title}"));
    let end = doc.sections.get(at + 1).map_or(doc.body.len(), |s| s.start);
    &doc.body[doc.sections[at].start..end]
}

/// A fresh temporary directory for one test.
fn scratch(name: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("folio-corpus-{}-{name}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;
    Ok(dir)
}

fn corpus_error<T: std::fmt::Debug>(result: folio_core::Result<T>) -> (PathBuf, Option<usize>, String) {
    match result {
        Err(Error::Corpus { path, line, message }) => (path, line, message),
        other => panic!("expected a corpus error, got {other:?}"),
    }
}

#[test]
fn every_seed_file_is_reported() -> TestResult {
    let (documents, report) = read(Path::new(SEEDS))?;
    // Documents per file, in file order: a listing's entries are `<file id>#<n>`.
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for doc in &documents {
        let file = doc.id.split('#').next().unwrap_or_default();
        match counts.last_mut() {
            Some((last, count)) if *last == file => *count += 1,
            _ => counts.push((file, 1)),
        }
    }
    assert_eq!(counts.iter().map(|&(_, n)| n).collect::<Vec<_>>(), [1, 1, 1, 10, 1]);
    assert_eq!(report.pages.get("text"), Some(&5));
    assert!(report.skipped.is_empty() && report.warnings.is_empty(), "{}", report.render());
    assert_eq!((documents.len(), report.documents), (14, 14));
    Ok(())
}

#[test]
fn seed_000_resolution() -> TestResult {
    let doc = seed(&seeds()?, "000_b481dfae50f33d1d");
    assert_eq!(
        doc.title,
        "Resolution, USSR Council of Ministers with draft letters from Soviet Government to Mao Zedong and \
         Kim Il Sung and directive to Soviet delegation at United Nations"
    );
    assert_eq!(doc.date.as_deref(), Some("1953-03-19"));
    assert_eq!(doc.kind.as_deref(), Some("resolution"));
    assert_eq!(doc.original_lang.as_deref(), Some("ru"));
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.url.as_deref(), Some("https://digitalarchive.wilsoncenter.org/document/113649"));
    assert!(doc.summary.starts_with("A resolution of the USSR Council of Ministers which states"));
    assert!(doc.summary.ends_with("the Soviet delegation to the UN are attached."));
    assert!(
        doc.citation.starts_with("\"Resolution, USSR Council of Ministers") && doc.citation.contains("Listy 54-65")
    );
    assert!(doc.body.starts_with("COUNCIL OF MINISTERS USSR\nRESOLUTION"), "{}", &doc.body[..60]);
    assert!(doc.body.ends_with("hindering the conclusion of the war in Korea.\""));
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Translation - English",
            "Attachment No. 1",
            "DIRECTIVES FOR THE SOVIET DELEGATION IN THE GENERAL ASSEMBLY OF THE UN."
        ]
    );
    assert!(section_text(&doc, "Attachment No. 1").starts_with("Attachment No. 1\n\nThe Soviet Government has"));
    assert!(!doc.body.contains("####") && !doc.body.contains("Contents"));
    Ok(())
}

#[test]
fn seed_001_telegram_has_russian_scan_and_english_translation() -> TestResult {
    let doc = seed(&seeds()?, "001_fddf3f08cfdc8dc7");
    assert_eq!(doc.title, "Telegram from A. Mikoyan to the CPSU Central Committee");
    assert_eq!(doc.date.as_deref(), Some("1956-09-21"));
    assert_eq!(doc.kind.as_deref(), Some("telegram"));
    assert_eq!(doc.original_lang.as_deref(), Some("ru"));
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.url.as_deref(), Some("https://wilson-center.drivingcreative.com/document/120194"));
    assert!(doc.summary.starts_with("A meeting with Kim II Sung reveals the main goals"));
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["Original Scan", "Translation - English"]);
    let scan = section_text(&doc, "Original Scan");
    let (cyrillic, latin) = script_counts(scan);
    assert!(cyrillic > 10 * latin, "scan: {cyrillic} Cyrillic vs {latin} Latin letters");
    assert!(scan.starts_with("Сов. секретно Вне очереди"));
    assert!(scan.contains("В конце по просьбе т.Ким Ир Сена"));
    let translation = section_text(&doc, "Translation - English");
    let (cyrillic, latin) = script_counts(translation);
    assert_eq!(cyrillic, 0);
    assert!(latin > 3000);
    assert!(translation.contains("Top Secret Priority\n\n[to the] CPSU CC\n\nAfter arrival in Pyongyang"));
    assert!(translation.ends_with("MFA 22 September spets N 595-600.]"));
    // The viewer's "Original Scan" tab labels are sections, not text.
    assert!(!doc.body.contains("Original Scan"));
    assert!(!doc.body.contains("<u>"));
    Ok(())
}

#[test]
fn seed_002_html_scrape_layout() -> TestResult {
    let doc = seed(&seeds()?, "002_3c9f1c468c98ed83");
    assert_eq!(doc.title, "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 8 July 1957");
    assert_eq!(doc.date.as_deref(), Some("1957-07-08"));
    assert_eq!(doc.kind.as_deref(), Some("journal"));
    assert_eq!(doc.original_lang, None);
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert_eq!(doc.url, None);
    assert!(doc.summary.starts_with("Kim Il Sung and Puzanov discuss a meeting"));
    assert!(doc.summary.ends_with("expose factionalists and consolidate the party."));
    assert!(doc.citation.starts_with("\"Journal of Soviet Ambassador") && doc.citation.ends_with("Gary Goldberg."));
    assert!(doc.body.starts_with("8 July 1957\n\nI visited Kim Il Sung"));
    assert!(doc.body.ends_with("The conversation lasted one hour and 15 minutes."));
    assert!(!doc.body.contains("made possible with support"));
    assert!(!doc.body.contains(&doc.summary));
    Ok(())
}

#[test]
fn seed_003_listing_yields_one_document_per_entry() -> TestResult {
    let documents = seeds()?;
    let entries: Vec<&Document> = documents.iter().filter(|d| d.id.starts_with("003_")).collect();
    assert_eq!(entries.len(), 10);
    let dates: Vec<&str> = entries.iter().filter_map(|d| d.date.as_deref()).collect();
    assert_eq!(
        dates,
        [
            "1955-12-07",
            "1955-12-06",
            "1955-12-04",
            "1956-09-17",
            "1956-09-19",
            "1956-09-21",
            "1956-09-22",
            "1956-09-23",
            "1956-09-26",
            "1956-04-23"
        ]
    );
    let kinds: Vec<&str> = entries.iter().filter_map(|d| d.kind.as_deref()).collect();
    assert_eq!(
        kinds,
        [
            "journal", "journal", "journal", "telegram", "record", "telegram", "telegram", "telegram", "telegram",
            "record"
        ]
    );
    for (n, entry) in entries.iter().enumerate() {
        assert_eq!(entry.id, format!("003_391e756b9b0accef#{}", n + 1));
        assert_eq!(entry.parent.as_deref(), Some("003_391e756b9b0accef"));
        assert!(!entry.summary.is_empty() && entry.body.is_empty());
        assert_eq!(entry.lang.as_deref(), Some("en"));
    }
    let december_6 = entries[1];
    assert_eq!(december_6.title, "Journal of Soviet Ambassador to the DPRK V. I. Ivanov for 6 December 1955");
    assert!(december_6.summary.contains("citizenship"));
    assert_eq!(entries[4].title, "Record of a Meeting between the Soviet and Chinese Delegations");
    assert_eq!(entries[8].title, "Telegram from Ponomarev to the CPSU Central Committee");
    assert!(entries[9].title.starts_with("Record of a Speech delivered by Kim Il Sung"));
    assert!(!documents.iter().any(|d| d.id == "003_391e756b9b0accef"));
    Ok(())
}

#[test]
fn seed_004_wrapped_bold_title_and_report() -> TestResult {
    let doc = seed(&seeds()?, "004_7ac954bda16cec6a");
    assert_eq!(
        doc.title,
        "Communist Party of the Soviet Union Central Committee Report on the Situation in the Korean Workers' \
         Party and the Democratic People's Republic of Korea"
    );
    assert_eq!(doc.date.as_deref(), Some("1956-12-28"));
    assert_eq!(doc.kind.as_deref(), Some("report"));
    assert_eq!(doc.original_lang.as_deref(), Some("ru"));
    assert_eq!(doc.lang.as_deref(), Some("en"));
    assert!(doc.summary.starts_with("The Soviet embassy in Pyongyang provides a description"));
    assert!(doc.body.starts_with("Stamp:\n[CPSU CC"));
    assert!(doc.body.ends_with("Nº 3 2.I.1957"));
    assert!(
        section_text(&doc, "THE SITUATION IN THE KWP AND THE DPRK").contains("1956 was a year of substantial change")
    );
    assert!(!doc.body.contains("Leon Levy Foundation") && !doc.body.contains("Credits"));
    Ok(())
}

#[test]
fn page_chrome_is_absent_from_every_field_but_the_citation() -> TestResult {
    let chrome = [
        "Search in",
        "Digital Archive International History Declassified",
        "get citation",
        "share document",
        "Skip to content",
        "Pagination",
        "Results:",
        "81 - 90 of 286",
        "English HTML",
        "**",
        "<u>",
        "</u>",
        "•",
        "Citation:",
        "Summary:",
        "Original Language:",
        "Contents:",
    ];
    for doc in seeds()? {
        for text in [&doc.title, &doc.summary, &doc.body] {
            for piece in chrome {
                assert!(!text.contains(piece), "{} contains {piece:?}", doc.id);
            }
            assert!(!text.lines().any(|l| l.trim() == "Documents"), "{}", doc.id);
        }
        for section in &doc.sections {
            assert!(doc.body.is_char_boundary(section.start) && section.start <= doc.body.len());
        }
    }
    Ok(())
}

#[test]
fn directories_report_skipped_files_and_use_relative_ids() -> TestResult {
    let dir = scratch("dir")?;
    fs::create_dir_all(dir.join("sub"))?;
    fs::create_dir_all(dir.join(".git"))?;
    fs::write(dir.join("b.md"), "# Title B\n\nText of b.\n")?;
    fs::write(dir.join("a.txt"), "Title A\n\nText of a.\n")?;
    fs::write(dir.join("sub/c.html"), "<title>C</title><p>Text of c.</p>")?;
    fs::write(dir.join("scan.pdf"), "%PDF")?;
    fs::write(dir.join(".hidden.txt"), "x")?;
    fs::write(dir.join("empty.txt"), "\n \n")?;
    let (documents, report) = read(&dir)?;
    let ids: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "sub/c"]);
    // Every file is accounted for: four pages read, one of them empty; the rest counted by reason.
    let pages: Vec<(&str, usize)> = report.pages.iter().map(|(k, &v)| (k.as_str(), v)).collect();
    assert_eq!(pages, [("HTML", 1), ("Markdown", 1), ("text", 2)]);
    assert_eq!(report.documents, 3);
    assert!(report.skipped.is_empty(), "{}", report.render());
    let warned: Vec<(String, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.path.as_ref().map_or(String::new(), |p| p.display().to_string()), w.message.as_str()))
        .collect();
    assert_eq!(warned, [("empty.txt".to_string(), "empty page: the file has no text (not indexed)")]);
    let others: Vec<(&str, usize)> = report.other_files.iter().map(|(k, &v)| (k.as_str(), v)).collect();
    assert_eq!(others, [("hidden", 2), ("not a page: .pdf", 1)]);
    // Two pages whose ids would be the same: the second keeps its extension, and both are read.
    fs::write(dir.join("a.md"), "Another a.\n")?;
    let (documents, _) = read(&dir)?;
    let ids: Vec<(&str, &str)> = documents.iter().map(|d| (d.id.as_str(), d.body.as_str())).collect();
    assert_eq!(ids[..2], [("a", "Another a."), ("a.txt", "Text of a.")]);
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn non_utf8_pages_are_skipped_naming_the_file_and_byte() -> TestResult {
    let dir = scratch("utf8")?;
    fs::write(dir.join("bad.txt"), b"Title\n\nfine line\nbad \xff byte\n")?;
    fs::write(dir.join("good.txt"), "Title\n\nfine text\n")?;
    let (documents, report) = read(&dir)?;
    assert_eq!(documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["good"]);
    let [skipped] = report.skipped.as_slice() else { panic!("{}", report.render()) };
    assert_eq!(skipped.path, Path::new("bad.txt"));
    assert!(skipped.problem, "{skipped}");
    assert!(skipped.reason.starts_with("undecodable bytes: byte offset 21 (line 4) is not valid UTF-8"), "{skipped}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

/// Twenty lines of valid jsonl.
fn jsonl_lines() -> Vec<String> {
    (1..=20).map(|i| format!(r#"{{"id": "d{i}", "title": "Doc {i}", "body": "Body {i}.", "lang": "en"}}"#)).collect()
}

#[test]
fn malformed_jsonl_reports_the_line() -> TestResult {
    let dir = scratch("jsonl-bad")?;
    let path = dir.join("docs.jsonl");
    let mut lines = jsonl_lines();
    lines[16] = r#"{"id": "d17", "title": "Doc 17", "body": "unterminated}"#.to_string();
    fs::write(&path, lines.join("\n"))?;
    let (at, line, message) = corpus_error(read(&path));
    assert_eq!((at.as_path(), line), (path.as_path(), Some(17)));
    assert!(message.starts_with("invalid JSON at column"), "{message}");
    let err = read(&path).map(|_| ()).map_err(|e| e.to_string()).unwrap_err();
    assert!(err.contains("docs.jsonl:17: invalid JSON"), "{err}");

    let mut lines = jsonl_lines();
    lines[4] = r#"{"title": "no id", "body": ""}"#.to_string();
    fs::write(&path, lines.join("\n"))?;
    let (_, line, message) = corpus_error(read(&path));
    assert_eq!(line, Some(5));
    assert!(message.contains("missing \"id\""), "{message}");

    let mut bytes = jsonl_lines().join("\n").into_bytes();
    let at = bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').nth(8).map_or(0, |(i, _)| i);
    bytes[at + 10] = 0xC3; // a lone lead byte on line 10
    fs::write(&path, bytes)?;
    let (_, line, message) = corpus_error(read(&path));
    assert_eq!(line, Some(10));
    assert!(message.contains("invalid UTF-8"), "{message}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn duplicate_jsonl_ids_name_both_lines() -> TestResult {
    let dir = scratch("jsonl-dup")?;
    let path = dir.join("docs.jsonl");
    let mut lines = jsonl_lines();
    lines[11] = lines[2].clone();
    fs::write(&path, lines.join("\n"))?;
    let (_, line, message) = corpus_error(read(&path));
    assert_eq!(line, Some(12));
    assert!(message.contains("duplicate id \"d3\": already used at line 3"), "{message}");
    let mut seen = 0;
    let streamed = for_each_jsonl_document(&path, |_| {
        seen += 1;
        Ok(())
    });
    assert!(streamed.is_err() && seen == 11);
    fs::remove_dir_all(&dir)?;
    Ok(())
}

#[test]
fn gzip_jsonl_is_streamed() -> TestResult {
    let dir = scratch("jsonl-gz")?;
    let path = dir.join("docs.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(format!("{}\n\n", jsonl_lines().join("\r\n")).as_bytes())?;
    fs::write(&path, encoder.finish()?)?;
    let mut ids = Vec::new();
    let count = for_each_jsonl_document(&path, |doc| {
        ids.push(doc.id);
        Ok(())
    })?;
    assert_eq!(count, 20);
    assert_eq!(ids.first().map(String::as_str), Some("d1"));
    assert_eq!(ids.last().map(String::as_str), Some("d20"));
    let (documents, report) = read(&path)?;
    assert_eq!(report.pages.get("jsonl"), Some(&1));
    assert_eq!((documents.len(), report.documents), (20, 20));
    assert_eq!(documents[6].body, "Body 7.");

    fs::write(&path, b"not gzip at all")?;
    let (_, line, message) = corpus_error(read(&path));
    assert_eq!(line, Some(1));
    assert!(message.contains("gzip"), "{message}");
    fs::remove_dir_all(&dir)?;
    Ok(())
}

/// The shared evaluation corpora (outside the repository): run with `--ignored`.
#[test]
#[ignore]
fn shared_corpora_read_completely() -> TestResult {
    let root = Path::new("/work/shared/corpora");
    for (name, expected) in [
        ("cranfield/docs.jsonl", 1400),
        ("cisi/docs.jsonl", 1460),
        ("ruslit/docs.jsonl", 2171),
        ("xquad-ru/docs.jsonl", 240),
        ("wikipedia-en-leads/docs.jsonl.gz", 62_967),
    ] {
        let mut langs = std::collections::BTreeMap::new();
        let count = for_each_jsonl_document(&root.join(name), |doc| {
            assert!(!doc.title.is_empty(), "{}", doc.id);
            *langs.entry(doc.lang.unwrap_or_default()).or_insert(0) += 1;
            Ok(())
        })?;
        assert_eq!(count, expected, "{name}");
        println!("{name}: {count} documents, languages {langs:?}");
    }
    Ok(())
}
