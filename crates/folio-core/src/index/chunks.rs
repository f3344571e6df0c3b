//! Split indexes: a small root plus chunks fetched only when a query needs them.
//!
//! A large corpus is written as a root file (settings, field lengths, document metadata and a
//! [`Directory`]) and chunk files of two kinds:
//!
//! - **term chunks** (`t<k>`): the dictionary keys (stems and word forms) of one key range, with
//!   the postings and positions of the stems in it. A query word needs the chunk its key falls in;
//!   a prefix needs the chunks its key range spans;
//! - **document chunks** (`d<k>`): the stored records of a fixed number of consecutive documents
//!   (a document's chunk is its number divided by it, so the directory lists none), fetched
//!   for the hits of the page shown;
//! - **metadata chunks** (`m<k>`) of large indexes, and, past a size, **directory pages**
//!   (`p<k>`): the root then lists pages of chunks rather than every chunk ([`pages`](super::pages)).
//!
//! Each chunk is an ordinary container ([`format`](super::format)) whose [`SectionKind::Chunk`]
//! section names the index it belongs to and its place in it, so a stale or misplaced file is
//! refused with a clear error. Chunk file names carry the index id, so a rebuilt index never
//! meets an old chunk in a browser cache.
//!
//! [`SectionKind::Chunk`]: super::format::SectionKind::Chunk

use std::fmt;

use super::codec::{Decoder, Encoder};
use super::pack::Packs;
use super::pages::Pages;
use crate::{Error, Result};

mod coding;

pub use coding::{decode_header, encode_header};
pub(super) use coding::{decode_ranges, decode_steps, encode_ranges, encode_steps};

/// Which part of a split index a chunk holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChunkKind {
    /// A key range of the dictionaries, with its stems' postings and positions.
    Terms,
    /// A run of stored documents.
    Docs,
    /// The metadata columns of a run of documents ([`meta`](super::meta)), for filters and sorting.
    Meta,
    /// A page of a two-level directory ([`pages`](super::pages)): the first keys, ordinals and
    /// packed lengths of a run of chunks.
    Pages,
}

impl ChunkKind {
    /// The letter chunk and pack file names give the kind by: `t`, `d`, `m` or `p`.
    pub fn letter(self) -> char {
        match self {
            ChunkKind::Terms => 't',
            ChunkKind::Docs => 'd',
            ChunkKind::Meta => 'm',
            ChunkKind::Pages => 'p',
        }
    }

    /// The kind a chunk name's or header's letter gives, if it is one.
    fn from_letter(letter: u8) -> Option<ChunkKind> {
        [ChunkKind::Terms, ChunkKind::Docs, ChunkKind::Meta, ChunkKind::Pages]
            .into_iter()
            .find(|k| k.letter() as u8 == letter)
    }
}

/// One chunk of a split index: its kind and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChunkId {
    /// Terms or documents.
    pub kind: ChunkKind,
    /// Its number among the chunks of that kind, from 0.
    pub number: u32,
}

impl ChunkId {
    /// The chunk's file name, relative to the root file: `chunks/<index id>-t12.folio`.
    pub fn file_name(self, index_id: u32) -> String {
        format!("chunks/{index_id:08x}-{}{}.folio", self.kind.letter(), self.number)
    }

    /// The chunk a file name from [`ChunkId::file_name`] names: `(index id, chunk id)`.
    pub fn parse_file_name(name: &str) -> Option<(u32, ChunkId)> {
        let rest = name.strip_prefix("chunks/")?.strip_suffix(".folio")?;
        let (id, chunk) = rest.split_once('-')?;
        let kind = ChunkKind::from_letter(*chunk.as_bytes().first()?)?;
        let digits = chunk.get(1..)?;
        if id.len() != 8 || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((u32::from_str_radix(id, 16).ok()?, ChunkId { kind, number: digits.parse().ok()? }))
    }

    fn encode(self, e: &mut Encoder) {
        e.u8(self.kind.letter() as u8);
        e.varint(u64::from(self.number));
    }

