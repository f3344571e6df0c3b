//! Postings: for one term, the documents that contain it, how often per field, and where.
//!
//! A term's `doc_freq` postings are stored by column, so each column compresses on its own terms
//! (a run of field masks or of frequencies of 1 gzips to almost nothing): the document deltas
//! (varints), one byte per posting holding the field mask (low four bits) and the word-form
//! signature ([`form_bit`], high four bits; 0 in every posting of a term whose documents all hold
//! the same forms), then for each posting and each field in its mask
//! the term frequency (varint), then for each of those the field's length (one byte, see
//! [`lengths`]). The field length is the one BM25 needs for this document; kept with the
//! posting, it arrives with the term's chunk of a split index rather than in a table of every
//! document the root would have to carry. The positions live in another section, so term-only
//! queries never read them: for each posting, for each field in its mask, `tf` delta-coded
//! varint positions.
//!
//! A term in more than [`BLOCKED_FROM`] documents has its postings in blocks of [`BLOCK`] (the last one
//! shorter), each encoded as above (its deltas from the block before's last document; or, in a
//! dense block, at least one document in eight of those it may hold (`column`), a bitmap of
//! them), after a table with, per block: its last document (a varint delta from the block before's), the
//! bytes of its postings and of its positions (varints), and a bound on any of its documents'
//! BM25F score ([`bound_value`], one byte). A search can then skip a long list's blocks
//! whose documents cannot reach the top (`rank::prune`) without decoding them; the positions are
//! the same stream either way.

mod blocks;
mod column;

pub use blocks::{Block, Blocks, Members};
#[cfg(test)]
use column::read_docs;

use column::{bitmap_span, encode_bitmap, encode_deltas, read_column, Column};

use super::codec::{Decoder, Encoder};
use super::fields::{Field, Settings};
use super::lengths;
use crate::{Error, Result};

/// Postings per block of a long list.
pub const BLOCK: usize = 128;
/// A list of at most this many postings has no blocks: only longer ones are pruned
/// (`rank::prune`), and a block table costs bytes (the 63k leads' first query fetched 4% more
/// when every list over one block had one).
pub const BLOCKED_FROM: usize = 4 * BLOCK;

/// One document's entry in a term's postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// Document ordinal.
    pub doc: u32,
    /// Occurrences of the term in each field, by [`Field`] index.
    pub tf: [u32; Field::COUNT],
    /// The length of each field the term occurs in, in words (within 1/32), by [`Field`] index;
    /// 0 for the other fields.
    pub lengths: [u32; Field::COUNT],
    /// Which word forms of the term the document holds, as the union of their [`form_bit`]s;
    /// every bit when the term's documents all hold the same forms (then none are stored).
    pub forms: u8,
}

/// A posting with its positions, as the writer collects it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingBuilder {
    /// Document ordinal.
    pub doc: u32,
    /// Word positions of the term in each field, ascending, by [`Field`] index.
    pub positions: [Vec<u32>; Field::COUNT],
    /// The union of the [`form_bit`]s of the word forms the document holds the term as.
    pub forms: u8,
}

// The field mask and the form signature share a byte.
const _: () = assert!(Field::COUNT <= 4);

/// The bit (one of four) that stands for word form `form` in a posting's form signature.
///
/// Postings are kept by stem; the signature tells, with no text to read, whether a document
/// holds a given form of it (`association`, not only `associated`). Forms of one stem mostly
/// differ by an ending of one to three letters, which their length in chars modulo 4 always
/// tells apart.
/// (On Cranfield's misspelt words, a document with other forms of the stem but not the word's
/// own shares its bit 10% of the time; a hash of the form, or mixing in its last letter, 17–34%.)
pub fn form_bit(form: &str) -> u8 {
    1 << (form.chars().count() % 4)
}

/// The fields `p` occurs in, with its positions there.
fn in_fields(p: &PostingBuilder) -> impl Iterator<Item = (usize, &Vec<u32>)> {
    p.positions.iter().enumerate().filter(|(_, v)| !v.is_empty())
}

/// What the writer bounds each block's scores with: the index's BM25F parameters and average
/// field lengths.
#[derive(Debug, Clone)]
pub struct Bounds {
    /// The BM25F parameters.
    pub settings: Settings,
    /// The average length of each field, as the settings section stores it.
    pub avg_lengths: [f32; Field::COUNT],
}

