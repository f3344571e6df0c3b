//! The directory section of a split index's root and the header section of each chunk, encoded
//! and decoded: the front-coded key ranges and the ordinal steps that the one-level directory and
//! the pages of a two-level one ([`pages`](crate::index::pages)) are both written with.

use super::{ChunkId, Directory};
use crate::index::codec::{Decoder, Encoder};
use crate::index::format::{SectionKind, Sections};
use crate::index::pack::Packs;
use crate::index::pages::Pages;
use crate::{Error, Result};

impl Directory {
    /// The directory of a split index's root `sections` (of `doc_count` documents, `term_count`
    /// stems and `meta_chunks` metadata chunks), with its pack table if the chunks are packed.
    pub fn open(sections: &Sections<'_>, doc_count: u32, term_count: u64, meta_chunks: u32) -> Result<Directory> {
        let mut dir = Directory::decode(sections.get(SectionKind::Directory)?, doc_count, term_count)?;
        dir.meta_chunks = meta_chunks;
        if sections.has(SectionKind::Packs) {
            if !cfg!(feature = "large") {
                return Err(Error::NeedsLarge);
            }
            let bytes = sections.get(SectionKind::Packs)?;
            let kinds =
                [dir.first_keys.len(), dir.doc_chunks as usize, meta_chunks as usize, dir.page_count() as usize];
            dir.packs = Some(Packs::decode(bytes, kinds, dir.paged_lengths())?);
        }
        dir.check_pages_match_packs()?;
        Ok(dir)
    }

    /// Encodes the directory section: the index id, the chunks per page (0: one level), then
    /// every term chunk's keys and first ordinal, or, in two levels, every page's
    /// ([`pages`](crate::index::pages)).
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        e.u32(self.index_id);
        if let Some(pages) = &self.pages {
            pages.encode_root(self, &mut e);
        } else {
            e.varint(0);
            e.varint(self.first_keys.len() as u64);
            encode_ranges(&mut e, &self.first_keys, &self.last_keys);
            encode_steps(&mut e, &self.first_ordinals, 0);
            e.varint(u64::from(self.doc_chunks));
            e.varint(u64::from(self.docs_per_chunk));
        }
        // Grouped document chunks: the order, at the end, so an index stored in ordinal order
        // has none of it.
        if !self.order.is_empty() {
            e.varint(self.order.len() as u64);
            crate::index::docs::group::encode_order(&mut e, &self.order);
        }
        e.buf
    }

    /// Decodes and checks the directory section of an index of `doc_count` documents and
    /// `term_count` stems.
    pub fn decode(bytes: &[u8], doc_count: u32, term_count: u64) -> Result<Directory> {
        let mut d = Decoder::new(bytes, "chunk directory");
        let index_id = d.u32()?;
        let per_page = d.varint_u32()?;
        let mut dir = Directory { index_id, ..Directory::default() };
        if per_page > 0 {
            if !cfg!(feature = "large") {
                return Err(Error::NeedsLarge);
            }
            Pages::decode_root(&mut dir, per_page, &mut d, term_count)?;
        } else {
            let n = d.len()?;
            (dir.first_keys, dir.last_keys) = decode_ranges(&mut d, n)?;
            dir.first_ordinals = decode_steps(&mut d, n, 0, u32::try_from(term_count).unwrap_or(u32::MAX))?;
        }
        dir.doc_chunks = d.varint_u32()?;
        dir.docs_per_chunk = d.varint_u32()?;
        // The chunks of `docs_per_chunk` documents, the last possibly fewer, hold every document.
        let per = u64::from(dir.docs_per_chunk);
        let chunks = u64::from(dir.doc_chunks);
        if per == 0
            || chunks == 0
            || (chunks - 1) * per >= u64::from(doc_count.max(1))
            || chunks * per < u64::from(doc_count)
        {
            return Err(Error::corrupt("the chunk directory's document ranges do not cover the index"));
        }
        if let Some(pages) = &mut dir.pages {
            pages.decode_doc_pages(&mut d, dir.doc_chunks)?;
        }
        if !d.is_empty() {
            dir.set_order(crate::index::docs::group::decode_order(&mut d, doc_count)?);
        }
        let (firsts, ordinals) = match &dir.pages {
            Some(pages) => (&pages.first_keys, &pages.first_ordinals),
            None => (&dir.first_keys, &dir.first_ordinals),
        };
        let starts_at_zero = firsts.first().is_some_and(String::is_empty) && ordinals.first() == Some(&0);
        if !starts_at_zero {
            return Err(Error::corrupt("the chunk directory does not start at the first term and document"));
        }
        Ok(dir)
    }
}