    fn decode(d: &mut Decoder) -> Result<ChunkId> {
        let letter = d.u8()?;
        let kind =
            ChunkKind::from_letter(letter).ok_or_else(|| Error::corrupt(format!("unknown chunk kind {letter}")))?;
        Ok(ChunkId { kind, number: d.varint_u32()? })
    }
}

impl fmt::Display for ChunkId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.kind.letter(), self.number)
    }
}

/// The root's map of a split index: which keys, term ordinals and documents each chunk holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// Identifies this build of the index; every chunk carries it.
    pub index_id: u32,
    /// Per term chunk: the first dictionary key it holds (the first is always empty), ascending.
    pub first_keys: Vec<String>,
    /// Per term chunk: the last dictionary key it holds, so a key in the gap between two chunks
    /// is known to be absent without fetching either. Empty for a single-file index.
    pub last_keys: Vec<String>,
    /// Per term chunk: the ordinal of its first stem, ascending (the first is always 0).
    pub first_ordinals: Vec<u32>,
    /// How many document chunks the index has.
    pub doc_chunks: u32,
    /// Documents per document chunk (the last may hold fewer): a document's chunk is its number
    /// divided by this, so the directory lists no first documents.
    pub docs_per_chunk: u32,
    /// The documents in the order they are stored when the document chunks are grouped
    /// ([`docs::group`](super::docs::group)): chunk k holds `order[k · docs_per_chunk ..]`, the
    /// next `docs_per_chunk`. Empty when they are stored in ordinal order (the directory then
    /// encodes nothing of it).
    pub order: Vec<u32>,
    /// Where each document is stored: the inverse of `order` (empty with it). Not encoded.
    pub place: Vec<u32>,
    /// How many metadata chunks the index has (their documents per chunk are fixed, so the
    /// directory lists nothing else of them: [`MetaTable`](super::meta::MetaTable) finds a
    /// document's); 0 when the root holds every document's metadata. Not encoded: read from the
    /// metadata section.
    pub meta_chunks: u32,
    /// Where each chunk lies when the chunks are packed ([`pack`](super::pack)); `None` when
    /// each chunk is a file of its own.
    pub packs: Option<Packs>,
    /// The pages of a two-level directory ([`pages`](super::pages)): the root then lists pages,
    /// and the per-chunk lists above are filled a page at a time as pages are added. `None`
    /// when the root lists every chunk.
    pub pages: Option<Pages>,
}

/// The chunk among those starting at `firsts` (ascending, first ≤ `x`) that holds `x`.
pub(super) fn holder<T: PartialOrd + ?Sized, U: std::borrow::Borrow<T>>(firsts: &[U], x: &T) -> u32 {
    firsts.partition_point(|f| f.borrow() <= x).saturating_sub(1) as u32
}

impl Directory {
    /// The term chunk whose key range takes in `key`, or `None` when `key` falls between two
    /// chunks' ranges (and so is in no dictionary).
    pub fn chunk_of_key(&self, key: &str) -> Option<u32> {
        let k = holder::<str, String>(&self.first_keys, key);
        match self.last_keys.get(k as usize) {
            Some(last) if key > last.as_str() => None,
            _ => Some(k),
        }
    }

    /// The term chunks holding keys that start with `prefix`.
    pub fn chunks_of_prefix(&self, prefix: &str) -> std::ops::Range<u32> {
        let k = holder::<str, String>(&self.first_keys, prefix);
        let after = self.first_keys.iter().skip(k as usize + 1).take_while(|f| f.starts_with(prefix)).count() as u32;
        let first = if self.chunk_of_key(prefix).is_some() { k } else { k + 1 };
        first..k + 1 + after
    }

    /// Whether some chunk's key range takes in keys whose first byte is in `first_bytes`
    /// (always false for a single-file index, whose directory holds no last keys).
    pub fn may_hold_keys_starting_in(&self, first_bytes: &std::ops::RangeInclusive<u8>) -> bool {
        if let Some(answer) = self.paged_may_hold(first_bytes) {
            return answer;
        }
        let lead = |key: &String| key.as_bytes().first().copied().unwrap_or(0);
        self.first_keys
            .iter()
            .zip(&self.last_keys)
            .any(|(first, last)| lead(first) <= *first_bytes.end() && lead(last) >= *first_bytes.start())
    }

