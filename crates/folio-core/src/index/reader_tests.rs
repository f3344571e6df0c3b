//! Tests of opening and reading an index.

use super::*;
use crate::index::{Dictionary, IndexWriter, Scope};
use fst::Automaton;

fn sample() -> Vec<u8> {
    let mut w = IndexWriter::new();
    let mut a = Document::new("a", "Telegram from Mikoyan", "The plenum. The August plenum.");
    a.lang = Some("en".into());
    w.add(a).unwrap();
    w.add(Document::new("b", "Пленум", "Решения пленума ЦК")).unwrap();
    w.finish().unwrap()
}

/// A walk's keys and ordinals, as pairs.
fn pairs(found: Vec<crate::index::KeyMatch>) -> Vec<(String, u32)> {
    found.into_iter().map(|m| (m.key, m.ordinal)).collect()
}

#[test]
fn the_scripts_of_the_dictionary_are_known_without_fetching_chunks() {
    const CYRILLIC: std::ops::RangeInclusive<u8> = 0xD0..=0xD4;
    let mixed = Index::from_bytes(&sample()).unwrap();
    assert!(mixed.may_hold_terms_starting_in(CYRILLIC) && mixed.may_hold_terms_starting_in(b'a'..=b'z'));
    let latin_writer = || {
        let mut w = IndexWriter::new();
        for i in 0..60 {
            w.add(Document::new(format!("d{i}"), "Report", format!("word{i} other{i} plain text"))).unwrap();
        }
        w
    };
    let single = Index::from_bytes(&latin_writer().finish().unwrap()).unwrap();
    assert!(single.may_hold_terms_starting_in(b'a'..=b'z'));
    assert!(!single.may_hold_terms_starting_in(CYRILLIC));
    let split = latin_writer().finish_split(crate::index::ChunkSizes { terms: 64, docs: 64 }).unwrap();
    let root = Index::from_bytes(&split.root).unwrap();
    assert!(root.is_split() && root.may_hold_terms_starting_in(b'a'..=b'z'));
    assert!(!root.may_hold_terms_starting_in(CYRILLIC));
    assert!(root.searcher().check_missing().is_ok(), "answered from the directory alone");
    // The stems in each script, from the settings: the same in the root as in the single file.
    assert_eq!((mixed.stems_in(Script::Latin), mixed.stems_in(Script::Cyrillic)), (6, 3));
    assert_eq!(root.stems_in(Script::Latin), single.stems_in(Script::Latin));
    assert_eq!((root.stems_in(Script::Latin), root.stems_in(Script::Cyrillic)), (single.term_count() as u64, 0));
}

#[test]
fn written_index_reads_back() {
    let index = Index::from_bytes(&sample()).unwrap();
    assert_eq!(index.doc_count(), 2);
    let ord = index.stem_ordinal("plenum").unwrap();
    let info = index.term_info(ord).unwrap();
    assert_eq!(info.doc_freq, 1);
    let postings = index.postings(&info).unwrap();
    assert_eq!(postings[0].tf, [0, 0, 2, 0]);
    let positions = index.positions(&info, &postings).unwrap();
    assert_eq!(positions[0][Field::Body as usize], [1, 4]);
    assert_eq!(index.document(0).unwrap().title, "Telegram from Mikoyan");
    assert_eq!(index.meta(0).unwrap().lang, Some("en"));
    assert_eq!(postings[0].lengths, [0, 0, 5, 0]);
    let ru = index.stem_ordinal("пленум").unwrap();
    assert_eq!(index.term_info(ru).unwrap().doc_freq, 1);
    assert_eq!(index.form_ordinal("пленума"), Some(ru));
}

#[test]
fn word_walks_find_stems_and_forms_in_key_order() {
    let index = Index::from_bytes(&sample()).unwrap();
    let ru = index.stem_ordinal("пленум").unwrap();
    // "пленум" is its own stem (one key, flagged as a form), "пленума" is not.
    assert_eq!(index.form_ordinal("пленум"), Some(ru));
    let prefix = fst::automaton::Str::new("плен").starts_with();
    let found = pairs(index.walk(Dictionary::Words, Scope::Prefix("плен"), &prefix, 10));
    assert_eq!(found, [("пленум".to_string(), ru), ("пленума".to_string(), ru)]);
    assert_eq!(index.walk(Dictionary::Words, Scope::Prefix("плен"), &prefix, 1).len(), 1);
    // A stem that is no word form is not a word.
    let decis = index.stem_ordinal("решен").unwrap();
    assert_eq!(index.form_ordinal("решен"), None);
    assert_eq!(index.form_ordinal("решения"), Some(decis));
}

#[test]
fn a_key_can_be_one_stem_and_a_form_of_another() {
    // English Snowball stems "consideration" to "consider", and "consider" to "consid".
    let writer = || {
        let mut w = IndexWriter::new();
        w.add(Document::new("a", "Notes", "We consider the consideration of it.")).unwrap();
        w
    };
    let split = writer().finish_split(crate::index::ChunkSizes { terms: 16, docs: 64 }).unwrap();
    let mut chunked = Index::from_bytes(&split.root).unwrap();
    for (_, chunk) in split.chunks {
        chunked.add_chunk(chunk).unwrap();
    }
    for index in [Index::from_bytes(&writer().finish().unwrap()).unwrap(), chunked] {
        let stem = index.stem_ordinal("consider").unwrap();
        let form_of = index.form_ordinal("consider").unwrap();
        assert_eq!(index.stem_ordinal("consid"), Some(form_of));
        assert_eq!(index.form_ordinal("consideration"), Some(stem));
        let prefix = fst::automaton::Str::new("consid").starts_with();
        let words = pairs(index.walk(Dictionary::Words, Scope::Prefix("consid"), &prefix, 10));
        assert_eq!(words, [("consider".to_string(), form_of), ("consideration".to_string(), stem)]);
        let stems = pairs(index.walk(Dictionary::Terms, Scope::Prefix("consid"), &prefix, 10));
        assert_eq!(stems, [("consid".to_string(), form_of), ("consider".to_string(), stem)]);
    }
}

#[test]
fn duplicate_ids_are_refused() {
    let mut w = IndexWriter::new();
    w.add(Document::new("a", "x", "")).unwrap();
    assert!(matches!(w.add(Document::new("a", "y", "")), Err(Error::DuplicateId(_))));
}

#[test]
fn writing_is_deterministic() {
    assert_eq!(sample(), sample());
}

#[test]
fn every_truncation_and_bit_flip_is_an_error() {
    let bytes = sample();
    for cut in 0..bytes.len() {
        assert!(Index::from_bytes(&bytes[..cut]).is_err(), "truncated at {cut}");
    }
    for i in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[i] ^= 0x04;
        assert!(Index::from_bytes(&damaged).is_err(), "flip at byte {i} was accepted");
    }
}
