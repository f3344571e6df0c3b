//! Two-level chunk directories: a root that lists pages, and pages that list chunks.
//!
//! A one-level root lists every term chunk's first and last key and first stem ordinal, and,
//! packed, every chunk's compressed length: about 5.5 bytes gzipped per term chunk and 1.7 per
//! document chunk, some 450 KB at a million documents. Past [`Paging::from`] chunks, the root
//! lists instead pages (chunks of kind [`ChunkKind::Pages`], `p<k>`) of [`Paging::per_page`]
//! consecutive chunks each, and per term page its first and last key and first stem ordinal;
//! a page holds its chunks' keys and ordinals and, packed, their lengths (offsets are prefix
//! sums, from the page's first chunk's offset in its pack). Document chunks get pages only when
//! packed (unpacked, a document chunk's file name is computed). Metadata chunks and pages keep
//! their lengths in the root's pack table.
//!
//! A lookup that needs a page not added yet notes the page as it notes a missing term chunk
//! ([`Directory::address`] names a chunk of an unknown place by its page), so the
//! [`MissingChunks`](crate::Error::MissingChunks) loop fetches it first: a chunk costs one more
//! round the first time its page is needed, none after.

use super::chunks::{self, holder, ChunkId, ChunkKind, Directory};
use super::codec::{Decoder, Encoder};
use super::format::{self, SectionKind};
use crate::{Error, Result};

/// Chunks listed per page, term and document chunks alike. A term page is then about 700 bytes
/// gzipped and a packed document page (lengths only) about 220: a first query touches a page
/// per query word and one per document chunk of its hits, and at a million documents (23,000
/// term chunks, 167,000 document chunks) the root lists some 1,500 pages in about 6 KB.
pub const PAGE_CHUNKS: u32 = 128;

/// The directory becomes two-level past this many entries (term chunks, and document chunks when
/// packed, whose lengths it would list): 4,096 entries cost a one-level root about 22 KB gzipped
/// (term chunks) or 7 KB (packed document chunks), paid once before the first result, while two
/// levels cost every first query one more round and a request per page it touches. Measured on
/// the 63k Wikipedia leads (2,011 term chunks, unpacked; the index's files only, 50 cold queries
/// of the benchmark, each from a fresh root): one level 21.6 requests, 155.8 KB gzipped, 2.1
/// rounds; two levels 24.3 requests, 143.6 KB, 3.2 rounds (the first query: 16 req · 174.5 KB in
/// 2 rounds against 19 · 162.6 KB in 3). Twelve KB do not pay for a round and three requests, so
/// the leads stay one-level; 300k generated documents (7,007 term and 50,000 packed document
/// chunks) get pages.
pub const PAGED_FROM: usize = 4096;

/// The most chunks a page may list: with each page costing the root a few bytes, a forged root
/// of `b` bytes claims at most about `b / 4 * 512` chunks (the placeholders allocated for them).
const MAX_PER_PAGE: u32 = 512;

/// When a split index's directory gets pages, and how many chunks a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Two levels past this many entries (see [`PAGED_FROM`]).
    pub from: usize,
    /// Chunks per page (see [`PAGE_CHUNKS`]).
    pub per_page: u32,
}

impl Default for Paging {
    fn default() -> Self {
        Paging { from: PAGED_FROM, per_page: PAGE_CHUNKS }
    }
}

/// The pages of a two-level directory, as the root lists them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pages {
    /// Chunks per page.
    pub per_page: u32,
    /// Per term page: the first key of its first chunk.
    pub first_keys: Vec<String>,
    /// Per term page: the last key of its last chunk.
    pub last_keys: Vec<String>,
    /// Per term page: the first stem ordinal of its first chunk.
    pub first_ordinals: Vec<u32>,
    /// How many document pages follow the term pages (0 unpacked).
    pub doc_pages: u32,
    /// Which first bytes the chunks' key ranges take in (a bit per byte), as a one-level
    /// directory's ranges answer [`Directory::may_hold_keys_starting_in`].
    lead_bytes: [u8; 32],
    /// Per page, term pages first: whether it has been added.
    loaded: Vec<bool>,
}

/// Where a directory lookup's answer lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place<T> {
    /// Known from the pages at hand.
    Known(T),
    /// In these pages, not added yet.
    Unloaded(Vec<u32>),
}

impl Pages {
    /// How many pages there are, term pages first.
    pub fn count(&self) -> u32 {
        self.first_keys.len() as u32 + self.doc_pages
    }