    /// The term chunk holding stem ordinal `ordinal`.
    pub fn chunk_of_ordinal(&self, ordinal: u32) -> u32 {
        holder(&self.first_ordinals, &ordinal)
    }

    /// The document chunk holding document `doc`.
    pub fn chunk_of_doc(&self, doc: u32) -> u32 {
        self.stored_at(doc) / self.docs_per_chunk.max(1)
    }

    /// Where document `doc` comes among its chunk's documents.
    pub fn slot_of_doc(&self, doc: u32) -> u32 {
        self.stored_at(doc) % self.docs_per_chunk.max(1)
    }

    /// Where document `doc` is stored: its ordinal, unless the chunks are grouped.
    fn stored_at(&self, doc: u32) -> u32 {
        self.place.get(doc as usize).copied().unwrap_or(doc)
    }

    /// Sets the order the documents are stored in ([`Directory::order`]); an empty one is
    /// ordinal order. `order` must hold each document once.
    pub fn set_order(&mut self, order: Vec<u32>) {
        let mut place = vec![0u32; order.len()];
        for (at, &doc) in order.iter().enumerate() {
            if let Some(p) = place.get_mut(doc as usize) {
                *p = at as u32;
            }
        }
        (self.order, self.place) = (order, place);
    }

    /// The first document of document chunk `number`.
    pub fn first_doc(&self, number: u32) -> u32 {
        number.saturating_mul(self.docs_per_chunk)
    }

    /// The name a loader reads chunk `id` by: its file name, or its pack file and byte range
    /// ([`Packs::address`]) when the chunks are packed.
    /// In a two-level directory, a chunk whose page is not added yet has no known place: it is
    /// named by its page's address, the page being what must be read first.
    pub fn address(&self, id: ChunkId) -> String {
        if let Some(page) = self.unknown_page(id) {
            return self.address(ChunkId { kind: ChunkKind::Pages, number: page });
        }
        let packed = self.packs.as_ref().and_then(|packs| packs.address(self.index_id, self.position(id)?));
        packed.unwrap_or_else(|| id.file_name(self.index_id))
    }

    /// Where chunk `id` comes in [`Directory::chunks`], if the index has it.
    pub(super) fn position(&self, id: ChunkId) -> Option<usize> {
        let (terms, docs, metas) = (self.first_keys.len(), self.doc_chunks as usize, self.meta_chunks as usize);
        let (n, before) = match id.kind {
            ChunkKind::Terms => (terms, 0),
            ChunkKind::Docs => (docs, terms),
            ChunkKind::Meta => (metas, terms + docs),
            ChunkKind::Pages => (self.page_count() as usize, terms + docs + metas),
        };
        (id.number < n as u32).then_some(before + id.number as usize)
    }

    /// Every chunk, term chunks first.
    pub fn chunks(&self) -> impl Iterator<Item = ChunkId> + '_ {
        let terms = (0..self.first_keys.len() as u32).map(|number| ChunkId { kind: ChunkKind::Terms, number });
        let docs = (0..self.doc_chunks).map(|number| ChunkId { kind: ChunkKind::Docs, number });
        terms.chain(docs)
    }
}

#[cfg(test)]
mod tests {
    use super::coding::shared_prefix;
    use super::*;

    fn sample() -> Directory {
        Directory {
            index_id: 0xfeed,
            first_keys: vec![String::new(), "m".into(), "пленум".into()],
            last_keys: vec!["kiev".into(), "zebra".into(), "ясно".into()],
            first_ordinals: vec![0, 40, 90],
            doc_chunks: 3,
            docs_per_chunk: 10,
            ..Directory::default()
        }
    }

