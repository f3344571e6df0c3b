//! Laying an index's encoded parts out as one file or as a root and chunks.

use super::assemble::{self, TermChunks};
use super::checksum::Crc32;
use super::chunks::{self, ChunkId, ChunkKind, Directory};
use super::docs;
use super::format::{self, SectionKind};
use super::meta;
use super::pages::Paging;
use super::runs::Spill;
use crate::Result;

/// A split index: the root file and its chunks, as (file name relative to the root, bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitIndex {
    /// The root file (`index.folio`).
    pub root: Vec<u8>,
    /// The chunks, term chunks first.
    pub chunks: Vec<(String, Vec<u8>)>,
}

/// What [`IndexWriter::finish_auto`](super::IndexWriter::finish_auto) and
/// [`IndexWriter::finish_auto_into`](super::IndexWriter::finish_auto_into) wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// One file.
    Single(Vec<u8>),
    /// A root file and chunks.
    Split(SplitIndex),
    /// A root file; its chunks went to a [`ChunkSink`] as they were written.
    Streamed {
        /// The root file (`index.folio`).
        root: Vec<u8>,
        /// The files written into `chunks/`, relative to the root: the chunks, term chunks
        /// first, or the packs holding them ([`pack`](super::pack)).
        chunks: Vec<String>,
        /// Those files' bytes, all told.
        chunk_bytes: u64,
    },
}

/// An index's encoded parts, before they are laid out in one file or in chunks.
pub(super) struct Parts {
    /// The term sections, cut into chunks (one, for a single file).
    pub term_chunks: TermChunks,
    pub settings: Vec<u8>,
    pub metas: meta::Encoded,
    /// Documents per metadata chunk, as [`meta::Encoded::docs_per_chunk`] takes it (0: sized by the corpus).
    pub meta_chunk_docs: u32,
    pub store: docs::StoreWriter,
    /// The checksum of the settings and the term chunks' sections, in order.
    pub hasher: Crc32,
    /// When the directory gets pages.
    pub paging: Paging,
    /// The temporary folder the term chunks may be spooled in, removed when the parts are dropped.
    pub _scratch: Option<Spill>,
}

/// Takes each chunk of a split index as it is written: its file name and bytes.
pub type ChunkSink<'a> = dyn FnMut(String, Vec<u8>) -> Result<()> + 'a;

impl Parts {
    /// The bytes of postings, positions and stored text.
    pub(super) fn byte_len(&self) -> usize {
        self.term_chunks.postings_len() + self.store.byte_len()
    }

    /// Lays the parts out in one file.
    pub(super) fn single(self) -> Result<Vec<u8>> {
        let [keys, infos, postings, positions] = assemble::join(self.term_chunks)?;
        Ok(format::write(&[
            (SectionKind::Settings, self.settings),
            (SectionKind::Terms, keys),
            (SectionKind::TermInfos, infos),
            (SectionKind::Postings, postings),
            (SectionKind::Positions, positions),
            (SectionKind::DocMeta, self.metas.inline()),
            (SectionKind::DocStore, self.store.finish()?),
        ]))
    }

    /// Lays the parts out as a root and chunks, document chunks of a fixed document count that
    /// averages about `doc_bytes` bytes.
    pub(super) fn split(self, doc_bytes: usize) -> Result<SplitIndex> {
        let mut chunks = Vec::new();
        let root = self.split_into(doc_bytes, &mut |name, bytes| {
            chunks.push((name, bytes));
            Ok(())
        })?;
        Ok(SplitIndex { root, chunks })
    }

    /// Lays the parts out as a root, returned, and chunks handed to `put` one at a time, term
    /// chunks first (each document chunk is encoded twice, for the checksum and to be written,
    /// rather than held).
    pub(super) fn split_into(mut self, doc_bytes: usize, put: &mut ChunkSink<'_>) -> Result<Vec<u8>> {
        let docs_per_chunk = self.store.docs_per_chunk(doc_bytes);
        let first_docs = self.store.cuts(docs_per_chunk);
        // A small index's documents are stored grouped: similar ones in the same chunks, when a
        // chunk holds several (with one a chunk, the order would cost the root and group nothing).
        let order = match self.term_chunks.links.take() {
            Some(links) if first_docs.len() > 1 && docs_per_chunk > 1 => links.order(self.store.len() as u32),
            _ => Vec::new(),
        };
        let store = &self.store;
        let section = |docs: std::ops::Range<usize>| match order.get(docs.clone()) {
            Some(grouped) if !order.is_empty() => store.section_of(grouped),
            _ => store.section(docs),
        };
        let mut hasher = self.hasher;
        for docs in self.store.ranges(&first_docs) {
            hasher.update(&section(docs)?);
        }
        // The order is part of the build: two orders of the same documents are two builds.
        for &doc in &order {
            hasher.update(&doc.to_le_bytes());
        }
        let root_bytes = if self.meta_chunk_docs > 0 { 0 } else { meta::ROOT_COLUMN_BYTES };
        let (metas, meta_chunks) = match self.metas.docs_per_chunk(root_bytes, self.meta_chunk_docs) {
            None => (self.metas.inline(), Vec::new()),
            Some(per_chunk) => self.metas.chunked(per_chunk),
        };
        for section in &meta_chunks {
            hasher.update(section);
        }
        let index_id = hasher.finish();
        let mut directory = Directory { index_id, ..Directory::default() };
        let header = |kind, number: usize| {
            let id = ChunkId { kind, number: number as u32 };
            (id.file_name(index_id), (SectionKind::Chunk, chunks::encode_header(index_id, id)))
        };
        for number in 0..self.term_chunks.chunks.len() {
            let [keys, infos, postings, positions] = self.term_chunks.sections(number)?;
            let (name, head) = header(ChunkKind::Terms, number);
            put(
                name,
                format::write(&[
                    head,
                    (SectionKind::Terms, keys),
                    (SectionKind::TermInfos, infos),
                    (SectionKind::Postings, postings),
                    (SectionKind::Positions, positions),
                ]),
            )?;
        }
        for chunk in std::mem::take(&mut self.term_chunks.chunks) {
            directory.first_keys.push(chunk.first_key);
            directory.last_keys.push(chunk.last_key);
            directory.first_ordinals.push(chunk.first_ordinal);
        }
        for (number, docs) in self.store.ranges(&first_docs).enumerate() {
            let (name, head) = header(ChunkKind::Docs, number);
            put(name, format::write(&[head, (SectionKind::DocStore, section(docs)?)]))?;
        }
        directory.doc_chunks = first_docs.len() as u32;
        directory.docs_per_chunk = docs_per_chunk;
        directory.set_order(order);
        for (number, section) in meta_chunks.into_iter().enumerate() {
            let (name, head) = header(ChunkKind::Meta, number);
            put(name, format::write(&[head, (SectionKind::DocMeta, section)]))?;
        }
        // Two levels when they pay: the pages come last, after the chunks they list.
        for (number, page) in directory.paginate(self.paging).into_iter().enumerate() {
            put(ChunkId { kind: ChunkKind::Pages, number: number as u32 }.file_name(index_id), page)?;
        }
        Ok(format::write(&[
            (SectionKind::Settings, self.settings),
            (SectionKind::DocMeta, metas),
            (SectionKind::Directory, directory.encode()),
        ]))
    }
}
