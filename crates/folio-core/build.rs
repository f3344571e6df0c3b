//! Generates the folding table of `analysis::normalize` from Unicode's decomposition data.
//!
//! Folding a word means compatibility decomposition (NFKD) with the combining marks dropped, then
//! lower case. Shipping the whole decomposition table would cost the wasm module about 110 KB, so
//! this script asks `unicode-normalization` at build time for the folded form of every character
//! in the blocks that the archive's languages use (Latin, Greek, Cyrillic and their extensions,
//! ligatures, full-width forms, super- and subscripts, number forms, enclosed alphanumerics) and
//! writes only the characters whose folded form differs from plain lower-casing.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::{env, fs};

/// The blocks whose characters are folded; the folded form of anything else is its lower case.
const RANGES: &[(u32, u32)] = &[
    (0x00A0, 0x024F), // Latin-1 Supplement, Latin Extended-A and -B
    (0x0370, 0x03FF), // Greek and Coptic
    (0x0400, 0x052F), // Cyrillic and Cyrillic Supplement
    (0x1D00, 0x1DBF), // Phonetic Extensions (small capitals, modifier letters)
    (0x1E00, 0x1FFF), // Latin Extended Additional, Greek Extended
    (0x2070, 0x209F), // Superscripts and Subscripts
    (0x2100, 0x218F), // Letterlike Symbols, Number Forms
    (0x2460, 0x24FF), // Enclosed Alphanumerics
    (0xFB00, 0xFB06), // Latin ligatures
    (0xFF01, 0xFF5E), // Full-width ASCII
];

include!("fold_rule.rs");

/// The folded form of any character: [`folded`] in [`RANGES`], plain lower case elsewhere.
fn fold_of(c: char) -> String {
    if c == 'й' || c == 'Й' {
        return "й".into(); // a letter of its own in Russian, not и with a breve
    }
    if RANGES.iter().any(|&(from, to)| (from..=to).contains(&(c as u32))) {
        folded(c)
    } else {
        c.to_lowercase().collect()
    }
}

/// Values of `FOLD_VALUES` from here up index `FOLD_LONG`; below, they are the folded character.
const LONG_BASE: u32 = 0xF000;

/// Appends `value` to `out` as a little-endian base-128 varint.
fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Most folds come in runs: `Ā ā Ă ă Ą ą` all fold to `a` (one value), `А..Я` to `а..я` and the
/// Latin Extended-A pairs `Ā Ĉ Ď` to the next character (a value that steps with the key). A run
/// is its first key, first value and shape (see `FOLD_COUNTS` and `FOLD_STEPS`); 2,032 pairs make about 500 runs,
/// a third of the bytes of two `u16` columns, which gzip could not shrink (bench/size-table.md).
struct Run {
    key: u32,
    value: u32,
    count: u32,
    key_step: u32,
    value_step: u32,
}

/// The longest run a shape can hold (its count is 8 bits).
const MAX_RUN: u32 = 255;