/// Writes key ranges (pairs of first and last keys), front-coded: each key as the length of the
/// prefix it shares with the key before it, then the rest (the root of a large index is mostly
/// keys, and neighbours share most of their bytes).
pub(in crate::index) fn encode_ranges(e: &mut Encoder, firsts: &[String], lasts: &[String]) {
    let mut previous = "";
    for (first, last) in firsts.iter().zip(lasts) {
        for key in [first, last] {
            let shared = shared_prefix(previous, key);
            e.varint(shared as u64);
            e.str(&key[shared..]);
            previous = key;
        }
    }
}

/// Reads `n` key ranges written by [`encode_ranges`], checking that they are in order and do
/// not overlap: `(first keys, last keys)`.
pub(in crate::index) fn decode_ranges(d: &mut Decoder, n: usize) -> Result<(Vec<String>, Vec<String>)> {
    let (mut firsts, mut lasts) = (Vec::with_capacity(n.min(d.remaining())), Vec::with_capacity(n.min(d.remaining())));
    let mut previous = String::new();
    let mut next_key = |d: &mut Decoder| -> Result<String> {
        let shared = usize::try_from(d.varint()?).unwrap_or(usize::MAX);
        if shared > previous.len() || !previous.is_char_boundary(shared) {
            return Err(Error::corrupt("a key of the chunk directory is damaged"));
        }
        previous.truncate(shared);
        previous.push_str(d.str()?);
        Ok(previous.clone())
    };
    for _ in 0..n {
        let key = next_key(d)?;
        let last_key = next_key(d)?;
        if lasts.last().is_some_and(|last: &String| *last >= key) || key > last_key {
            return Err(Error::corrupt("the chunk directory's term ranges are out of order"));
        }
        firsts.push(key);
        lasts.push(last_key);
    }
    Ok((firsts, lasts))
}

/// Writes ascending numbers as their steps, from `base`.
pub(in crate::index) fn encode_steps(e: &mut Encoder, numbers: &[u32], base: u32) {
    let mut last = base;
    for &n in numbers {
        e.varint(u64::from(n - last));
        last = n;
    }
}

/// Reads `n` numbers written by [`encode_steps`] from `base`, each at most `max`.
pub(in crate::index) fn decode_steps(d: &mut Decoder, n: usize, base: u32, max: u32) -> Result<Vec<u32>> {
    let mut numbers = Vec::with_capacity(n.min(d.remaining()));
    let mut number = base;
    for _ in 0..n {
        number = number
            .checked_add(d.varint_u32()?)
            .filter(|&o| o <= max)
            .ok_or_else(|| Error::corrupt("the chunk directory's term ranges lie outside the index"))?;
        numbers.push(number);
    }
    Ok(numbers)
}

/// How many leading bytes `a` and `b` share, at a character boundary.
pub(super) fn shared_prefix(a: &str, b: &str) -> usize {
    let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    while !b.is_char_boundary(n) {
        n -= 1;
    }
    n
}

/// The header section of a chunk: the index it belongs to and which chunk it is.
pub fn encode_header(index_id: u32, id: ChunkId) -> Vec<u8> {
    let mut e = Encoder::new();
    e.u32(index_id);
    id.encode(&mut e);
    e.buf
}

/// Decodes a chunk's header section: `(index id, chunk id)`.
pub fn decode_header(bytes: &[u8]) -> Result<(u32, ChunkId)> {
    let mut d = Decoder::new(bytes, "chunk header");
    let index_id = d.u32()?;
    Ok((index_id, ChunkId::decode(&mut d)?))
}
