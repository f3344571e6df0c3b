//! The byte codec every index structure is written and read with: little-endian integers,
//! LEB128 varints and length-prefixed strings. Reads are bounds-checked and return
//! [`Error::Corrupt`](crate::Error) instead of panicking.

use crate::{Error, Result};

/// Appends encoded values to a byte buffer.
#[derive(Debug, Default)]
pub struct Encoder {
    /// The bytes written so far.
    pub buf: Vec<u8>,
}

impl Encoder {
    /// An empty encoder.
    pub fn new() -> Encoder {
        Encoder::default()
    }

    /// Writes one byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    /// Writes a little-endian `u16`.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Writes a little-endian `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Writes a little-endian `f32`.
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// Writes an unsigned LEB128 varint.
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    /// Writes a string as its byte length (varint) followed by its UTF-8 bytes.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }

    /// Writes an optional string: 0 for `None`, else length + 1 and the bytes.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.varint(0),
            Some(s) => {
                self.varint(s.len() as u64 + 1);
                self.buf.extend_from_slice(s.as_bytes());
            }
        }
    }
}

/// Reads encoded values from a byte slice, front to back.
#[derive(Debug, Clone)]
pub struct Decoder<'a> {
    bytes: &'a [u8],
    pos: usize,
    what: &'static str,
}

