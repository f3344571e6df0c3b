//! The checksums of the index: CRC-32 (IEEE 802.3, as in zip and PNG), which every index file
//! and chunk ends with, and the masked CRC-32C the `fst` crate ends each dictionary with.
//!
//! One byte at a time through two 1 KiB tables built on first use. The common crates (and `fst`'s
//! own verification) use 16 KiB of tables to go several bytes at a time; in the wasm module those
//! tables are incompressible and cost about 15 KB of every page's download each, while the
//! checksums here run once per file, over at most a few megabytes. Even as constants the two
//! tables here were 2 KiB of incompressible module data; the loop that builds them is a few dozen
//! bytes (bench/size-table.md).

use std::sync::OnceLock;

/// The CRC of every byte value for the reflected polynomial `polynomial`.
#[inline(never)]
fn table(polynomial: u32) -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut crc = n as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ polynomial } else { crc >> 1 };
            bit += 1;
        }
        table[n] = crc;
        n += 1;
    }
    table
}

/// The tables of CRC-32 (IEEE) and of CRC-32C (Castagnoli), built once.
fn tables() -> &'static [[u32; 256]; 2] {
    static TABLES: OnceLock<[[u32; 256]; 2]> = OnceLock::new();
    TABLES.get_or_init(|| [table(0xEDB8_8320), table(0x82F6_3B78)])
}

fn update(table: &[u32; 256], mut crc: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc
}

/// A CRC-32 computed over several pieces of data.
#[derive(Debug, Clone, Copy)]
pub struct Crc32(u32);

impl Default for Crc32 {
    fn default() -> Self {
        Self::new()
    }
}

impl Crc32 {
    /// The checksum of nothing yet.
    pub fn new() -> Self {
        Self(!0)
    }

    /// Adds `bytes` to the checksum.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0 = update(&tables()[0], self.0, bytes);
    }

    /// The checksum of everything added.
    pub fn finish(self) -> u32 {
        !self.0
    }
}

/// The CRC-32 of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = Crc32::new();
    crc.update(bytes);
    crc.finish()
}

/// The checksum an `fst` dictionary ends with: the CRC-32C of `content` (every byte before it),
/// masked as `fst` (and Snappy) mask it.
pub fn fst_checksum(content: &[u8]) -> u32 {
    let sum = !update(&tables()[1], !0, content);
    sum.rotate_right(15).wrapping_add(0xA282_EAD8)
}

/// Whether an `fst` dictionary's bytes end with the right [`fst_checksum`]. This is what
/// `fst::raw::Fst::verify` checks.
pub fn fst_checksum_ok(bytes: &[u8]) -> bool {
    let Some(split) = bytes.len().checked_sub(4) else { return false };
    let (content, tail) = bytes.split_at(split);
    u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) == fst_checksum(content)
}

#[cfg(test)]
mod tests {
    use super::{crc32, fst_checksum_ok, Crc32};

    #[test]
    fn matches_the_standard_check_values() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b"The quick brown fox jumps over the lazy dog"), 0x414F_A339);
    }

    #[test]
    fn agrees_with_the_fst_crate() {
        let map = fst::Map::from_iter([("alpha", 1u64), ("beta", 2), ("пленум", 3)]).unwrap();
        let mut bytes = map.into_fst().into_inner();
        assert!(fst_checksum_ok(&bytes));
        assert!(fst::raw::Fst::new(bytes.clone()).unwrap().verify().is_ok());
        bytes[3] ^= 1;
        assert!(!fst_checksum_ok(&bytes));
        assert!(!fst_checksum_ok(&[1, 2]));
    }

    #[test]
    fn pieces_give_the_checksum_of_the_whole() {
        let mut crc = Crc32::new();
        crc.update(b"1234");
        crc.update(b"");
        crc.update(b"56789");
        assert_eq!(crc.finish(), crc32(b"123456789"));
    }
}