    /// Whether page `page` has been added.
    pub fn is_loaded(&self, page: u32) -> bool {
        self.loaded.get(page as usize).copied().unwrap_or(false)
    }

    /// The chunk numbers page `page` lists (of its kind), of `n` chunks of that kind.
    fn span(&self, page: u32, n: usize) -> std::ops::Range<usize> {
        let per = self.per_page as usize;
        let start = (page as usize).saturating_mul(per).min(n);
        start..start.saturating_add(per).min(n)
    }

    /// Encodes the root's part of a two-level directory (after the index id).
    pub(super) fn encode_root(&self, dir: &Directory, e: &mut Encoder) {
        e.varint(u64::from(self.per_page));
        e.varint(dir.first_keys.len() as u64);
        chunks::encode_ranges(e, &self.first_keys, &self.last_keys);
        chunks::encode_steps(e, &self.first_ordinals, 0);
        e.varint(u64::from(dir.doc_chunks));
        e.varint(u64::from(dir.docs_per_chunk));
        e.varint(u64::from(self.doc_pages));
        e.buf.extend_from_slice(&self.lead_bytes);
    }

    /// Decodes the root's term pages into `dir` (after the index id and `per_page`), with
    /// placeholders for the chunks' keys and ordinals until their pages are added.
    pub(super) fn decode_root(dir: &mut Directory, per_page: u32, d: &mut Decoder, term_count: u64) -> Result<()> {
        let n = d.varint()?;
        let pages = n.div_ceil(u64::from(per_page));
        if per_page > MAX_PER_PAGE || pages > d.remaining() as u64 {
            return Err(Error::corrupt("the chunk directory's pages are damaged"));
        }
        let (first_keys, last_keys) = chunks::decode_ranges(d, pages as usize)?;
        let max = u32::try_from(term_count).unwrap_or(u32::MAX);
        let first_ordinals = chunks::decode_steps(d, pages as usize, 0, max)?;
        let n = n as usize;
        dir.first_keys = vec![String::new(); n];
        dir.last_keys = vec![String::new(); n];
        dir.first_ordinals = vec![0; n];
        dir.pages = Some(Pages { per_page, first_keys, last_keys, first_ordinals, ..Pages::default() });
        Ok(())
    }

    /// Decodes the document page count and the lead bytes, which end the root's part, for an
    /// index of `doc_chunks` document chunks.
    pub(super) fn decode_doc_pages(&mut self, d: &mut Decoder, doc_chunks: u32) -> Result<()> {
        self.doc_pages = d.varint_u32()?;
        if self.doc_pages != 0 && self.doc_pages != doc_chunks.div_ceil(self.per_page) {
            return Err(Error::corrupt("the chunk directory's document pages do not cover the index"));
        }
        self.lead_bytes.copy_from_slice(d.bytes(32)?);
        self.loaded = vec![false; self.count() as usize];
        Ok(())
    }

    /// Whether some chunk's key range takes in keys whose first byte is in `first_bytes`.
    fn may_hold(&self, first_bytes: &std::ops::RangeInclusive<u8>) -> bool {
        first_bytes.clone().any(|b| self.lead_bytes[usize::from(b / 8)] & (1 << (b % 8)) != 0)
    }
}

/// The chunks among those of key ranges `firsts`..=`lasts` (in order) that hold `key`, if any.
fn key_holder(firsts: &[String], lasts: &[String], key: &str) -> Option<usize> {
    let k = firsts.partition_point(|f| f.as_str() <= key).checked_sub(1)?;
    match lasts.get(k) {
        Some(last) if key > last.as_str() => None,
        _ => Some(k),
    }
}

/// The chunks among those of key ranges `firsts`..=`lasts` (in order) whose range meets the keys
/// that start with `prefix`.
fn prefix_holders(firsts: &[String], lasts: &[String], prefix: &str) -> std::ops::Range<usize> {
    let k = firsts.partition_point(|f| f.as_str() <= prefix);
    let start = match k.checked_sub(1) {
        Some(before) if lasts.get(before).is_none_or(|last| last.as_str() >= prefix) => before,
        _ => k,
    };
    start..k + firsts[k..].iter().take_while(|f| f.starts_with(prefix)).count()
}

impl Directory {
    /// How many pages a two-level directory has (0 for one level).
    pub fn page_count(&self) -> u32 {
        self.pages.as_ref().map_or(0, Pages::count)
    }

    /// Whether the pack table's term and document lengths are in the pages, not the root.
    pub(super) fn paged_lengths(&self) -> bool {
        self.pages.as_ref().is_some_and(|p| p.doc_pages > 0 || self.doc_chunks == 0)
    }