impl<'a> Decoder<'a> {
    /// A decoder over `bytes`; `what` names the structure in error messages.
    pub fn new(bytes: &'a [u8], what: &'static str) -> Decoder<'a> {
        Decoder { bytes, pos: 0, what }
    }

    /// The read position, in bytes from the start.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    /// Whether every byte has been read.
    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn truncated(&self) -> Error {
        Error::corrupt(format!("{} ends early at byte {}", self.what, self.pos))
    }

    /// Reads `n` raw bytes.
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or_else(|| self.truncated())?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// Reads one byte.
    pub fn u8(&mut self) -> Result<u8> {
        let byte = *self.bytes.get(self.pos).ok_or_else(|| self.truncated())?;
        self.pos += 1;
        Ok(byte)
    }

    /// Reads a little-endian `u16`.
    pub fn u16(&mut self) -> Result<u16> {
        let b = self.bytes(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    /// Reads a little-endian `u32`.
    pub fn u32(&mut self) -> Result<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Reads a little-endian `f32`.
    pub fn f32(&mut self) -> Result<f32> {
        let b = self.bytes(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// The next eight bytes as a little-endian word, if eight are left; they stay unread until
    /// [`Decoder::advance`].
    #[inline]
    pub fn word(&self) -> Option<u64> {
        let bytes = self.bytes.get(self.pos..self.pos + 8)?;
        <[u8; 8]>::try_from(bytes).ok().map(u64::from_le_bytes)
    }

    /// Moves past `n` bytes that [`Decoder::word`] read (at most to the end).
    #[inline]
    pub fn advance(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.bytes.len());
    }

    /// Skips `n` varints without decoding them (each ends at its first byte below 0x80). Long
    /// runs go eight bytes at a time: the bytes below 0x80 in a word are counted at once.
    pub fn skip_varints(&mut self, n: u64) -> Result<()> {
        let rest = &self.bytes[self.pos..];
        let (mut left, mut i) = (n, 0);
        while left >= 8 {
            let Some(word) = rest.get(i..i + 8).and_then(|b| <[u8; 8]>::try_from(b).ok()) else { break };
            left -= u64::from((!u64::from_le_bytes(word) & 0x8080_8080_8080_8080).count_ones());
            i += 8;
        }
        for (j, &byte) in rest[i..].iter().enumerate() {
            if left == 0 {
                self.pos += i + j;
                return Ok(());
            }
            left -= u64::from(byte < 0x80);
        }
        if left == 0 {
            self.pos = self.bytes.len();
            return Ok(());
        }
        Err(Error::corrupt(format!("{} ends inside {n} varints", self.what)))
    }

    /// Reads an unsigned LEB128 varint of at most 64 bits.
    pub fn varint(&mut self) -> Result<u64> {
        // Most varints of an index are one byte: read those without the loop.
        if let Some(&byte) = self.bytes.get(self.pos).filter(|&&b| b < 0x80) {
            self.pos += 1;
            return Ok(u64::from(byte));
        }
        let mut value = 0u64;
        for (i, &byte) in self.bytes[self.pos..].iter().take(10).enumerate() {
            value |= u64::from(byte & 0x7f) << (7 * i);
            if byte & 0x80 == 0 {
                self.pos += i + 1;
                return Ok(value);
            }
        }
        if self.bytes.len() - self.pos < 10 {
            Err(self.truncated())
        } else {
            Err(Error::corrupt(format!("{} has an over-long varint at byte {}", self.what, self.pos)))
        }
    }

    /// Reads a varint that must fit in `u32`.
    pub fn varint_u32(&mut self) -> Result<u32> {
        let v = self.varint()?;
        u32::try_from(v).map_err(|_| Error::corrupt(format!("{} has an out-of-range number {v}", self.what)))
    }

    /// [`Decoder::varint_u32`] for the loops that read a posting list: a one-byte varint (most of
    /// them) is read in place, the others by the call. The module is built for size, so without
    /// this every number of a long list costs a call.
    #[inline(always)]
    pub fn varint_u32_inline(&mut self) -> Result<u32> {
        match self.bytes.get(self.pos) {
            Some(&byte) if byte < 0x80 => {
                self.pos += 1;
                Ok(u32::from(byte))
            }
            _ => self.varint_u32(),
        }
    }

    /// Reads a varint used as a length or count, checked against the bytes left so a damaged
    /// count cannot make a caller allocate without bound.
    pub fn len(&mut self) -> Result<usize> {
        let v = self.varint()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if v > left {
            return Err(Error::corrupt(format!("{} claims {v} items with {left} bytes left", self.what)));
        }
        Ok(v as usize)
    }

    /// Reads a length-prefixed UTF-8 string.
    pub fn str(&mut self) -> Result<&'a str> {
        let n = self.len()?;
        let bytes = self.bytes(n)?;
        std::str::from_utf8(bytes).map_err(|_| Error::corrupt(format!("{} holds invalid UTF-8", self.what)))
    }

    /// Reads an optional string written by [`Encoder::opt_str`].
    pub fn opt_str(&mut self) -> Result<Option<&'a str>> {
        let n = self.varint()?;
        if n == 0 {
            return Ok(None);
        }
        let n = usize::try_from(n - 1).map_err(|_| self.truncated())?;
        let bytes = self.bytes(n)?;
        std::str::from_utf8(bytes).map(Some).map_err(|_| Error::corrupt(format!("{} holds invalid UTF-8", self.what)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_skipped_without_decoding() {
        let mut e = Encoder::new();
        for v in [0, 300, 1 << 40, 5, 77] {
            e.varint(v);
        }
        let mut d = Decoder::new(&e.buf, "test");
        d.skip_varints(0).unwrap();
        d.skip_varints(3).unwrap();
        assert_eq!(d.varint().unwrap(), 5);
        d.skip_varints(1).unwrap();
        assert_eq!(d.position(), e.buf.len());
        let mut d = Decoder::new(&e.buf, "test");
        assert!(d.skip_varints(6).is_err(), "only five are there");
        let mut d = Decoder::new(&e.buf[..2], "test");
        assert!(d.skip_varints(2).is_err(), "the second is cut short");
    }

    #[test]
    fn long_runs_of_varints_are_skipped_exactly() {
        // Mixed widths, so runs of eight bytes hold anywhere from one to eight varint ends.
        let values: Vec<u64> = (0..300u64).map(|i| (i * 7919) % (1 << (i % 30))).collect();
        let mut e = Encoder::new();
        values.iter().for_each(|&v| e.varint(v));
        for (skip, &next) in values.iter().enumerate() {
            let mut d = Decoder::new(&e.buf, "test");
            d.skip_varints(skip as u64).unwrap();
            assert_eq!(d.varint().unwrap(), next, "after skipping {skip}");
        }
        assert!(Decoder::new(&e.buf, "test").skip_varints(301).is_err());
    }

    #[test]
    fn values_round_trip() {
        let mut e = Encoder::new();
        e.u8(7);
        e.u16(513);
        e.u32(70_000);
        e.f32(1.5);
        for v in [0u64, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            e.varint(v);
        }
        e.str("Пхеньян");
        e.opt_str(None);
        e.opt_str(Some(""));
        let mut d = Decoder::new(&e.buf, "test");
        assert_eq!(d.u8().unwrap(), 7);
        assert_eq!(d.u16().unwrap(), 513);
        assert_eq!(d.u32().unwrap(), 70_000);
        assert_eq!(d.f32().unwrap(), 1.5);
        for v in [0u64, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(d.varint().unwrap(), v);
        }
        assert_eq!(d.str().unwrap(), "Пхеньян");
        assert_eq!(d.opt_str().unwrap(), None);
        assert_eq!(d.opt_str().unwrap(), Some(""));
        assert!(d.is_empty());
    }

    #[test]
    fn truncated_input_is_an_error_not_a_panic() {
        let mut e = Encoder::new();
        e.str("hello");
        let bytes = &e.buf[..3];
        assert!(Decoder::new(bytes, "test").str().is_err());
        assert!(Decoder::new(&[0xff; 12], "test").varint().is_err());
        assert!(Decoder::new(&[0xff, 0xff, 0x03], "test").len().is_err());
    }
}
