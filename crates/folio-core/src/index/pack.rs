//! Pack files: a split index's chunks concatenated into a few large files, read with HTTP range
//! requests.
//!
//! A static host caps the number of files a site may have, and a million documents make some
//! 170,000 chunks. Packed, the chunks go into a few files of at most [`PACK_BYTES`] each (term
//! chunks and document chunks in packs of their own), every chunk compressed on its own (zlib,
//! RFC 1950), so a query downloads the same bytes as it would fetching chunk files a host
//! gzips. The root's [`SectionKind::Packs`] section gives each chunk's compressed length (in a
//! two-level directory, the term and document chunks' are in its [`pages`](super::pages)) and
//! where each pack starts; from them [`Packs::address`] names a chunk as
//! `chunks/<index id>-t<n>.pack#<offset>,<length>` (`d` for document packs), the name [`Error::MissingChunks`] reports
//! and a loader reads (a browser with `Range: bytes=…`, then `DecompressionStream('deflate')`;
//! the CLI from the file). Pack names carry the index id, like chunk files, so a rebuilt index
//! never meets an old pack in a cache.
//!
//! [`PackWriter`] takes the chunks as the index writer hands them out, in the root's order, and
//! [`PackWriter::finish`] adds the section to the root.
//!
//! [`SectionKind::Packs`]: super::format::SectionKind::Packs

#[cfg(feature = "packs")]
use super::chunks::ChunkId;
use super::chunks::ChunkKind;
use super::codec::{Decoder, Encoder};
#[cfg(feature = "packs")]
use super::format::{self, SectionKind};
#[cfg(feature = "packs")]
use super::pages::Paging;
use crate::{Error, Result};

/// The most bytes a pack file holds (a chunk larger than that gets a pack of its own).
pub const PACK_BYTES: usize = 32 << 20;

/// The largest chunk, decompressed, that a pack may yield: a guard against a forged length.
const MAX_CHUNK_BYTES: usize = 1 << 30;

/// Where each chunk of a packed index lies: the root's pack table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Packs {
    /// Per pack: the number of its first chunk, in the directory's order (term chunks, then
    /// document chunks, metadata chunks and directory pages); ascending from 0.
    pub first_chunks: Vec<u32>,
    /// Per chunk: its compressed length in bytes; 0 while it is unknown (a chunk of a two-level
    /// directory whose page is not added: [`pages`](super::pages)).
    pub lengths: Vec<u32>,
    /// Per chunk: its offset in its pack (the sum of the lengths before it there).
    offsets: Vec<u32>,
    /// How many of the chunks are term, document and metadata chunks and directory pages, in
    /// that order (from the directory; packs never mix the kinds).
    kinds: [u32; 4],
    /// How many of the first chunks (the term and document chunks of a two-level directory)
    /// have their lengths in the directory's pages rather than in this table.
    in_pages: usize,
}

impl Packs {
    /// The pack table of chunks with compressed `lengths`, of which `kinds` are term, document
    /// and metadata chunks and directory pages (in that order), packs starting at `first_chunks`.
    pub fn new(first_chunks: Vec<u32>, lengths: Vec<u32>, kinds: [u32; 4]) -> Result<Packs> {
        Packs::with_unknown(first_chunks, lengths, kinds, 0)
    }

    /// As [`Packs::new`], the first `unknown` lengths (0) to be given by directory pages.
    fn with_unknown(first_chunks: Vec<u32>, lengths: Vec<u32>, kinds: [u32; 4], unknown: usize) -> Result<Packs> {
        let n = lengths.len();
        if kinds.iter().map(|&k| u64::from(k)).sum::<u64>() != n as u64 {
            return Err(Error::corrupt("the pack table's chunks are not the directory's"));
        }
        let boundaries = [kinds[0], kinds[0] + kinds[1], kinds[0] + kinds[1] + kinds[2]];
        if boundaries.iter().any(|&b| b > 0 && (b as usize) < n && first_chunks.binary_search(&b).is_err()) {
            return Err(Error::corrupt("a pack of the pack table mixes chunks of two kinds"));
        }
        let in_order = first_chunks.first() == Some(&0) || (n == 0 && first_chunks.is_empty());
        if !in_order
            || first_chunks.windows(2).any(|w| w[0] >= w[1])
            || first_chunks.last().is_some_and(|&f| f as usize >= n.max(1))
        {
            return Err(Error::corrupt("the pack table's packs are out of order"));
        }
        let mut packs = Packs { first_chunks, lengths: vec![0; n], offsets: vec![0; n], kinds, in_pages: 0 };
        if unknown < n {
            packs.set_lengths(unknown, 0, &lengths[unknown..])?;
        }
        Ok(packs)
    }

