//! The document store's round trips and damage checks.

use super::*;
use crate::analysis::Analyzer;
use crate::corpus::{Document, Section};
use crate::{Error, Result};

fn sample() -> Vec<Document> {
    let mut a = Document::new("a", "Телеграмма", "Original Scan Пхеньян. Translation Pyongyang.");
    a.date = Some("1956-09-21".into());
    a.lang = Some("ru".into());
    a.kind = Some("telegram".into());
    a.summary = "A meeting".into();
    a.sections = vec![
        Section { title: "Original Scan".into(), start: 0, anchor: None },
        Section { title: "Translation".into(), start: 30, anchor: Some("tr".into()) },
    ];
    a.parent = Some("p".into());
    vec![a, Document::new("b", "B", "")]
}

fn encode_store(docs: &[Document]) -> Vec<u8> {
    let mut w = StoreWriter::default();
    let analyzer = Analyzer::new();
    for doc in docs {
        let checkpoints = Field::ALL.map(|f| {
            let words = analyzer.words(field_text(doc, f));
            words.iter().filter(|w| w.position % CHECKPOINT_WORDS == 0).map(|w| w.start as u32).collect()
        });
        w.add(doc, &checkpoints).unwrap();
    }
    w.finish().unwrap()
}

fn load(bytes: &[u8]) -> Result<StoreBuf> {
    StoreBuf::new(bytes.to_vec())
}

#[test]
fn store_round_trips_every_field() {
    let docs = sample();
    let buf = load(&encode_store(&docs)).unwrap();
    let store = buf.view().unwrap();
    assert_eq!(store.len(), 2);
    assert_eq!(store.get(0).unwrap().to_stored().doc, docs[0]);
    assert_eq!(store.get(1).unwrap().to_stored().doc, docs[1]);
    assert_eq!(store.get(0).unwrap().section_at(31).map(|s| s.anchor), Some(Some("tr")));
    assert!(store.get(2).is_err());
}

#[test]
fn split_stores_keep_their_records_and_find_their_text() {
    let mut w = StoreWriter::default();
    let docs: Vec<Document> =
        (0..9).map(|i| Document::new(format!("d{i}"), format!("Заголовок {i}"), "текст ".repeat(i * 7))).collect();
    for doc in &docs {
        w.add(doc, &Default::default()).unwrap();
    }
    let (firsts, sections) = w.finish_split(60).unwrap();
    assert!(sections.len() > 2, "a store this size is cut into several sections");
    let per = w.docs_per_chunk(60);
    assert!(firsts.iter().enumerate().all(|(k, &f)| f == k as u32 * per), "{firsts:?}: not every {per} documents");
    for (k, section) in sections.iter().enumerate() {
        let buf = load(section).unwrap();
        let store = buf.view().unwrap();
        for i in 0..store.len() {
            let doc = &docs[(firsts[k] + i) as usize];
            assert_eq!(store.get(i).unwrap().to_stored().doc, *doc);
        }
    }
}

#[test]
fn checkpoints_mark_every_32nd_word() {
    let body: String = (0..100).map(|i| format!("w{i} ")).collect();
    let buf = load(&encode_store(&[Document::new("a", "t", body.clone())])).unwrap();
    let stored = buf.view().unwrap().get(0).unwrap();
    let body_points = &stored.checkpoints[Field::Body as usize];
    assert_eq!(body_points.len(), 4);
    assert!(body[body_points[1] as usize..].starts_with("w32 "));
    assert!(body[body_points[3] as usize..].starts_with("w96 "));
}

#[test]
fn damaged_store_is_an_error() {
    let bytes = encode_store(&sample());
    let read_all = |bytes: &[u8]| -> Result<()> {
        let buf = load(bytes)?;
        let store = buf.view()?;
        store.get(0).and(store.get(1)).map(drop)
    };
    assert!(read_all(&bytes).is_ok());
    for cut in 0..bytes.len() {
        assert!(read_all(&bytes[..cut]).is_err(), "cut at {cut} was read");
    }
    // Invalid UTF-8 in the text block, found when the store is loaded.
    let mut bad = bytes.clone();
    let last = bad.len() - 1;
    bad[last] = 0xff;
    assert!(matches!(load(&bad), Err(Error::Corrupt(_))));
}
