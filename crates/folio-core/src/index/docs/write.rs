//! Writing the document store: records and their text, whole or cut into chunks.

use super::super::codec::{Decoder, Encoder};
use super::super::fields::Field;
use super::super::spool::Spool;
use crate::corpus::Document;
use crate::{Error, Result};

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

/// A document's record (all but where its text starts) and text, encoded apart from the store so
/// that documents can be encoded on several threads and appended in order.
#[derive(Debug, Default)]
pub struct EncodedDoc {
    record: Vec<u8>,
    text: String,
}

impl EncodedDoc {
    /// Encodes `doc` with its fields' word checkpoints (the byte offset of every
    /// [`CHECKPOINT_WORDS`](super::CHECKPOINT_WORDS)th word, ascending, per [`Field`]).
    pub fn new(doc: &Document, checkpoints: &[Vec<u32>; Field::COUNT]) -> EncodedDoc {
        let (mut e, mut text) = (Encoder::new(), String::new());
        encode_doc(doc, &mut e, &mut text);
        for list in checkpoints {
            e.varint(list.len() as u64);
            let mut last = 0;
            for &c in list {
                e.varint(u64::from(c.saturating_sub(last)));
                last = c;
            }
        }
        EncodedDoc { record: e.buf, text }
    }
}

/// Encodes the document store one record at a time, holding it in memory or, with
/// [`StoreWriter::spooled`], in temporary files.
#[derive(Debug, Default)]
pub struct StoreWriter {
    records: Spool,
    text: Spool,
    /// Per document: where its record and its text start.
    starts: Vec<(u64, u64)>,
}

impl StoreWriter {
    /// A store written to the temporary files `<base>.records` and `<base>.text` as documents
    /// are added (removed by the caller, with the folder they are in), not held in memory.
    pub(in crate::index) fn spooled(base: &std::path::Path) -> Result<StoreWriter> {
        let records = Spool::file(base.with_extension("records"))?;
        let text = Spool::file(base.with_extension("text"))?;
        Ok(StoreWriter { records, text, starts: Vec::new() })
    }

    /// Appends `doc`'s record, with its fields' word checkpoints (the byte offset of every
    /// [`CHECKPOINT_WORDS`](super::CHECKPOINT_WORDS)th word, ascending, per [`Field`]).
    pub fn add(&mut self, doc: &Document, checkpoints: &[Vec<u32>; Field::COUNT]) -> Result<()> {
        self.push(&EncodedDoc::new(doc, checkpoints))
    }

    /// Appends a document encoded by [`EncodedDoc::new`].
    pub fn push(&mut self, doc: &EncodedDoc) -> Result<()> {
        let text_start = self.text.len();
        self.starts.push((self.records.len(), text_start));
        let mut head = Encoder::new();
        head.varint(text_start);
        self.records.append(&head.buf)?;
        self.records.append(&doc.record)?;
        self.text.append(doc.text.as_bytes())
    }

    /// How many documents were added.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The bytes of the records and text written so far.
    pub fn byte_len(&self) -> usize {
        usize::try_from(self.records.len() + self.text.len()).unwrap_or(usize::MAX)
    }

    /// Ends the adding: the store can be read into sections from now on.
    pub fn seal(&mut self) -> Result<()> {
        self.records.seal()?;
        self.text.seal()
    }