    /// Sets the lengths of the chunks from `at` on (in the directory's order) to `lengths`, the
    /// first lying at `offset` in its pack, checking that each place is possible.
    pub(super) fn set_lengths(&mut self, at: usize, offset: u32, lengths: &[u32]) -> Result<()> {
        let end = at.checked_add(lengths.len()).filter(|&end| end <= self.lengths.len());
        let end = end.ok_or_else(|| Error::corrupt("the pack table has no such chunks"))?;
        let starts_pack = |k: usize| self.first_chunks.binary_search(&(k as u32)).is_ok();
        if starts_pack(at) && offset != 0 {
            return Err(Error::corrupt("a chunk at the start of a pack has an offset"));
        }
        let mut offsets = Vec::with_capacity(lengths.len());
        let mut next = u64::from(offset);
        for (k, &len) in (at..end).zip(lengths) {
            if starts_pack(k) {
                next = 0;
            }
            if len == 0 || next + u64::from(len) > u64::from(u32::MAX) {
                return Err(Error::corrupt("the pack table gives a chunk an impossible length"));
            }
            offsets.push(next as u32);
            next += u64::from(len);
        }
        self.lengths[at..end].copy_from_slice(lengths);
        self.offsets[at..end].copy_from_slice(&offsets);
        Ok(())
    }

    /// The same table, the lengths of its first `n` chunks left to directory pages when encoded.
    pub(super) fn lengths_in_pages(mut self, n: usize) -> Packs {
        self.in_pages = n.min(self.lengths.len());
        self
    }

    /// Writes the offset of chunk `span.start` in its pack, then the lengths of the chunks of
    /// `span` (in the directory's order), as a directory page holds them.
    pub(super) fn encode_span(&self, e: &mut Encoder, span: std::ops::Range<usize>) {
        e.varint(u64::from(self.offsets.get(span.start).copied().unwrap_or(0)));
        for &len in self.lengths.get(span).unwrap_or_default() {
            e.varint(u64::from(len));
        }
    }

    /// Encodes the pack table section: the pack count and each pack's first chunk as steps,
    /// then the chunk count and each length not in directory pages, as varints.
    pub fn encode(&self) -> Vec<u8> {
        let mut e = Encoder::new();
        e.varint(self.first_chunks.len() as u64);
        let mut last = 0;
        for &first in &self.first_chunks {
            e.varint(u64::from(first - last));
            last = first;
        }
        e.varint(self.lengths.len() as u64);
        for &len in &self.lengths[self.in_pages..] {
            e.varint(u64::from(len));
        }
        e.buf
    }

    /// Decodes and checks the pack table of an index of `kinds` term, document and metadata
    /// chunks and directory pages; with `paged`, the term and document chunks' lengths are in
    /// the directory's pages.
    pub fn decode(bytes: &[u8], kinds: [usize; 4], paged: bool) -> Result<Packs> {
        let chunks: usize = kinds.iter().sum();
        let mut d = Decoder::new(bytes, "pack table");
        let count = d.len()?;
        let mut first_chunks = Vec::with_capacity(count.min(chunks));
        let mut first = 0u32;
        for _ in 0..count {
            first = first.checked_add(d.varint_u32()?).ok_or_else(|| Error::corrupt("the pack table is damaged"))?;
            first_chunks.push(first);
        }
        // Not `d.len()`: the lengths in directory pages take no bytes here.
        let n = usize::try_from(d.varint()?).unwrap_or(usize::MAX);
        if n != chunks {
            return Err(Error::corrupt(format!("the pack table lists {n} chunks; the directory has {chunks}")));
        }
        let unknown = if paged { kinds[0] + kinds[1] } else { 0 };
        let mut lengths = vec![0; unknown];
        for _ in unknown..n {
            lengths.push(d.varint_u32()?);
        }
        let kinds = kinds.map(|k| u32::try_from(k).unwrap_or(u32::MAX));
        Ok(Packs::with_unknown(first_chunks, lengths, kinds, unknown)?.lengths_in_pages(unknown))
    }

