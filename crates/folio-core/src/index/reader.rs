//! Opening an index: the file verified, its sections decoded and checked against each other,
//! and what a search reads of the whole index (settings, metadata, stored documents).

use super::chunks::{ChunkId, ChunkKind, Directory};
use super::docs::{DocView, StoreBuf};
use super::fields::{Field, Settings, SettingsSection};
use super::file_slice::FileSlice;
use super::format::{self, SectionKind};
use super::meta::{Meta, MetaTable, MAX_ROOT_DOCS};
use super::scripts::ScriptStems;
use super::term_chunk::TermChunk;
use crate::analysis::script::Script;
use crate::corpus::Document;
use crate::{Error, Result};

/// Where one term's data lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// How many documents contain the term (0 in a search while its chunk is not loaded).
    pub doc_freq: u32,
    /// Byte offset of the term's postings in its chunk's postings.
    pub postings_offset: u32,
    /// Byte offset of the term's positions in its chunk's positions.
    pub positions_offset: u32,
    /// The term chunk that holds the term (always 0 in a single-file index).
    pub chunk: u32,
}

/// Whether searches prune long posting lists (`rank::prune`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Pruning {
    /// When the list is long and the query's other terms are short beside it (the default).
    #[default]
    Auto,
    /// Whenever a list is long enough, however long the others: for tests of exactness.
    Always,
    /// Never: every posting is scored.
    Never,
}

/// Where the stored documents are.
pub(super) enum Store {
    /// In the root's document store section.
    Root(StoreBuf),
    /// In document chunks, loaded as they are added.
    Chunks(Vec<Option<StoreBuf>>),
}

/// An opened, verified index, ready to search: the sections loaded, the same for every search,
/// changed only by adding chunks.
///
/// A single-file index holds everything. The root of a split index holds what every query needs
/// (settings, metadata, the chunk [`Directory`]); its chunks are added with
/// [`Index::add_chunk`]. A search that reaches a chunk not yet added fails with
/// [`Error::MissingChunks`], naming every chunk it needs, so the caller fetches them (in
/// parallel) and searches again ([`Index::search_loading`] is that loop). Reading a term whose
/// chunk is not added ([`Index::term_info`], [`Index::postings`], [`Index::positions`]) fails
/// the same way.
///
/// An `Index` can be searched from several threads at once: each search looks terms up through
/// its own [`Searcher`](super::Searcher) ([`Index::searcher`]), which borrows the index and keeps
/// that search's notes of missing chunks. Chunks are added through `&mut Index`, so never while a
/// search runs.
pub struct Index {
    pub(super) directory: Directory,
    pub(super) term_chunks: Vec<Option<TermChunk>>,
    pub(super) store: Store,
    pub(super) loaded_bytes: usize,
    settings: Settings,
    pub(super) doc_count: u32,
    pub(super) term_count: u64,
    avg_lengths: [f32; Field::COUNT],
    scripts: ScriptStems,
    pub(super) metas: MetaTable,
    pruning: Pruning,
}

