//! Opening and reading an index.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use super::chunks::{self, ChunkId, ChunkKind, Directory};
use super::codec::Decoder;
use super::dictionary;
use super::docs::{DocView, StoreBuf};
use super::fields::{Field, Settings};
use super::file_slice::FileSlice;
use super::format::{self, SectionKind};
use super::meta::{Meta, MetaTable};
use super::postings::{self, Occurrence, Posting};
use super::term_chunk::{keys_of, TermChunk};
use super::walk::Guide;
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

/// Where the stored documents are.
enum Store {
    /// In the root's document store section.
    Root(StoreBuf),
    /// In document chunks, loaded as they are added.
    Chunks(Vec<Option<StoreBuf>>),
}

/// What an opened index holds: the same for every search, changed only by adding chunks.
struct Loaded {
    directory: Directory,
    term_chunks: Vec<Option<TermChunk>>,
    store: Store,
    loaded_bytes: usize,
    settings: Settings,
    doc_count: u32,
    term_count: u64,
    avg_lengths: [f32; Field::COUNT],
    metas: MetaTable,
}

/// An opened, verified index, ready to search.
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
/// its own handle ([`Index::for_search`]), which keeps that search's notes of missing chunks.
pub struct Index {
    loaded: Arc<Loaded>,
    /// `Some` only in the handle of one search: the chunks its lookups needed and did not find.
    /// (A `Mutex` only so that `Index` stays `Sync`; one search uses it, from one thread.)
    missing: Option<Mutex<BTreeSet<ChunkId>>>,
}

/// Which dictionary a walk goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dictionary {
    /// The stems.
    Terms,
    /// The folded word forms.
    Words,
}

