//! A split index's chunks, added as they arrive: each verified like an index file, checked to
//! belong to this build of the index, and opened in place (no copy of its bytes).

use super::chunks::{self, ChunkId, ChunkKind};
use super::docs::StoreBuf;
use super::file_slice::FileSlice;
use super::format::{self, SectionKind};
use super::pack;
use super::pages::Place;
use super::reader::{Index, Store};
use super::term_chunk::TermChunk;
use crate::{Error, Result};

impl Index {
    /// Adds a chunk of a split index (the bytes [`Index::chunk_names`] names: a chunk file, or a
    /// chunk's byte range in a pack, compressed as [`pack`](super::pack) stores it), verifying it
    /// like an index file and checking that it belongs to this index. Returns the chunk's name as
    /// [`Index::chunk_names`] gives it. Adding a chunk twice is harmless.
    pub fn add_chunk(&mut self, bytes: Vec<u8>) -> Result<String> {
        if !self.is_split() {
            return Err(Error::Options("this index is a single file; it has no chunks to add".into()));
        }
        let bytes = if pack::is_compressed(&bytes) { pack::inflate(&bytes)? } else { bytes };
        let file = FileSlice::new(bytes);
        let sections = format::read(file.bytes())?;
        let (index_id, id) = chunks::decode_header(sections.get(SectionKind::Chunk)?)?;
        let dir = &self.directory;
        let name = dir.address(id);
        if index_id != dir.index_id {
            return Err(Error::corrupt(format!(
                "chunk {id} belongs to another build of the index (index id {index_id:08x}, expected {:08x}); \
                 publish the root file and its chunks/ folder together",
                dir.index_id
            )));
        }
        let k = id.number as usize;
        let len = file.bytes().len();
        if let Some(page) = self.directory.unknown_page(id) {
            return Err(Error::corrupt(format!(
                "chunk {id} came before the directory page that lists it (p{page}); add that page first"
            )));
        }
        match id.kind {
            ChunkKind::Terms => {
                let ordinals = self.directory.ordinals_of_chunk(k, self.term_count);
                let ordinals = ordinals.ok_or_else(|| Error::corrupt(format!("the index has no term chunk {k}")))?;
                let chunk = TermChunk::open(&file, &sections, ordinals)?;
                if self.term_chunks[k].is_none() {
                    self.term_chunks[k] = Some(chunk);
                    self.loaded_bytes += len;
                }
            }
            ChunkKind::Docs => {
                let dir = &self.directory;
                if id.number >= dir.doc_chunks {
                    return Err(Error::corrupt(format!("the index has no document chunk {k}")));
                }
                let first = dir.first_doc(id.number);
                let end = dir.first_doc(id.number + 1).min(self.doc_count);
                let store = StoreBuf::from_slice(file.slice_of(sections.get(SectionKind::DocStore)?))?;
                if store.view()?.len() != end - first {
                    return Err(Error::corrupt(format!("document chunk {k} does not hold the documents it should")));
                }
                if let Store::Chunks(chunks) = &mut self.store {
                    if chunks[k].is_none() {
                        chunks[k] = Some(store);
                        self.loaded_bytes += len;
                    }
                }
            }
            ChunkKind::Meta => {
                if self.metas.add_chunk(id.number, sections.get(SectionKind::DocMeta)?)? {
                    self.loaded_bytes += len;
                }
            }
            ChunkKind::Pages => {
                if self.directory.add_page(id.number, sections.get(SectionKind::Directory)?, self.term_count)? {
                    self.loaded_bytes += len;
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

    /// Adds every chunk of a split index, reading each with `load`: the directory's pages first
    /// (in a two-level directory they give the other chunks' places), then the rest, as
    /// [`Index::add_chunks`] does.
    pub fn add_all_chunks<E: From<Error>>(
        &mut self,
        mut load: impl FnMut(&str) -> std::result::Result<Vec<u8>, E>,
    ) -> std::result::Result<(), E> {
        let pages = self.page_names();
        self.add_chunks(pages, &mut load)?;
        let rest: Vec<String> = self.chunk_names();
        self.add_chunks(rest, load)
    }

    /// The names of a two-level directory's pages, as a loader reads them (none for one level).
    pub fn page_names(&self) -> Vec<String> {
        let dir = &self.directory;
        (0..dir.page_count()).map(|number| dir.address(ChunkId { kind: ChunkKind::Pages, number })).collect()
    }

    /// Whether only a module built with folio-core's `large` feature reads this index: its
    /// chunks are packed or its directory has pages ([`Error::NeedsLarge`](crate::Error::NeedsLarge)).
    pub fn needs_large(&self) -> bool {
        self.directory.packs.is_some() || self.directory.page_count() > 0
    }

    /// Whether this is the root of a split index, whose chunks are added as queries need them.
    pub fn is_split(&self) -> bool {
        matches!(self.store, Store::Chunks(_))
    }

    /// The term chunk whose place in the dictionary `key` falls in: the one whose key range
    /// holds it, else the one before the gap between two ranges it falls in (0 for a single-file
    /// index). No chunk is fetched to answer.
    pub fn term_chunk_of(&self, key: &str) -> u32 {
        let dir = &self.directory;
        match dir.place_of_key(key) {
            Place::Known(Some(chunk)) => chunk,
            Place::Known(None) => match dir.place_of_prefix(key) {
                Place::Known(chunks) => chunks.start.saturating_sub(1),
                Place::Unloaded(pages) => dir.first_chunk_of_page(pages[0]),
            },
            Place::Unloaded(pages) => dir.first_chunk_of_page(pages[0]),
        }
    }

    /// The names of every chunk of a split index, as a loader reads them: file names relative to
    /// the root file, or pack addresses (`chunks/<id>-<pack>.pack#<offset>,<length>`, see
    /// [`pack`](super::pack)); empty for a single-file index. A two-level directory's pages come
    /// last; a packed chunk whose page is not added has no known place yet and is left out
    /// ([`Index::add_all_chunks`] adds the pages first).
    pub fn chunk_names(&self) -> Vec<String> {
        if !self.is_split() {
            return Vec::new();
        }
        let dir = &self.directory;
        let metas = (0..self.metas.chunk_count()).map(|number| ChunkId { kind: ChunkKind::Meta, number });
        let pages = (0..dir.page_count()).map(|number| ChunkId { kind: ChunkKind::Pages, number });
        let known = |id: &ChunkId| dir.packs.is_none() || dir.unknown_page(*id).is_none();
        dir.chunks().chain(metas).chain(pages).filter(known).map(|id| dir.address(id)).collect()
    }

    /// How many term chunks and document chunks a split index has (`(1, 1)` for a single file).
    pub fn chunk_counts(&self) -> (usize, usize) {
        (self.directory.first_keys.len(), self.directory.doc_chunks as usize)
    }

    /// Whether document chunk `number` of a split index has not been added yet.
    pub(super) fn lacks_doc_chunk(&self, number: u32) -> bool {
        matches!(&self.store, Store::Chunks(chunks) if chunks.get(number as usize).is_some_and(Option::is_none))
    }
}
