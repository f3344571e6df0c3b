//! Opening and reading an index.

use std::ops::Range;

use super::codec::Decoder;
use super::docs::{self, DocMeta, DocStore, StoredDocument};
use super::fields::{Field, Settings};
use super::format::{self, SectionKind};
use super::postings::{self, Posting};
use crate::corpus::Document;
use crate::{Error, Result};

/// Where one term's data lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// How many documents contain the term.
    pub doc_freq: u32,
    /// Byte offset of the term's postings in the postings section.
    pub postings_offset: u32,
    /// Byte offset of the term's positions in the positions section.
    pub positions_offset: u32,
}

const TERM_INFO_LEN: usize = 12;

/// An opened, verified index, ready to search.
pub struct Index {
    data: Box<[u8]>,
    terms: fst::Map<Vec<u8>>,
    words: fst::Map<Vec<u8>>,
    infos: Range<usize>,
    postings: Range<usize>,
    positions: Range<usize>,
    store: Range<usize>,
    settings: Settings,
    doc_count: u32,
    avg_lengths: [f32; Field::COUNT],
    field_lengths: Vec<[u32; Field::COUNT]>,
    metas: Vec<DocMeta>,
}

fn range_of(data: &[u8], section: &[u8]) -> Range<usize> {
    let start = section.as_ptr() as usize - data.as_ptr() as usize;
    start..start + section.len()
}

fn open_fst(bytes: &[u8], what: &str) -> Result<fst::Map<Vec<u8>>> {
    let map = fst::Map::new(bytes.to_vec()).map_err(|e| Error::corrupt(format!("{what}: {e}")))?;
    map.as_fst().verify().map_err(|e| Error::corrupt(format!("{what}: {e}")))?;
    Ok(map)
}

