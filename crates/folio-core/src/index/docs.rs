//! The document store: every document's fields, for hits and snippets.
//!
//! ```text
//! u32 count · u32 records length · varint text base · u32 record offset × count · records · text
//! ```
//!
//! The text of every string field of every document lies in one UTF-8 block at the end, so it is
//! checked once, when the store is loaded ([`StoreBuf`], which keeps it in the index file's
//! buffer), and a hit borrows its text from it instead of copying its own. A record holds where the document's text starts in
//! the block (counted from the text base, so that a chunk of the store keeps its records as they
//! were written), the length of each field in order, then for each indexed field the byte offset
//! of every [`CHECKPOINT_WORDS`]th word, so a snippet can start analysing the text at the word it
//! needs instead of at the top of a long document. A hit decodes only its own record.
//! Metadata (date, language, type) is a separate, small section decoded once at load
//! ([`meta`](super::meta)).

use super::codec::{Decoder, Encoder};
use super::fields::Field;
use super::file_slice::FileSlice;
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
/// start) and anchor, parent.
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
}

/// Reads the strings of a record out of the text block, in the order [`encode_doc`] wrote them.
/// The store's text was checked to be UTF-8 when it was loaded; each field is checked again as it
/// is taken (it must start and end on character boundaries), which costs a pass over the field
/// but lets the text stay in the index file's buffer instead of a copy of it.
struct TextReader<'a> {
    text: &'a [u8],
    at: usize,
}

impl<'a> TextReader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a str> {
        let s = self
            .at
            .checked_add(len)
            .and_then(|end| self.text.get(self.at..end))
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .ok_or_else(|| Error::corrupt("a stored field lies outside the text of its store"))?;
        self.at += len;
        Ok(s)
    }

    /// A length from the record: of text, so not bounded by the record's own bytes.
    fn len(d: &mut Decoder) -> Result<usize> {
        usize::try_from(d.varint()?).map_err(|_| Error::corrupt("a stored field is longer than memory"))
    }

    fn str(&mut self, d: &mut Decoder) -> Result<&'a str> {
        let len = Self::len(d)?;
        self.take(len)
    }

    fn opt_str(&mut self, d: &mut Decoder) -> Result<Option<&'a str>> {
        match Self::len(d)? {
            0 => Ok(None),
            n => self.take(n - 1).map(Some),
        }
    }
}

/// A stored section of a document's body, borrowed from the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionView<'a> {
    /// The heading as it appears in the text.
    pub title: &'a str,
    /// Byte offset in the body where the section starts.
    pub start: usize,
    /// The fragment that links to it, if any.
    pub anchor: Option<&'a str>,
}

/// A stored document, borrowed from the store, with the word checkpoints of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocView<'a> {
    /// Unique identifier.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// Link target, if known.
    pub url: Option<&'a str>,
    /// ISO date, if known.
    pub date: Option<&'a str>,
    /// Language code, if known.
    pub lang: Option<&'a str>,
    /// Original language code, if known.
    pub original_lang: Option<&'a str>,
    /// Document type, if known.
    pub kind: Option<&'a str>,
    /// The summary field.
    pub summary: &'a str,
    /// The citation field.
    pub citation: &'a str,
    /// The main text.
    pub body: &'a str,
    /// Named sections of `body`, in order.
    pub sections: Vec<SectionView<'a>>,
    /// Id of the page the document was cut from, if any.
    pub parent: Option<&'a str>,
    /// Per [`Field`]: the byte offset of word `k * CHECKPOINT_WORDS`, for k = 0, 1, …
    pub checkpoints: [Vec<u32>; Field::COUNT],
}

impl<'a> DocView<'a> {
    /// The text of `field`.
    pub fn field(&self, field: Field) -> &'a str {
        match field {
            Field::Title => self.title,
            Field::Summary => self.summary,
            Field::Body => self.body,
            Field::Citation => self.citation,
        }
    }

    /// The section that contains byte `offset` of the body, if any.
    pub fn section_at(&self, offset: usize) -> Option<&SectionView<'a>> {
        self.sections.iter().take_while(|s| s.start <= offset).last()
    }

    /// The document and its checkpoints, owned.
    pub fn to_stored(&self) -> StoredDocument {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        let doc = Document {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            url: owned(self.url),
            date: owned(self.date),
            lang: owned(self.lang),
            original_lang: owned(self.original_lang),
            kind: owned(self.kind),
            summary: self.summary.to_owned(),
            citation: self.citation.to_owned(),
            body: self.body.to_owned(),
            sections: self
                .sections
                .iter()
                .map(|s| Section { title: s.title.to_owned(), start: s.start, anchor: owned(s.anchor) })
                .collect(),
            parent: owned(self.parent),
            ..Document::default()
        };
        StoredDocument { doc, checkpoints: self.checkpoints.clone() }
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

/// Where the parts of a store section lie.
struct Layout<'a> {
    count: u32,
    base: u64,
    offsets: &'a [u8],
    records: &'a [u8],
    text: &'a [u8],
}

