//! Transliteration between Russian Cyrillic and Latin letters, so `Mikoyan` meets `Микоян`.
//!
//! The scheme is the one English-language archives use for Russian names (BGN/PCGN without
//! diacritics, as in the Library of Congress's simplified romanisation): `ж` = zh, `х` = kh,
//! `ц` = ts, `ч` = ch, `ш` = sh, `щ` = shch, `ю` = yu, `я` = ya, `ы`/`й` = y, hard and soft
//! signs dropped. It is the spelling the seeds' translations use (Mikoyan, Ponomarev, Shepilov),
//! so it round-trips the names archivists actually search for. Latin to Cyrillic is the greedy
//! inverse (longest letter group first), which is ambiguous at times (`y`), and so only ever adds
//! a candidate spelling; it never replaces the typed one.

/// The Latin spelling of each Cyrillic letter from `а` (U+0430) to `я` (U+044F), in order,
/// between `|`s (`ъ` and `ь` have none); `ё` is spelt as `е`. One string rather than a `&str`
/// per letter: the pointers cost the wasm module more than the letters (bench/size-table.md).
const TO_LATIN: &str = "a|b|v|g|d|e|zh|z|i|y|k|l|m|n|o|p|r|s|t|u|f|kh|ts|ch|sh|shch||y||e|yu|ya";

/// Latin letter groups and the Cyrillic they stand for, in pairs between spaces, the longest
/// groups first (the greedy inverse tries them in this order).
const TO_CYRILLIC: &str = "shch щ zh ж kh х ts ц ch ч sh ш yu ю ya я yo е ye е iy ий \
    a а b б v в w в g г d д e е z з i и j й k к l л m м n н o о p п r р s с t т u у f ф h х y ы";

/// The Latin spelling of the Cyrillic letter `c`, if it is one of Russian's.
fn latin_of(c: char) -> Option<&'static str> {
    let c = if c == 'ё' { 'е' } else { c };
    let at = (c as u32).checked_sub('а' as u32).filter(|&at| at < 32)?;
    TO_LATIN.split('|').nth(at as usize)
}

/// The Latin spelling of a folded Cyrillic word, or `None` if it has letters outside the table.
pub fn to_latin(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match latin_of(c) {
            Some(latin) => out.push_str(latin),
            None if c.is_ascii_digit() => out.push(c),
            None => return None,
        }
    }
    Some(out)
}

/// A Cyrillic spelling of a folded Latin word, or `None` if it has letters outside the table.
pub fn to_cyrillic(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len() * 2);
    let mut rest = word;
    while let Some(c) = rest.chars().next() {
        let after_vowel = out.chars().last().is_some_and(|p| "аеиоуыэюя".contains(p));
        if c == 'y' && after_vowel && !rest.starts_with("ya") && !rest.starts_with("yu") {
            out.push('й');
            rest = &rest[1..];
            continue;
        }
        let mut pairs = TO_CYRILLIC.split(' ');
        let pair =
            std::iter::from_fn(|| Some((pairs.next()?, pairs.next()?))).find(|(latin, _)| rest.starts_with(latin));
        match pair {
            Some((latin, cyrillic)) => {
                out.push_str(cyrillic);
                rest = &rest[latin.len()..];
            }
            None if c.is_ascii_digit() || c == '\'' => {
                rest = &rest[c.len_utf8()..];
            }
            None => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cross_between_scripts() {
        assert_eq!(to_latin("микоян").as_deref(), Some("mikoyan"));
        assert_eq!(to_latin("пономарев").as_deref(), Some("ponomarev"));
        assert_eq!(to_latin("хрущев").as_deref(), Some("khrushchev"));
        assert_eq!(to_cyrillic("mikoyan").as_deref(), Some("микоян"));
        assert_eq!(to_cyrillic("ponomarev").as_deref(), Some("пономарев"));
        assert_eq!(to_cyrillic("khrushchev").as_deref(), Some("хрущев"));
        assert_eq!(to_cyrillic("shepilov").as_deref(), Some("шепилов"));
        assert_eq!(to_cyrillic("suslov").as_deref(), Some("суслов"));
    }

    #[test]
    fn every_letter_and_letter_group_has_its_spelling() {
        assert_eq!(
            to_latin("абвгдеёжзийклмнопрстуфхцчшщъыьэюя").as_deref(),
            Some("abvgdeezhziyklmnoprstufkhtschshshchyeyuya")
        );
        let groups = ["shch", "zh", "kh", "ts", "ch", "sh", "yu", "ya", "yo", "ye", "iy", "a", "b", "v", "w", "g", "d"];
        let cyrillic = ["щ", "ж", "х", "ц", "ч", "ш", "ю", "я", "е", "е", "ий", "а", "б", "в", "в", "г", "д"];
        for (latin, expected) in groups.iter().zip(cyrillic) {
            assert_eq!(to_cyrillic(latin).as_deref(), Some(expected), "{latin}");
        }
        assert_eq!(to_cyrillic("ezijklmnoprstufhy").as_deref(), Some("езийклмнопрстуфхы"));
        assert_eq!(to_cyrillic("a1'b").as_deref(), Some("аб"));
        assert_eq!(to_latin("я7").as_deref(), Some("ya7"));
    }

    #[test]
    fn words_outside_the_tables_are_left_alone() {
        assert_eq!(to_latin("ким😀"), None);
        assert_eq!(to_cyrillic("é"), None);
    }
}
