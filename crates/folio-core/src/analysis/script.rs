//! Scripts: telling Latin from Cyrillic words, and mending OCR's mixed-script words.
//!
//! OCR of Russian typescript often reads a Cyrillic letter as the Latin letter that looks the same
//! ("Kим" with a Latin K). [`unmix`] writes such letters in the script of the rest of the word, at
//! index and at query time alike, so the mixed word meets its clean spelling.

/// The writing system a word is in, judged by its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Mostly Latin letters.
    Latin,
    /// Mostly Cyrillic letters.
    Cyrillic,
    /// No letters of either (numbers, other scripts).
    Other,
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{052F}').contains(&c)
}

/// The script of `word`: whichever of Latin and Cyrillic has more letters in it.
pub fn script_of(word: &str) -> Script {
    let (latin, cyrillic) = counts(word);
    if cyrillic > latin {
        Script::Cyrillic
    } else if latin > 0 {
        Script::Latin
    } else {
        Script::Other
    }
}

fn counts(word: &str) -> (usize, usize) {
    word.chars().fold((0, 0), |(l, c), ch| (l + usize::from(is_latin(ch)), c + usize::from(is_cyrillic(ch))))
}

/// Lower-case Latin and Cyrillic letters that look alike in print.
const LOOKALIKES: [(char, char); 12] = [
    ('a', 'а'),
    ('b', 'в'),
    ('c', 'с'),
    ('e', 'е'),
    ('h', 'н'),
    ('k', 'к'),
    ('m', 'м'),
    ('o', 'о'),
    ('p', 'р'),
    ('t', 'т'),
    ('x', 'х'),
    ('y', 'у'),
];

/// Rewrites the look-alike letters of a folded word that mixes Latin and Cyrillic in the script
/// of the majority of its letters; words in one script come back unchanged.
pub fn unmix(word: String) -> String {
    let (latin, cyrillic) = counts(&word);
    if latin == 0 || cyrillic == 0 {
        return word;
    }
    let to_cyrillic = cyrillic >= latin;
    word.chars()
        .map(|c| {
            LOOKALIKES.iter().find(|&&(l, cy)| if to_cyrillic { l == c } else { cy == c }).map_or(c, |&(l, cy)| {
                if to_cyrillic {
                    cy
                } else {
                    l
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn majority_script_wins() {
        assert_eq!(script_of("клм"), Script::Cyrillic);
        assert_eq!(script_of("ouchert"), Script::Latin);
        assert_eq!(script_of("1953"), Script::Other);
    }

    #[test]
    fn mixed_words_are_unmixed_toward_their_majority() {
        assert_eq!(unmix("kим".to_string()), "ким");
        assert_eq!(unmix("пленyм".to_string()), "пленум");
        assert_eq!(unmix("plеnum".to_string()), "plenum");
        assert_eq!(unmix("plenum".to_string()), "plenum");
    }
}
