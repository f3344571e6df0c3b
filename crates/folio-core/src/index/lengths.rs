//! Field lengths in one byte each, as BM25's length normalisation needs them; each posting
//! carries the lengths of the fields its term occurs in (see [`postings`](super::postings)).
//!
//! A length under 32 words is stored exactly; a longer one keeps its power of two and the next
//! four bits, so it is known to within 1/32 either way (the middle of a 6.25%-wide bucket), up to
//! half a million words, beyond which every length is the same. BM25 only compares a length with
//! the field's average, and Lucene stores its norms more coarsely still; nDCG@10 moved by at most
//! 0.0005 on Cranfield, CISI and XQuAD.

/// The byte that stands for a length of `len` words.
pub fn quantize(len: u32) -> u8 {
    if len < 32 {
        return len as u8;
    }
    let power = 31 - len.leading_zeros(); // 5..=31
    if power > MAX_POWER {
        return u8::MAX;
    }
    let mantissa = (len >> (power - 4)) & 15;
    (32 + (power - 5) * 16 + mantissa) as u8
}

/// The largest power of two with buckets of its own; longer fields all get the last byte.
const MAX_POWER: u32 = 18;

/// The length a byte from [`quantize`] stands for: exact under 32, else the middle of its bucket.
/// Computed, not looked up: a 256-entry table was 1 KiB of the wasm module (bench/size-table.md).
pub fn length_of(byte: u8) -> u32 {
    let b = u32::from(byte);
    if b < 32 {
        return b;
    }
    let (power, mantissa) = ((b - 32) / 16 + 5, (b - 32) % 16);
    let width = 1u32 << (power - 4);
    (16 + mantissa) * width + width / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lengths_are_exact_and_long_ones_within_a_thirty_second() {
        for len in 0..32 {
            assert_eq!(length_of(quantize(len)), len);
        }
        for len in 32..1 << (MAX_POWER + 1) {
            let back = f64::from(length_of(quantize(len)));
            let error = (back - f64::from(len)).abs() / f64::from(len);
            assert!(error <= 1.0 / 32.0 + 1e-9, "{len} -> {back}");
        }
    }

    #[test]
    fn every_byte_stands_for_the_middle_of_its_own_bucket() {
        for b in 0..=u8::MAX {
            let len = length_of(b);
            assert_eq!(quantize(len), b, "{b} -> {len}");
            if b < 32 {
                assert_eq!(len, u32::from(b));
                continue;
            }
            // The bucket is `width` lengths wide, `len` its middle.
            let width = 1u32 << (31 - len.leading_zeros() - 4);
            assert_eq!(quantize(len - width / 2), b, "{b}");
            assert_eq!(quantize(len - width / 2 - 1), b - 1, "{b}");
            if b < u8::MAX {
                assert_eq!(quantize(len + width / 2 - 1), b, "{b}");
                assert_eq!(quantize(len + width / 2), b + 1, "{b}");
            }
        }
    }

    #[test]
    fn the_order_of_lengths_is_kept_and_huge_ones_share_the_last_byte() {
        let mut last = 0;
        for len in 0..1 << (MAX_POWER + 1) {
            let b = quantize(len);
            assert!(b >= last, "{len}");
            last = b;
        }
        assert_eq!(last, u8::MAX);
        assert_eq!(quantize(1 << (MAX_POWER + 1)), u8::MAX);
        assert_eq!(quantize(u32::MAX), u8::MAX);
        assert!(length_of(u8::MAX) > 500_000);
    }
}