    /// The file name of the `number`th pack of `kind` of index `index_id`, relative to the root
    /// file: `chunks/<id>-t0.pack`, `chunks/<id>-d3.pack` (the kind shows in the name, as in a
    /// chunk file's, for the page code's typing pause).
    pub fn file_name(index_id: u32, kind: ChunkKind, number: usize) -> String {
        format!("chunks/{index_id:08x}-{}{number}.pack", kind.letter())
    }

    /// The file name of pack `pack` (counting every pack: term packs, document packs, then
    /// metadata packs).
    fn pack_name(&self, index_id: u32, pack: usize) -> String {
        let kinds = [ChunkKind::Terms, ChunkKind::Docs, ChunkKind::Meta, ChunkKind::Pages];
        let mut end = 0u32;
        let mut before = 0;
        for (kind, count) in kinds.into_iter().zip(self.kinds) {
            end = end.saturating_add(count);
            let packs = self.first_chunks.partition_point(|&f| f < end);
            if pack < packs || kind == ChunkKind::Pages {
                return Packs::file_name(index_id, kind, pack - before);
            }
            before = packs;
        }
        Packs::file_name(index_id, ChunkKind::Pages, pack - before)
    }

    /// The address of chunk `k` (in the directory's order): `chunks/<id>-t0.pack#<offset>,<length>`;
    /// `None` while its length is unknown.
    pub fn address(&self, index_id: u32, k: usize) -> Option<String> {
        let pack = self.first_chunks.partition_point(|&f| f as usize <= k).checked_sub(1)?;
        let (offset, len) = (self.offsets.get(k)?, self.lengths.get(k).filter(|&&len| len > 0)?);
        Some(format!("{}#{offset},{len}", self.pack_name(index_id, pack)))
    }

    /// The pack files, in order.
    pub fn file_names(&self, index_id: u32) -> Vec<String> {
        (0..self.first_chunks.len()).map(|pack| self.pack_name(index_id, pack)).collect()
    }
}

/// A chunk's address split into its file and byte range: `(file, offset, length)`; `None` for
/// the name of a chunk file of its own.
pub fn parse_address(address: &str) -> Option<(&str, u64, usize)> {
    let (file, range) = address.split_once('#')?;
    let (offset, len) = range.split_once(',')?;
    Some((file, offset.parse().ok()?, len.parse().ok()?))
}

/// Compresses one chunk as it is stored in a pack (zlib, best compression).
#[cfg(feature = "packs")]
pub fn deflate(chunk: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(chunk, 9)
}

/// Decompresses one chunk read from a pack; damaged or cut bytes are [`Error::Corrupt`].
#[cfg(feature = "packs")]
pub fn inflate(bytes: &[u8]) -> Result<Vec<u8>> {
    miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(bytes, MAX_CHUNK_BYTES)
        .map_err(|e| Error::corrupt(format!("a packed chunk does not decompress ({:?})", e.status)))
}

/// Decompresses one chunk read from a pack: this build cannot (the web module, whose page code
/// decompresses chunks with `DecompressionStream` before adding them).
#[cfg(not(feature = "packs"))]
pub fn inflate(_bytes: &[u8]) -> Result<Vec<u8>> {
    let _ = MAX_CHUNK_BYTES;
    Err(Error::corrupt("a compressed chunk reached a build without decompression; decompress it before adding it"))
}

/// Whether `bytes` look like a compressed chunk (a zlib header) rather than an index file.
pub fn is_compressed(bytes: &[u8]) -> bool {
    matches!(bytes, [cmf, flg, ..] if cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0)
}

