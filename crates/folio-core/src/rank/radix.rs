//! Sorting document numbers by their bytes (a least-significant-digit radix sort).
//!
//! The module is built for size, and there the standard library's unstable sort is a heapsort:
//! the tens of thousands of documents a misspelt or pruned query gathers at a million documents
//! took longer to sort than to score. Three passes over them (a million documents need 20 bits)
//! cost less natively too.

/// Below this many, the standard sort.
const SMALL: usize = 64;

/// Sorts `docs` ascending.
pub fn sort(docs: &mut Vec<u32>) {
    if docs.len() < SMALL {
        docs.sort_unstable();
        return;
    }
    let max = docs.iter().fold(0, |m, &d| m.max(d));
    let mut other = vec![0u32; docs.len()];
    let (mut shift, mut swapped) = (0, false);
    while shift < 32 && max >> shift > 0 {
        let mut starts = [0usize; 256];
        for &d in docs.iter() {
            starts[(d >> shift & 0xff) as usize] += 1;
        }
        let mut sum = 0;
        for slot in starts.iter_mut() {
            (*slot, sum) = (sum, sum + *slot);
        }
        for &d in docs.iter() {
            let digit = (d >> shift & 0xff) as usize;
            other[starts[digit]] = d;
            starts[digit] += 1;
        }
        std::mem::swap(docs, &mut other);
        (shift, swapped) = (shift + 8, !swapped);
    }
    if swapped {
        // Back into the vector given (the scores' is sized for every document).
        std::mem::swap(docs, &mut other);
        docs.copy_from_slice(&other);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_as_the_standard_sort_does() {
        // A small deterministic generator: lengths around the threshold and far past it, values
        // of one to four bytes, duplicates.
        let mut x = 0x2545_f491_u64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for len in [0, 1, 63, 64, 65, 1000, 70_000] {
            for bits in [4, 8, 20, 32] {
                let mut docs: Vec<u32> = (0..len).map(|_| (next() >> (64 - bits)) as u32).collect();
                let mut expected = docs.clone();
                expected.sort_unstable();
                super::sort(&mut docs);
                assert_eq!(docs, expected, "{len} values of {bits} bits");
            }
        }
    }
}
