//! Folding a word to its index form: compatibility decomposition, lower case, no diacritics.
//!
//! The folded form of a character is its NFKD decomposition without combining marks, in lower
//! case. The table of characters where that differs from plain lower-casing is generated at build
//! time from Unicode's data (see `build.rs`) for the Latin, Greek and Cyrillic blocks and the
//! compatibility forms met in archive text (ligatures, full-width letters, super- and subscripts,
//! Roman numerals, circled digits); other characters are lower-cased only.

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// Whether `c` is a combining diacritical mark (the blocks Latin, Greek and Cyrillic text uses).
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Folds `word`: compatibility decomposition, lower case, `ё`→`е`, combining marks dropped
/// (except the breve of `й`, which is a letter of its own in Russian), typographic apostrophes
/// made ASCII.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if is_combining(c) {
            // A decomposed й is и followed by a combining breve.
            if c == '\u{0306}' && out.ends_with('и') {
                out.pop();
                out.push('й');
            }
            continue;
        }
        match c {
            'й' | 'Й' => out.push('й'),
            '\u{2019}' | '\u{02BC}' | '\u{2018}' => out.push('\''),
            _ => match FOLD_TABLE.binary_search_by_key(&c, |&(k, _)| k) {
                Ok(i) => out.push_str(FOLD_TABLE[i].1),
                Err(_) => out.extend(c.to_lowercase()),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;
    use unicode_normalization::char::{decompose_compatible, is_combining_mark};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Pérez"), "perez");
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(fold("Ёлка"), "елка");
        assert_eq!(fold("Ⅻ①"), "xii1");
    }

    #[test]
    fn keeps_short_i_composed_or_not() {
        assert_eq!(fold("ЙОД"), "йод");
        let decomposed: String = "йод".nfd().collect();
        assert_eq!(fold(&decomposed), "йод");
    }

    #[test]
    fn decomposes_ligatures_and_apostrophes() {
        assert_eq!(fold("ﬁnal"), "final");
        assert_eq!(fold("Workers’"), "workers'");
        assert_eq!(fold("ｗｏｒｄ"), "word");
        assert_eq!(fold("cafe\u{301}"), "cafe");
    }

    #[test]
    fn the_table_agrees_with_full_nfkd_on_the_covered_blocks() {
        let reference = |c: char| {
            let mut out = String::new();
            for lower in c.to_lowercase() {
                decompose_compatible(lower, |d| {
                    if !is_combining_mark(d) {
                        out.extend(d.to_lowercase());
                    }
                });
            }
            out
        };
        let blocks = [(0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x052F), (0x1E00, 0x1FFF), (0xFB00, 0xFB06)];
        let mut differ = Vec::new();
        for c in blocks.iter().flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32)) {
            if c != 'й' && c != 'Й' && fold(&c.to_string()) != reference(c) {
                differ.push(c);
            }
        }
        assert!(differ.is_empty(), "{differ:?}");
    }
}