/// Cuts the ascending `(key, value)` pairs into runs, greedily: from each pair, the shape that
/// covers the most pairs that follow it in the list (so no run holds a key between its
/// members that another run has: runs are disjoint intervals of keys).
fn runs(pairs: &[(u32, u32)]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < pairs.len() {
        let (key, value) = pairs[i];
        let mut best = Run { key, value, count: 1, key_step: 1, value_step: 0 };
        for key_step in [1, 2] {
            for value_step in [0, 1, 2] {
                let mut n = 1;
                while n < MAX_RUN && pairs.get(i + n as usize) == Some(&(key + n * key_step, value + n * value_step)) {
                    n += 1;
                }
                if n > best.count {
                    best = Run { key, value, count: n, key_step, value_step };
                }
            }
        }
        i += best.count as usize;
        out.push(best);
    }
    out
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=fold_rule.rs");
    // Basic Multilingual Plane: runs of (key, value) pairs, binary-searched by first key. The
    // value is the folded form when that is one character below LONG_BASE (nearly all are), else
    // LONG_BASE + i for FOLD_LONG[i].
    let (mut pairs, mut long) = (Vec::<(u32, u32)>::new(), Vec::<String>::new());
    // Beyond it: runs of characters whose lower case is the character plus a constant.
    let mut astral: Vec<(u32, u32, u32)> = Vec::new();
    for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
        let fold = fold_of(c);
        let mut chars = fold.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(f), None) => Some(f),
            _ => None,
        };
        if single == Some(c) {
            continue;
        }
        let code = c as u32;
        if code > 0xFFFF {
            let Some(f) = single.filter(|&f| f as u32 > code) else {
                panic!(
                    "U+{code:X} folds to {fold:?}: outside the BMP only single, higher lower-case letters are expected"
                );
            };
            let delta = f as u32 - code;
            match astral.last_mut() {
                Some(run) if run.1 + 1 == code && run.2 == delta => run.1 = code,
                _ => astral.push((code, code, delta)),
            }
            continue;
        }
        let value = match single {
            Some(f) if (f as u32) < LONG_BASE => f as u32,
            _ => {
                long.push(fold.clone());
                LONG_BASE + long.len() as u32 - 1
            }
        };
        pairs.push((code, value));
    }
    let bmp = runs(&pairs);
    // The runs as four byte columns (about a third less gzip than three `u16` columns; the module
    // expands them once): each first key as a varint step from the last run's, each first value
    // as a zigzag varint step from the last run's, and each shape's low and high byte.
    let (mut key_steps, mut value_steps, mut counts, mut steps) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut last_key, mut last_value) = (0u32, 0u32);
    for run in &bmp {
        let last = run.value + (run.count - 1) * run.value_step;
        assert!(last <= 0xFFFF, "too many multi-character folds for the u16 value column");
        varint(&mut key_steps, run.key - last_key);
        let step = i64::from(run.value) - i64::from(last_value);
        varint(&mut value_steps, if step >= 0 { 2 * step as u32 } else { 2 * (-step) as u32 - 1 });
        (last_key, last_value) = (run.key, run.value);
        let shape = run.count | (run.key_step - 1) << 8 | run.value_step << 9;
        counts.push(shape as u8);
        steps.push((shape >> 8) as u8);
    }
    let count = bmp.len();
    let mut table = String::new();
    let _ = writeln!(table, "/// How many runs of non-ASCII BMP characters fold to something else than themselves.");
    let _ = writeln!(table, "const FOLD_RUNS: usize = {count};");
    let _ = writeln!(table, "/// Each run's first key, as a varint step from the last run's (ascending).");
    let _ = writeln!(table, "static FOLD_KEY_STEPS: [u8; {}] = {key_steps:?};", key_steps.len());
    let _ = writeln!(
        table,
        "/// The folded form of each run's first key (the character, or `LONG_BASE + i` for `FOLD_LONG[i]`), as a zigzag varint step from the last run's."
    );
    let _ = writeln!(table, "static FOLD_VALUE_STEPS: [u8; {}] = {value_steps:?};", value_steps.len());
    let _ = writeln!(table, "/// Each run's shape, bits 0-7: its count.");
    let _ = writeln!(table, "static FOLD_COUNTS: [u8; {count}] = {counts:?};");
    let _ = writeln!(table, "/// Each run's shape, bits 8-15: bit 0 its key step less one, bits 1-2 its value step.");
    let _ = writeln!(table, "static FOLD_STEPS: [u8; {count}] = {steps:?};");
    let _ = writeln!(table, "/// The values from which they index `FOLD_LONG`.");
    let _ = writeln!(table, "const LONG_BASE: u16 = {LONG_BASE};");
    let _ = writeln!(table, "/// Folded forms of several characters (or none).");
    let _ = writeln!(table, "static FOLD_LONG: [&str; {}] = {long:?};", long.len());
    let _ = writeln!(table, "/// Beyond the BMP: (first, last, delta) runs whose lower case is the character + delta.");
    let _ = writeln!(table, "static FOLD_ASTRAL: [(u32, u32, u32); {}] = {astral:?};", astral.len());
    let _ = writeln!(table, "/// The blocks folded by NFKD (build.rs's `RANGES`), for the tests that check the table.");
    let _ = writeln!(table, "#[cfg(test)]");
    let _ = writeln!(table, "const FOLD_BLOCKS: [(u32, u32); {}] = {RANGES:?};", RANGES.len());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("fold_table.rs");
    if let Err(e) = fs::write(&out, table) {
        panic!("cannot write {}: {e}", out.display());
    }
}
