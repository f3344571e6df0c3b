//! The `index_decode` fuzz target's logic driven by a xorshift generator instead of libFuzzer, so
//! that it runs where the wasm module does: a 32-bit `usize`, and a panic that is a trap. A third
//! of the edits aim at the dictionary's footer, whose 64-bit words `fst` converts to `usize`.
//!
//! ```sh
//! cd fuzz/wasi && cargo build --release --target wasm32-wasip1
//! node ../../crates/folio-cli/wasi/run.mjs target/wasm32-wasip1/release/folio-fuzz-wasi.wasm 600
//! ```
//!
//! The argument is how many seconds to run. It prints how many inputs ran and how many opened at
//! each step; a panic ends it with Node's "unreachable" error.
#[allow(dead_code)]
#[path = "../../src/lib.rs"]
mod fuzzlib;

use folio_core::index::Index;
use fuzzlib::{exercise, fix_checksums, forge_dictionary_checksum, index_from_input, sample_index_bytes};

fn main() {
    let seconds: u64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(60);
    let start = std::time::Instant::now();
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let sample = sample_index_bytes();
    let len = sample.len() as u64;
    // Where the dictionary lies in the sample, so a third of the edits can aim at its footer.
    let sections = folio_core::index::format::read(sample).expect("sample");
    let terms = sections.get(folio_core::index::format::SectionKind::Terms).expect("terms");
    let dict_end = (terms.as_ptr() as usize - sample.as_ptr() as usize + terms.len()) as u64;
    let (mut runs, mut opened) = (0u64, [0u64; 3]);
    while start.elapsed().as_secs() < seconds {
        // An edit script: 1..8 (position, mask) edits, a third of them inside the last 40 bytes of
        // some section (footers), then maybe a truncation.
        let mut input = Vec::new();
        for _ in 0..1 + next() % 8 {
            let pos = if next() % 3 == 0 { (dict_end - 1 - next() % 24) as u16 } else { (next() % len) as u16 };
            let mask = match next() % 4 {
                0 => 0xFF,
                1 => 1 << (next() % 8),
                _ => next() as u8 | 1,
            };
            input.extend_from_slice(&pos.to_le_bytes());
            input.push(mask);
        }
        if next() % 8 == 0 {
            input.push((next() % 16) as u8);
        }
        let mut bytes = index_from_input(&input);
        for (step, count) in opened.iter_mut().enumerate() {
            if step == 1 {
                fix_checksums(&mut bytes);
            }
            if step == 2 {
                match forge_dictionary_checksum(&bytes) {
                    Some(forged) => bytes = forged,
                    None => break,
                }
            }
            if let Ok(index) = Index::from_bytes(&bytes) {
                *count += 1;
                exercise(&index);
            }
        }
        runs += 1;
    }
    println!(
        "{runs} inputs in {seconds} s on {}-bit usize; opened as given / CRC fixed / dictionary forged: {opened:?}",
        usize::BITS
    );
}