    /// A two-level directory's document pages exist exactly when the chunks are packed.
    pub(super) fn check_pages_match_packs(&self) -> Result<()> {
        match &self.pages {
            Some(pages) if (pages.doc_pages > 0) != self.packs.is_some() => {
                Err(Error::corrupt("the chunk directory's pages do not match its pack table"))
            }
            _ => Ok(()),
        }
    }

    /// The page that lists chunk `id`, when that page is not added yet.
    pub(super) fn unknown_page(&self, id: ChunkId) -> Option<u32> {
        let pages = self.pages.as_ref()?;
        let page = match id.kind {
            ChunkKind::Terms => id.number / pages.per_page,
            ChunkKind::Docs if pages.doc_pages > 0 => pages.first_keys.len() as u32 + id.number / pages.per_page,
            _ => return None,
        };
        (page < pages.count() && !pages.is_loaded(page)).then_some(page)
    }

    /// The first term chunk term page `page` lists.
    pub(super) fn first_chunk_of_page(&self, page: u32) -> u32 {
        self.pages.as_ref().map_or(0, |pages| page.saturating_mul(pages.per_page))
    }

    /// The stem ordinals term chunk `k` holds (its page added), of `term_count` stems.
    pub(super) fn ordinals_of_chunk(&self, k: usize, term_count: u64) -> Option<std::ops::Range<u64>> {
        let first = u64::from(*self.first_ordinals.get(k)?);
        let next = k + 1;
        let end = match &self.pages {
            // The next chunk opens the next page, which may not be added: the root has its first.
            Some(pages) if next % pages.per_page as usize == 0 => {
                pages.first_ordinals.get(next / pages.per_page as usize).map(|&o| u64::from(o))
            }
            _ => self.first_ordinals.get(next).map(|&o| u64::from(o)),
        };
        Some(first..end.unwrap_or(term_count))
    }

    /// The term chunk whose key range takes in `key` (`Known(None)` when it falls between two
    /// ranges), or the page to add to know it.
    pub fn place_of_key(&self, key: &str) -> Place<Option<u32>> {
        let Some(pages) = &self.pages else { return Place::Known(self.chunk_of_key(key)) };
        let Some(page) = key_holder(&pages.first_keys, &pages.last_keys, key) else { return Place::Known(None) };
        if !pages.is_loaded(page as u32) {
            return Place::Unloaded(vec![page as u32]);
        }
        let span = pages.span(page as u32, self.first_keys.len());
        let found = key_holder(&self.first_keys[span.clone()], &self.last_keys[span.clone()], key);
        Place::Known(found.map(|k| (span.start + k) as u32))
    }

    /// The term chunks holding keys that start with `prefix`, or the pages to add to know them.
    pub fn place_of_prefix(&self, prefix: &str) -> Place<std::ops::Range<u32>> {
        let Some(pages) = &self.pages else { return Place::Known(self.chunks_of_prefix(prefix)) };
        let range = prefix_holders(&pages.first_keys, &pages.last_keys, prefix);
        let unloaded: Vec<u32> = range.clone().map(|p| p as u32).filter(|&p| !pages.is_loaded(p)).collect();
        if !unloaded.is_empty() {
            return Place::Unloaded(unloaded);
        }
        let n = self.first_keys.len();
        let start = pages.span(range.start as u32, n).start;
        let end = if range.is_empty() { start } else { pages.span(range.end as u32 - 1, n).end };
        let found = prefix_holders(&self.first_keys[start..end], &self.last_keys[start..end], prefix);
        Place::Known((start + found.start) as u32..(start + found.end) as u32)
    }

    /// The term chunk holding stem ordinal `ordinal`, or the page to add to know it.
    pub fn place_of_ordinal(&self, ordinal: u32) -> Place<u32> {
        let Some(pages) = &self.pages else { return Place::Known(self.chunk_of_ordinal(ordinal)) };
        let page = holder(&pages.first_ordinals, &ordinal);
        if !pages.is_loaded(page) {
            return Place::Unloaded(vec![page]);
        }
        let span = pages.span(page, self.first_keys.len());
        Place::Known(span.start as u32 + holder(&self.first_ordinals[span], &ordinal))
    }

    /// Whether some chunk's key range takes in keys whose first byte is in `first_bytes`: in
    /// two levels, from the lead bytes the root keeps, so the answer is the one-level one.
    pub(super) fn paged_may_hold(&self, first_bytes: &std::ops::RangeInclusive<u8>) -> Option<bool> {
        self.pages.as_ref().map(|pages| pages.may_hold(first_bytes))
    }

