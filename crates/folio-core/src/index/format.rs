//! The container: magic number, version, section table, sections, checksum.
//!
//! ```text
//! "FOLIOIDX"  u16 version  u16 reserved  u32 section count
//! (u32 kind, u32 offset, u32 length) × count      offsets from the start of the file
//! section bytes …
//! u32 CRC-32 of every byte before it
//! ```

use super::codec::{Decoder, Encoder};
use crate::{Error, Result};

/// The eight bytes every Folio index starts with.
pub const MAGIC: &[u8; 8] = b"FOLIOIDX";
/// The format version this build writes and reads. 13: a small split index's root lists the order
/// its documents are stored in (`docs::group`), and words are cut at `.`, `:` and `_`
/// (`analysis::tokenize`), so an older module would misread the one and miss the other's words.
/// 14: a list of more than 512 postings is in blocks after a table (`postings::Blocks`), so that
/// a search can skip the blocks that cannot reach its best documents. 15: a dense block's
/// documents are a bitmap (`postings::column`).
pub const VERSION: u16 = 15;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum SectionKind {
    /// [`Settings`](super::Settings), document count and average field lengths.
    Settings = 1,
    /// The dictionary: an `fst` map from every stem and every folded word form that differs
    /// from its stem to what the key is (see [`dictionary`](super::dictionary)).
    Terms = 2,
    // 3 held the word forms in a map of their own up to format 6.
    /// Per term ordinal, as varints: document frequency, postings length, positions length.
    TermInfos = 4,
    /// Document ids, per-field term frequencies and field lengths.
    Postings = 5,
    /// Word positions, per posting and field.
    Positions = 6,
    // 7 held every document's field lengths up to format 2; they are in the postings now.
    /// Per document: date, language and type, for filters.
    DocMeta = 8,
    /// Per document: the stored text and display fields.
    DocStore = 9,
    /// In the root of a split index: which chunk holds which terms and documents.
    Directory = 10,
    /// In a chunk of a split index: the index it belongs to and which chunk it is. (A page of a
    /// two-level directory holds its part of the directory in a `Directory` section.)
    Chunk = 11,
    /// In the root of a packed split index: where each chunk lies in the pack files.
    Packs = 12,
}

impl SectionKind {
    /// The sections of a single-file index, in the order the writer lays them out.
    pub const ALL: [SectionKind; 7] = [
        SectionKind::Settings,
        SectionKind::Terms,
        SectionKind::TermInfos,
        SectionKind::Postings,
        SectionKind::Positions,
        SectionKind::DocMeta,
        SectionKind::DocStore,
    ];

    /// The section's name in messages.
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Settings => "settings",
            SectionKind::Terms => "dictionary",
            SectionKind::TermInfos => "term infos",
            SectionKind::Postings => "postings",
            SectionKind::Positions => "positions",
            SectionKind::DocMeta => "document metadata",
            SectionKind::DocStore => "document store",
            SectionKind::Directory => "chunk directory",
            SectionKind::Chunk => "chunk header",
            SectionKind::Packs => "pack table",
        }
    }
}

const HEADER_LEN: usize = 8 + 2 + 2 + 4;
const ENTRY_LEN: usize = 12;

/// Joins sections into one index file.
pub fn write(sections: &[(SectionKind, Vec<u8>)]) -> Vec<u8> {
    write_raw(sections.iter().map(|(kind, bytes)| (*kind as u32, bytes.as_slice())))
}

/// The index file `bytes` with section `kind` added after its others (which keep their kinds,
/// known to this build or not, and bytes).
pub fn append(bytes: &[u8], kind: SectionKind, section: &[u8]) -> Result<Vec<u8>> {
    let sections = read(bytes)?;
    Ok(write_raw(sections.entries.iter().copied().chain([(kind as u32, section)])))
}

/// The index file `bytes` with section `kind` replaced by `section` (in its place), or added
/// after the others when it has none.
pub fn replace(bytes: &[u8], kind: SectionKind, section: &[u8]) -> Result<Vec<u8>> {
    let sections = read(bytes)?;
    if !sections.has(kind) {
        return append(bytes, kind, section);
    }
    let entries = sections.entries.iter().map(|&(k, old)| (k, if k == kind as u32 { section } else { old }));
    Ok(write_raw(entries))
}

