//! Reading the document store: a record decoded on demand, its text borrowed from the file.

use super::super::codec::Decoder;
use super::super::fields::Field;
use super::super::file_slice::FileSlice;
use super::{DocView, SectionView};
use crate::{Error, Result};

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
        let n = d.len()?;
        for _ in 0..n {
            let key = t.str(&mut d)?;
            doc.meta.push((key, t.str(&mut d)?));
        }
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
