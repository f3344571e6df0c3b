//! Laying an index's encoded parts out as one file or as a root and chunks.

use super::assemble::{self, TermSections};
use super::chunks::{self, ChunkId, ChunkKind, Directory};
use super::docs;
use super::format::{self, SectionKind};
use crate::Result;

/// A split index: the root file and its chunks, as (file name relative to the root, bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitIndex {
    /// The root file (`index.folio`).
    pub root: Vec<u8>,
    /// The chunks, term chunks first.
    pub chunks: Vec<(String, Vec<u8>)>,
}

/// What [`IndexWriter::finish_auto`](super::IndexWriter::finish_auto) wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// One file.
    Single(Vec<u8>),
    /// A root file and chunks.
    Split(SplitIndex),
}

/// An index's encoded parts, before they are laid out in one file or in chunks.
pub(super) struct Parts {
    /// The term sections, cut into chunks (one, for a single file).
    pub term_chunks: Vec<TermSections>,
    pub settings: Vec<u8>,
    pub metas: Vec<u8>,
    pub store: docs::StoreWriter,
}

impl Parts {
    /// The bytes of postings and positions.
    pub(super) fn postings_len(&self) -> usize {
        self.term_chunks.iter().map(|c| c.sections[2].len() + c.sections[3].len()).sum()
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
            (SectionKind::DocMeta, self.metas),
            (SectionKind::DocStore, self.store.finish()),
        ]))
    }

    /// Lays the parts out as a root and chunks, document chunks of about `doc_bytes` bytes.
    pub(super) fn split(self, doc_bytes: usize) -> Result<SplitIndex> {
        let (first_docs, doc_stores) = self.store.finish_split(doc_bytes.max(1));
        let mut hasher = super::checksum::Crc32::new();
        hasher.update(&self.settings);
        for chunk in &self.term_chunks {
            chunk.sections.iter().for_each(|s| hasher.update(s));
        }
        doc_stores.iter().for_each(|s| hasher.update(s));
        let index_id = hasher.finish();
        let mut directory =
            Directory { index_id, first_keys: vec![], last_keys: vec![], first_ordinals: vec![], first_docs };
        let mut chunks = Vec::with_capacity(self.term_chunks.len() + doc_stores.len());
        let header = |kind, number: usize| {
            let id = ChunkId { kind, number: number as u32 };
            (id.file_name(index_id), (SectionKind::Chunk, chunks::encode_header(index_id, id)))
        };
        for (number, chunk) in self.term_chunks.into_iter().enumerate() {
            let (name, head) = header(ChunkKind::Terms, number);
            let [keys, infos, postings, positions] = chunk.sections;
            let bytes = format::write(&[
                head,
                (SectionKind::Terms, keys),
                (SectionKind::TermInfos, infos),
                (SectionKind::Postings, postings),
                (SectionKind::Positions, positions),
            ]);
            chunks.push((name, bytes));
            directory.first_keys.push(chunk.first_key);
            directory.last_keys.push(chunk.last_key);
            directory.first_ordinals.push(chunk.first_ordinal);
        }
        for (number, store) in doc_stores.into_iter().enumerate() {
            let (name, head) = header(ChunkKind::Docs, number);
            chunks.push((name, format::write(&[head, (SectionKind::DocStore, store)])));
        }
        let root = format::write(&[
            (SectionKind::Settings, self.settings),
            (SectionKind::DocMeta, self.metas),
            (SectionKind::Directory, directory.encode()),
        ]);
        Ok(SplitIndex { root, chunks })
    }
}