    /// Adds page `number` from its directory section `bytes`; returns whether it was new. The
    /// page must agree with the root (its first and last key and first ordinal) and its chunks'
    /// places must be possible; a page that does not changes nothing.
    pub(super) fn add_page(&mut self, number: u32, bytes: &[u8], term_count: u64) -> Result<bool> {
        let Some(pages) = &self.pages else {
            return Err(Error::corrupt("a directory page reached an index whose directory has no pages"));
        };
        if number >= pages.count() {
            return Err(Error::corrupt(format!("the index has no directory page {number}")));
        }
        if pages.is_loaded(number) {
            return Ok(false);
        }
        let term_pages = pages.first_keys.len() as u32;
        let mut d = Decoder::new(bytes, "directory page");
        let (kind, page) =
            if number < term_pages { (ChunkKind::Terms, number) } else { (ChunkKind::Docs, number - term_pages) };
        let n = if kind == ChunkKind::Terms { self.first_keys.len() } else { self.doc_chunks as usize };
        let span = pages.span(page, n);
        if d.len()? != span.len() {
            return Err(Error::corrupt(format!("directory page {number} lists the wrong number of chunks")));
        }
        let mut terms = None;
        if kind == ChunkKind::Terms {
            let p = page as usize;
            let (firsts, lasts) = chunks::decode_ranges(&mut d, span.len())?;
            let next_ordinal = pages.first_ordinals.get(p + 1).map_or(term_count, |&o| u64::from(o));
            let max = u32::try_from(next_ordinal).unwrap_or(u32::MAX);
            let ordinals = chunks::decode_steps(&mut d, span.len(), pages.first_ordinals[p], max)?;
            let agrees = firsts.first() == pages.first_keys.get(p)
                && lasts.last() == pages.last_keys.get(p)
                && ordinals.first() == pages.first_ordinals.get(p);
            if !agrees {
                return Err(Error::corrupt(format!("directory page {number} does not match the root")));
            }
            terms = Some((firsts, lasts, ordinals));
        }
        let position = self.position(ChunkId { kind, number: span.start as u32 });
        let lengths = match (&self.packs, position) {
            (Some(_), Some(at)) => {
                let start = d.varint_u32()?;
                let lengths = (0..span.len()).map(|_| d.varint_u32()).collect::<Result<Vec<u32>>>()?;
                Some((at, start, lengths))
            }
            _ => None,
        };
        if !d.is_empty() {
            return Err(Error::corrupt(format!("directory page {number} has bytes after its end")));
        }
        if let (Some(packs), Some((at, start, lengths))) = (&mut self.packs, lengths) {
            packs.set_lengths(at, start, &lengths)?;
        }
        if let Some((firsts, lasts, ordinals)) = terms {
            self.first_keys.splice(span.clone(), firsts);
            self.last_keys.splice(span.clone(), lasts);
            self.first_ordinals.splice(span, ordinals);
        }
        if let Some(pages) = &mut self.pages {
            pages.loaded[number as usize] = true;
        }
        Ok(true)
    }

