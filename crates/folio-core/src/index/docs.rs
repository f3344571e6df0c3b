//! The document store: every document's fields, for hits and snippets.
//!
//! The store is `u32 count`, `u32 offset` per document (from the start of the records), then one
//! record per document: every [`Document`] field, length-prefixed, then for each indexed field the
//! byte offset of every [`CHECKPOINT_WORDS`]th word, so a snippet can start analysing the text at
//! the word it needs instead of at the top of a long document. A hit decodes only its own record.
//! Metadata (date, language, type) is a separate, small section decoded once at load
//! ([`meta`](super::meta)).

use super::codec::{Decoder, Encoder};
use super::fields::Field;
use crate::corpus::{Document, Section};
use crate::{Error, Result};

/// Every how many words a field's byte offset is recorded.
pub const CHECKPOINT_WORDS: u32 = 32;

/// A stored document with the word checkpoints of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDocument {
    /// The document.
    pub doc: Document,
    /// Per [`Field`]: the byte offset of word `k * CHECKPOINT_WORDS`, for k = 0, 1, …
    pub checkpoints: [Vec<u32>; Field::COUNT],
}

/// The text of `field` in `doc`.
pub fn field_text(doc: &Document, field: Field) -> &str {
    match field {
        Field::Title => &doc.title,
        Field::Summary => &doc.summary,
        Field::Body => &doc.body,
        Field::Citation => &doc.citation,
    }
}

fn encode_doc(doc: &Document, e: &mut Encoder) {
    e.str(&doc.id);
    e.str(&doc.title);
    e.opt_str(doc.url.as_deref());
    e.opt_str(doc.date.as_deref());
    e.opt_str(doc.lang.as_deref());
    e.opt_str(doc.original_lang.as_deref());
    e.opt_str(doc.kind.as_deref());
    e.str(&doc.summary);
    e.str(&doc.citation);
    e.str(&doc.body);
    e.varint(doc.sections.len() as u64);
    for s in &doc.sections {
        e.str(&s.title);
        e.varint(s.start as u64);
        e.opt_str(s.anchor.as_deref());
    }
    e.opt_str(doc.parent.as_deref());
}

fn decode_doc(d: &mut Decoder) -> Result<Document> {
    let owned = |s: Option<&str>| s.map(str::to_owned);
    let mut doc = Document {
        id: d.str()?.to_owned(),
        title: d.str()?.to_owned(),
        url: owned(d.opt_str()?),
        date: owned(d.opt_str()?),
        lang: owned(d.opt_str()?),
        original_lang: owned(d.opt_str()?),
        kind: owned(d.opt_str()?),
        summary: d.str()?.to_owned(),
        citation: d.str()?.to_owned(),
        body: d.str()?.to_owned(),
        ..Document::default()
    };
    let n = d.len()?;
    for _ in 0..n {
        let title = d.str()?.to_owned();
        let start = usize::try_from(d.varint()?).map_err(|_| Error::corrupt("a section offset is too large"))?;
        if start > doc.body.len() || !doc.body.is_char_boundary(start) {
            return Err(Error::corrupt(format!("section '{title}' starts outside the body")));
        }
        let anchor = owned(d.opt_str()?);
        doc.sections.push(Section { title, start, anchor });
    }
    doc.parent = owned(d.opt_str()?);
    Ok(doc)
}

/// Encodes the document store one record at a time.
#[derive(Debug, Default)]
pub struct StoreWriter {
    records: Encoder,
    offsets: Vec<u32>,
}

impl StoreWriter {
    /// Appends `doc`'s record, with its fields' word checkpoints (the byte offset of every
    /// [`CHECKPOINT_WORDS`]th word, ascending, per [`Field`]).
    pub fn add(&mut self, doc: &Document, checkpoints: &[Vec<u32>; Field::COUNT]) {
        self.offsets.push(self.records.buf.len() as u32);
        encode_doc(doc, &mut self.records);
        for list in checkpoints {
            self.records.varint(list.len() as u64);
            let mut last = 0;
            for &c in list {
                self.records.varint(u64::from(c.saturating_sub(last)));
                last = c;
            }
        }
    }

    /// The bytes of the records written so far.
    pub fn byte_len(&self) -> usize {
        self.records.buf.len()
    }

    /// The encoded store section.
    pub fn finish(self) -> Vec<u8> {
        self.section(0..self.offsets.len())
    }

