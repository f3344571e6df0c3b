//! Opening and reading an index.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::Mutex;

use super::checksum;
use super::chunks::{self, ChunkId, ChunkKind, Directory};
use super::codec::Decoder;
use super::dictionary;
use super::docs::{DocView, StoreBuf};
use super::fields::{Field, Settings};
use super::format::{self, SectionKind};
use super::meta::{Meta, MetaTable};
use super::postings::{self, Occurrence, Posting};
use super::walk::{walk, Guide};
use crate::corpus::Document;
use crate::{Error, Result};

/// Where one term's data lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInfo {
    /// How many documents contain the term (0 while its chunk is not loaded).
    pub doc_freq: u32,
    /// Byte offset of the term's postings in its chunk's postings.
    pub postings_offset: u32,
    /// Byte offset of the term's positions in its chunk's positions.
    pub positions_offset: u32,
    /// The term chunk that holds the term (always 0 in a single-file index).
    pub chunk: u32,
}

/// The dictionaries, postings and positions of one key range: the whole index, or one term chunk
/// of a split index.
struct Shard {
    /// The chunk's bytes; `None` when the sections lie in the root (a single-file index).
    data: Option<Box<[u8]>>,
    /// Stems and word forms (see [`dictionary`]).
    keys: fst::Map<Vec<u8>>,
    /// Per term of the shard: (document frequency, postings offset, positions offset).
    infos: Vec<[u32; 3]>,
    postings: Range<usize>,
    positions: Range<usize>,
}

/// Where the stored documents are.
enum Store {
    /// In the root's document store section.
    Root(StoreBuf),
    /// In document chunks, loaded as they are added.
    Chunks(Vec<Option<StoreBuf>>),
}

/// An opened, verified index, ready to search.
///
/// A single-file index holds everything. The root of a split index holds what every query needs
/// (settings, metadata, the chunk [`Directory`]); its chunks are added with
/// [`Index::add_chunk`]. A search that reaches a chunk not yet added fails with
/// [`Error::MissingChunks`], naming every chunk it needs, so the caller fetches them (in
/// parallel) and searches again.
pub struct Index {
    data: Box<[u8]>,
    directory: Directory,
    shards: Vec<Option<Shard>>,
    store: Store,
    missing: Mutex<BTreeSet<ChunkId>>,
    loaded_bytes: usize,
    settings: Settings,
    doc_count: u32,
    term_count: u64,
    avg_lengths: [f32; Field::COUNT],
    metas: MetaTable,
}

fn range_of(data: &[u8], section: &[u8]) -> Range<usize> {
    let start = section.as_ptr() as usize - data.as_ptr() as usize;
    start..start + section.len()
}

/// Opens an `fst` map after checking its own checksum (with [`checksum::fst_checksum_ok`]: `fst`'s
/// verification would bring 16 KB of incompressible tables into the wasm module).
fn open_fst(bytes: &[u8], what: &str) -> Result<fst::Map<Vec<u8>>> {
    let map = fst::Map::new(bytes.to_vec()).map_err(|e| Error::corrupt(format!("{what}: {e}")))?;
    if !checksum::fst_checksum_ok(bytes) {
        return Err(Error::corrupt(format!("{what}: the dictionary's checksum does not match")));
    }
    Ok(map)
}

impl Shard {
    /// Opens the term sections of `sections`, which lie in `data`; `ordinals` is the range of
    /// stem ordinals they must hold.
    fn open(data: &[u8], sections: &format::Sections, ordinals: Range<u64>) -> Result<Shard> {
        let keys = open_fst(sections.get(SectionKind::Terms)?, "dictionary")?;
        let stems = usize::try_from(ordinals.end - ordinals.start)
            .map_err(|_| Error::corrupt("the settings give more terms than this machine can address"))?;
        // The dictionary holds at least one key per stem; the term infos hold one entry each.
        if (keys.len() as u64) < ordinals.end - ordinals.start {
            return Err(Error::corrupt("the dictionary and the settings disagree on the term count"));
        }
        let postings = sections.get(SectionKind::Postings)?;
        let positions = sections.get(SectionKind::Positions)?;
        let infos = decode_infos(sections.get(SectionKind::TermInfos)?, stems, [postings.len(), positions.len()])?;
        Ok(Shard { data: None, keys, infos, postings: range_of(data, postings), positions: range_of(data, positions) })
    }
}

/// Reads a stem ordinal from a dictionary value.
type OrdinalOf = fn(u64) -> Option<u32>;