impl Bounds {
    /// The byte ([`bound_value`]) bounding the BM25F score, before idf and query weights, of
    /// every posting of `block`.
    fn of(&self, block: &[PostingBuilder], field_lengths: &[[u32; Field::COUNT]]) -> u8 {
        let mut top = 0.0f32;
        for p in block {
            let doc_lengths = field_lengths.get(p.doc as usize).copied().unwrap_or_default();
            let (mut tf, mut len) = ([0; Field::COUNT], [0; Field::COUNT]);
            for (i, v) in in_fields(p) {
                tf[i] = v.len() as u32;
                len[i] = lengths::length_of(lengths::quantize(doc_lengths[i]));
            }
            let u = self.settings.bm25f(&self.avg_lengths, &len, &tf, 1.0);
            top = if u > top { u } else { top };
        }
        // Rounded up to the next 255th of the score's ceiling, `k1 + 1`.
        (top / (self.settings.k1 + 1.0) * 255.0).ceil().clamp(1.0, 255.0) as u8
    }
}

/// The score a block's bound byte stands for (before idf and query weights), for an index
/// ranked with `k1`: no posting of the block scores more, up to float rounding.
pub fn bound_value(byte: u8, k1: f32) -> f32 {
    f32::from(byte) / 255.0 * (k1 + 1.0)
}

/// Appends one term's postings (sorted by document) to the postings and positions sections;
/// `field_lengths` holds every document's field lengths, by document.
pub fn encode(
    list: &[PostingBuilder],
    field_lengths: &[[u32; Field::COUNT]],
    bounds: &Bounds,
    postings: &mut Encoder,
    positions: &mut Encoder,
) {
    // A list whose documents all hold the same forms (most often the stem's only form) says
    // nothing by them: it stores none, so its mask column compresses as well as before.
    let uniform = list.first().map_or(0, |p| p.forms);
    let keep = if list.iter().all(|p| p.forms == uniform) { 0 } else { 0x0f };
    if list.len() <= BLOCKED_FROM {
        encode_run(list, 0, keep, field_lengths, postings);
        encode_positions(list, positions);
        return;
    }
    let mut bodies = Encoder::new();
    let mut previous = 0u32;
    for (b, block) in list.chunks(BLOCK).enumerate() {
        let (start, at) = (bodies.buf.len(), positions.buf.len());
        let last = block.last().map_or(previous, |p| p.doc);
        match bitmap_span(b, previous, last, block.len() as u32) {
            Some(span) => encode_bitmap(block, span, &mut bodies),
            None => encode_deltas(block, previous, &mut bodies),
        }
        encode_columns(block, keep, field_lengths, &mut bodies);
        encode_positions(block, positions);
        postings.varint(u64::from(last - previous));
        postings.varint((bodies.buf.len() - start) as u64);
        postings.varint((positions.buf.len() - at) as u64);
        postings.u8(bounds.of(block, field_lengths));
        previous = last;
    }
    postings.buf.extend_from_slice(&bodies.buf);
}

/// Encodes `list`'s columns, its document deltas from `previous`.
fn encode_run(
    list: &[PostingBuilder],
    previous: u32,
    keep: u8,
    field_lengths: &[[u32; Field::COUNT]],
    postings: &mut Encoder,
) {
    encode_deltas(list, previous, postings);
    encode_columns(list, keep, field_lengths, postings);
}

/// Encodes `list`'s columns after the documents: field masks and forms, frequencies, lengths.
fn encode_columns(list: &[PostingBuilder], keep: u8, field_lengths: &[[u32; Field::COUNT]], postings: &mut Encoder) {
    for p in list {
        postings.u8(in_fields(p).fold(0u8, |mask, (i, _)| mask | (1 << i)) | (p.forms & keep) << 4);
    }
    for p in list {
        in_fields(p).for_each(|(_, v)| postings.varint(v.len() as u64));
    }
    for p in list {
        let doc_lengths = field_lengths.get(p.doc as usize).copied().unwrap_or_default();
        in_fields(p).for_each(|(i, _)| postings.u8(lengths::quantize(doc_lengths[i])));
    }
}

