//! Postings: for one term, the documents that contain it, how often per field, and where.
//!
//! A term's postings are `doc_freq` entries of `(doc delta varint, field mask u8, tf varint per
//! field in the mask)`. Its positions live in another section, so term-only queries never read
//! them: for each posting, for each field in its mask, `tf` delta-coded varint positions.

use super::codec::{Decoder, Encoder};
use super::fields::Field;
use crate::{Error, Result};

/// One document's entry in a term's postings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posting {
    /// Document ordinal.
    pub doc: u32,
    /// Occurrences of the term in each field, by [`Field`] index.
    pub tf: [u32; Field::COUNT],
}

/// A posting with its positions, as the writer collects it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingBuilder {
    /// Document ordinal.
    pub doc: u32,
    /// Word positions of the term in each field, ascending, by [`Field`] index.
    pub positions: [Vec<u32>; Field::COUNT],
}

/// Appends one term's postings (sorted by document) to the postings and positions sections.
pub fn encode(list: &[PostingBuilder], postings: &mut Encoder, positions: &mut Encoder) {
    let mut previous = 0u32;
    for p in list {
        postings.varint(u64::from(p.doc - previous));
        previous = p.doc;
        let mask = p.positions.iter().enumerate().fold(0u8, |m, (i, v)| if v.is_empty() { m } else { m | (1 << i) });
        postings.u8(mask);
        for field_positions in p.positions.iter().filter(|v| !v.is_empty()) {
            postings.varint(field_positions.len() as u64);
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
    let mut out = Vec::with_capacity(doc_freq.min(doc_count) as usize);
    let mut doc = 0u32;
    for i in 0..doc_freq {
        let delta = d.varint_u32()?;
        if i > 0 && delta == 0 {
            return Err(Error::corrupt("a postings list repeats a document"));
        }
        doc = doc.checked_add(delta).filter(|&doc| doc < doc_count).ok_or_else(|| {
            Error::corrupt(format!("a posting names document {delta}+{doc}, past the {doc_count} documents"))
        })?;
        let mask = d.u8()?;
        if mask == 0 || mask >> Field::COUNT != 0 {
            return Err(Error::corrupt(format!("a posting has an invalid field mask {mask:#04x}")));
        }
        let mut tf = [0u32; Field::COUNT];
        for (i, slot) in tf.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *slot = d.varint_u32()?;
            }
        }
        out.push(Posting { doc, tf });
    }
    Ok(out)
}

/// Decodes the positions of `postings` (the same term's list) from the decoder's position:
/// one vector per posting and field.
pub fn decode_positions(d: &mut Decoder, postings: &[Posting]) -> Result<Vec<[Vec<u32>; Field::COUNT]>> {
    let mut out = Vec::with_capacity(postings.len());
    for p in postings {
        let mut per_field: [Vec<u32>; Field::COUNT] = Default::default();
        for (field, &tf) in p.tf.iter().enumerate() {
            let mut pos = 0u32;
            let mut list = Vec::with_capacity((tf as usize).min(1024));
            for _ in 0..tf {
                pos = pos.checked_add(d.varint_u32()?).ok_or_else(|| Error::corrupt("a position overflows"))?;
                list.push(pos);
            }
            per_field[field] = list;
        }
        out.push(per_field);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_and_positions_round_trip() {
        let list = vec![
            PostingBuilder { doc: 2, positions: [vec![0], vec![], vec![3, 9, 40], vec![]] },
            PostingBuilder { doc: 7, positions: [vec![], vec![1], vec![], vec![5]] },
        ];
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(&list, &mut p, &mut q);
        let postings = decode(&mut Decoder::new(&p.buf, "postings"), 2, 10).unwrap();
        assert_eq!(postings[0], Posting { doc: 2, tf: [1, 0, 3, 0] });
        assert_eq!(postings[1], Posting { doc: 7, tf: [0, 1, 0, 1] });
        let positions = decode_positions(&mut Decoder::new(&q.buf, "positions"), &postings).unwrap();
        assert_eq!(positions[0], list[0].positions);
        assert_eq!(positions[1], list[1].positions);
    }

    #[test]
    fn a_document_past_the_end_is_corruption() {
        let list = vec![PostingBuilder { doc: 5, positions: [vec![0], vec![], vec![], vec![]] }];
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(&list, &mut p, &mut q);
        assert!(decode(&mut Decoder::new(&p.buf, "postings"), 1, 3).is_err());
    }
}
