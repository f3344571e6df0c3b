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

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

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

fn folded(c: char) -> String {
    let mut out = String::new();
    for lower in c.to_lowercase() {
        decompose_compatible(lower, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        });
    }
    out
}

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

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Basic Multilingual Plane: two u16 columns, binary-searched. The value is the folded form
    // when that is one character below LONG_BASE (nearly all are), else LONG_BASE + i for
    // FOLD_LONG[i].
    let (mut keys, mut values, mut long) = (String::new(), String::new(), Vec::<String>::new());
    // Beyond it: runs of characters whose lower case is the character plus a constant.
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
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
            match runs.last_mut() {
                Some(run) if run.1 + 1 == code && run.2 == delta => run.1 = code,
                _ => runs.push((code, code, delta)),
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
        assert!(value <= 0xFFFF, "too many multi-character folds for the u16 value column");
        let _ = write!(keys, "{code},");
        let _ = write!(values, "{value},");
    }
    let count = keys.matches(',').count();
    let mut table = String::new();
    let _ = writeln!(table, "/// Non-ASCII BMP characters whose folded form is not themselves, ascending.");
    let _ = writeln!(table, "static FOLD_KEYS: [u16; {count}] = [{keys}];");
    let _ = writeln!(table, "/// Their folded forms: the character, or `LONG_BASE + i` for `FOLD_LONG[i]`.");
    let _ = writeln!(table, "static FOLD_VALUES: [u16; {count}] = [{values}];");
    let _ = writeln!(table, "/// The values of `FOLD_VALUES` from which they index `FOLD_LONG`.");
    let _ = writeln!(table, "const LONG_BASE: u16 = {LONG_BASE};");
    let _ = writeln!(table, "/// Folded forms of several characters (or none).");
    let _ = writeln!(table, "static FOLD_LONG: [&str; {}] = {long:?};", long.len());
    let _ = writeln!(table, "/// Beyond the BMP: (first, last, delta) runs whose lower case is the character + delta.");
    let _ = writeln!(table, "static FOLD_ASTRAL: [(u32, u32, u32); {}] = {runs:?};", runs.len());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("fold_table.rs");
    if let Err(e) = fs::write(&out, table) {
        panic!("cannot write {}: {e}", out.display());
    }
}