fn layout(bytes: &[u8]) -> Result<Layout<'_>> {
    let mut d = Decoder::new(bytes, "document store");
    let count = d.u32()?;
    let records_len = d.u32()? as usize;
    let base = d.varint()?;
    let table_len = (count as usize).checked_mul(4).ok_or_else(|| Error::corrupt("document count overflows"))?;
    let offsets = d.bytes(table_len)?;
    let records = d.bytes(records_len)?;
    Ok(Layout { count, base, offsets, records, text: &bytes[d.position()..] })
}

/// A store section, loaded: its layout and text checked once, its bytes left where the index
/// file was read (not copied).
#[derive(Debug, Clone)]
pub struct StoreBuf {
    bytes: FileSlice,
}

impl StoreBuf {
    /// Loads store section `bytes`, checking that its text is UTF-8.
    pub fn new(bytes: Vec<u8>) -> Result<StoreBuf> {
        StoreBuf::from_slice(FileSlice::new(bytes))
    }

    /// Loads the store section `bytes` of an index file read into memory.
    pub(crate) fn from_slice(bytes: FileSlice) -> Result<StoreBuf> {
        std::str::from_utf8(layout(bytes.bytes())?.text)
            .map_err(|_| Error::corrupt("the document store holds invalid UTF-8"))?;
        Ok(StoreBuf { bytes })
    }

    /// The store, ready to read.
    pub fn view(&self) -> Result<DocStore<'_>> {
        let Layout { count, base, offsets, records, text } = layout(self.bytes.bytes())?;
        Ok(DocStore { offsets, records, text, base, count })
    }
}

/// A read-only view of the document store.
#[derive(Debug, Clone)]
pub struct DocStore<'a> {
    offsets: &'a [u8],
    records: &'a [u8],
    text: &'a [u8],
    base: u64,
    count: u32,
}

impl<'a> DocStore<'a> {
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

    /// Document `i` with its word checkpoints, borrowing its text from the store.
    pub fn get(&self, i: u32) -> Result<DocView<'a>> {
        if i >= self.count {
            return Err(Error::corrupt(format!("document {i} does not exist")));
        }
        let start = self.offset(i)?;
        let record = self.records.get(start..).ok_or_else(|| Error::corrupt("document offset out of range"))?;
        let mut d = Decoder::new(record, "document record");
        let at = d
            .varint()?
            .checked_sub(self.base)
            .and_then(|at| usize::try_from(at).ok())
            .ok_or_else(|| Error::corrupt("a document's text lies before the text of its store"))?;
        let mut t = TextReader { text: self.text, at };
        let mut doc = DocView {
            id: t.str(&mut d)?,
            title: t.str(&mut d)?,
            url: t.opt_str(&mut d)?,
            date: t.opt_str(&mut d)?,
            lang: t.opt_str(&mut d)?,
            original_lang: t.opt_str(&mut d)?,
            kind: t.opt_str(&mut d)?,
            summary: t.str(&mut d)?,
            citation: t.str(&mut d)?,
            body: t.str(&mut d)?,
            ..DocView::default()
        };
        let n = d.len()?;
        for _ in 0..n {
            let title = t.str(&mut d)?;
            let start = usize::try_from(d.varint()?).map_err(|_| Error::corrupt("a section offset is too large"))?;
            if !doc.body.is_char_boundary(start) {
                return Err(Error::corrupt(format!("section '{title}' starts outside the body")));
            }
            let anchor = t.opt_str(&mut d)?;
            doc.sections.push(SectionView { title, start, anchor });
        }
        doc.parent = t.opt_str(&mut d)?;
        for field in Field::ALL {
            let len = doc.field(field).len() as u64;
            let n = d.len()?;
            let mut at = 0u64;
            let list = &mut doc.checkpoints[field as usize];
            for _ in 0..n {
                at += d.varint()?;
                if at > len {
                    return Err(Error::corrupt("a word checkpoint lies past the end of its text"));
                }
                list.push(at as u32);
            }
        }
        Ok(doc)
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
            w.add(doc, &Default::default());
        }
        let (firsts, sections) = w.finish_split(60);
        assert!(sections.len() > 2, "a store this size is cut into several sections");
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
}
