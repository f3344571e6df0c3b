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
    }
    // A list whose documents all hold the same forms (most often the stem's only form) says
    // nothing by them: it stores none, so its mask column compresses as well as before.
    let uniform = list.first().map_or(0, |p| p.forms);
    let keep = if list.iter().all(|p| p.forms == uniform) { 0 } else { 0x0f };
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
///
/// Each column starts where the one before it ends, so their starts are found first (the
/// varint columns are skipped eight bytes at a time); then the four columns are read side by
/// side, and each posting is written once.
pub fn decode(d: &mut Decoder, doc_freq: u32, doc_count: u32) -> Result<Vec<Posting>> {
    // Each posting takes at least three bytes, so a damaged count cannot reserve much.
    let mut out = Vec::with_capacity((doc_freq.min(doc_count) as usize).min(d.remaining() / 3));
    let mut deltas = d.clone();
    d.skip_varints(u64::from(doc_freq))?;
    let masks = d.bytes(doc_freq as usize)?;
    let mut fields = 0u64;
    for m in masks {
        fields += u64::from((m & 0x0f).count_ones());
    }
    let mut tfs = d.clone();
    d.skip_varints(fields)?;
    let mut length_bytes = d.bytes(fields as usize)?.iter();
    let mut doc = 0u32;
    for (i, &byte) in masks.iter().enumerate() {
        // No forms stored: every document holds every form the list has.
        let (mask, forms) = (byte & 0x0f, if byte >> 4 == 0 { 0x0f } else { byte >> 4 });
        let delta = deltas.varint_u32_inline()?;
        if i > 0 && delta == 0 {
            return Err(Error::corrupt("a postings list repeats a document"));
        }
        doc = match doc.checked_add(delta) {
            Some(next) if next < doc_count => next,
            _ => {
                let why = format!("a posting names document {delta}+{doc}, past the {doc_count} documents");
                return Err(Error::corrupt(why));
            }
        };
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
    Ok(out)
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
mod tests {
    use super::*;

    #[test]
    fn postings_and_positions_round_trip() {
        let list = vec![
            PostingBuilder { doc: 2, positions: [vec![0], vec![], vec![3, 9, 40], vec![]], forms: 0b1001 },
            PostingBuilder { doc: 7, positions: [vec![], vec![1], vec![], vec![5]], forms: 0b0100 },
        ];
        let mut field_lengths = vec![[0; Field::COUNT]; 10];
        field_lengths[2] = [4, 0, 100, 0];
        field_lengths[7] = [3, 20, 9, 6];
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(&list, &field_lengths, &mut p, &mut q);
        let postings = decode(&mut Decoder::new(&p.buf, "postings"), 2, 10).unwrap();
        // 100 words is in the bucket [100, 104).
        assert_eq!(postings[0], Posting { doc: 2, tf: [1, 0, 3, 0], lengths: [4, 0, 102, 0], forms: 0b1001 });
        assert_eq!(postings[1], Posting { doc: 7, tf: [0, 1, 0, 1], lengths: [0, 20, 0, 6], forms: 0b0100 });
        let positions = decode_positions(&mut Decoder::new(&q.buf, "positions"), &postings).unwrap();
        assert_eq!(positions[0], list[0].positions);
        assert_eq!(positions[1], list[1].positions);
    }

    #[test]
    fn a_list_whose_documents_hold_the_same_forms_stores_none() {
        let posting = |doc, forms| PostingBuilder { doc, positions: [vec![], vec![], vec![1], vec![]], forms };
        let masks = |list: &[PostingBuilder]| {
            let (mut p, mut q) = (Encoder::new(), Encoder::new());
            encode(list, &[[5; Field::COUNT]; 4], &mut p, &mut q);
            let decoded = decode(&mut Decoder::new(&p.buf, "postings"), list.len() as u32, 4).unwrap();
            (p.buf[list.len()..2 * list.len()].to_vec(), decoded.iter().map(|p| p.forms).collect::<Vec<_>>())
        };
        assert_eq!(masks(&[posting(0, 0b10), posting(1, 0b10)]), (vec![0b0100, 0b0100], vec![0x0f, 0x0f]));
        assert_eq!(masks(&[posting(0, 0b10), posting(1, 0b11)]), (vec![0b10_0100, 0b11_0100], vec![0b10, 0b11]));
    }

    #[test]
    fn forms_of_a_stem_that_differ_by_an_ending_have_different_bits() {
        for forms in [["flow", "flows", "flowed", "flowing"], ["поток", "потока", "потоком", "потоками"]]
        {
            let bits: Vec<u8> = forms.iter().map(|f| form_bit(f)).collect();
            assert_eq!(bits.iter().fold(0, |a, b| a | b).count_ones(), 4, "{forms:?}: {bits:?}");
        }
    }

    #[test]
    fn columns_are_read_in_order_and_checked() {
        // Two postings: docs 1 and 3; masks body, title+body; tfs 2 | 1, 4; lengths.
        let bytes = [1, 2, 0b0100, 0b0101, 2, 1, 4, 10, 3, 10];
        let postings = decode(&mut Decoder::new(&bytes, "postings"), 2, 5).unwrap();
        assert_eq!(postings[0].doc, 1);
        assert_eq!(postings[1].doc, 3);
        assert_eq!(postings[0].tf, [0, 0, 2, 0]);
        assert_eq!(postings[1].tf, [1, 0, 4, 0]);
        assert_eq!(postings[1].lengths[0], lengths::length_of(3));
        let mut zero_tf = bytes;
        zero_tf[5] = 0;
        assert!(decode(&mut Decoder::new(&zero_tf, "postings"), 2, 5).is_err(), "a field with no occurrence");
        assert!(decode(&mut Decoder::new(&bytes[..9], "postings"), 2, 5).is_err(), "a length missing");
        let mut bad_mask = bytes;
        bad_mask[2] = 0;
        assert!(decode(&mut Decoder::new(&bad_mask, "postings"), 2, 5).is_err(), "an empty mask");
    }

    #[test]
    fn a_document_past_the_end_is_corruption() {
        let list = vec![PostingBuilder { doc: 5, positions: [vec![0], vec![], vec![], vec![]], forms: 1 }];
        let (mut p, mut q) = (Encoder::new(), Encoder::new());
        encode(&list, &[[1; Field::COUNT]; 6], &mut p, &mut q);
        assert!(decode(&mut Decoder::new(&p.buf, "postings"), 1, 3).is_err());
    }
}