impl Index {
    /// Opens an index from its bytes, verifying magic, version, checksum and every section's
    /// structure. Damaged bytes give an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index> {
        Index::from_vec(bytes.to_vec())
    }

    /// Opens an index from bytes it takes ownership of, without copying them (a large index
    /// loaded in the browser would otherwise sit in memory twice).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Index> {
        let data: Box<[u8]> = bytes.into_boxed_slice();
        let sections = format::read(&data)?;

        let mut d = Decoder::new(sections.get(SectionKind::Settings)?, "settings");
        let settings = Settings::decode(&mut d)?;
        let doc_count = d.varint_u32()?;
        let term_count = d.varint()?;
        let mut avg_lengths = [0f32; Field::COUNT];
        for avg in &mut avg_lengths {
            *avg = d.f32()?;
        }

        let terms = open_fst(sections.get(SectionKind::Terms)?, "term dictionary")?;
        let words = open_fst(sections.get(SectionKind::Words)?, "word dictionary")?;
        if terms.len() as u64 != term_count {
            return Err(Error::corrupt("the term dictionary and the settings disagree on the term count"));
        }
        let infos = sections.get(SectionKind::TermInfos)?;
        if infos.len() != terms.len() * TERM_INFO_LEN {
            return Err(Error::corrupt("the term infos do not match the term dictionary"));
        }

        let lengths_bytes = sections.get(SectionKind::FieldLengths)?;
        let mut d = Decoder::new(lengths_bytes, "field lengths");
        // Each document takes at least one byte per field: a damaged count cannot reserve more.
        let mut field_lengths = Vec::with_capacity((doc_count as usize).min(lengths_bytes.len() / Field::COUNT));
        for _ in 0..doc_count {
            let mut lens = [0u32; Field::COUNT];
            for len in &mut lens {
                *len = d.varint_u32()?;
            }
            field_lengths.push(lens);
        }
        let metas = docs::decode_meta(sections.get(SectionKind::DocMeta)?)?;
        let store_bytes = sections.get(SectionKind::DocStore)?;
        let store = DocStore::open(store_bytes)?;
        if metas.len() != doc_count as usize || store.len() != doc_count {
            return Err(Error::corrupt("the document sections disagree on the document count"));
        }

        let infos = range_of(&data, infos);
        let postings = range_of(&data, sections.get(SectionKind::Postings)?);
        let positions = range_of(&data, sections.get(SectionKind::Positions)?);
        let store = range_of(&data, store_bytes);
        Ok(Index {
            data,
            terms,
            words,
            infos,
            postings,
            positions,
            store,
            settings,
            doc_count,
            avg_lengths,
            field_lengths,
            metas,
        })
    }

    /// How many documents the index holds.
    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// How many distinct terms (stems) the index holds.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The index's size in bytes.
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }

    /// The BM25F settings the index was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Average length of `field`, in words, over all documents.
    pub fn avg_length(&self, field: Field) -> f32 {
        self.avg_lengths[field as usize]
    }

    /// The length in words of each field of document `doc`.
    pub fn field_lengths(&self, doc: u32) -> [u32; Field::COUNT] {
        self.field_lengths.get(doc as usize).copied().unwrap_or_default()
    }

    /// Metadata of document `doc` (date, language, type).
    pub fn meta(&self, doc: u32) -> Option<&DocMeta> {
        self.metas.get(doc as usize)
    }

    /// The term dictionary: stemmed term → ordinal.
    pub fn terms(&self) -> &fst::Map<Vec<u8>> {
        &self.terms
    }

    /// The word dictionary: folded word form → ordinal of its stem.
    pub fn words(&self) -> &fst::Map<Vec<u8>> {
        &self.words
    }

    /// The ordinal of stemmed `term`, if the index has it.
    pub fn term_ordinal(&self, term: &str) -> Option<u32> {
        self.terms.get(term).and_then(|o| u32::try_from(o).ok())
    }

    /// Where the data of term `ordinal` lies.
    pub fn term_info(&self, ordinal: u32) -> Result<TermInfo> {
        let infos = &self.data[self.infos.clone()];
        let start = (ordinal as usize)
            .checked_mul(TERM_INFO_LEN)
            .filter(|&s| s + TERM_INFO_LEN <= infos.len())
            .ok_or_else(|| Error::corrupt(format!("term ordinal {ordinal} is out of range")))?;
        let mut d = Decoder::new(&infos[start..], "term infos");
        Ok(TermInfo { doc_freq: d.u32()?, postings_offset: d.u32()?, positions_offset: d.u32()? })
    }

    /// The postings of a term.
    pub fn postings(&self, info: &TermInfo) -> Result<Vec<Posting>> {
        let bytes = self.data[self.postings.clone()]
            .get(info.postings_offset as usize..)
            .ok_or_else(|| Error::corrupt("a postings offset is out of range"))?;
        postings::decode(&mut Decoder::new(bytes, "postings"), info.doc_freq, self.doc_count)
    }

    /// The positions of a term's `postings` (as returned by [`Index::postings`]).
    pub fn positions(&self, info: &TermInfo, postings: &[Posting]) -> Result<Vec<[Vec<u32>; Field::COUNT]>> {
        let bytes = self.data[self.positions.clone()]
            .get(info.positions_offset as usize..)
            .ok_or_else(|| Error::corrupt("a positions offset is out of range"))?;
        postings::decode_positions(&mut Decoder::new(bytes, "positions"), postings)
    }

    /// The stored document with ordinal `doc`.
    pub fn document(&self, doc: u32) -> Result<Document> {
        Ok(self.stored(doc)?.doc)
    }

    /// The stored document with ordinal `doc`, with its word checkpoints.
    pub fn stored(&self, doc: u32) -> Result<StoredDocument> {
        DocStore::open(&self.data[self.store.clone()])?.get(doc)
    }

    /// The positions of a term in each of `docs` (ascending) that contains it, per field, in one
    /// pass over the term's positions.
    pub fn positions_in(&self, info: &TermInfo, docs: &[u32]) -> Result<Vec<(u32, [Vec<u32>; Field::COUNT])>> {
        let postings = self.postings(info)?;
        let bytes = self.data[self.positions.clone()]
            .get(info.positions_offset as usize..)
            .ok_or_else(|| Error::corrupt("a positions offset is out of range"))?;
        let mut d = Decoder::new(bytes, "positions");
        let mut out = Vec::new();
        let mut wanted = docs.iter().peekable();
        for (i, posting) in postings.iter().enumerate() {
            while wanted.next_if(|&&w| w < posting.doc).is_some() {}
            let Some(&&next) = wanted.peek() else { break };
            if next == posting.doc {
                if let Some(per_field) = postings::decode_positions(&mut d, &postings[i..=i])?.pop() {
                    out.push((posting.doc, per_field));
                }
            } else {
                for _ in 0..posting.tf.iter().map(|&t| u64::from(t)).sum::<u64>() {
                    d.varint()?;
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::IndexWriter;

    fn sample() -> Vec<u8> {
        let mut w = IndexWriter::new();
        let mut a = Document::new("a", "Telegram from Mikoyan", "The plenum. The August plenum.");
        a.lang = Some("en".into());
        w.add(a).unwrap();
        w.add(Document::new("b", "Пленум", "Решения пленума ЦК")).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn written_index_reads_back() {
        let index = Index::from_bytes(&sample()).unwrap();
        assert_eq!(index.doc_count(), 2);
        let ord = index.term_ordinal("plenum").unwrap();
        let info = index.term_info(ord).unwrap();
        assert_eq!(info.doc_freq, 1);
        let postings = index.postings(&info).unwrap();
        assert_eq!(postings[0].tf, [0, 0, 2, 0]);
        let positions = index.positions(&info, &postings).unwrap();
        assert_eq!(positions[0][Field::Body as usize], [1, 4]);
        assert_eq!(index.document(0).unwrap().title, "Telegram from Mikoyan");
        assert_eq!(index.meta(0).unwrap().lang.as_deref(), Some("en"));
        assert_eq!(index.field_lengths(1), [1, 0, 3, 0]);
        let ru = index.term_ordinal("пленум").unwrap();
        assert_eq!(index.term_info(ru).unwrap().doc_freq, 1);
        assert_eq!(index.words().get("пленума"), Some(u64::from(ru)));
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
}