/// Up to `limit` keys of `map` that `automaton` accepts, in key order, with the stem ordinals
/// `ordinal_of` reads from their values (keys it gives none are skipped).
fn keys_of<A: Guide>(
    map: &fst::Map<Vec<u8>>,
    automaton: &A,
    limit: usize,
    ordinal_of: OrdinalOf,
) -> Vec<(String, u32)> {
    let mut keys = Vec::new();
    if limit == 0 {
        return keys;
    }
    walk(map.as_fst(), automaton, |key, value| {
        if let (Ok(key), Some(ordinal)) = (std::str::from_utf8(key), ordinal_of(value)) {
            keys.push((key.to_string(), ordinal));
        }
        keys.len() < limit
    });
    keys
}

/// Decodes the term infos section: per term, varint document frequency, postings length and
/// positions length, which must add up to `section_lens` (postings, positions). Gives each term's
/// (document frequency, postings offset, positions offset).
fn decode_infos(bytes: &[u8], terms: usize, section_lens: [usize; 2]) -> Result<Vec<[u32; 3]>> {
    let mismatch = || Error::corrupt("the term infos do not match the dictionary and postings");
    // Every term takes at least three bytes, so a forged term count cannot reserve much.
    let mut infos = Vec::with_capacity(terms.min(bytes.len() / 3));
    let mut d = Decoder::new(bytes, "term infos");
    let mut offsets = [0u32; 2];
    for _ in 0..terms {
        let doc_freq = d.varint_u32()?;
        infos.push([doc_freq, offsets[0], offsets[1]]);
        for (offset, limit) in offsets.iter_mut().zip(section_lens) {
            *offset = offset.checked_add(d.varint_u32()?).filter(|&o| o as usize <= limit).ok_or_else(mismatch)?;
        }
    }
    if !d.is_empty() || offsets.iter().zip(section_lens).any(|(&o, len)| o as usize != len) {
        return Err(mismatch());
    }
    Ok(infos)
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
    /// of, without copying them (a large index loaded in the browser would otherwise sit in memory
    /// twice).
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
            // An average field length is a count of words over a count of documents.
            if !avg.is_finite() || *avg < 0.0 {
                return Err(Error::corrupt("an average field length is not a positive number"));
            }
        }

        let metas = MetaTable::decode(sections.get(SectionKind::DocMeta)?)?;
        if metas.len() != doc_count as usize {
            return Err(Error::corrupt("the document sections disagree on the document count"));
        }

        let (directory, shards, store) = if sections.has(SectionKind::Directory) {
            let directory = Directory::decode(sections.get(SectionKind::Directory)?, doc_count, term_count)?;
            let shards = directory.first_keys.iter().map(|_| None).collect();
            let store = Store::Chunks(directory.first_docs.iter().map(|_| None).collect());
            (directory, shards, store)
        } else {
            let shard = Shard::open(&data, &sections, 0..term_count)?;
            let store = StoreBuf::new(sections.get(SectionKind::DocStore)?.to_vec())?;
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
            (directory, vec![Some(shard)], Store::Root(store))
        };
        Ok(Index {
            loaded_bytes: data.len(),
            data,
            directory,
            shards,
            store,
            missing: Mutex::new(BTreeSet::new()),
            settings,
            doc_count,
            term_count,
            avg_lengths,
            metas,
        })
    }

    /// Adds a chunk of a split index (the bytes of one of the files [`Index::chunk_names`] lists),
    /// verifying it like an index file and checking that it belongs to this index. Returns the
    /// chunk's file name. Adding a chunk twice is harmless.
    pub fn add_chunk(&mut self, bytes: Vec<u8>) -> Result<String> {
        if !self.is_split() {
            return Err(Error::Options("this index is a single file; it has no chunks to add".into()));
        }
        let data: Box<[u8]> = bytes.into_boxed_slice();
        let sections = format::read(&data)?;
        let (index_id, id) = chunks::decode_header(sections.get(SectionKind::Chunk)?)?;
        let name = id.file_name(self.directory.index_id);
        if index_id != self.directory.index_id {
            return Err(Error::corrupt(format!(
                "chunk {id} belongs to another build of the index (index id {index_id:08x}, expected {:08x}); \
                 publish the root file and its chunks/ folder together",
                self.directory.index_id
            )));
        }
        let k = id.number as usize;
        let len = data.len();
        match id.kind {
            ChunkKind::Terms => {
                let dir = &self.directory;
                let first = dir.first_ordinals.get(k).copied().map(u64::from);
                let end = dir.first_ordinals.get(k + 1).map_or(self.term_count, |&o| u64::from(o));
                let first = first.ok_or_else(|| Error::corrupt(format!("the index has no term chunk {k}")))?;
                let mut shard = Shard::open(&data, &sections, first..end)?;
                drop(sections);
                if self.shards[k].is_none() {
                    shard.data = Some(data);
                    self.shards[k] = Some(shard);
                    self.loaded_bytes += len;
                }
            }
            ChunkKind::Docs => {
                let dir = &self.directory;
                let first = dir.first_docs.get(k).copied();
                let first = first.ok_or_else(|| Error::corrupt(format!("the index has no document chunk {k}")))?;
                let end = dir.first_docs.get(k + 1).copied().unwrap_or(self.doc_count);
                // Keep just the store section: its offsets are relative to its start.
                let store = StoreBuf::new(sections.get(SectionKind::DocStore)?.to_vec())?;
                if store.view()?.len() != end - first {
                    return Err(Error::corrupt(format!("document chunk {k} does not hold the documents it should")));
                }
                drop(sections);
                if let Store::Chunks(chunks) = &mut self.store {
                    if chunks[k].is_none() {
                        chunks[k] = Some(store);
                        self.loaded_bytes += len;
                    }
                }
            }
        }
        self.lock_missing().remove(&id);
        Ok(name)
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
        dir.chunk_of_key(key).unwrap_or_else(|| dir.chunks_of_prefix(key).start.saturating_sub(1))
    }

    /// The file names of every chunk of a split index (relative to the root file); empty for a
    /// single-file index.
    pub fn chunk_names(&self) -> Vec<String> {
        if !self.is_split() {
            return Vec::new();
        }
        self.directory.chunks().map(|id| id.file_name(self.directory.index_id)).collect()
    }

    fn lock_missing(&self) -> std::sync::MutexGuard<'_, BTreeSet<ChunkId>> {
        self.missing.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn note_missing(&self, id: ChunkId) {
        self.lock_missing().insert(id);
    }

    /// Forgets which chunks earlier searches found missing.
    pub(crate) fn clear_missing(&self) {
        self.lock_missing().clear();
    }

    /// Fails with [`Error::MissingChunks`] if anything since [`Index::clear_missing`] needed a
    /// chunk that has not been added.
    pub(crate) fn check_missing(&self) -> Result<()> {
        let missing = self.lock_missing();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::MissingChunks(missing.iter().map(|id| id.file_name(self.directory.index_id)).collect()))
    }

    /// Notes the document chunks `docs` need that have not been added.
    pub(crate) fn require_documents(&self, docs: impl IntoIterator<Item = u32>) {
        if let Store::Chunks(chunks) = &self.store {
            for doc in docs {
                let number = self.directory.chunk_of_doc(doc);
                if chunks.get(number as usize).is_some_and(Option::is_none) {
                    self.note_missing(ChunkId { kind: ChunkKind::Docs, number });
                }
            }
        }
    }

    /// The term chunk `number`, or `None` (noting it missing) when it has not been added.
    fn shard(&self, number: u32) -> Option<&Shard> {
        let shard = self.shards.get(number as usize)?.as_ref();
        if shard.is_none() {
            self.note_missing(ChunkId { kind: ChunkKind::Terms, number });
        }
        shard
    }

    fn shard_bytes<'a>(&'a self, shard: &'a Shard) -> &'a [u8] {
        shard.data.as_deref().unwrap_or(&self.data)
    }

    /// How many documents the index holds.
    pub fn doc_count(&self) -> u32 {
        self.doc_count
    }

    /// How many distinct terms (stems) the index holds.
    pub fn term_count(&self) -> usize {
        self.term_count as usize
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

    /// Metadata of document `doc` (date, language, type).
    pub fn meta(&self, doc: u32) -> Option<Meta<'_>> {
        self.metas.get(doc)
    }

    /// Every document's metadata, for filters and facet counts.
    pub fn metas(&self) -> &MetaTable {
        &self.metas
    }

    /// The ordinal of stemmed `term`, if the index has it.
    pub fn term_ordinal(&self, term: &str) -> Option<u32> {
        let shard = self.shard(self.directory.chunk_of_key(term)?)?;
        shard.keys.get(term).and_then(dictionary::as_stem)
    }

    /// The ordinal of the stem of folded word form `word`, if the index has the word.
    pub fn word_ordinal(&self, word: &str) -> Option<u32> {
        let shard = self.shard(self.directory.chunk_of_key(word)?)?;
        shard.keys.get(word).and_then(dictionary::as_form)
    }

    /// Up to `max` keys of `dictionary` within `scope` that `automaton` accepts, in key order,
    /// with their values (stem ordinals).
    pub fn walk<A: Guide>(
        &self,
        dictionary: Dictionary,
        scope: Scope,
        automaton: &A,
        max: usize,
    ) -> Vec<(String, u32)> {
        let dir = &self.directory;
        let chunks = match scope {
            Scope::Near(key) => match dir.chunk_of_key(key) {
                Some(k) => k..k + 1,
                None => 0..0,
            },
            Scope::Prefix(prefix) => dir.chunks_of_prefix(prefix),
        };
        let mut found = Vec::new();
        for number in chunks {
            let Some(shard) = self.shard(number) else { continue };
            let limit = max - found.len();
            let ordinal_of = match dictionary {
                Dictionary::Terms => dictionary::as_stem,
                Dictionary::Words => dictionary::as_form,
            };
            found.append(&mut keys_of(&shard.keys, automaton, limit, ordinal_of));
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
        if self.directory.last_keys.is_empty() {
            return match self.shards.first() {
                Some(Some(shard)) => shard.keys.as_fst().root().transitions().any(|t| first_bytes.contains(&t.inp)),
                _ => true,
            };
        }
        self.directory.may_hold_keys_starting_in(&first_bytes)
    }

    /// Where the data of term `ordinal` lies. While its chunk is not added, the term looks
    /// absent (no documents) and the chunk is noted missing.
    pub fn term_info(&self, ordinal: u32) -> Result<TermInfo> {
        let chunk = self.directory.chunk_of_ordinal(ordinal);
        let Some(shard) = self.shard(chunk) else {
            return Ok(TermInfo { doc_freq: 0, postings_offset: 0, positions_offset: 0, chunk });
        };
        let local = ordinal.checked_sub(self.directory.first_ordinals[chunk as usize]);
        let [doc_freq, postings_offset, positions_offset] = local
            .and_then(|local| shard.infos.get(local as usize))
            .copied()
            .ok_or_else(|| Error::corrupt(format!("term ordinal {ordinal} is out of range")))?;
        Ok(TermInfo { doc_freq, postings_offset, positions_offset, chunk })
    }

    /// The bytes of `info`'s term in `section` (postings or positions) of its chunk.
    fn term_bytes(&self, info: &TermInfo, positions: bool) -> Result<&[u8]> {
        let Some(shard) = self.shard(info.chunk) else { return Ok(&[]) };
        let (range, offset) = if positions {
            (shard.positions.clone(), info.positions_offset)
        } else {
            (shard.postings.clone(), info.postings_offset)
        };
        self.shard_bytes(shard)[range].get(offset as usize..).ok_or_else(|| {
            Error::corrupt(format!("a {} offset is out of range", if positions { "positions" } else { "postings" }))
        })
    }

    /// The postings of a term.
    pub fn postings(&self, info: &TermInfo) -> Result<Vec<Posting>> {
        let bytes = self.term_bytes(info, false)?;
        postings::decode(&mut Decoder::new(bytes, "postings"), info.doc_freq, self.doc_count)
    }

    /// The positions of a term's `postings` (as returned by [`Index::postings`]).
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
        match &self.store {
            Store::Root(store) => store.view()?.get(doc),
            Store::Chunks(chunks) => {
                let number = self.directory.chunk_of_doc(doc);
                let Some(Some(store)) = chunks.get(number as usize) else {
                    let id = ChunkId { kind: ChunkKind::Docs, number };
                    return Err(Error::MissingChunks(vec![id.file_name(self.directory.index_id)]));
                };
                store.view()?.get(doc - self.directory.first_docs[number as usize])
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
mod tests {
    use super::*;
    use crate::index::IndexWriter;
    use fst::Automaton;

    fn sample() -> Vec<u8> {
        let mut w = IndexWriter::new();
        let mut a = Document::new("a", "Telegram from Mikoyan", "The plenum. The August plenum.");
        a.lang = Some("en".into());
        w.add(a).unwrap();
        w.add(Document::new("b", "Пленум", "Решения пленума ЦК")).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn the_scripts_of_the_dictionary_are_known_without_fetching_chunks() {
        const CYRILLIC: std::ops::RangeInclusive<u8> = 0xD0..=0xD4;
        let mixed = Index::from_bytes(&sample()).unwrap();
        assert!(mixed.may_hold_terms_starting_in(CYRILLIC) && mixed.may_hold_terms_starting_in(b'a'..=b'z'));
        let latin_writer = || {
            let mut w = IndexWriter::new();
            for i in 0..60 {
                w.add(Document::new(format!("d{i}"), "Report", format!("word{i} other{i} plain text"))).unwrap();
            }
            w
        };
        let single = Index::from_bytes(&latin_writer().finish().unwrap()).unwrap();
        assert!(single.may_hold_terms_starting_in(b'a'..=b'z'));
        assert!(!single.may_hold_terms_starting_in(CYRILLIC));
        let split = latin_writer().finish_split(crate::index::ChunkSizes { terms: 64, docs: 64 }).unwrap();
        let root = Index::from_bytes(&split.root).unwrap();
        assert!(root.is_split() && root.may_hold_terms_starting_in(b'a'..=b'z'));
        assert!(!root.may_hold_terms_starting_in(CYRILLIC));
        assert!(root.check_missing().is_ok(), "answered from the directory alone");
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
        assert_eq!(index.meta(0).unwrap().lang, Some("en"));
        assert_eq!(postings[0].lengths, [0, 0, 5, 0]);
        let ru = index.term_ordinal("пленум").unwrap();
        assert_eq!(index.term_info(ru).unwrap().doc_freq, 1);
        assert_eq!(index.word_ordinal("пленума"), Some(ru));
    }

    #[test]
    fn word_walks_find_stems_and_forms_in_key_order() {
        let index = Index::from_bytes(&sample()).unwrap();
        let ru = index.term_ordinal("пленум").unwrap();
        // "пленум" is its own stem (one key, flagged as a form), "пленума" is not.
        assert_eq!(index.word_ordinal("пленум"), Some(ru));
        let prefix = fst::automaton::Str::new("плен").starts_with();
        let found = index.walk(Dictionary::Words, Scope::Prefix("плен"), &prefix, 10);
        assert_eq!(found, [("пленум".to_string(), ru), ("пленума".to_string(), ru)]);
        assert_eq!(index.walk(Dictionary::Words, Scope::Prefix("плен"), &prefix, 1).len(), 1);
        // A stem that is no word form is not a word.
        let decis = index.term_ordinal("решен").unwrap();
        assert_eq!(index.word_ordinal("решен"), None);
        assert_eq!(index.word_ordinal("решения"), Some(decis));
    }

    #[test]
    fn a_key_can_be_one_stem_and_a_form_of_another() {
        // English Snowball stems "consideration" to "consider", and "consider" to "consid".
        let writer = || {
            let mut w = IndexWriter::new();
            w.add(Document::new("a", "Notes", "We consider the consideration of it.")).unwrap();
            w
        };
        let split = writer().finish_split(crate::index::ChunkSizes { terms: 16, docs: 64 }).unwrap();
        let mut chunked = Index::from_bytes(&split.root).unwrap();
        for (_, chunk) in split.chunks {
            chunked.add_chunk(chunk).unwrap();
        }
        for index in [Index::from_bytes(&writer().finish().unwrap()).unwrap(), chunked] {
            let stem = index.term_ordinal("consider").unwrap();
            let form_of = index.word_ordinal("consider").unwrap();
            assert_eq!(index.term_ordinal("consid"), Some(form_of));
            assert_eq!(index.word_ordinal("consideration"), Some(stem));
            let prefix = fst::automaton::Str::new("consid").starts_with();
            let words = index.walk(Dictionary::Words, Scope::Prefix("consid"), &prefix, 10);
            assert_eq!(words, [("consider".to_string(), form_of), ("consideration".to_string(), stem)]);
            let stems = index.walk(Dictionary::Terms, Scope::Prefix("consid"), &prefix, 10);
            assert_eq!(stems, [("consid".to_string(), form_of), ("consider".to_string(), stem)]);
        }
    }

    #[test]
    fn term_infos_must_account_for_every_postings_byte() {
        // Two terms: (df 1, 3 postings bytes, 2 positions bytes), (df 2, 5, 4).
        let infos = [1, 3, 2, 2, 5, 4];
        assert_eq!(decode_infos(&infos, 2, [8, 6]).unwrap(), [[1, 0, 0], [2, 3, 2]]);
        assert!(decode_infos(&infos, 2, [9, 6]).is_err(), "postings bytes no term owns");
        assert!(decode_infos(&infos, 2, [7, 6]).is_err(), "a term reaching past the postings");
        assert!(decode_infos(&infos, 1, [3, 2]).is_err(), "infos for more terms than the dictionary");
        assert!(decode_infos(&infos, 3, [8, 6]).is_err(), "fewer infos than terms");
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