    /// Makes this one-level directory (every chunk listed, with its packed length if packed)
    /// two-level when `paging` says it pays, and returns its pages as chunk files, in order;
    /// a directory that stays one-level gets none.
    pub(super) fn paginate(&mut self, paging: Paging) -> Vec<Vec<u8>> {
        self.pages = None;
        let n = self.first_keys.len();
        let entries = n + if self.packs.is_some() { self.doc_chunks as usize } else { 0 };
        let per = paging.per_page.clamp(1, MAX_PER_PAGE);
        if entries <= paging.from || n == 0 {
            return Vec::new();
        }
        let starts: Vec<usize> = (0..n).step_by(per as usize).collect();
        let mut lead_bytes = [0u8; 32];
        let lead = |key: &String| key.as_bytes().first().copied().unwrap_or(0);
        for (first, last) in self.first_keys.iter().zip(&self.last_keys) {
            for b in lead(first)..=lead(last) {
                lead_bytes[usize::from(b / 8)] |= 1 << (b % 8);
            }
        }
        let doc_pages = if self.packs.is_some() { self.doc_chunks.div_ceil(per) } else { 0 };
        let term_pages = starts.len() as u32;
        let pages = Pages {
            per_page: per,
            first_keys: starts.iter().map(|&s| self.first_keys[s].clone()).collect(),
            last_keys: starts.iter().map(|&s| self.last_keys[(s + per as usize).min(n) - 1].clone()).collect(),
            first_ordinals: starts.iter().map(|&s| self.first_ordinals[s]).collect(),
            doc_pages,
            lead_bytes,
            loaded: vec![true; (term_pages + doc_pages) as usize],
        };
        let mut files = Vec::new();
        for number in 0..term_pages + doc_pages {
            let (kind, page, n) = if number < term_pages {
                (ChunkKind::Terms, number, n)
            } else {
                (ChunkKind::Docs, number - term_pages, self.doc_chunks as usize)
            };
            let span = pages.span(page, n);
            let mut e = Encoder::new();
            e.varint(span.len() as u64);
            if kind == ChunkKind::Terms {
                chunks::encode_ranges(&mut e, &self.first_keys[span.clone()], &self.last_keys[span.clone()]);
                chunks::encode_steps(&mut e, &self.first_ordinals[span.clone()], pages.first_ordinals[page as usize]);
            }
            if let Some(packs) = &self.packs {
                let at = self.position(ChunkId { kind, number: span.start as u32 }).unwrap_or(0);
                packs.encode_span(&mut e, at..at + span.len());
            }
            let id = ChunkId { kind: ChunkKind::Pages, number };
            let header = chunks::encode_header(self.index_id, id);
            files.push(format::write(&[(SectionKind::Chunk, header), (SectionKind::Directory, e.buf)]));
        }
        self.pages = Some(pages);
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-level directory of 40 term chunks with gaps between their key ranges, and 9
    /// document chunks.
    fn one_level() -> Directory {
        let key = |i: usize| format!("{}{}", (b'a' + (i / 4) as u8) as char, i % 4);
        Directory {
            index_id: 7,
            first_keys: (0..40).map(|i| if i == 0 { String::new() } else { format!("{}a", key(i)) }).collect(),
            last_keys: (0..40).map(|i| format!("{}m", key(i))).collect(),
            first_ordinals: (0..40).map(|i| i * 3).collect(),
            doc_chunks: 9,
            docs_per_chunk: 5,
            ..Directory::default()
        }
    }

    /// Every lookup of a two-level directory, its pages added one by one from their bytes,
    /// answers as the one-level directory, or names the pages it lacks.
    #[test]
    fn pages_answer_as_one_level_once_added() {
        let flat = one_level();
        let mut paged = flat.clone();
        let files = paged.paginate(Paging { from: 0, per_page: 6 });
        assert_eq!(files.len(), 7);
        let mut read = Directory::decode(&paged.encode(), 45, 120).unwrap();
        let probes: Vec<String> = (0..40usize)
            .flat_map(|i| {
                let k = format!("{}{}", (b'a' + (i / 4) as u8) as char, i % 4);
                [k.clone(), format!("{k}a"), format!("{k}b"), format!("{k}z"), k[..1].to_string()]
            })
            .chain(["".into(), "zz".into(), "a".into()])
            .collect();
        for (number, file) in files.iter().enumerate() {
            for probe in &probes {
                match read.place_of_key(probe) {
                    Place::Known(found) => assert_eq!(found, flat.chunk_of_key(probe), "{probe}"),
                    Place::Unloaded(pages) => assert!(pages.iter().all(|&p| p as usize >= number), "{probe}"),
                }
                if let Place::Known(found) = read.place_of_prefix(probe) {
                    assert_eq!(found, flat.chunks_of_prefix(probe), "prefix {probe}");
                }
            }
            for ordinal in 0..120 {
                if let Place::Known(found) = read.place_of_ordinal(ordinal) {
                    assert_eq!(found, flat.chunk_of_ordinal(ordinal), "ordinal {ordinal}");
                }
            }
            let sections = format::read(file).unwrap();
            assert!(read.add_page(number as u32, sections.get(SectionKind::Directory).unwrap(), 120).unwrap());
        }
        assert_eq!(
            (&read.first_keys, &read.last_keys, &read.first_ordinals),
            (&flat.first_keys, &flat.last_keys, &flat.first_ordinals)
        );
        for bytes in [0..=b'`', b'a'..=b'a', b'k'..=b'z', 0xd0..=0xd1] {
            assert_eq!(read.may_hold_keys_starting_in(&bytes), flat.may_hold_keys_starting_in(&bytes), "{bytes:?}");
        }
        // Every cut of the root's part is refused.
        let root = paged.encode();
        for cut in 0..root.len() {
            assert!(Directory::decode(&root[..cut], 45, 120).is_err(), "cut at {cut}");
        }
    }
}