impl Index {
    /// Opens an index from its bytes, verifying magic, version, checksum and every section's
    /// structure. Damaged bytes give an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index> {
        Index::from_vec(bytes.to_vec())
    }

    /// Opens an index (a single file, or the root of a split index) from bytes it takes ownership
    /// of, without copying them: the dictionary, postings and document store stay where they are
    /// in `bytes` (a large index loaded in the browser would otherwise sit in memory twice).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Index> {
        let file = FileSlice::new(bytes);
        let sections = format::read(file.bytes())?;

        let SettingsSection { settings, doc_count, term_count, avg_lengths, scripts } =
            SettingsSection::decode(sections.get(SectionKind::Settings)?)?;

        let split = sections.has(SectionKind::Directory);
        // A single file's document count is borne out by its store, read first.
        let metas = |root_docs: u32| -> Result<MetaTable> {
            let metas = MetaTable::decode(sections.get(SectionKind::DocMeta)?, root_docs)?;
            if metas.len() != doc_count as usize || (!split && metas.chunk_count() > 0) {
                return Err(Error::corrupt("the document sections disagree on the document count"));
            }
            Ok(metas)
        };
        let (directory, term_chunks, store, metas) = if split {
            let metas = metas(MAX_ROOT_DOCS)?;
            let directory = Directory::open(&sections, doc_count, term_count, metas.chunk_count())?;
            let term_chunks = directory.first_keys.iter().map(|_| None).collect();
            let store = Store::Chunks((0..directory.doc_chunks).map(|_| None).collect());
            (directory, term_chunks, store, metas)
        } else {
            let chunk = TermChunk::open(&file, &sections, 0..term_count)?;
            let store = StoreBuf::from_slice(file.slice_of(sections.get(SectionKind::DocStore)?))?;
            if store.view()?.len() != doc_count {
                return Err(Error::corrupt("the document sections disagree on the document count"));
            }
            let directory = Directory {
                index_id: 0,
                first_keys: vec![String::new()],
                last_keys: Vec::new(),
                first_ordinals: vec![0],
                doc_chunks: 1,
                docs_per_chunk: doc_count.max(1),
                ..Directory::default()
            };
            (directory, vec![Some(chunk)], Store::Root(store), metas(doc_count)?)
        };
        Ok(Index {
            loaded_bytes: file.bytes().len(),
            directory,
            term_chunks,
            store,
            settings,
            doc_count,
            term_count,
            avg_lengths,
            scripts,
            metas,
            pruning: Pruning::Auto,
        })
    }

    /// The chunk directory (one chunk of each kind for a single-file index).
    pub(super) fn directory(&self) -> &Directory {
        &self.directory
    }

    /// Whether searches skip the blocks of a long posting list that cannot reach the best
    /// documents (`rank::prune`): [`Pruning::Auto`] unless [`Index::set_pruning`] said otherwise.
    pub fn pruning(&self) -> Pruning {
        self.pruning
    }

    /// Sets how searches prune long posting lists: for tests and benchmarks that compare a
    /// pruned search with the exhaustive one (the hits, order and scores are the same).
    pub fn set_pruning(&mut self, pruning: Pruning) {
        self.pruning = pruning;
    }

    /// How many documents the index holds.
    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// How many distinct terms (stems) the index holds.
    pub fn term_count(&self) -> usize {
        self.term_count as usize
    }

    /// How many of its stems are written in `script` (0 for [`Script::Other`]), from the
    /// settings alone: the same answer for a single file and a split index's root.
    pub fn stems_in(&self, script: Script) -> u64 {
        self.scripts.of(script)
    }

    /// The bytes of the index in memory: the file, or the root and the chunks added so far.
    pub fn byte_len(&self) -> usize {
        self.loaded_bytes
    }

    /// The BM25F settings the index was built with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Average length of `field`, in words, over all documents.
    pub fn avg_length(&self, field: Field) -> f32 {
        self.avg_lengths[field as usize]
    }

    /// Metadata of document `doc` (date, language, type); `None` past the last document, or
    /// while its metadata chunk is not added.
    pub fn meta(&self, doc: u32) -> Option<Meta<'_>> {
        self.metas.get(doc)
    }

    /// Every document's metadata (the columns of the metadata chunks added so far), for filters,
    /// facet counts and sorting.
    pub fn metas(&self) -> &MetaTable {
        &self.metas
    }

    /// The stored document with ordinal `doc`.
    pub fn document(&self, doc: u32) -> Result<Document> {
        Ok(self.stored(doc)?.to_stored().doc)
    }

    /// The stored document with ordinal `doc`, with its word checkpoints, borrowed from the
    /// index.
    pub fn stored(&self, doc: u32) -> Result<DocView<'_>> {
        let dir = &self.directory;
        match &self.store {
            Store::Root(store) => store.view()?.get(doc),
            Store::Chunks(chunks) => {
                let number = dir.chunk_of_doc(doc);
                let Some(Some(store)) = chunks.get(number as usize) else {
                    let id = ChunkId { kind: ChunkKind::Docs, number };
                    return Err(Error::MissingChunks(vec![dir.address(id)]));
                };
                store.view()?.get(dir.slot_of_doc(doc))
            }
        }
    }
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
