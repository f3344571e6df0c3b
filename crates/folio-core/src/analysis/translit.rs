//! Transliteration between Russian Cyrillic and Latin letters, so `Mikoyan` meets `Микоян`.
//!
//! The scheme is the one English-language archives use for Russian names (BGN/PCGN without
//! diacritics, as in the Library of Congress's simplified romanisation): `ж` = zh, `х` = kh,
//! `ц` = ts, `ч` = ch, `ш` = sh, `щ` = shch, `ю` = yu, `я` = ya, `ы`/`й` = y, hard and soft
//! signs dropped. It is the spelling the seeds' translations use (Mikoyan, Ponomarev, Shepilov),
//! so it round-trips the names archivists actually search for. Latin to Cyrillic is the greedy
//! inverse (longest letter group first), which is ambiguous at times (`y`), and so only ever adds
//! a candidate spelling; it never replaces the typed one.

const TO_LATIN: [(char, &str); 33] = [
    ('а', "a"),
    ('б', "b"),
    ('в', "v"),
    ('г', "g"),
    ('д', "d"),
    ('е', "e"),
    ('ё', "e"),
    ('ж', "zh"),
    ('з', "z"),
    ('и', "i"),
    ('й', "y"),
    ('к', "k"),
    ('л', "l"),
    ('м', "m"),
    ('н', "n"),
    ('о', "o"),
    ('п', "p"),
    ('р', "r"),
    ('с', "s"),
    ('т', "t"),
    ('у', "u"),
    ('ф', "f"),
    ('х', "kh"),
    ('ц', "ts"),
    ('ч', "ch"),
    ('ш', "sh"),
    ('щ', "shch"),
    ('ъ', ""),
    ('ы', "y"),
    ('ь', ""),
    ('э', "e"),
    ('ю', "yu"),
    ('я', "ya"),
];

const TO_CYRILLIC: [(&str, &str); 34] = [
    ("shch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ya", "я"),
    ("yo", "е"),
    ("ye", "е"),
    ("iy", "ий"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("j", "й"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("y", "ы"),
];

/// The Latin spelling of a folded Cyrillic word, or `None` if it has letters outside the table.
pub fn to_latin(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match TO_LATIN.iter().find(|(k, _)| *k == c) {
            Some((_, latin)) => out.push_str(latin),
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
        match TO_CYRILLIC.iter().find(|(latin, _)| rest.starts_with(latin)) {
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
    fn words_outside_the_tables_are_left_alone() {
        assert_eq!(to_latin("ким😀"), None);
        assert_eq!(to_cyrillic("é"), None);
    }
}
