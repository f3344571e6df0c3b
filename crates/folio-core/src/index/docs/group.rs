//! Documents likely found together, stored in the same document chunks.
//!
//! A split index fetches the document chunks of the hits it shows: on Cranfield the top ten of a
//! query fell in about nine chunks of four documents when the chunks held consecutive documents.
//! A small index therefore stores its documents in an order that puts similar documents side by
//! side: a chain that starts at the first document and goes on each time to the most similar one
//! not yet placed (cosine of tf·idf vectors over the stems two or more documents share), so the
//! top ten fall in fewer chunks (7.4 of 4 documents on Cranfield's 113 queries). Only where the
//! documents are stored changes: their ordinals, and so scores, ties and results, do not; the
//! root lists the order ([`Directory::order`](super::super::chunks::Directory)), about two bytes
//! a document, which is why only indexes of at most [`GROUP_MAX_DOCS`] documents are grouped.
//! The arithmetic is in integers, so every build of the same corpus groups alike.

use super::super::codec::{Decoder, Encoder};
use crate::{Error, Result};

/// The most documents an index may have for its document chunks to be grouped: the root lists
/// the order, about two bytes per document (1.4 KB gzipped for Cranfield's 1,400).
pub const GROUP_MAX_DOCS: usize = 4096;

/// What the grouping is computed from: per stem that two or more documents hold, the documents
/// that hold it and how often, gathered as the postings are encoded.
#[derive(Debug, Default)]
pub struct Links {
    /// Per stem: (document, occurrences), in document order.
    lists: Vec<Vec<(u32, u32)>>,
}

impl Links {
    /// Notes a stem's documents: (document, occurrences in all its fields). A stem of one
    /// document links none and is dropped.
    pub fn add(&mut self, docs: Vec<(u32, u32)>) {
        if docs.len() >= 2 {
            self.lists.push(docs);
        }
    }

    /// The order to store `doc_count` documents in: every document once, similar documents side
    /// by side.
    pub fn order(self, doc_count: u32) -> Vec<u32> {
        let n = doc_count as usize;
        // Each document's weighted stems: (stem, weight), the weight (1 + ⌊log2 tf⌋) · idf with
        // idf = ⌊log2(4n / df)⌋, an integer stand-in for the usual logarithms.
        let mut vectors: Vec<Vec<(u32, u64)>> = vec![Vec::new(); n];
        let mut postings: Vec<Vec<(u32, u64)>> = Vec::with_capacity(self.lists.len());
        for (stem, list) in self.lists.into_iter().enumerate() {
            let idf = u64::from((4 * n as u64 / list.len() as u64).max(1).ilog2());
            let mut weighted = Vec::with_capacity(list.len());
            for (doc, tf) in list {
                let Some(vector) = vectors.get_mut(doc as usize) else { continue };
                let weight = (1 + u64::from(tf.max(1).ilog2())) * idf;
                if weight > 0 {
                    vector.push((stem as u32, weight));
                    weighted.push((doc, weight));
                }
            }
            postings.push(weighted);
        }
        let norms: Vec<u64> = vectors.iter().map(|v| v.iter().map(|&(_, w)| w * w).sum::<u64>().max(1)).collect();
        let mut placed = vec![false; n];
        let mut order = Vec::with_capacity(n);
        let mut dots = vec![0u64; n];
        let mut touched = Vec::new();
        let mut next_unplaced = 0usize;
        let mut current = 0usize;
        while order.len() < n {
            placed[current] = true;
            order.push(current as u32);
            // The dot products of the current document with every unplaced one sharing a stem.
            for &(stem, weight) in &vectors[current] {
                for &(doc, other) in &postings[stem as usize] {
                    let doc = doc as usize;
                    if !placed[doc] {
                        if dots[doc] == 0 {
                            touched.push(doc);
                        }
                        dots[doc] += weight * other;
                    }
                }
            }
            // The most similar: the largest dot² / norm (the current document's norm is the same
            // for all), the lowest ordinal among equals; none sharing a stem: the first unplaced.
            let mut best: Option<(u128, usize)> = None;
            for &doc in &touched {
                let dot = u128::from(dots[doc]);
                let score = (dot * dot * 65_536) / u128::from(norms[doc]);
                if best.is_none_or(|(s, d)| score > s || (score == s && doc < d)) {
                    best = Some((score, doc));
                }
                dots[doc] = 0;
            }
            touched.clear();
            current = match best {
                Some((_, doc)) => doc,
                None => {
                    while next_unplaced < n && placed[next_unplaced] {
                        next_unplaced += 1;
                    }
                    next_unplaced
                }
            };
        }
        order
    }
}