/// Which part of the dictionary a walk covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'q> {
    /// Every key that starts with this prefix.
    Prefix(&'q str),
    /// Keys near this one: the whole dictionary of a single-file index, the term chunk holding
    /// the key in a split index (where typo and OCR matches are looked for).
    Near(&'q str),
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

        let mut d = Decoder::new(sections.get(SectionKind::Settings)?, "settings");
        let settings = Settings::decode(&mut d)?;
        let doc_count = d.varint_u32()?;
        let term_count = d.varint()?;
        let mut avg_lengths = [0f32; Field::COUNT];
        for avg in &mut avg_lengths {
            *avg = d.f32()?;
            // An average field length is a count of words over a count of documents.
            if !avg.is_finite() || *avg < 0.0 {
                return Err(Error::corrupt("an average field length is not a positive number"));
            }
        }

        let metas = MetaTable::decode(sections.get(SectionKind::DocMeta)?)?;
        if metas.len() != doc_count as usize {
            return Err(Error::corrupt("the document sections disagree on the document count"));
        }

        let (directory, term_chunks, store) = if sections.has(SectionKind::Directory) {
            let directory = Directory::decode(sections.get(SectionKind::Directory)?, doc_count, term_count)?;
            let term_chunks = directory.first_keys.iter().map(|_| None).collect();
            let store = Store::Chunks(directory.first_docs.iter().map(|_| None).collect());
            (directory, term_chunks, store)
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
                first_docs: vec![0],
            };
            (directory, vec![Some(chunk)], Store::Root(store))
        };
        let loaded = Loaded {
            loaded_bytes: file.bytes().len(),
            directory,
            term_chunks,
            store,
            settings,
            doc_count,
            term_count,
            avg_lengths,
            metas,
        };
        Ok(Index { loaded: Arc::new(loaded), missing: None })
    }

    /// Adds a chunk of a split index (the bytes of one of the files [`Index::chunk_names`] lists),
    /// verifying it like an index file and checking that it belongs to this index. Returns the
    /// chunk's file name. Adding a chunk twice is harmless.
    pub fn add_chunk(&mut self, bytes: Vec<u8>) -> Result<String> {
        if !self.is_split() {
            return Err(Error::Options("this index is a single file; it has no chunks to add".into()));
        }
        let file = FileSlice::new(bytes);
        let sections = format::read(file.bytes())?;
        let (index_id, id) = chunks::decode_header(sections.get(SectionKind::Chunk)?)?;
        let dir = &self.loaded.directory;
        let name = id.file_name(dir.index_id);
        if index_id != dir.index_id {
            return Err(Error::corrupt(format!(
                "chunk {id} belongs to another build of the index (index id {index_id:08x}, expected {:08x}); \
                 publish the root file and its chunks/ folder together",
                dir.index_id
            )));
        }
        let k = id.number as usize;
        let len = file.bytes().len();
        // Only searches hold other handles on what is loaded, and none runs while `self` is
        // borrowed mutably.
        let loaded = Arc::get_mut(&mut self.loaded)
            .ok_or_else(|| Error::Options("chunks cannot be added to the handle of a search".into()))?;
        match id.kind {
            ChunkKind::Terms => {
                let dir = &loaded.directory;
                let first = dir.first_ordinals.get(k).copied().map(u64::from);
                let end = dir.first_ordinals.get(k + 1).map_or(loaded.term_count, |&o| u64::from(o));
                let first = first.ok_or_else(|| Error::corrupt(format!("the index has no term chunk {k}")))?;
                let chunk = TermChunk::open(&file, &sections, first..end)?;
                if loaded.term_chunks[k].is_none() {
                    loaded.term_chunks[k] = Some(chunk);
                    loaded.loaded_bytes += len;
                }
            }
            ChunkKind::Docs => {
                let dir = &loaded.directory;
                let first = dir.first_docs.get(k).copied();
                let first = first.ok_or_else(|| Error::corrupt(format!("the index has no document chunk {k}")))?;
                let end = dir.first_docs.get(k + 1).copied().unwrap_or(loaded.doc_count);
                let store = StoreBuf::from_slice(file.slice_of(sections.get(SectionKind::DocStore)?))?;
                if store.view()?.len() != end - first {
                    return Err(Error::corrupt(format!("document chunk {k} does not hold the documents it should")));
                }
                if let Store::Chunks(chunks) = &mut loaded.store {
                    if chunks[k].is_none() {
                        chunks[k] = Some(store);
                        loaded.loaded_bytes += len;
                    }
                }
            }
        }
        Ok(name)
    }

    /// Adds the chunks `names` (file names as [`Error::MissingChunks`] or [`Index::chunk_names`]
    /// give them), reading each with `load`, and checks that each file holds the chunk it is
    /// named for. The one loop by which the CLI, [`Index::search_loading`] and the check of a
    /// freshly written index add chunks (`engine.js` follows the same protocol with fetches).
    pub fn add_chunks<E: From<Error>>(
        &mut self,
        names: impl IntoIterator<Item = String>,
        mut load: impl FnMut(&str) -> std::result::Result<Vec<u8>, E>,
    ) -> std::result::Result<(), E> {
        for name in names {
            let added = self.add_chunk(load(&name)?).map_err(|e| match e {
                Error::Corrupt(message) => Error::corrupt(format!("{name}: {message}")),
                other => other,
            })?;
            if added != name {
                return Err(Error::corrupt(format!("the file {name} holds chunk {added}")).into());
            }
        }
        Ok(())
    }

    /// Whether this is the root of a split index, whose chunks are added as queries need them.
    pub fn is_split(&self) -> bool {
        matches!(self.loaded.store, Store::Chunks(_))
    }

    /// The term chunk whose place in the dictionary `key` falls in: the one whose key range
    /// holds it, else the one before the gap between two ranges it falls in (0 for a single-file
    /// index). No chunk is fetched to answer.
    pub fn term_chunk_of(&self, key: &str) -> u32 {
        let dir = &self.loaded.directory;
        dir.chunk_of_key(key).unwrap_or_else(|| dir.chunks_of_prefix(key).start.saturating_sub(1))
    }

    /// The file names of every chunk of a split index (relative to the root file); empty for a
    /// single-file index.
    pub fn chunk_names(&self) -> Vec<String> {
        if !self.is_split() {
            return Vec::new();
        }
        let dir = &self.loaded.directory;
        dir.chunks().map(|id| id.file_name(dir.index_id)).collect()
    }

    /// A handle on this index for one search. Its lookups answer a term whose chunk is not added
    /// as if the term were absent and note the chunk, so that one pass finds every chunk the
    /// search needs; [`Index::check_missing`] then names them. Each search takes its own handle,
    /// so searches running at the same time never see (or clear) each other's notes.
    pub(crate) fn for_search(&self) -> Index {
        Index { loaded: Arc::clone(&self.loaded), missing: Some(Mutex::new(BTreeSet::new())) }
    }

    /// Fails with [`Error::MissingChunks`] if a lookup through this search handle needed a chunk
    /// that has not been added.
    pub(crate) fn check_missing(&self) -> Result<()> {
        let Some(missing) = &self.missing else { return Ok(()) };
        let missing = missing.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if missing.is_empty() {
            return Ok(());
        }
        let dir = &self.loaded.directory;
        Err(Error::MissingChunks(missing.iter().map(|id| id.file_name(dir.index_id)).collect()))
    }

    /// A chunk not added: noted, in a search handle (which goes on as if its terms were absent);
    /// an error otherwise.
    fn missing(&self, id: ChunkId) -> Result<()> {
        match &self.missing {
            Some(notes) => {
                notes.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(id);
                Ok(())
            }
            None => Err(Error::MissingChunks(vec![id.file_name(self.loaded.directory.index_id)])),
        }
    }

    /// Notes the document chunks `docs` need that have not been added (in a search handle).
    pub(crate) fn require_documents(&self, docs: impl IntoIterator<Item = u32>) {
        if let (Store::Chunks(chunks), Some(_)) = (&self.loaded.store, &self.missing) {
            for doc in docs {
                let number = self.loaded.directory.chunk_of_doc(doc);
                if chunks.get(number as usize).is_some_and(Option::is_none) {
                    let _ = self.missing(ChunkId { kind: ChunkKind::Docs, number });
                }
            }
        }
    }

    /// The term chunk `number`: `Ok(None)` when it is not added and this is a search handle
    /// (which notes it), an error when it is not added otherwise.
    fn term_chunk(&self, number: u32) -> Result<Option<&TermChunk>> {
        match self.loaded.term_chunks.get(number as usize) {
            Some(Some(chunk)) => Ok(Some(chunk)),
            Some(None) => self.missing(ChunkId { kind: ChunkKind::Terms, number }).map(|()| None),
            None => Err(Error::corrupt(format!("the index has no term chunk {number}"))),
        }
    }

    /// The term chunk `number` for a dictionary lookup, which answers "not there" when the chunk
    /// is not added (noted in a search handle).
    fn term_chunk_for_keys(&self, number: u32) -> Option<&TermChunk> {
        self.term_chunk(number).ok().flatten()
    }

    /// How many documents the index holds.
    pub fn doc_count(&self) -> u32 {
        self.loaded.doc_count
    }

    /// How many distinct terms (stems) the index holds.
    pub fn term_count(&self) -> usize {
        self.loaded.term_count as usize
    }

    /// The bytes of the index in memory: the file, or the root and the chunks added so far.
    pub fn byte_len(&self) -> usize {
        self.loaded.loaded_bytes
    }

    /// The BM25F settings the index was built with.
    pub fn settings(&self) -> &Settings {
        &self.loaded.settings
    }

    /// Average length of `field`, in words, over all documents.
    pub fn avg_length(&self, field: Field) -> f32 {
        self.loaded.avg_lengths[field as usize]
    }

    /// Metadata of document `doc` (date, language, type).
    pub fn meta(&self, doc: u32) -> Option<Meta<'_>> {
        self.loaded.metas.get(doc)
    }

    /// Every document's metadata, for filters and facet counts.
    pub fn metas(&self) -> &MetaTable {
        &self.loaded.metas
    }

    /// The ordinal of stemmed `term`, if the index has it (and, in a split index, its chunk is
    /// added).
    pub fn stem_ordinal(&self, term: &str) -> Option<u32> {
        let chunk = self.term_chunk_for_keys(self.loaded.directory.chunk_of_key(term)?)?;
        chunk.keys.get(term).and_then(dictionary::as_stem)
    }

    /// The ordinal of the stem of folded word form `word`, if the index has the word (and, in a
    /// split index, its chunk is added).
    pub fn form_ordinal(&self, word: &str) -> Option<u32> {
        let chunk = self.term_chunk_for_keys(self.loaded.directory.chunk_of_key(word)?)?;
        chunk.keys.get(word).and_then(dictionary::as_form)
    }

    /// Up to `max` keys of `dictionary` within `scope` that `automaton` accepts, in key order,
    /// with their values (stem ordinals), from the chunks added.
    pub fn walk<A: Guide>(
        &self,
        dictionary: Dictionary,
        scope: Scope,
        automaton: &A,
        max: usize,
    ) -> Vec<(String, u32)> {
        let dir = &self.loaded.directory;
        let chunks = match scope {
            Scope::Near(key) => match dir.chunk_of_key(key) {
                Some(k) => k..k + 1,
                None => 0..0,
            },
            Scope::Prefix(prefix) => dir.chunks_of_prefix(prefix),
        };
        let mut found = Vec::new();
        for number in chunks {
            let Some(chunk) = self.term_chunk_for_keys(number) else { continue };
            let limit = max - found.len();
            let ordinal_of = match dictionary {
                Dictionary::Terms => dictionary::as_stem,
                Dictionary::Words => dictionary::as_form,
            };
            found.append(&mut keys_of(&chunk.keys, automaton, limit, ordinal_of));
            if found.len() >= max {
                break;
            }
        }
        found
    }

    /// Whether the dictionary may hold a key whose first byte is in `first_bytes`. False
    /// only when none can be there: a split index answers from its directory's key ranges,
    /// without fetching a chunk; a single file from its dictionary's first transitions.
    pub fn may_hold_terms_starting_in(&self, first_bytes: std::ops::RangeInclusive<u8>) -> bool {
        let dir = &self.loaded.directory;
        if dir.last_keys.is_empty() {
            return match self.loaded.term_chunks.first() {
                Some(Some(chunk)) => chunk.keys.as_fst().root().transitions().any(|t| first_bytes.contains(&t.inp)),
                _ => true,
            };
        }
        dir.may_hold_keys_starting_in(&first_bytes)
    }

    /// Where the data of term `ordinal` lies. Fails with [`Error::MissingChunks`] when its chunk
    /// is not added (in a search, the term looks absent and the chunk is noted instead).
    pub fn term_info(&self, ordinal: u32) -> Result<TermInfo> {
        let dir = &self.loaded.directory;
        let chunk = dir.chunk_of_ordinal(ordinal);
        let Some(opened) = self.term_chunk(chunk)? else {
            return Ok(TermInfo { doc_freq: 0, postings_offset: 0, positions_offset: 0, chunk });
        };
        let local = ordinal.checked_sub(dir.first_ordinals[chunk as usize]);
        let [doc_freq, postings_offset, positions_offset] = local
            .and_then(|local| opened.infos.get(local as usize))
            .copied()
            .ok_or_else(|| Error::corrupt(format!("term ordinal {ordinal} is out of range")))?;
        Ok(TermInfo { doc_freq, postings_offset, positions_offset, chunk })
    }

    /// The bytes of `info`'s term in `section` (postings or positions) of its chunk.
    fn term_bytes(&self, info: &TermInfo, positions: bool) -> Result<&[u8]> {
        let Some(chunk) = self.term_chunk(info.chunk)? else { return Ok(&[]) };
        let (section, offset) =
            if positions { (&chunk.positions, info.positions_offset) } else { (&chunk.postings, info.postings_offset) };
        section.bytes().get(offset as usize..).ok_or_else(|| {
            Error::corrupt(format!("a {} offset is out of range", if positions { "positions" } else { "postings" }))
        })
    }

    /// The postings of a term. Fails with [`Error::MissingChunks`] when its chunk is not added.
    pub fn postings(&self, info: &TermInfo) -> Result<Vec<Posting>> {
        let bytes = self.term_bytes(info, false)?;
        postings::decode(&mut Decoder::new(bytes, "postings"), info.doc_freq, self.loaded.doc_count)
    }

    /// The positions of a term's `postings` (as returned by [`Index::postings`]). Fails with
    /// [`Error::MissingChunks`] when its chunk is not added.
    pub fn positions(&self, info: &TermInfo, postings: &[Posting]) -> Result<Vec<[Vec<u32>; Field::COUNT]>> {
        let bytes = self.term_bytes(info, true)?;
        postings::decode_positions(&mut Decoder::new(bytes, "positions"), postings)
    }

    /// The stored document with ordinal `doc`.
    pub fn document(&self, doc: u32) -> Result<Document> {
        Ok(self.stored(doc)?.to_stored().doc)
    }

    /// The stored document with ordinal `doc`, with its word checkpoints, borrowed from the
    /// index.
    pub fn stored(&self, doc: u32) -> Result<DocView<'_>> {
        let dir = &self.loaded.directory;
        match &self.loaded.store {
            Store::Root(store) => store.view()?.get(doc),
            Store::Chunks(chunks) => {
                let number = dir.chunk_of_doc(doc);
                let Some(Some(store)) = chunks.get(number as usize) else {
                    let id = ChunkId { kind: ChunkKind::Docs, number };
                    return Err(Error::MissingChunks(vec![id.file_name(dir.index_id)]));
                };
                store.view()?.get(doc - dir.first_docs[number as usize])
            }
        }
    }

    /// Appends to `out` where a term occurs in each of `docs` (ascending) that contains it, in
    /// document, field and position order, in one pass over the term's positions. `postings` is
    /// the term's list, as [`Index::postings`] decodes it (the caller usually has it already).
    pub fn positions_in(
        &self,
        info: &TermInfo,
        postings: &[Posting],
        docs: &[u32],
        out: &mut Vec<Occurrence>,
    ) -> Result<()> {
        let mut d = Decoder::new(self.term_bytes(info, true)?, "positions");
        let mut wanted = docs.iter().peekable();
        // The positions of the postings passed over, skipped in one run before the next read.
        let mut skip = 0u64;
        for posting in postings {
            while wanted.next_if(|&&w| w < posting.doc).is_some() {}
            let Some(&&next) = wanted.peek() else { break };
            if next != posting.doc {
                skip += posting.tf.iter().map(|&t| u64::from(t)).sum::<u64>();
                continue;
            }
            d.skip_varints(std::mem::take(&mut skip))?;
            postings::read_positions(&mut d, posting, |field, position| {
                out.push((posting.doc, field as u8, position))
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "reader_tests.rs"]
mod tests;
