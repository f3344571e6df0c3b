//! A fast, non-cryptographic hasher for the writer's in-memory maps and the search's maps by
//! document or term number.
//!
//! The writer hashes every word of the corpus; SipHash (the standard library's default, built to
//! resist hash flooding from untrusted keys) was a third of index build time. The keys here are
//! the corpus's own words, or the numbers of documents and terms a search met, so the
//! multiply-rotate hash of rustc's `FxHasher` is enough. In the wasm module one hasher instead of
//! SipHash beside it is also about 0.9 KB gzip less.

use std::hash::{BuildHasherDefault, Hasher};

/// The Fx hash: per word, `(hash.rotate_left(5) ^ word) * K`.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const K: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(s: &str) -> u64 {
        let mut h = FxHasher::default();
        s.hash(&mut h);
        h.finish()
    }

    #[test]
    fn distinct_words_hash_apart_and_maps_work() {
        assert_ne!(hash("plenum"), hash("plenu"));
        assert_ne!(hash("a"), hash("b"));
        let mut m: FxHashMap<String, u32> = FxHashMap::default();
        m.insert("пленум".into(), 1);
        assert_eq!(m.get("пленум"), Some(&1));
    }
}