/// Packs a split index's chunks as they are written: takes each chunk (file name and bytes, in
/// the order the writer hands them out), compresses it, appends it to the current pack, and hands
/// each full pack to `put` (file name, bytes).
#[cfg(feature = "packs")]
pub struct PackWriter<'a> {
    put: &'a mut dyn FnMut(String, Vec<u8>) -> Result<()>,
    cap: usize,
    index_id: Option<u32>,
    last: Option<ChunkId>,
    names: Vec<String>,
    pack: Vec<u8>,
    first_chunks: Vec<u32>,
    lengths: Vec<u32>,
    files: Vec<String>,
    /// The kind of each pack written.
    kinds: Vec<ChunkKind>,
    /// How many term, document and metadata chunks and directory pages were added.
    counts: [u32; 4],
    bytes: u64,
    /// The directory pages the writer handed out (unpacked, they hold no lengths): read back,
    /// and written again with the lengths, by [`PackWriter::finish`].
    pages: Vec<Vec<u8>>,
    paging: Paging,
}

#[cfg(feature = "packs")]
impl<'a> PackWriter<'a> {
    /// A writer of packs of at most `cap` bytes (term and document chunks in packs of their own).
    pub fn new(cap: usize, put: &'a mut dyn FnMut(String, Vec<u8>) -> Result<()>) -> PackWriter<'a> {
        PackWriter {
            put,
            cap: cap.max(1),
            index_id: None,
            last: None,
            names: Vec::new(),
            pack: Vec::new(),
            first_chunks: Vec::new(),
            lengths: Vec::new(),
            files: Vec::new(),
            kinds: Vec::new(),
            counts: [0; 4],
            bytes: 0,
            pages: Vec::new(),
            paging: Paging::default(),
        }
    }

    /// The same writer, making the directory two-level as `paging` says (the index writer's
    /// [`with_paging`](super::IndexWriter::with_paging) should say the same).
    pub fn with_paging(mut self, paging: Paging) -> PackWriter<'a> {
        self.paging = paging;
        self
    }

    /// Adds the chunk file `name` (as the writer names it) with `bytes`. Chunks must come in the
    /// order the root's directory lists them, as the index writer hands them out ([`finish`]
    /// checks it).
    ///
    /// [`finish`]: PackWriter::finish
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> Result<()> {
        let (index_id, id) = ChunkId::parse_file_name(name)
            .ok_or_else(|| Error::Options(format!("{name} is not the name of a chunk of a split index")))?;
        if self.index_id.is_some_and(|i| i != index_id) {
            return Err(Error::Options(format!("chunk {name} belongs to another build of the index")));
        }
        self.index_id = Some(index_id);
        if id.kind == ChunkKind::Pages {
            self.pages.push(bytes.to_vec());
            return Ok(());
        }
        self.names.push(name.to_string());
        self.add_packed(id, bytes)
    }

    /// Compresses chunk `id` into the current pack, or a new one.
    fn add_packed(&mut self, id: ChunkId, bytes: &[u8]) -> Result<()> {
        let switched = self.last.is_some_and(|last| last.kind != id.kind);
        let packed = deflate(bytes);
        let len =
            u32::try_from(packed.len()).map_err(|_| Error::Options(format!("chunk {id} is too large to pack")))?;
        if switched
            || self.first_chunks.is_empty()
            || self.pack.len() + packed.len() > self.cap && !self.pack.is_empty()
        {
            self.flush()?;
            self.first_chunks.push(self.lengths.len() as u32);
        }
        self.pack.extend_from_slice(&packed);
        self.lengths.push(len);
        self.last = Some(id);
        self.counts[id.kind as usize] += 1;
        Ok(())
    }

    /// Hands the current pack to `put`, if it holds anything.
    fn flush(&mut self) -> Result<()> {
        if self.pack.is_empty() {
            return Ok(());
        }
        let kind = self.last.map_or(ChunkKind::Terms, |last| last.kind);
        let number = self.kinds.iter().filter(|&&k| k == kind).count();
        let name = Packs::file_name(self.index_id.unwrap_or(0), kind, number);
        self.kinds.push(kind);
        self.bytes += self.pack.len() as u64;
        self.files.push(name.clone());
        (self.put)(name, std::mem::take(&mut self.pack))
    }

