//! The term sections of one key range, opened: the whole index, or one term chunk of a split
//! index. Every section is a range of the file's buffer ([`FileSlice`]), not a copy.

use std::ops::Range;

use super::codec::{Decoder, Encoder};
use super::file_slice::FileSlice;
use super::format::{self, SectionKind};
use super::fst_check;
use super::walk::{walk, Guide, KeyMatch};
use crate::{Error, Result};

/// The dictionary, postings and positions of one key range.
pub(crate) struct TermChunk {
    /// Stems and word forms (see [`dictionary`](super::dictionary)).
    pub keys: fst::Map<FileSlice>,
    /// Per term of the term chunk: (document frequency, postings offset, positions offset).
    pub infos: Vec<[u32; 3]>,
    pub postings: FileSlice,
    pub positions: FileSlice,
}

/// Opens an `fst` map once [`fst_check::check`] has read every node of it (its checksum first):
/// `fst` trusts its input and panics on forged bytes.
fn open_fst(bytes: FileSlice, what: &str) -> Result<fst::Map<FileSlice>> {
    fst_check::check(bytes.bytes(), what)?;
    fst::Map::new(bytes).map_err(|e| Error::corrupt(format!("{what}: {e}")))
}

impl TermChunk {
    /// Opens the term sections of `sections`, which lie in `file`; `ordinals` is the range of
    /// stem ordinals they must hold.
    pub fn open(file: &FileSlice, sections: &format::Sections, ordinals: Range<u64>) -> Result<TermChunk> {
        let keys = open_fst(file.slice_of(sections.get(SectionKind::Terms)?), "dictionary")?;
        let count = ordinals
            .end
            .checked_sub(ordinals.start)
            .ok_or_else(|| Error::corrupt("a term chunk's ordinals run backwards"))?;
        let stems = usize::try_from(count)
            .map_err(|_| Error::corrupt("the settings give more terms than this machine can address"))?;
        // The dictionary holds at least one key per stem; the term infos hold one entry each.
        if (keys.len() as u64) < count {
            return Err(Error::corrupt("the dictionary and the settings disagree on the term count"));
        }
        let postings = sections.get(SectionKind::Postings)?;
        let positions = sections.get(SectionKind::Positions)?;
        let infos = decode_infos(sections.get(SectionKind::TermInfos)?, stems, [postings.len(), positions.len()])?;
        Ok(TermChunk { keys, infos, postings: file.slice_of(postings), positions: file.slice_of(positions) })
    }
}

/// Reads a stem ordinal from a dictionary value.
pub(crate) type OrdinalOf = fn(u64) -> Option<u32>;

/// Up to `limit` keys of `map` that `automaton` accepts, in key order, with the stem ordinals
/// `ordinal_of` reads from their values (keys it gives none are skipped).
pub(crate) fn keys_of<A: Guide>(
    map: &fst::Map<FileSlice>,
    automaton: &A,
    limit: usize,
    ordinal_of: OrdinalOf,
) -> Vec<KeyMatch> {
    let mut keys = Vec::new();
    if limit == 0 {
        return keys;
    }
    walk(map.as_fst(), automaton, |key, value| {
        if let (Ok(key), Some(ordinal)) = (std::str::from_utf8(key), ordinal_of(value)) {
            keys.push(KeyMatch { key: key.to_string(), ordinal });
        }
        keys.len() < limit
    });
    keys
}

/// Encodes the term infos section, the inverse of [`decode_infos`]: `infos` gives per term its
/// document frequency and its offsets in postings and positions sections of `section_lens`
/// bytes; each offset is stored as the length up to the next term's (or the section's end). The
/// writer appends term by term with [`encode_info`]; this whole-section form is the tests'.
#[cfg(test)]
fn encode_infos(infos: &[[u64; 3]], section_lens: [u64; 2]) -> Vec<u8> {
    let mut e = Encoder::new();
    for (i, &[doc_freq, postings, positions]) in infos.iter().enumerate() {
        let [postings_end, positions_end] = infos.get(i + 1).map_or(section_lens, |next| [next[1], next[2]]);
        encode_info(&mut e, doc_freq, postings_end - postings, positions_end - positions);
    }
    e.buf
}

/// Appends one term's info to a term infos section as [`decode_infos`] reads it: its document
/// frequency and the lengths of its postings and positions.
pub(super) fn encode_info(e: &mut Encoder, doc_freq: u64, postings_len: u64, positions_len: u64) {
    e.varint(doc_freq);
    e.varint(postings_len);
    e.varint(positions_len);
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

#[cfg(test)]
mod tests {
    use super::{decode_infos, encode_infos};

    #[test]
    fn term_infos_must_account_for_every_postings_byte() {
        // Two terms: (df 1, 3 postings bytes, 2 positions bytes), (df 2, 5, 4).
        let infos = [1, 3, 2, 2, 5, 4];
        assert_eq!(decode_infos(&infos, 2, [8, 6]).unwrap(), [[1, 0, 0], [2, 3, 2]]);
        assert!(decode_infos(&infos, 2, [9, 6]).is_err(), "postings bytes no term owns");
        assert!(decode_infos(&infos, 2, [7, 6]).is_err(), "a term reaching past the postings");
        assert!(decode_infos(&infos, 1, [3, 2]).is_err(), "infos for more terms than the dictionary");
        assert!(decode_infos(&infos, 3, [8, 6]).is_err(), "fewer infos than terms");
        assert_eq!(encode_infos(&[[1, 0, 0], [2, 3, 2]], [8, 6]), infos);
    }

    #[test]
    fn term_infos_round_trip() {
        let infos = [[1, 0, 0], [300, 0, 7], [2, 200_000, 7], [1, 200_001, 90_000]];
        let lens = [200_010, 90_000];
        let bytes = encode_infos(&infos.map(|i| i.map(u64::from)), lens.map(|l| l as u64));
        assert_eq!(decode_infos(&bytes, infos.len(), lens).unwrap(), infos);
        assert_eq!(decode_infos(&encode_infos(&[], [0, 0]), 0, [0, 0]).unwrap(), Vec::<[u32; 3]>::new());
    }
}