    #[test]
    fn directory_round_trips_and_finds_holders() {
        let dir = sample();
        assert_eq!(Directory::decode(&dir.encode(), 30, 100).unwrap(), dir);
        assert_eq!(dir.chunk_of_key("apple"), Some(0));
        assert_eq!(dir.chunk_of_key("lemon"), None, "between two chunks");
        assert_eq!(dir.chunk_of_key("m"), Some(1));
        assert_eq!(dir.chunk_of_key("zebra"), Some(1));
        assert_eq!(dir.chunk_of_key("zulu"), None);
        assert_eq!(dir.chunk_of_key("пленума"), Some(2));
        assert_eq!(dir.chunks_of_prefix("ki"), 0..1);
        assert_eq!(dir.chunks_of_prefix("l"), 1..1);
        assert_eq!(dir.chunks_of_prefix(""), 0..3);
        assert_eq!(dir.chunk_of_ordinal(39), 0);
        assert_eq!(dir.chunk_of_ordinal(40), 1);
        assert_eq!(dir.chunk_of_doc(29), 2);
        let d2 = ChunkId { kind: ChunkKind::Docs, number: 2 };
        assert_eq!(d2.file_name(0xfeed), "chunks/0000feed-d2.folio");
        assert_eq!(ChunkId::parse_file_name("chunks/0000feed-d2.folio"), Some((0xfeed, d2)));
        for bad in ["chunks/0000feed-d.folio", "chunks/feed-d2.folio", "chunks/0000feed-x2.folio", "0000feed-d2.folio"]
        {
            assert_eq!(ChunkId::parse_file_name(bad), None, "{bad}");
        }
        assert_eq!(dir.address(d2), "chunks/0000feed-d2.folio");
    }

    #[test]
    fn document_chunks_cost_the_directory_nothing_per_chunk() {
        // A million documents in chunks of 7: the directory names them by two numbers.
        let many = Directory { doc_chunks: 142_858, docs_per_chunk: 7, ..sample() };
        let bytes = many.encode();
        assert!(bytes.len() <= sample().encode().len() + 4, "{} bytes", bytes.len());
        let read = Directory::decode(&bytes, 1_000_000, 100).unwrap();
        assert_eq!((read.chunk_of_doc(999_999), read.first_doc(142_857)), (142_857, 999_999));
        assert!(Directory::decode(&bytes, 1_000_007, 100).is_err(), "a document in no chunk");
    }

    #[test]
    fn inconsistent_directories_are_refused() {
        let bytes = sample().encode();
        assert!(Directory::decode(&bytes, 20, 100).is_err(), "a chunk past the last document");
        assert!(Directory::decode(&bytes, 31, 100).is_err(), "documents past the chunks");
        assert!(Directory::decode(&bytes, 30, 50).is_err(), "ordinals past the count");
        for cut in 0..bytes.len() {
            assert!(Directory::decode(&bytes[..cut], 30, 100).is_err());
        }
    }

    #[test]
    fn keys_are_front_coded_without_splitting_a_character() {
        assert_eq!(shared_prefix("пленум", "пленума"), "пленум".len());
        // "п" and "р" share their first UTF-8 byte, which is not a prefix of either.
        assert_eq!(shared_prefix("пa", "рa"), 0);
        let dir = Directory {
            first_keys: vec![String::new(), "пленум".into(), "пленума".into(), "рост".into()],
            last_keys: vec!["плен".into(), "пленум".into(), "пост".into(), "рот".into()],
            first_ordinals: vec![0, 3, 3, 9],
            doc_chunks: 1,
            docs_per_chunk: 1,
            ..Directory::default()
        };
        let bytes = dir.encode();
        assert_eq!(Directory::decode(&bytes, 1, 10).unwrap(), dir);
        // Written whole, the keys alone (length byte and bytes) would take this much.
        let whole: usize = dir.first_keys.iter().chain(&dir.last_keys).map(|k| 1 + k.len()).sum();
        assert!(bytes.len() < whole, "{} bytes for {whole} bytes of keys: not front-coded", bytes.len());
        // A shared length past the key before it, or inside a character, is refused.
        let mut forged = Encoder::new();
        forged.u32(0);
        forged.varint(1);
        for (shared, rest) in [(0, ""), (1, "x")] {
            forged.varint(shared);
            forged.str(rest);
        }
        assert!(Directory::decode(&forged.buf, 1, 10).is_err());
    }
}
