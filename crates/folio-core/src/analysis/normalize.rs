//! Folding a word to its index form: compatibility decomposition, lower case, no diacritics.
//!
//! The folded form of a character is its NFKD decomposition without combining marks, in lower
//! case, for the Latin, Greek and Cyrillic blocks and the compatibility forms met in archive text
//! (ligatures, full-width letters, super- and subscripts, Roman numerals, circled digits); other
//! characters are lower-cased only. Beyond Unicode's decompositions (in every build, so that
//! the English and Russian module folds the foreign words of an English page as the index did),
//! Greek final sigma is written
//! `σ`, Turkish dotless `ı` is `i` (as `ş` is `s`: a query typed without Turkish letters finds
//! them), and Arabic loses its vowel marks and tatweel and writes every alef with hamza or madda as
//! a bare alef (as Lucene's Arabic normaliser does), so a word matches however it is vocalised.
//! `build.rs` generates one table of every character whose
//! folded form is not itself, from Unicode's data, as runs of characters that fold alike (one
//! value, or one that steps with the character): it replaces both a decomposition table and the
//! standard library's lower-case table in the wasm module.

include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));

/// The runs of the table, expanded from its byte columns on first use: first keys (ascending),
/// first values, and shapes (bits 0-7 the count, bit 8 the key step less one, bits 9-10 the
/// value step).
struct Runs {
    starts: Vec<u16>,
    firsts: Vec<u16>,
    shapes: Vec<u16>,
}

/// The table's runs.
fn runs() -> &'static Runs {
    static RUNS: std::sync::OnceLock<Runs> = std::sync::OnceLock::new();
    RUNS.get_or_init(|| {
        let (mut keys, mut values) = (FOLD_KEY_STEPS.iter(), FOLD_VALUE_STEPS.iter());
        let next = super::uax29::read_varint;
        let mut runs = Runs {
            starts: Vec::with_capacity(FOLD_RUNS),
            firsts: Vec::with_capacity(FOLD_RUNS),
            shapes: Vec::with_capacity(FOLD_RUNS),
        };
        let (mut key, mut value) = (0u16, 0u16);
        for i in 0..FOLD_RUNS {
            key = key.wrapping_add(next(&mut keys) as u16);
            let step = next(&mut values);
            let step = if step & 1 == 0 { (step >> 1) as u16 } else { 0u16.wrapping_sub(((step + 1) >> 1) as u16) };
            value = value.wrapping_add(step);
            runs.starts.push(key);
            runs.firsts.push(value);
            runs.shapes.push(u16::from(FOLD_COUNTS[i]) | u16::from(FOLD_STEPS[i]) << 8);
        }
        runs
    })
}

/// The table's value for the BMP character `key`: its folded character, or `LONG_BASE + i` for
/// `FOLD_LONG[i]`; `None` when `key` folds to itself.
fn fold_value(key: u16) -> Option<u16> {
    let Runs { starts, firsts, shapes } = runs();
    let i = starts.partition_point(|&start| start <= key).checked_sub(1)?;
    let shape = shapes[i];
    let (count, key_step, value_step) = (shape & 0xFF, 1 + (shape >> 8 & 1), shape >> 9);
    let offset = key - starts[i];
    let k = offset / key_step;
    (offset % key_step == 0 && k < count).then(|| firsts[i] + k * value_step)
}

/// Whether `c` is a combining diacritical mark (the blocks Latin, Greek and Cyrillic text uses),
/// an Arabic vowel mark (harakat, superscript alef) or the Arabic tatweel, which folding drops.
/// Every build folds alike, so the English and Russian module finds the Arabic, Greek or Turkish
/// words of an English page as the index holds them.
fn is_combining(c: char) -> bool {
    matches!(
        c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x064B..=0x065F | 0x0670 | 0x0640
    )
}

/// Appends the folded form of `c` (not a combining mark, `й` or an apostrophe) to `out`.
fn fold_char(c: char, out: &mut String) {
    let code = c as u32;
    if code < 0x80 {
        out.push(c.to_ascii_lowercase());
    } else if let Ok(key) = u16::try_from(code) {
        match fold_value(key) {
            Some(v) if v >= LONG_BASE => out.push_str(FOLD_LONG.get(usize::from(v - LONG_BASE)).copied().unwrap_or("")),
            Some(v) => out.push(char::from_u32(u32::from(v)).unwrap_or(c)),
            None => out.push(c),
        }
    } else {
        let lower = FOLD_ASTRAL.iter().find(|&&(first, last, _)| (first..=last).contains(&code));
        out.push(lower.and_then(|&(_, _, delta)| char::from_u32(code + delta)).unwrap_or(c));
    }
}

/// Whether `c` (not ASCII, not a combining mark) folds to nothing.
fn folds_away(c: char) -> bool {
    let Ok(key) = u16::try_from(c as u32) else { return false };
    match fold_value(key) {
        Some(v) if v >= LONG_BASE => FOLD_LONG.get(usize::from(v - LONG_BASE)).is_none_or(|s| s.is_empty()),
        _ => false,
    }
}

/// Whether [`fold`] gives `word` nothing back (every character is a combining mark or folds
/// away), found without building the folded form.
pub fn folds_to_nothing(word: &str) -> bool {
    word.chars().all(|c| c >= '\u{80}' && (is_combining(c) || folds_away(c)))
}

