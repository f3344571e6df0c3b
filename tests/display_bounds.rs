//! What a hit shows stays short whatever the page holds: a huge "word", a page of punctuation, a
//! million emoji or combining marks, a heading of megabytes. Each became a snippet or a title of
//! its own size, and every keystroke that matched it took seconds in the UI.

use folio_core::corpus::{Document, Section};
use folio_core::index::{Index, IndexWriter};
use folio_core::search::{Hit, SearchOptions};
use folio_core::snippet::{MAX_SECTION_UNITS, MAX_SNIPPET_UNITS, MAX_TITLE_UNITS};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The marked words of a hit's snippet.
fn marked(hit: &Hit) -> Vec<String> {
    let text: Vec<u16> = hit.snippet.text.encode_utf16().collect();
    hit.snippet.highlights.iter().map(|&[a, b]| String::from_utf16_lossy(&text[a as usize..b as usize])).collect()
}

fn one_hit(doc: Document, query: &str) -> Result<Hit, Box<dyn std::error::Error>> {
    let mut writer = IndexWriter::new();
    writer.add(doc)?;
    writer.add(Document::new("other", "Other", "nothing to see"))?;
    let index = Index::from_bytes(&writer.finish()?)?;
    let mut response = index.search(query, &SearchOptions::default())?;
    Ok(response.hits.remove(0))
}

#[test]
fn snippets_stay_short_around_huge_words_and_runs_of_symbols() -> TestResult {
    let bodies = [
        ("word", format!("needle {} needle", "x".repeat(2_000_000))),
        ("punctuation", format!("alpha {} needle", "!".repeat(2_000_000))),
        ("emoji", format!("needle {}", "😀".repeat(500_000))),
        ("combining", format!("needle a{}", "\u{301}".repeat(1_000_000))),
    ];
    for (name, body) in bodies {
        let hit = one_hit(Document::new(name, "Page", body), "needle")?;
        let shown = units(&hit.snippet.text);
        assert!(shown <= MAX_SNIPPET_UNITS + 4, "{name}: a snippet of {shown} UTF-16 units");
        assert!(marked(&hit).iter().any(|m| m == "needle"), "{name}: the match is shown: {:?}", hit.snippet);
        for &[a, b] in &hit.snippet.highlights {
            assert!(a < b && b as usize <= shown, "{name}: highlight {a}..{b} outside a text of {shown}");
        }
    }
    Ok(())
}

#[test]
fn titles_and_section_names_are_cut_to_a_readable_length() -> TestResult {
    let heading = "Needle heading ".repeat(140_000); // about 2 MB
    let mut doc = Document::new("long", heading.clone(), "the body mentions the needle once");
    doc.sections = vec![Section { title: heading, start: 0, anchor: Some("s".into()) }];
    let hit = one_hit(doc, "needle")?;
    assert!(units(&hit.title) <= MAX_TITLE_UNITS + 1, "a title of {} units", units(&hit.title));
    assert!(hit.title.starts_with("Needle heading") && hit.title.ends_with('…'), "{}", &hit.title[..40]);
    assert!(!hit.title_highlights.is_empty());
    assert!(hit.title_highlights.iter().all(|&[_, b]| b as usize <= units(&hit.title)));
    let section = hit.section.ok_or("no section")?;
    assert!(units(&section) <= MAX_SECTION_UNITS + 1, "a section name of {} units", units(&section));
    Ok(())
}