/// The bits a document number of an index of `n` documents takes in the order.
fn order_bits(n: usize) -> u32 {
    usize::BITS - n.saturating_sub(1).leading_zeros()
}

/// Writes the order grouped document chunks are stored in (at the end of the chunk directory): each document number in the bits the
/// largest takes, packed (random numbers, which a varint would spread over whole bytes and gzip
/// could not shrink: 1.9 KB for Cranfield's 1,400 documents against 2.8).
pub(in crate::index) fn encode_order(e: &mut Encoder, order: &[u32]) {
    let bits = order_bits(order.len());
    let (mut acc, mut held) = (0u64, 0u32);
    for &doc in order {
        acc |= u64::from(doc) << held;
        held += bits;
        while held >= 8 {
            e.u8(acc as u8);
            acc >>= 8;
            held -= 8;
        }
    }
    if held > 0 {
        e.u8(acc as u8);
    }
}

/// Decodes the order grouped document chunks are stored in: every document of the index once.
pub(in crate::index) fn decode_order(d: &mut Decoder, doc_count: u32) -> Result<Vec<u32>> {
    let damaged = || Error::corrupt("the chunk directory's order of documents is damaged");
    let n = d.varint()?;
    if n != u64::from(doc_count) {
        return Err(damaged());
    }
    let n = doc_count as usize;
    let bits = order_bits(n);
    let bytes = d.bytes((n * bits as usize).div_ceil(8))?;
    if !d.is_empty() {
        return Err(damaged());
    }
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let (mut acc, mut held, mut next) = (0u64, 0u32, bytes.iter());
    let mask = (1u64 << bits) - 1;
    for _ in 0..n {
        while held < bits {
            acc |= u64::from(*next.next().ok_or_else(damaged)?) << held;
            held += 8;
        }
        let doc = (acc & mask) as usize;
        (acc, held) = (acc >> bits, held - bits);
        match seen.get_mut(doc) {
            Some(s) if !*s => *s = true,
            _ => return Err(damaged()),
        }
        order.push(doc as u32);
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::super::super::chunks::Directory;
    use super::*;

    /// Two topics interleaved, documents 0, 2, 4, … on one and 1, 3, 5, … on the other.
    fn interleaved(n: u32) -> Links {
        let mut links = Links::default();
        for stem in 0..6u32 {
            let docs = (0..n).filter(|d| d % 2 == stem % 2 && (d + stem) % 3 != 0).map(|d| (d, 1 + stem % 2));
            links.add(docs.collect());
        }
        links.add(vec![(5, 1)]); // one document: links nothing
        links
    }

    #[test]
    fn similar_documents_are_stored_side_by_side_and_each_once() {
        let order = interleaved(16).order(16);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..16).collect::<Vec<_>>(), "every document once: {order:?}");
        // Stored four to a chunk, each chunk holds one topic.
        for chunk in order.chunks(4) {
            assert!(chunk.iter().all(|d| d % 2 == chunk[0] % 2), "{chunk:?} of {order:?}");
        }
        // The same links, the same order.
        assert_eq!(interleaved(16).order(16), order);
        // Documents sharing no stem keep their order.
        assert_eq!(Links::default().order(5), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn the_directory_finds_grouped_documents_and_refuses_a_damaged_order() {
        let mut dir = Directory {
            first_keys: vec![String::new()],
            last_keys: vec!["z".into()],
            first_ordinals: vec![0],
            doc_chunks: 3,
            docs_per_chunk: 2,
            ..Directory::default()
        };
        let plain = dir.encode();
        dir.set_order(vec![4, 0, 2, 5, 1, 3]);
        assert_eq!((dir.chunk_of_doc(4), dir.slot_of_doc(4)), (0, 0));
        assert_eq!((dir.chunk_of_doc(3), dir.slot_of_doc(3)), (2, 1));
        let bytes = dir.encode();
        assert_eq!(Directory::decode(&bytes, 6, 1).unwrap(), dir);
        // Stored in ordinal order, the directory is the bytes it always was.
        assert_eq!(Directory::decode(&plain, 6, 1).unwrap().chunk_of_doc(4), 2);
        assert_eq!(&bytes[..plain.len()], &plain[..]);
        // A document twice, one missing, another count: damaged, not misread.
        for order in [vec![4, 0, 2, 5, 1, 1], vec![4, 0, 2, 5, 1], vec![4, 0, 2, 5, 1, 9]] {
            let mut bad = dir.clone();
            bad.order = order;
            assert!(Directory::decode(&bad.encode(), 6, 1).is_err());
        }
    }
}
