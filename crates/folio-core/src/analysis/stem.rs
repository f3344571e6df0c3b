//! Snowball stemming chosen per word by its script.

use rust_stemmers::{Algorithm, Stemmer};

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

/// The script of `word`: whichever of Latin and Cyrillic has more letters in it.
pub fn script_of(word: &str) -> Script {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in word.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => latin += 1,
            '\u{0400}'..='\u{052F}' => cyrillic += 1,
            _ => {}
        }
    }
    if cyrillic > latin {
        Script::Cyrillic
    } else if latin > 0 {
        Script::Latin
    } else {
        Script::Other
    }
}

/// The English and Russian Snowball stemmers.
pub struct Stemmers {
    english: Stemmer,
    russian: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers::new()
    }
}

impl Stemmers {
    /// Creates both stemmers.
    pub fn new() -> Stemmers {
        Stemmers { english: Stemmer::create(Algorithm::English), russian: Stemmer::create(Algorithm::Russian) }
    }

    /// Stems a folded word with the stemmer of its script; words with digits are left as they are.
    pub fn stem(&self, word: &str) -> String {
        if word.chars().any(|c| c.is_numeric()) {
            return word.to_string();
        }
        match script_of(word) {
            Script::Latin => self.english.stem(word).into_owned(),
            Script::Cyrillic => self.russian.stem(word).into_owned(),
            Script::Other => word.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_stemmer_by_script() {
        let s = Stemmers::new();
        assert_eq!(s.stem("resolutions"), "resolut");
        assert_eq!(s.stem("телеграммы"), "телеграмм");
        assert_eq!(s.stem("1953"), "1953");
        assert_eq!(script_of("Клм"), Script::Cyrillic);
        assert_eq!(script_of("ouchert"), Script::Latin);
    }
}
