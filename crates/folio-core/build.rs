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

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut table =
        String::from("/// (character, folded form) for the characters whose fold is not their lower case.\n");
    table.push_str("static FOLD_TABLE: &[(char, &str)] = &[\n");
    for &(from, to) in RANGES {
        for c in (from..=to).filter_map(char::from_u32) {
            if c == 'й' || c == 'Й' {
                continue; // a letter of its own in Russian, not и with a breve
            }
            let fold = folded(c);
            if fold != c.to_lowercase().collect::<String>() {
                let _ = writeln!(table, "    ({c:?}, {fold:?}),");
            }
        }
    }
    table.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("fold_table.rs");
    if let Err(e) = fs::write(&out, table) {
        panic!("cannot write {}: {e}", out.display());
    }
}
