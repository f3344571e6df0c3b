//! A long list's blocks: the table that says where each starts, ends and how high it scores,
//! and each block's documents as a set to ask about.

use super::column::{bitmap_span, read_column, Column, Span};
use super::{decode_run, Posting, BLOCK};
use crate::index::codec::Decoder;
use crate::{Error, Result};

/// One block of a long list, as its table gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The last document of the block before (0 for the first block): the block's documents
    /// are after it (the first block's may be it).
    pub base: u32,
    /// The block's last document.
    pub last: u32,
    /// How many postings it holds.
    pub count: u32,
    /// Where its postings lie, in bytes from the first block's.
    pub(super) bytes: std::ops::Range<usize>,
    /// Where its positions start, in bytes from the term's first position.
    pub positions: u32,
    /// The bound on its postings' scores ([`bound_value`](super::bound_value)).
    pub bound: u8,
    /// Its documents' span when they are stored as its bitmap ([`bitmap_span`]).
    pub(super) bitmap: Option<Span>,
}

impl Block {
    /// How its documents are stored; `b`: its place in the list.
    fn column(&self, b: usize) -> Column {
        match self.bitmap {
            Some(span) => Column::Bitmap(span),
            None => Column::Deltas { base: self.base, first: b == 0 },
        }
    }
}

/// Which documents a block holds, to be asked in ascending order ([`Blocks::members`]).
pub enum Members<'m> {
    /// Its bitmap, from document `start`.
    Bits {
        /// The first document the bitmap stands for.
        start: u32,
        /// One bit per document from `start`.
        bits: &'m [u8],
    },
    /// Its documents, ascending, and how far the questions so far have read them.
    Sorted {
        /// The documents.
        docs: &'m [u32],
        /// The first document not below the last one asked about.
        at: usize,
    },
}

impl Members<'_> {
    /// Whether the block holds `doc`; each `doc` asked must not be below the one before.
    pub fn holds(&mut self, doc: u32) -> bool {
        match self {
            Members::Bits { start, bits } => doc
                .checked_sub(*start)
                .is_some_and(|i| bits.get(i as usize / 8).is_some_and(|&byte| byte >> (i % 8) & 1 == 1)),
            Members::Sorted { docs, at } => {
                while docs.get(*at).is_some_and(|&d| d < doc) {
                    *at += 1;
                }
                docs.get(*at) == Some(&doc)
            }
        }
    }
}

/// A long list's blocks ([`BLOCK`]), from its table, with their bytes: each decoded on its own.
#[derive(Debug, Clone)]
pub struct Blocks<'a> {
    /// The blocks, in document order.
    pub blocks: Vec<Block>,
    pub(super) bodies: &'a [u8],
    doc_count: u32,
}

impl<'a> Blocks<'a> {
    /// Reads the table of a list of `doc_freq` (more than [`BLOCKED_FROM`](super::BLOCKED_FROM)) postings at the decoder's
    /// position, checking that the blocks' documents ascend, below `doc_count`.
    pub fn read(d: &mut Decoder<'a>, doc_freq: u32, doc_count: u32) -> Result<Blocks<'a>> {
        let n = (doc_freq as usize).div_ceil(BLOCK);
        // Each block's table entry takes at least four bytes.
        let mut blocks = Vec::with_capacity(n.min(d.remaining() / 4));
        let (mut base, mut start, mut positions) = (0u32, 0usize, 0u32);
        for b in 0..n {
            let count = (doc_freq as usize - b * BLOCK).min(BLOCK) as u32;
            let delta = d.varint_u32()?;
            // `count` documents in (base, last], or [0, last] for the first block.
            let least = if b == 0 { count - 1 } else { count };
            let last = base.checked_add(delta).filter(|&last| delta >= least && last < doc_count);
            let Some(last) = last else { return Err(Error::corrupt("a posting block's documents are out of order")) };
            let (len, positions_len, bound) = (d.len()?, d.varint_u32()?, d.u8()?);
            let end = start.saturating_add(len);
            let bitmap = bitmap_span(b, base, last, count);
            blocks.push(Block { base, last, count, bytes: start..end, positions, bound, bitmap });
            (base, start, positions) = (last, end, positions.saturating_add(positions_len));
        }
        Ok(Blocks { blocks, bodies: d.bytes(d.remaining())?, doc_count })
    }

    fn decoder(&self, b: usize) -> (Decoder<'a>, &Block) {
        let block = &self.blocks[b];
        (Decoder::new(self.bodies.get(block.bytes.clone()).unwrap_or_default(), "postings"), block)
    }

    /// Appends block `b`'s postings to `out`.
    pub fn postings(&self, b: usize, out: &mut Vec<Posting>) -> Result<()> {
        let (mut d, block) = self.decoder(b);
        decode_run(&mut d, block.count, self.doc_count, block.column(b), out)?;
        match out.last() {
            Some(p) if p.doc == block.last => Ok(()),
            _ => Err(Error::corrupt("a posting block ends on another document than its table says")),
        }
    }

    /// Sets `out` to block `b`'s documents, reading only their column. Written in place, not
    /// pushed (in the module, built for size, a push is a call), into a vector that a block
    /// before left the same length (not cleared and filled again).
    pub fn docs(&self, b: usize, out: &mut Vec<u32>) -> Result<()> {
        let (mut d, block) = self.decoder(b);
        out.resize(block.count as usize, 0);
        read_column(&mut d, block.column(b), self.doc_count, out)
    }

    /// Block `b`'s documents as a set to ask about: its bitmap, or its column read into
    /// `column` ([`Blocks::docs`]), which it borrows.
    pub fn members<'m>(&self, b: usize, column: &'m mut Vec<u32>) -> Result<Members<'m>>
    where
        'a: 'm,
    {
        let (mut d, block) = self.decoder(b);
        match block.bitmap {
            // Not counted here (a pruned search asks thousands of blocks for a document or two):
            // a bitmap that disagrees with its table is refused when the block is decoded.
            Some(span) => Ok(Members::Bits { start: span.start, bits: d.bytes(span.bytes())? }),
            None => {
                self.docs(b, column)?;
                Ok(Members::Sorted { docs: column, at: 0 })
            }
        }
    }
}
