//! End-to-end searches of the embedded seed index: the rankings an archivist would expect.

use folio::embedded_index;
use folio_core::index::Index;
use folio_core::search::{Hit, SearchOptions, SearchResponse};

fn search(index: &Index, query: &str) -> SearchResponse {
    index.search(query, &SearchOptions::default()).unwrap()
}

fn utf16_slice(text: &str, [a, b]: [u32; 2]) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[a as usize..b as usize]).unwrap()
}

fn marked(hit: &Hit) -> Vec<String> {
    hit.snippet.highlights.iter().map(|&r| utf16_slice(&hit.snippet.text, r)).collect()
}

#[test]
fn puzanov_finds_the_july_1957_journal_first() {
    let index = embedded_index().unwrap();
    let r = search(&index, "Puzanov");
    let top = &r.hits[0];
    assert!(top.title.contains("Puzanov"), "{}", top.title);
    assert_eq!(top.date.as_deref(), Some("1957-07-08"));
    assert_eq!(top.kind.as_deref(), Some("journal"));
    assert!(marked(top).iter().any(|m| m == "Puzanov"), "{:?}", top.snippet);
}

#[test]
fn prisoners_of_war_finds_the_1953_resolution_first() {
    let index = embedded_index().unwrap();
    let r = search(&index, "prisoners of war");
    assert!(!r.fallback);
    let top = &r.hits[0];
    assert_eq!(top.date.as_deref(), Some("1953-03-19"));
    assert_eq!(top.kind.as_deref(), Some("resolution"));
}

#[test]
fn plenum_in_russian_finds_the_mikoyan_telegram_through_its_inflections() {
    let index = embedded_index().unwrap();
    let r = search(&index, "пленум");
    let top = &r.hits[0];
    assert_eq!(top.date.as_deref(), Some("1956-09-21"), "{top:?}");
    assert_eq!(top.kind.as_deref(), Some("telegram"));
    let marks = marked(top);
    assert!(marks.iter().all(|m| m.to_lowercase().starts_with("пленум")), "{marks:?}");
    assert!(marks.iter().any(|m| m != "пленум"), "an inflected form is highlighted: {marks:?}");
    for form in ["пленума", "пленумом"] {
        assert!(search(&index, form).hits.iter().any(|h| h.id == top.id), "{form}");
    }
}

#[test]
fn ivanov_citizenship_finds_the_listing_entry_of_6_december_1955() {
    let index = embedded_index().unwrap();
    let r = search(&index, "Ivanov citizenship");
    let top = &r.hits[0];
    assert_eq!(top.date.as_deref(), Some("1955-12-06"), "{top:?}");
    assert!(top.parent.is_some(), "a sub-result of the listing page");
    assert!(marked(top).iter().any(|m| m.eq_ignore_ascii_case("citizenship")));
}

#[test]
fn every_listing_entry_is_its_own_document() {
    let index = embedded_index().unwrap();
    let r = index.search("Korean", &SearchOptions { limit: 100, ..SearchOptions::default() }).unwrap();
    let entries = r.hits.iter().filter(|h| h.parent.is_some()).count();
    assert!(entries >= 5, "{entries} listing entries match 'Korean'");
}

#[test]
fn the_last_word_matches_as_a_prefix_while_typing() {
    let index = embedded_index().unwrap();
    let r = search(&index, "Puza");
    assert!(r.hits[0].title.contains("Puzanov"));
    let done = index.search("Puza", &SearchOptions { prefix_last: false, ..SearchOptions::default() }).unwrap();
    assert_eq!(done.total, 0);
}

#[test]
fn all_words_must_match_and_partial_matches_are_a_labelled_fallback() {
    let index = embedded_index().unwrap();
    let and = search(&index, "Puzanov armistice");
    assert!(!and.fallback && and.total >= 1);
    let partial = search(&index, "Puzanov xylophonequartz");
    assert!(partial.fallback);
    assert!(partial.hits[0].title.contains("Puzanov"));
}

#[test]
fn the_russian_scan_is_the_section_of_a_russian_match() {
    let index = embedded_index().unwrap();
    let r = search(&index, "пленум");
    assert_eq!(r.hits[0].section.as_deref(), Some("Original Scan"));
    let en = search(&index, "Peng Dehuai interpreter");
    assert!(en.hits[0].section.as_deref().is_some_and(|s| s.contains("Translation")), "{:?}", en.hits[0]);
}

#[test]
fn results_carry_no_html() {
    let index = embedded_index().unwrap();
    for q in ["Korea", "пленум", "Kim Il Sung"] {
        for hit in search(&index, q).hits {
            assert!(!hit.snippet.text.contains("<u>") && !hit.title.contains("**"), "{hit:?}");
        }
    }
}

#[test]
fn ranking_is_deterministic() {
    let index = embedded_index().unwrap();
    for q in ["Korea", "party", "пленум", "Kim"] {
        assert_eq!(search(&index, q), search(&index, q));
    }
}