fn encode_positions(list: &[PostingBuilder], positions: &mut Encoder) {
    for p in list {
        for (_, field_positions) in in_fields(p) {
            let mut last = 0u32;
            for &pos in field_positions {
                positions.varint(u64::from(pos - last));
                last = pos;
            }
        }
    }
}

/// Decodes the `doc_freq` postings that start at the decoder's position.
pub fn decode(d: &mut Decoder, doc_freq: u32, doc_count: u32) -> Result<Vec<Posting>> {
    // Each posting takes at least three bytes, so a damaged count cannot reserve much.
    let mut out = Vec::with_capacity((doc_freq.min(doc_count) as usize).min(d.remaining() / 3));
    if doc_freq as usize <= BLOCKED_FROM {
        decode_run(d, doc_freq, doc_count, Column::Deltas { base: 0, first: true }, &mut out)?;
        return Ok(out);
    }
    let blocks = Blocks::read(d, doc_freq, doc_count)?;
    for b in 0..blocks.blocks.len() {
        blocks.postings(b, &mut out)?;
    }
    Ok(out)
}

/// Decodes `count` postings (one run of columns) onto `out`, their documents stored as
/// `column` says.
///
/// Each column starts where the one before it ends, so their starts are found first (the
/// varint columns are skipped eight bytes at a time); then the four columns are read side by
/// side, and each posting is written once.
fn decode_run(d: &mut Decoder, count: u32, doc_count: u32, column: Column, out: &mut Vec<Posting>) -> Result<()> {
    let mut docs = vec![0; count as usize];
    read_column(d, column, doc_count, &mut docs)?;
    let masks = d.bytes(count as usize)?;
    let mut fields = 0u64;
    for m in masks {
        fields += u64::from((m & 0x0f).count_ones());
    }
    let mut tfs = d.clone();
    d.skip_varints(fields)?;
    let mut length_bytes = d.bytes(fields as usize)?.iter();
    for (&byte, &doc) in masks.iter().zip(&docs) {
        // No forms stored: every document holds every form the list has.
        let (mask, forms) = (byte & 0x0f, if byte >> 4 == 0 { 0x0f } else { byte >> 4 });
        if mask == 0 || mask >> Field::COUNT != 0 {
            return Err(Error::corrupt(format!("a posting has an invalid field mask {mask:#04x}")));
        }
        let mut posting = Posting { doc, tf: [0; Field::COUNT], lengths: [0; Field::COUNT], forms };
        for field in 0..Field::COUNT {
            if mask >> field & 1 == 0 {
                continue;
            }
            let tf = tfs.varint_u32_inline()?;
            if tf == 0 {
                return Err(Error::corrupt("a posting has a field frequency of 0"));
            }
            posting.tf[field] = tf;
            // One length byte per mask bit, counted above.
            posting.lengths[field] = lengths::length_of(length_bytes.next().copied().unwrap_or_default());
        }
        out.push(posting);
    }
    Ok(())
}

/// Where a term occurs. Ordered by document, then field, then position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// The document ordinal.
    pub doc: u32,
    /// The [`Field`] index.
    pub field: u8,
    /// The word position in the field.
    pub position: u32,
}

/// Decodes the positions of `postings` (the same term's list) from the decoder's position:
/// one vector per posting and field.
pub fn decode_positions(d: &mut Decoder, postings: &[Posting]) -> Result<Vec<[Vec<u32>; Field::COUNT]>> {
    let mut out = Vec::with_capacity(postings.len());
    for p in postings {
        let mut per_field: [Vec<u32>; Field::COUNT] = Default::default();
        for (list, &tf) in per_field.iter_mut().zip(&p.tf) {
            list.reserve((tf as usize).min(1024));
        }
        read_positions(d, p, |field, position| per_field[field].push(position))?;
        out.push(per_field);
    }
    Ok(out)
}

/// Reads the positions of `posting` (the next ones in the decoder), calling `each(field,
/// position)` in field and position order.
pub fn read_positions(d: &mut Decoder, posting: &Posting, mut each: impl FnMut(usize, u32)) -> Result<()> {
    for (field, &tf) in posting.tf.iter().enumerate() {
        let mut position = 0u32;
        for _ in 0..tf {
            position =
                position.checked_add(d.varint_u32_inline()?).ok_or_else(|| Error::corrupt("a position overflows"))?;
            each(field, position);
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