/// Joins sections, by kind number, into one index file.
fn write_raw<'s>(sections: impl Iterator<Item = (u32, &'s [u8])> + Clone) -> Vec<u8> {
    let mut e = Encoder::new();
    e.buf.extend_from_slice(MAGIC);
    e.u16(VERSION);
    e.u16(0);
    let count = sections.clone().count();
    e.u32(count as u32);
    let mut offset = HEADER_LEN + ENTRY_LEN * count;
    for (kind, bytes) in sections.clone() {
        e.u32(kind);
        e.u32(offset as u32);
        e.u32(bytes.len() as u32);
        offset += bytes.len();
    }
    for (_, bytes) in sections {
        e.buf.extend_from_slice(bytes);
    }
    let crc = super::checksum::crc32(&e.buf);
    e.u32(crc);
    e.buf
}

/// The sections of a verified index file.
#[derive(Debug)]
pub struct Sections<'a> {
    entries: Vec<(u32, &'a [u8])>,
}

impl<'a> Sections<'a> {
    /// The bytes of section `kind`, or an error naming the missing section.
    pub fn get(&self, kind: SectionKind) -> Result<&'a [u8]> {
        self.entries
            .iter()
            .find(|(k, _)| *k == kind as u32)
            .map(|(_, bytes)| *bytes)
            .ok_or_else(|| Error::corrupt(format!("the {} section is missing", kind.name())))
    }

    /// Whether the file has a section `kind`.
    pub fn has(&self, kind: SectionKind) -> bool {
        self.entries.iter().any(|(k, _)| *k == kind as u32)
    }
}

/// Checks magic, version and checksum, then splits `bytes` into sections.
pub fn read(bytes: &[u8]) -> Result<Sections<'_>> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::NotAnIndex);
    }
    let mut d = Decoder::new(bytes, "index header");
    d.bytes(MAGIC.len())?;
    let version = d.u16()?;
    if version != VERSION {
        return Err(Error::Version { expected: VERSION, got: version });
    }
    if bytes.len() < HEADER_LEN + 4 {
        return Err(Error::corrupt(format!("the file is only {} bytes long", bytes.len())));
    }
    let (content, tail) = bytes.split_at(bytes.len() - 4);
    let stored = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let actual = super::checksum::crc32(content);
    if stored != actual {
        return Err(Error::corrupt(format!("checksum mismatch: stored {stored:08x}, computed {actual:08x}")));
    }
    d.u16()?;
    let count = d.u32()? as usize;
    if count > SectionKind::ALL.len() * 4 {
        return Err(Error::corrupt(format!("{count} sections is more than any index has")));
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = d.u32()?;
        let offset = d.u32()? as usize;
        let len = d.u32()? as usize;
        let section = offset
            .checked_add(len)
            .and_then(|end| content.get(offset..end))
            .ok_or_else(|| Error::corrupt(format!("section {kind} lies outside the file")))?;
        entries.push((kind, section));
    }
    Ok(Sections { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write(&[(SectionKind::Settings, vec![1, 2, 3]), (SectionKind::Terms, vec![4, 5])])
    }

    #[test]
    fn sections_round_trip() {
        let bytes = sample();
        let sections = read(&bytes).unwrap();
        assert_eq!(sections.get(SectionKind::Settings).unwrap(), [1, 2, 3]);
        assert_eq!(sections.get(SectionKind::Terms).unwrap(), [4, 5]);
        assert!(sections.get(SectionKind::DocStore).is_err());
    }

    #[test]
    fn wrong_magic_version_and_damage_are_named() {
        assert!(matches!(read(b"hello world, not an index"), Err(Error::NotAnIndex)));
        let mut bytes = sample();
        bytes[8] = 99;
        assert!(matches!(read(&bytes), Err(Error::Version { expected: VERSION, got: 99 })));
        let mut bytes = sample();
        let last = bytes.len() - 6;
        bytes[last] ^= 0x10;
        assert!(matches!(read(&bytes), Err(Error::Corrupt(_))));
        let bytes = sample();
        for cut in 0..bytes.len() {
            assert!(read(&bytes[..cut]).is_err(), "truncated at {cut} was accepted");
        }
    }
}
