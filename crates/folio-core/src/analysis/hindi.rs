//! Hindi stemming: Snowball's light Hindi stemmer (after Ramanathan and Rao), which removes the
//! longest inflectional suffix of a list, leaving at least one letter. Some suffixes are removed
//! only after a consonant. `rust-stemmers` does not have it; the list is Snowball 3.1's
//! `hindi.sbl` (BSD licence), longest suffixes first.

/// Removes the longest suffix of [`SUFFIXES`] that `word` allows.
pub fn stem(word: &str) -> &str {
    let Some((first, _)) = word.char_indices().nth(1) else { return word };
    for &(suffix, after_consonant) in SUFFIXES {
        let Some(stem) = word.strip_suffix(suffix) else { continue };
        if stem.len() < first {
            continue;
        }
        if after_consonant && (stem.len() == first || !stem.chars().next_back().is_some_and(is_consonant)) {
            continue;
        }
        return stem;
    }
    word
}

/// Devanagari consonants, the nukta and the consonants with a nukta.
fn is_consonant(c: char) -> bool {
    matches!(c, '\u{0915}'..='\u{0939}' | '\u{093C}' | '\u{0958}'..='\u{095F}')
}

/// The suffixes, longest (in characters) first, and whether each needs a consonant before it.
const SUFFIXES: &[(&str, bool)] = &[
    ("अताएं", false),
    ("अताओं", false),
    ("अनाएं", false),
    ("अनाओं", false),
    ("आइयाँ", false),
    ("आइयां", false),
    ("आइयों", false),
    ("आऊंगा", false),
    ("आऊंगी", false),
    ("आएंगी", false),
    ("आएंगे", false),
    ("ाइयाँ", false),
    ("ाइयां", false),
    ("ाइयों", false),
    ("ाऊंगा", false),
    ("ाऊंगी", false),
    ("ाएंगी", false),
    ("ाएंगे", false),
    ("अतीं", false),
    ("आएगा", false),
    ("आएगी", false),
    ("आओगी", false),
    ("आओगे", false),
    ("आतीं", false),
    ("इयाँ", false),
    ("इयां", false),
    ("इयों", false),
    ("ऊंगा", false),
    ("ऊंगी", false),
    ("एंगी", false),
    ("एंगे", false),
    ("ताएं", true),
    ("ताओं", true),
    ("नाएं", true),
    ("नाओं", true),
    ("ाएगा", false),
    ("ाएगी", false),
    ("ाओगी", false),
    ("ाओगे", false),
    ("ातीं", false),
    ("ियाँ", false),
    ("ियां", false),
    ("ियों", false),
    ("ूंगा", false),
    ("ूंगी", false),
    ("ेंगी", false),
    ("ेंगे", false),
    ("अकर", false),
    ("अता", false),
    ("अती", false),
    ("अते", false),
    ("अना", false),
    ("अनी", false),
    ("अने", false),
    ("आइए", false),
    ("आईं", false),
    ("आएं", false),
    ("आओं", false),
    ("आकर", false),
    ("आता", false),
    ("आती", false),
    ("आते", false),
    ("आना", false),
    ("आने", false),
    ("आया", false),
    ("उआं", false),
    ("उएं", false),
    ("उओं", false),
    ("एगा", false),
    ("एगी", false),
    ("ओगी", false),
    ("ओगे", false),
    ("तीं", true),
    ("ाइए", false),
    ("ाईं", false),
    ("ाएं", false),
    ("ाओं", false),
    ("ाकर", false),
    ("ाता", false),
    ("ाती", false),
    ("ाते", false),
    ("ाना", false),
    ("ाने", false),
    ("ाया", false),
    ("ुआं", false),
    ("ुएं", false),
    ("ुओं", false),
    ("ेगा", false),
    ("ेगी", false),
    ("ोगी", false),
    ("ोगे", false),
    ("आँ", false),
    ("आं", false),
    ("आई", false),
    ("आए", false),
    ("आओ", false),
    ("इए", false),
    ("ईं", false),
    ("एं", false),
    ("ओं", false),
    ("कर", true),
    ("ता", true),
    ("ती", true),
    ("ते", true),
    ("ना", true),
    ("नी", true),
    ("ने", true),
    ("ाँ", false),
    ("ां", false),
    ("ाई", false),
    ("ाए", false),
    ("ाओ", false),
    ("िए", false),
    ("ीं", false),
    ("ें", false),
    ("ों", false),
    ("अ", false),
    ("आ", false),
    ("इ", false),
    ("ई", false),
    ("उ", false),
    ("ऊ", false),
    ("ए", false),
    ("ओ", false),
    ("ा", false),
    ("ि", false),
    ("ी", false),
    ("ु", false),
    ("ू", false),
    ("े", false),
    ("ो", false),
    ("्", false),
];

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflections_share_a_stem() {
        // लड़का, लड़के, लड़कों (boy, boys): लड़क.
        assert_eq!(stem("लड़का"), "लड़क");
        assert_eq!(stem("लड़के"), "लड़क");
        assert_eq!(stem("लड़कों"), "लड़क");
        assert_eq!(stem("क"), "क");
    }

    #[test]
    fn suffixes_are_sorted_longest_first() {
        let lengths: Vec<usize> = super::SUFFIXES.iter().map(|(s, _)| s.chars().count()).collect();
        assert!(lengths.windows(2).all(|w| w[0] >= w[1]));
    }
}