    /// The store cut into sections of consecutive documents, each cut once its records pass
    /// `target` bytes: (first document of each, sections).
    pub fn finish_split(&self, target: usize) -> (Vec<u32>, Vec<Vec<u8>>) {
        let mut firsts = vec![0u32];
        for (doc, &offset) in self.offsets.iter().enumerate().skip(1) {
            let start = self.offsets[*firsts.last().unwrap_or(&0) as usize];
            if (offset - start) as usize >= target {
                firsts.push(doc as u32);
            }
        }
        let ends = firsts.iter().skip(1).map(|&f| f as usize).chain([self.offsets.len()]);
        let sections = firsts.iter().zip(ends).map(|(&from, to)| self.section(from as usize..to)).collect();
        (firsts, sections)
    }

    /// The store section of documents `docs`.
    fn section(&self, docs: std::ops::Range<usize>) -> Vec<u8> {
        let start = self.offsets.get(docs.start).map_or(self.records.buf.len(), |&o| o as usize);
        let end = self.offsets.get(docs.end).map_or(self.records.buf.len(), |&o| o as usize);
        let mut e = Encoder::new();
        e.u32(docs.len() as u32);
        for &o in &self.offsets[docs] {
            e.u32(o - start as u32);
        }
        e.buf.extend_from_slice(&self.records.buf[start..end]);
        e.buf
    }
}

/// A read-only view of the document store.
#[derive(Debug, Clone)]
pub struct DocStore<'a> {
    offsets: &'a [u8],
    records: &'a [u8],
    count: u32,
}

impl<'a> DocStore<'a> {
    /// Opens the store section. Offsets are checked when a document is read.
    pub fn open(bytes: &'a [u8]) -> Result<DocStore<'a>> {
        let mut d = Decoder::new(bytes, "document store");
        let count = d.u32()?;
        let table_len = (count as usize).checked_mul(4).ok_or_else(|| Error::corrupt("document count overflows"))?;
        let offsets = d.bytes(table_len)?;
        let records = &bytes[d.position()..];
        let store = DocStore { offsets, records, count };
        Ok(store)
    }

    /// How many documents the store holds.
    pub fn len(&self) -> u32 {
        self.count
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    fn offset(&self, i: u32) -> Result<usize> {
        let mut d = Decoder::new(self.offsets, "document offsets");
        d.bytes(i as usize * 4)?;
        Ok(d.u32()? as usize)
    }

    /// Decodes document `i` with its word checkpoints.
    pub fn get(&self, i: u32) -> Result<StoredDocument> {
        if i >= self.count {
            return Err(Error::corrupt(format!("document {i} does not exist")));
        }
        let start = self.offset(i)?;
        let record = self.records.get(start..).ok_or_else(|| Error::corrupt("document offset out of range"))?;
        let mut d = Decoder::new(record, "document record");
        let doc = decode_doc(&mut d)?;
        let mut checkpoints: [Vec<u32>; Field::COUNT] = Default::default();
        for field in Field::ALL {
            let len = field_text(&doc, field).len() as u64;
            let n = d.len()?;
            let mut at = 0u64;
            let list = &mut checkpoints[field as usize];
            for _ in 0..n {
                at += d.varint()?;
                if at > len {
                    return Err(Error::corrupt("a word checkpoint lies past the end of its text"));
                }
                list.push(at as u32);
            }
        }
        Ok(StoredDocument { doc, checkpoints })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

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
            w.add(doc, &checkpoints);
        }
        w.finish()
    }

    #[test]
    fn store_round_trips_every_field() {
        let docs = sample();
        let bytes = encode_store(&docs);
        let store = DocStore::open(&bytes).unwrap();
        assert_eq!(store.len(), 2);
        assert_eq!(store.get(0).unwrap().doc, docs[0]);
        assert_eq!(store.get(1).unwrap().doc, docs[1]);
        assert!(store.get(2).is_err());
    }

    #[test]
    fn checkpoints_mark_every_32nd_word() {
        let body: String = (0..100).map(|i| format!("w{i} ")).collect();
        let bytes = encode_store(&[Document::new("a", "t", body.clone())]);
        let stored = DocStore::open(&bytes).unwrap().get(0).unwrap();
        let body_points = &stored.checkpoints[Field::Body as usize];
        assert_eq!(body_points.len(), 4);
        assert!(body[body_points[1] as usize..].starts_with("w32 "));
        assert!(body[body_points[3] as usize..].starts_with("w96 "));
    }

    #[test]
    fn damaged_store_is_an_error() {
        let bytes = encode_store(&sample());
        for cut in 0..bytes.len() {
            let _ = DocStore::open(&bytes[..cut]).and_then(|s| s.get(0).and(s.get(1)));
        }
        assert!(DocStore::open(&bytes[..6]).is_err());
    }
}