    /// The encoded store section, sealing the store.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        self.seal()?;
        self.section(0..self.starts.len())
    }

    /// The store cut into sections of [`StoreWriter::docs_per_chunk`] consecutive documents
    /// each: (first document of each, sections). Seals the store.
    pub fn finish_split(&mut self, target: usize) -> Result<(Vec<u32>, Vec<Vec<u8>>)> {
        self.seal()?;
        let firsts = self.cuts(self.docs_per_chunk(target));
        let sections = self.ranges(&firsts).map(|docs| self.section(docs)).collect::<Result<_>>()?;
        Ok((firsts, sections))
    }

    /// How many documents each section of a split store holds so that the sections average
    /// about `target` bytes of records and text: a fixed count, so a document's section is its
    /// number divided by it and the chunk directory lists no first documents.
    pub fn docs_per_chunk(&self, target: usize) -> u32 {
        let docs = self.starts.len() as u64;
        let per = (target.max(1) as u64 * docs + self.byte_len() as u64 / 2) / (self.byte_len() as u64).max(1);
        u32::try_from(per.clamp(1, docs.max(1))).unwrap_or(u32::MAX)
    }

    /// The first document of each section of `per_chunk` documents.
    pub fn cuts(&self, per_chunk: u32) -> Vec<u32> {
        (0..self.starts.len().max(1) as u32).step_by(per_chunk.max(1) as usize).collect()
    }

    /// The documents of each section that starts at `firsts`.
    pub fn ranges<'a>(&self, firsts: &'a [u32]) -> impl Iterator<Item = std::ops::Range<usize>> + 'a {
        let ends = firsts.iter().skip(1).map(|&f| f as usize).chain([self.starts.len()]);
        firsts.iter().zip(ends).map(|(&from, to)| from as usize..to)
    }

    /// The store section of documents `docs`, in that order, wherever they lie in the store (a
    /// grouped document chunk, [`group`](super::group)): each record's text start is written
    /// again, counted from the section's own text. The store must be sealed.
    pub fn section_of(&self, docs: &[u32]) -> Result<Vec<u8>> {
        let ends = (self.records.len(), self.text.len());
        let span = |doc: usize| {
            let start = self.starts.get(doc).copied().unwrap_or(ends);
            (start, self.starts.get(doc + 1).copied().unwrap_or(ends))
        };
        let too_large = || Error::TooLarge("a document store section of more than 4 GiB".to_string());
        let (mut records, mut text, mut offsets) = (Vec::new(), Vec::new(), Vec::with_capacity(docs.len()));
        let mut record = Vec::new();
        for &doc in docs {
            let ((record_start, text_start), (record_end, text_end)) = span(doc as usize);
            record.clear();
            self.records.read(record_start..record_end, &mut record)?;
            // The record starts with where its text starts in the whole store.
            let mut d = Decoder::new(&record, "document store");
            d.varint()?;
            let rest = &record[d.position()..];
            offsets.push(u32::try_from(records.len()).map_err(|_| too_large())?);
            let mut head = Encoder::new();
            head.varint(text.len() as u64);
            records.extend_from_slice(&head.buf);
            records.extend_from_slice(rest);
            self.text.read(text_start..text_end, &mut text)?;
        }
        let mut e = Encoder::new();
        e.u32(docs.len() as u32);
        e.u32(u32::try_from(records.len()).map_err(|_| too_large())?);
        e.varint(0);
        offsets.iter().for_each(|&o| e.u32(o));
        e.buf.extend_from_slice(&records);
        e.buf.extend_from_slice(&text);
        Ok(e.buf)
    }

    /// The store section of documents `docs`. The store must be sealed ([`StoreWriter::seal`]).
    pub fn section(&self, docs: std::ops::Range<usize>) -> Result<Vec<u8>> {
        let (records_end, text_end) = (self.records.len(), self.text.len());
        let (start, text_start) = self.starts.get(docs.start).copied().unwrap_or((records_end, text_end));
        let (end, text_stop) = self.starts.get(docs.end).copied().unwrap_or((records_end, text_end));
        let too_large = || Error::TooLarge(format!("a document store section of {} bytes of records", end - start));
        let mut e = Encoder::new();
        e.u32(docs.len() as u32);
        e.u32(u32::try_from(end - start).map_err(|_| too_large())?);
        e.varint(text_start);
        for &(offset, _) in self.starts.get(docs).unwrap_or_default() {
            e.u32(u32::try_from(offset - start).map_err(|_| too_large())?);
        }
        self.records.read(start..end, &mut e.buf)?;
        self.text.read(text_start..text_stop, &mut e.buf)?;
        Ok(e.buf)
    }
}
