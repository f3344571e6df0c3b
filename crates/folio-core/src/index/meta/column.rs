//! One column of per-document numbers (value ids, date codes, ranks), packed: as runs of equal
//! values when that is smaller (a corpus in one language is one run), else each value less the
//! column's least in as few bits as the largest needs.
//!
//! ```text
//! u8 0 · varint base · u8 width · ⌈n·width/8⌉ bytes, value i = base + bits[i·width..][..width]
//! u8 1 · varint run count · (varint value · varint length ≥ 1) × runs
//! ```

use super::super::codec::{Decoder, Encoder};
use crate::{Error, Result};

const BITS: u8 = 0;
const RUNS: u8 = 1;

/// Writes `values`, packed whichever way is smaller.
pub(super) fn encode(e: &mut Encoder, values: &[u32]) {
    let mut runs = Encoder::new();
    let mut count = 0u64;
    let mut i = 0;
    while i < values.len() {
        let len = values[i..].iter().take_while(|&&v| v == values[i]).count();
        runs.varint(u64::from(values[i]));
        runs.varint(len as u64);
        count += 1;
        i += len;
    }
    let base = values.iter().copied().min().unwrap_or(0);
    let span = values.iter().map(|&v| v - base).max().unwrap_or(0);
    let width = 32 - span.leading_zeros();
    let packed_len = (values.len() * width as usize).div_ceil(8);
    if runs.buf.len() + 2 <= packed_len + 6 {
        e.u8(RUNS);
        e.varint(count);
        e.buf.extend_from_slice(&runs.buf);
        return;
    }
    e.u8(BITS);
    e.varint(u64::from(base));
    e.u8(width as u8);
    let mut bytes = vec![0u8; packed_len];
    for (i, &v) in values.iter().enumerate() {
        let bits = u64::from(v - base);
        let at = i * width as usize;
        for b in 0..width as usize {
            if bits >> b & 1 == 1 {
                bytes[(at + b) / 8] |= 1 << ((at + b) % 8);
            }
        }
    }
    e.buf.extend_from_slice(&bytes);
}

/// Reads a column of `n` values, each at most `max`.
pub(super) fn decode(d: &mut Decoder, n: usize, max: u32, what: &str) -> Result<Vec<u32>> {
    let too_big = |v: u64| Error::corrupt(format!("the document metadata's {what} has a value {v} past {max}"));
    let mut out = Vec::new();
    match d.u8()? {
        RUNS => {
            let runs = d.len()?;
            for _ in 0..runs {
                let value = d.varint()?;
                let len = d.varint()?;
                let fits = len >= 1 && len <= (n - out.len()) as u64;
                if !fits {
                    return Err(Error::corrupt(format!("the document metadata's {what} has runs past its documents")));
                }
                let value = u32::try_from(value).ok().filter(|&v| v <= max).ok_or_else(|| too_big(value))?;
                out.resize(out.len() + len as usize, value);
            }
            if out.len() != n {
                return Err(Error::corrupt(format!("the document metadata's {what} has runs short of its documents")));
            }
        }
        BITS => {
            let base = d.varint()?;
            let width = usize::from(d.u8()?);
            if width > 32 {
                return Err(Error::corrupt(format!("the document metadata's {what} has {width}-bit values")));
            }
            let bytes = d.bytes((n * width).div_ceil(8))?;
            out.reserve(n);
            for i in 0..n {
                let at = i * width;
                let mut bits = 0u64;
                for b in 0..width {
                    bits |= u64::from(bytes[(at + b) / 8] >> ((at + b) % 8) & 1) << b;
                }
                let v = base + bits;
                out.push(u32::try_from(v).ok().filter(|&v| v <= max).ok_or_else(|| too_big(v))?);
            }
        }
        other => {
            return Err(Error::corrupt(format!("the document metadata's {what} is packed an unknown way ({other})")))
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(values: &[u32]) -> Vec<u8> {
        let mut e = Encoder::new();
        encode(&mut e, values);
        let mut d = Decoder::new(&e.buf, "test");
        assert_eq!(decode(&mut d, values.len(), u32::MAX, "column").unwrap(), values);
        assert!(d.is_empty());
        e.buf
    }

    #[test]
    fn columns_round_trip_in_the_smaller_packing() {
        let one_language = vec![1u32; 100_000];
        assert!(round_trip(&one_language).len() < 8, "one value throughout is one run");
        let dates: Vec<u32> = (0..1000u32).map(|i| 800_000 + (i * 7919) % 90_000).collect();
        let bytes = round_trip(&dates);
        assert_eq!(bytes[0], BITS);
        assert!(bytes.len() <= 1000 * 17 / 8 + 8, "{} bytes: not packed by the span", bytes.len());
        round_trip(&[]);
        round_trip(&[0, u32::MAX, 5]);
        round_trip(&[3, 3, 0, 0, 0, 9]);
    }

    #[test]
    fn damaged_columns_are_errors() {
        let mut e = Encoder::new();
        encode(&mut e, &[4, 4, 4, 7, 7]);
        for cut in 0..e.buf.len() {
            assert!(decode(&mut Decoder::new(&e.buf[..cut], "t"), 5, 10, "c").is_err(), "cut at {cut}");
        }
        assert!(decode(&mut Decoder::new(&e.buf, "t"), 4, 10, "c").is_err(), "runs past the count");
        assert!(decode(&mut Decoder::new(&e.buf, "t"), 6, 10, "c").is_err(), "runs short of the count");
        assert!(decode(&mut Decoder::new(&e.buf, "t"), 5, 6, "c").is_err(), "a value past the most");
        assert!(decode(&mut Decoder::new(&[BITS, 0, 40], "t"), 1, 10, "c").is_err(), "too wide");
        assert!(decode(&mut Decoder::new(&[9], "t"), 1, 10, "c").is_err(), "unknown packing");
    }
}
