//! Folding a word to its index form: compatibility decomposition, lower case, no diacritics.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folds `word`: NFKD, lower case, `ё`→`е`, combining marks dropped (except the breve of `й`,
/// which is a letter of its own in Russian), typographic apostrophes made ASCII.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(word.len());
    for upper in word.chars() {
        for c in upper.to_lowercase() {
            match c {
                'й' => out.push('й'),
                '\u{2019}' | '\u{02BC}' | '\u{2018}' => out.push('\''),
                _ => decompose_compatible(c, |d| {
                    if !is_combining_mark(d) {
                        out.extend(d.to_lowercase());
                    }
                }),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Pérez"), "perez");
        assert_eq!(fold("ÉCOLE"), "ecole");
        assert_eq!(fold("Ёлка"), "елка");
    }

    #[test]
    fn keeps_short_i() {
        assert_eq!(fold("ЙОД"), "йод");
    }

    #[test]
    fn decomposes_ligatures_and_apostrophes() {
        assert_eq!(fold("ﬁnal"), "final");
        assert_eq!(fold("Workers’"), "workers'");
    }
}
