//! A run's document column: deltas (varints, read eight one-byte deltas at a time), or, in a
//! dense block of a long list, a bitmap of the documents the block may hold.

use super::PostingBuilder;
use crate::index::codec::{Decoder, Encoder};
use crate::{Error, Result};

/// A block's documents are a bitmap of the documents it may hold when they are at least one in
/// this many of them (its [`Span`]): a bit a document costs less than a one-byte delta, and a
/// search tests a document's bit where it would read the column up to it
/// (`rank::prune`'s first pass over a long list tests every document scored before it).
pub(super) const BITMAP_DENSITY: u32 = 8;

/// The documents a block may hold: from `start`, `len` of them (up to its last).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The first document the block may hold.
    pub start: u32,
    /// How many documents from `start` it may hold.
    pub len: u32,
}

impl Span {
    /// The bytes of its bitmap.
    pub(super) fn bytes(self) -> usize {
        (self.len as usize).div_ceil(8)
    }
}

/// The span of block `b` of `count` documents after `base` (the block before's last, or the
/// first block's documents from 0) up to `last`, when its documents are a bitmap of it
/// ([`BITMAP_DENSITY`]); `None` when they are deltas.
pub(super) fn bitmap_span(b: usize, base: u32, last: u32, count: u32) -> Option<Span> {
    let start = if b == 0 { 0 } else { base.saturating_add(1) };
    let len = last.checked_sub(start)?.checked_add(1)?;
    (len <= count.saturating_mul(BITMAP_DENSITY)).then_some(Span { start, len })
}

/// Encodes `list`'s document column as deltas from `previous`.
pub(super) fn encode_deltas(list: &[PostingBuilder], mut previous: u32, postings: &mut Encoder) {
    for p in list {
        postings.varint(u64::from(p.doc - previous));
        previous = p.doc;
    }
}

/// Encodes a block's document column as the bitmap of `span` (see [`bitmap_span`]).
pub(super) fn encode_bitmap(block: &[PostingBuilder], span: Span, postings: &mut Encoder) {
    let at = postings.buf.len();
    postings.buf.resize(at + span.bytes(), 0);
    for p in block {
        let bit = (p.doc - span.start) as usize;
        postings.buf[at + bit / 8] |= 1 << (bit % 8);
    }
}

/// How a run's documents are stored.
#[derive(Debug, Clone, Copy)]
pub(super) enum Column {
    /// As deltas from `base`; `first`: the list's first run, whose first document may be `base`
    /// itself.
    Deltas { base: u32, first: bool },
    /// As the bitmap of a block's span.
    Bitmap(Span),
}

/// Reads a run's document column into `slots` (one document each), checked: ascending, below
/// `doc_count`.
pub(super) fn read_column(d: &mut Decoder, column: Column, doc_count: u32, slots: &mut [u32]) -> Result<()> {
    match column {
        Column::Deltas { base, first } => read_docs(d, base, doc_count, first, slots),
        Column::Bitmap(span) => read_bitmap(checked_bitmap(d, span, slots.len() as u32)?, span.start, slots),
    }
}

/// The bitmap of `span` at the decoder's position, checked to hold `count` documents and no bit
/// past its span.
pub(super) fn checked_bitmap<'a>(d: &mut Decoder<'a>, span: Span, count: u32) -> Result<&'a [u8]> {
    let bits = d.bytes(span.bytes())?;
    // Counted eight bytes at a time (a long list's blocks are decoded by the hundred).
    let mut words = bits.chunks_exact(8);
    let mut ones = 0;
    for word in &mut words {
        ones += u64::from_le_bytes(word.try_into().unwrap_or_default()).count_ones();
    }
    for byte in words.remainder() {
        ones += byte.count_ones();
    }
    let past = bits.last().map_or(0, |&b| if span.len % 8 == 0 { 0 } else { b >> (span.len % 8) });
    if ones != count || past != 0 {
        return Err(Error::corrupt("a posting block's bitmap holds other documents than its table says"));
    }
    Ok(bits)
}

/// Writes the documents of a checked bitmap that starts at document `start` into `slots`.
fn read_bitmap(bits: &[u8], start: u32, slots: &mut [u32]) -> Result<()> {
    let mut i = 0;
    for (k, &byte) in bits.iter().enumerate() {
        let mut byte = byte;
        while byte != 0 {
            // The bitmap was checked to hold `slots.len()` documents.
            let Some(slot) = slots.get_mut(i) else { return Err(disordered()) };
            *slot = start + (k * 8) as u32 + byte.trailing_zeros();
            byte &= byte - 1;
            i += 1;
        }
    }
    Ok(())
}

/// The document after `doc` by the decoder's next delta, checked: below `doc_count`, and past
/// `doc` when `after` (every posting but a list's first).
#[inline]
fn next_doc(deltas: &mut Decoder, doc: u32, doc_count: u32, after: bool) -> Result<u32> {
    let delta = deltas.varint_u32_inline()?;
    match doc.checked_add(delta) {
        Some(next) if next < doc_count && (delta > 0 || !after) => Ok(next),
        _ => Err(disordered()),
    }
}

/// The error of a posting list whose documents do not ascend below the document count.
pub(super) fn disordered() -> Error {
    Error::corrupt("a posting list's documents are out of order or past the end")
}

/// Reads a run's column of document deltas from `base` into `slots` (one document each),
/// checked as [`next_doc`] checks them (`first`: the list's first run, whose first delta may be
/// 0). Eight one-byte deltas are read as one word, as most of a long list's are: a long list's
/// documents cost half as much to decode (its column is read whole to find where each block's
/// documents are, whichever blocks are scored).
pub(super) fn read_docs(deltas: &mut Decoder, base: u32, doc_count: u32, first: bool, slots: &mut [u32]) -> Result<()> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let (mut doc, mut i) = (base, 0);
    while i < slots.len() {
        let word = if i > 0 || !first { deltas.word().filter(|_| slots.len() - i >= 8) } else { None };
        // Eight deltas of one byte each (no high bit), none of them 0.
        match word.filter(|&w| w & HIGH == 0 && w.wrapping_sub(ONES) & !w & HIGH == 0) {
            Some(word) => {
                let mut next = u64::from(doc);
                for (k, slot) in slots[i..i + 8].iter_mut().enumerate() {
                    next += word >> (8 * k) & 0xff;
                    *slot = next as u32;
                }
                if next >= u64::from(doc_count) {
                    return Err(disordered());
                }
                doc = next as u32;
                deltas.advance(8);
                i += 8;
            }
            None => {
                doc = next_doc(deltas, doc, doc_count, i > 0 || !first)?;
                slots[i] = doc;
                i += 1;
            }
        }
    }
    Ok(())
}