    /// Writes the last pack and returns the root with the pack table added, the pack files'
    /// names and their bytes all told. `root` is the root the writer returned for these chunks.
    ///
    /// The directory is laid out again with the chunks' lengths: two-level when [`Paging`] says
    /// it pays (its pages in a pack of their own, after the others), else one level.
    pub fn finish(mut self, root: &[u8]) -> Result<(Vec<u8>, Vec<String>, u64)> {
        self.flush()?;
        let mut index = super::Index::from_bytes(root)?;
        for page in std::mem::take(&mut self.pages) {
            index.add_chunk(page)?;
        }
        let unpaged = |name: &String| ChunkId::parse_file_name(name).is_some_and(|(_, id)| id.kind != ChunkKind::Pages);
        let listed: Vec<String> = index.chunk_names().into_iter().filter(unpaged).collect();
        let dir = &index.directory;
        let all_pages = (0..dir.page_count()).all(|p| dir.pages.as_ref().is_some_and(|pages| pages.is_loaded(p)));
        if listed != self.names || !all_pages {
            return Err(Error::Options("the chunks packed are not the root's, in its order".into()));
        }
        let mut dir = index.directory.clone();
        let [terms, docs, metas, _] = self.counts;
        dir.packs = Some(Packs::new(self.first_chunks.clone(), self.lengths.clone(), [terms, docs, metas, 0])?);
        let pages = dir.paginate(self.paging);
        if !pages.is_empty() {
            self.flush()?;
            for (number, page) in pages.iter().enumerate() {
                self.add_packed(ChunkId { kind: ChunkKind::Pages, number: number as u32 }, page)?;
            }
            self.flush()?;
            let packs = Packs::new(self.first_chunks, self.lengths, self.counts)?;
            dir.packs = Some(packs.lengths_in_pages((terms + docs) as usize));
        }
        let root = format::replace(root, SectionKind::Directory, &dir.encode())?;
        let packs = dir.packs.as_ref().map(Packs::encode).unwrap_or_default();
        let root = format::append(&root, SectionKind::Packs, &packs)?;
        Ok((root, self.files, self.bytes))
    }
}

/// A packed index held in memory: the root and the pack files, as (file name, bytes).
#[cfg(feature = "packs")]
pub fn pack(split: &super::SplitIndex, cap: usize) -> Result<super::SplitIndex> {
    pack_paged(split, cap, Paging::default())
}

/// As [`pack`], the directory made two-level as `paging` says.
#[cfg(feature = "packs")]
pub fn pack_paged(split: &super::SplitIndex, cap: usize, paging: Paging) -> Result<super::SplitIndex> {
    let mut files = Vec::new();
    let mut put = |name: String, bytes: Vec<u8>| {
        files.push((name, bytes));
        Ok(())
    };
    let mut writer = PackWriter::new(cap, &mut put).with_paging(paging);
    for (name, bytes) in &split.chunks {
        writer.add(name, bytes)?;
    }
    let (root, _, _) = writer.finish(&split.root)?;
    Ok(super::SplitIndex { root, chunks: files })
}

/// Reads the chunk at `address` from `files` (a pack's byte range, or a chunk file of its own),
/// as a loader of [`Index::add_chunks`](super::Index::add_chunks) does: for tests and callers
/// that hold the files in memory.
pub fn read_from<'f>(files: impl IntoIterator<Item = &'f (String, Vec<u8>)>, address: &str) -> Result<Vec<u8>> {
    let (file, range) = match parse_address(address) {
        Some((file, offset, len)) => (file, Some((offset, len))),
        None => (address, None),
    };
    let bytes = files
        .into_iter()
        .find(|(name, _)| name == file)
        .map(|(_, bytes)| bytes)
        .ok_or_else(|| Error::corrupt(format!("{file} was not written")))?;
    match range {
        None => Ok(bytes.clone()),
        Some((offset, len)) => usize::try_from(offset)
            .ok()
            .and_then(|start| bytes.get(start..start.checked_add(len)?))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| Error::corrupt(format!("{address} lies past the end of {file}"))),
    }
}

#[cfg(test)]
#[path = "pack_tests.rs"]
mod tests;
