//! Writing the document store: records and their text, whole or cut into chunks.

use super::super::codec::Encoder;
use super::super::fields::Field;
use crate::corpus::Document;

/// Writes the length of `s` to the record and `s` to the text.
fn put(e: &mut Encoder, text: &mut String, s: &str) {
    e.varint(s.len() as u64);
    text.push_str(s);
}

/// Writes an optional string: 0 for `None`, else its length + 1.
fn put_opt(e: &mut Encoder, text: &mut String, s: Option<&str>) {
    match s {
        None => e.varint(0),
        Some(s) => {
            e.varint(s.len() as u64 + 1);
            text.push_str(s);
        }
    }
}

/// Writes the strings of `doc` in the order their text is laid out: id, title, url, date,
/// language, original language, type, summary, citation, body, each section's title (with its
/// start) and anchor, parent, each `meta` key and value.
fn encode_doc(doc: &Document, e: &mut Encoder, text: &mut String) {
    put(e, text, &doc.id);
    put(e, text, &doc.title);
    for value in [&doc.url, &doc.date, &doc.lang, &doc.original_lang, &doc.kind] {
        put_opt(e, text, value.as_deref());
    }
    for value in [&doc.summary, &doc.citation, &doc.body] {
        put(e, text, value);
    }
    e.varint(doc.sections.len() as u64);
    for section in &doc.sections {
        put(e, text, &section.title);
        e.varint(section.start as u64);
        put_opt(e, text, section.anchor.as_deref());
    }
    put_opt(e, text, doc.parent.as_deref());
    e.varint(doc.meta.len() as u64);
    for (key, value) in &doc.meta {
        put(e, text, key);
        put(e, text, value);
    }
}

/// Encodes the document store one record at a time.
#[derive(Debug, Default)]
pub struct StoreWriter {
    records: Encoder,
    text: String,
    /// Per document: where its record and its text start.
    starts: Vec<(u32, u64)>,
}

impl StoreWriter {
    /// Appends `doc`'s record, with its fields' word checkpoints (the byte offset of every
    /// [`CHECKPOINT_WORDS`]th word, ascending, per [`Field`]).
    pub fn add(&mut self, doc: &Document, checkpoints: &[Vec<u32>; Field::COUNT]) {
        let text_start = self.text.len() as u64;
        self.starts.push((self.records.buf.len() as u32, text_start));
        self.records.varint(text_start);
        encode_doc(doc, &mut self.records, &mut self.text);
        for list in checkpoints {
            self.records.varint(list.len() as u64);
            let mut last = 0;
            for &c in list {
                self.records.varint(u64::from(c.saturating_sub(last)));
                last = c;
            }
        }
    }

    /// The bytes of the records and text written so far.
    pub fn byte_len(&self) -> usize {
        self.records.buf.len() + self.text.len()
    }

    /// The encoded store section.
    pub fn finish(self) -> Vec<u8> {
        self.section(0..self.starts.len())
    }

    /// The store cut into sections of consecutive documents, each cut once its records and text
    /// pass `target` bytes: (first document of each, sections).
    pub fn finish_split(&self, target: usize) -> (Vec<u32>, Vec<Vec<u8>>) {
        let firsts = self.cuts(target);
        let sections = self.ranges(&firsts).map(|docs| self.section(docs)).collect();
        (firsts, sections)
    }

    /// Where [`StoreWriter::finish_split`] cuts the store: the first document of each section.
    pub fn cuts(&self, target: usize) -> Vec<u32> {
        let size = |doc: usize| self.starts.get(doc).map_or(self.byte_len() as u64, |&(r, t)| u64::from(r) + t);
        let mut firsts = vec![0u32];
        for doc in 1..self.starts.len() {
            let first = *firsts.last().unwrap_or(&0) as usize;
            if size(doc) - size(first) >= target as u64 {
                firsts.push(doc as u32);
            }
        }
        firsts
    }

    /// The documents of each section that starts at `firsts`.
    pub fn ranges<'a>(&self, firsts: &'a [u32]) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let ends = firsts.iter().skip(1).map(|&f| f as usize).chain([self.starts.len()]);
        firsts.iter().zip(ends).map(|(&from, to)| from as usize..to)
    }

    /// The store section of documents `docs`.
    pub fn section(&self, docs: std::ops::Range<usize>) -> Vec<u8> {
        let (records_end, text_end) = (self.records.buf.len() as u32, self.text.len() as u64);
        let (start, text_start) = self.starts.get(docs.start).copied().unwrap_or((records_end, text_end));
        let (end, text_stop) = self.starts.get(docs.end).copied().unwrap_or((records_end, text_end));
        let mut e = Encoder::new();
        e.u32(docs.len() as u32);
        e.u32(end - start);
        e.varint(text_start);
        for &(offset, _) in &self.starts[docs] {
            e.u32(offset - start);
        }
        e.buf.extend_from_slice(&self.records.buf[start as usize..end as usize]);
        e.buf.extend_from_slice(&self.text.as_bytes()[text_start as usize..text_stop as usize]);
        e.buf
    }
}
