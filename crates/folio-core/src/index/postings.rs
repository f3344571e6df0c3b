//! Postings: for one term, the documents that contain it, how often per field, and where.
//!
//! A term's postings are `doc_freq` entries of `(doc delta varint, field mask u8, then per field
//! in the mask: tf varint, field length byte)`. The field length (see [`lengths`]) is the one
//! BM25 needs for this document; kept with the posting, it arrives with the term's chunk of a
//! split index rather than in a table of every document the root would have to carry. Its
//! positions live in another section, so term-only queries never read them: for each posting,
//! for each field in its mask, `tf` delta-coded varint positions.

use super::codec::{Decoder, Encoder};
use super::fields::Field;
use super::lengths;
use crate::{Error, Result};

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
}

/// A posting with its positions, as the writer collects it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostingBuilder {
    /// Document ordinal.
    pub doc: u32,
    /// Word positions of the term in each field, ascending, by [`Field`] index.
    pub positions: [Vec<u32>; Field::COUNT],
}

/// Appends one term's postings (sorted by document) to the postings and positions sections;
/// `field_lengths` holds every document's field lengths, by document.
pub fn encode(
    list: &[PostingBuilder],
    field_lengths: &[[u32; Field::COUNT]],
    postings: &mut Encoder,
    positions: &mut Encoder,
) {
    let mut previous = 0u32;
    for p in list {
        postings.varint(u64::from(p.doc - previous));
        previous = p.doc;
        let mask = p.positions.iter().enumerate().fold(0u8, |m, (i, v)| if v.is_empty() { m } else { m | (1 << i) });
        postings.u8(mask);
        let doc_lengths = field_lengths.get(p.doc as usize).copied().unwrap_or_default();
        for (field_positions, &length) in p.positions.iter().zip(&doc_lengths).filter(|(v, _)| !v.is_empty()) {
            postings.varint(field_positions.len() as u64);
            postings.u8(lengths::quantize(length));
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
        let mut field_lengths = [0u32; Field::COUNT];
        for i in 0..Field::COUNT {
            if mask & (1 << i) != 0 {
                tf[i] = d.varint_u32()?;
                field_lengths[i] = lengths::length_of(d.u8()?);
            }
        }
        out.push(Posting { doc, tf, lengths: field_lengths });
    }
    Ok(out)
}

/// Where a term occurs: document ordinal, [`Field`] index, word position in the field.
pub type Occurrence = (u32, u8, u32);

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
            position = position.checked_add(d.varint_u32()?).ok_or_else(|| Error::corrupt("a position overflows"))?;
            each(field, position);
        }
    }
    Ok(())
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
        let mut field_lengths = vec![[0; Field::COUNT]; 10];
        field_lengths[2] = [4, 0, 100, 0];
        field_lengths[7] = [3, 20, 9, 6];
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(&list, &field_lengths, &mut p, &mut q);
        let postings = decode(&mut Decoder::new(&p.buf, "postings"), 2, 10).unwrap();
        // 100 words is in the bucket [100, 104).
        assert_eq!(postings[0], Posting { doc: 2, tf: [1, 0, 3, 0], lengths: [4, 0, 102, 0] });
        assert_eq!(postings[1], Posting { doc: 7, tf: [0, 1, 0, 1], lengths: [0, 20, 0, 6] });
        let positions = decode_positions(&mut Decoder::new(&q.buf, "positions"), &postings).unwrap();
        assert_eq!(positions[0], list[0].positions);
        assert_eq!(positions[1], list[1].positions);
    }

    #[test]
    fn a_document_past_the_end_is_corruption() {
        let list = vec![PostingBuilder { doc: 5, positions: [vec![0], vec![], vec![], vec![]] }];
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(&list, &[[1; Field::COUNT]; 6], &mut p, &mut q);
        assert!(decode(&mut Decoder::new(&p.buf, "postings"), 1, 3).is_err());
    }
}