/// Folds `word`: compatibility decomposition, lower case, `ё`→`е`, combining marks dropped
/// (except the breve of `й`, which is a letter of its own in Russian), typographic apostrophes
/// made ASCII; an initialism's dots dropped (`U.S.S.R` is `ussr`).
pub fn fold(word: &str) -> String {
    if word.contains('.') && super::tokenize::is_initialism(word) {
        // `U.S.S.R` is `ussr`: the tokenizer keeps an initialism whole.
        return fold(&word.replace('.', ""));
    }
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
            'ς' => out.push('σ'),
            'ı' => out.push('i'),
            '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' => out.push('\u{0627}'),
            _ => fold_char(c, &mut out),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fold, folds_to_nothing};
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
    fn greek_final_sigma_and_arabic_marks_and_alef_forms_fold() {
        assert_eq!(fold("Λόγος"), "λογοσ");
        assert_eq!(fold("IŞIK ışık"), "isik isik");
        assert_eq!(fold("λογοσ"), fold("ΛΌΓΟΣ"));
        // كَتَبَ (vocalised) and كتب; أحمد and احمد; tatweel in كـتاب.
        assert_eq!(fold("\u{0643}\u{064E}\u{062A}\u{064E}\u{0628}\u{064E}"), "\u{0643}\u{062A}\u{0628}");
        assert_eq!(fold("\u{0623}\u{062D}\u{0645}\u{062F}"), "\u{0627}\u{062D}\u{0645}\u{062F}");
        assert_eq!(fold("\u{0643}\u{0640}\u{062A}\u{0627}\u{0628}"), "\u{0643}\u{062A}\u{0627}\u{0628}");
    }

    #[test]
    fn decomposes_ligatures_and_apostrophes() {
        assert_eq!(fold("ﬁnal"), "final");
        assert_eq!(fold("Workers’"), "workers'");
        assert_eq!(fold("ｗｏｒｄ"), "word");
        assert_eq!(fold("cafe\u{301}"), "cafe");
    }

    #[test]
    fn beyond_the_folded_blocks_a_character_is_only_lower_cased() {
        let folded_blocks = [(0x2070, 0x209F), (0x2100, 0x218F), (0x2460, 0x24FF), (0xFB00, 0xFB06), (0xFF01, 0xFF5E)];
        let mut differ = Vec::new();
        for c in (0x2500..=0x10FFFF).filter_map(char::from_u32) {
            let code = c as u32;
            if folded_blocks.iter().any(|&(a, b)| (a..=b).contains(&code)) || super::is_combining(c) || c == '\u{2019}'
            {
                continue;
            }
            if fold(&c.to_string()) != c.to_lowercase().collect::<String>() {
                differ.push(c);
            }
        }
        assert!(differ.is_empty(), "{differ:?}");
        assert_eq!(fold("ԱՐՄԵՆԻԱ 𐐀"), "արմենիա 𐐨");
    }

    /// The blocks build.rs folds by NFKD; beyond them a character is lower-cased.
    use super::FOLD_BLOCKS as BLOCKS;

    include!("../../fold_rule.rs");

    #[test]
    fn the_table_agrees_with_full_nfkd_on_the_covered_blocks() {
        let mut differ = Vec::new();
        for c in BLOCKS.iter().flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32)) {
            if !matches!(c, 'й' | 'Й' | 'ς' | 'ı') && fold(&c.to_string()) != folded(c) {
                differ.push(c);
            }
        }
        assert!(differ.is_empty(), "{differ:?}");
    }

    #[test]
    fn every_character_folds_as_the_table_was_generated_from() {
        // build.rs's `fold_of` over the whole code space, with `fold`'s own rules for `й`, the
        // typographic apostrophes and the Greek, Turkish and Arabic letters.
        let reference = |c: char| -> String {
            if BLOCKS.iter().any(|&(a, b)| (a..=b).contains(&(c as u32))) {
                folded(c)
            } else {
                c.to_lowercase().collect()
            }
        };
        let special = |c: char| {
            matches!(
                c,
                'й' | 'Й'
                    | '\u{2019}'
                    | '\u{02BC}'
                    | '\u{2018}'
                    | 'ς'
                    | 'ı'
                    | '\u{0622}'
                    | '\u{0623}'
                    | '\u{0625}'
                    | '\u{0671}'
            )
        };
        let mut differ = Vec::new();
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if !special(c) && !super::is_combining(c) && fold(&c.to_string()) != reference(c) {
                differ.push(c);
            }
        }
        assert!(differ.is_empty(), "{} characters differ, first {:?}", differ.len(), &differ[..differ.len().min(20)]);
    }

    #[test]
    fn folds_to_nothing_agrees_with_fold_on_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let word = c.to_string();
            assert_eq!(folds_to_nothing(&word), fold(&word).is_empty(), "U+{:04X}", c as u32);
        }
        assert!(folds_to_nothing("\u{301}\u{300}"));
        assert!(!folds_to_nothing("и\u{306}"));
        assert!(!folds_to_nothing("\u{301}a"));
        assert!(folds_to_nothing(""));
    }
}
