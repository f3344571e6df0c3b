//! Snowball stemming chosen per word by its script.

use rust_stemmers::{Algorithm, Stemmer};

use super::script::{script_of, Script};

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
    }
}
