//! The languages Folio stems, and what each needs.
//!
//! A document is stemmed by its language (its `lang`), and a query word by every language the
//! index holds, so a site in several languages finds each page by the inflections of its own
//! language. Words of a page without a language, or in a script its language does not use,
//! are stemmed as Folio always has: English for Latin letters, Russian for Cyrillic.
//!
//! Each language but English and Russian is compiled in by a cargo feature (`lang-de`, …, or
//! `all-languages`), so a module for an English or Russian site carries no other stemmer; a
//! language whose feature is off is treated as unknown, and its pages are stemmed by script.

use rust_stemmers::{Algorithm, Stemmer};

use super::script::{script_of, Script};

/// A language Folio knows how to stem or stop (the ones compiled into this build).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Arabic (`ar`).
    Arabic,
    /// Danish (`da`).
    Danish,
    /// Dutch (`nl`).
    Dutch,
    /// English (`en`).
    English,
    /// Finnish (`fi`).
    Finnish,
    /// French (`fr`).
    French,
    /// German (`de`).
    German,
    /// Greek (`el`).
    Greek,
    /// Hindi (`hi`).
    Hindi,
    /// Hungarian (`hu`).
    Hungarian,
    /// Italian (`it`).
    Italian,
    /// Norwegian (`no`, `nb`, `nn`).
    Norwegian,
    /// Portuguese (`pt`).
    Portuguese,
    /// Romanian (`ro`).
    Romanian,
    /// Russian (`ru`).
    Russian,
    /// Spanish (`es`).
    Spanish,
    /// Swedish (`sv`).
    Swedish,
    /// Tamil (`ta`).
    Tamil,
    /// Turkish (`tr`).
    Turkish,
}

/// Every language with its BCP 47 primary subtags and the cargo feature it needs.
const CODES: &[(Language, &[&str], bool)] = &[
    (Language::Arabic, &["ar"], cfg!(feature = "lang-ar")),
    (Language::Danish, &["da"], cfg!(feature = "lang-da")),
    (Language::Dutch, &["nl"], cfg!(feature = "lang-nl")),
    (Language::English, &["en"], true),
    (Language::Finnish, &["fi"], cfg!(feature = "lang-fi")),
    (Language::French, &["fr"], cfg!(feature = "lang-fr")),
    (Language::German, &["de"], cfg!(feature = "lang-de")),
    (Language::Greek, &["el"], cfg!(feature = "lang-el")),
    (Language::Hindi, &["hi"], cfg!(feature = "lang-hi")),
    (Language::Hungarian, &["hu"], cfg!(feature = "lang-hu")),
    (Language::Italian, &["it"], cfg!(feature = "lang-it")),
    (Language::Norwegian, &["no", "nb", "nn"], cfg!(feature = "lang-no")),
    (Language::Portuguese, &["pt"], cfg!(feature = "lang-pt")),
    (Language::Romanian, &["ro", "mo"], cfg!(feature = "lang-ro")),
    (Language::Russian, &["ru"], true),
    (Language::Spanish, &["es"], cfg!(feature = "lang-es")),
    (Language::Swedish, &["sv"], cfg!(feature = "lang-sv")),
    (Language::Tamil, &["ta"], cfg!(feature = "lang-ta")),
    (Language::Turkish, &["tr"], cfg!(feature = "lang-tr")),
];

/// The codes of [`CODES`] but English and Russian, in one short string (what the English and
/// Russian build keeps of the table).
const STEMMED_SOMEWHERE: &str = "ar da nl fi fr de el hi hu it no nb nn pt ro mo es sv ta tr";

impl Language {
    /// The language of a code such as `de`, `de-AT` or `pt_BR` (its primary subtag), if this
    /// build stems it.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = primary(code);
        if !cfg!(feature = "languages") {
            // The English and Russian build leaves the table out of the module.
            let is = |c: &str| primary.eq_ignore_ascii_case(c);
            return if is("en") {
                Some(Language::English)
            } else if is("ru") {
                Some(Language::Russian)
            } else {
                None
            };
        }
        CODES
            .iter()
            .find(|(_, codes, built)| *built && codes.iter().any(|c| c.eq_ignore_ascii_case(primary)))
            .map(|&(language, _, _)| language)
    }

    /// Whether `code` names a language some build of Folio stems (beyond English and Russian),
    /// whether or not this one does.
    pub fn is_stemmed_somewhere(code: &str) -> bool {
        let primary = primary(code);
        STEMMED_SOMEWHERE.split(' ').any(|c| c.eq_ignore_ascii_case(primary))
    }

    /// The language's BCP 47 primary subtag.
    pub fn code(self) -> &'static str {
        CODES.iter().find(|(l, _, _)| *l == self).map_or("", |(_, codes, _)| codes[0])
    }

    /// Every language this build stems.
    pub fn all() -> impl Iterator<Item = Language> {
        CODES.iter().filter(|(_, _, built)| *built).map(|&(language, _, _)| language)
    }

    /// The script the language is written in, as far as telling which words to stem goes.
    fn script(self) -> LangScript {
        match self {
            Language::Russian => LangScript::Cyrillic,
            Language::Greek => LangScript::Greek,
            Language::Arabic => LangScript::Arabic,
            Language::Hindi => LangScript::Devanagari,
            Language::Tamil => LangScript::Tamil,
            _ => LangScript::Latin,
        }
    }

    /// Whether the language's stemmer applies to `word` (a word in its script).
    pub fn writes(self, word: &str) -> bool {
        self.script().writes(word)
    }

    /// Stems `word`, a word of this language in lower case and with its diacritics (what
    /// Snowball's rules are written for; [`Language::lower`] gives it).
    pub fn stem(self, word: &str) -> String {
        let stemmer = match self {
            Language::English => Stemmer::create(Algorithm::English),
            Language::Russian => Stemmer::create(Algorithm::Russian),
            #[cfg(feature = "lang-hi")]
            Language::Hindi => return super::hindi::stem(word).to_string(),
            _ => match snowball(self) {
                Some(stemmer) => stemmer,
                None => return word.to_string(),
            },
        };
        stemmer.stem(word).into_owned()
    }

    /// The word as this language's stemmer wants it: lower case, diacritics kept. Turkish
    /// lowers `I` to dotless `ı` and `İ` to `i`, and drops what follows an apostrophe, the case
    /// ending of a name (`Ankara'da` → `ankara`); German reads `ae`, `oe` and `ue` (not after
    /// `q`) as the umlauts they stand for when a keyboard has none (Snowball's German2 rule:
    /// `Haeuser` → `häuser`).
    pub fn lower(self, raw: &str) -> String {
        match self {
            Language::Turkish => {
                let raw = raw.split(['\'', '\u{2019}']).next().unwrap_or(raw);
                raw.chars().flat_map(turkish_lower).collect()
            }
            Language::German => german_umlauts(raw.chars().flat_map(char::to_lowercase)),
            _ => raw.chars().flat_map(char::to_lowercase).collect(),
        }
    }
}

/// `ae`, `oe`, `ue` (but `que`) written as `ä`, `ö`, `ü`.
fn german_umlauts(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars {
        let umlaut = match (out.chars().next_back(), c) {
            (Some('a'), 'e') => Some('ä'),
            (Some('o'), 'e') => Some('ö'),
            (Some('u'), 'e') if !out.ends_with("qu") => Some('ü'),
            _ => None,
        };
        match umlaut {
            Some(u) => {
                out.pop();
                out.push(u);
            }
            None => out.push(c),
        }
    }
    out
}

/// The primary subtag of a language code (`pt` of `pt-BR` or `pt_BR`).
fn primary(code: &str) -> &str {
    let code = code.trim();
    &code[..code.bytes().position(|b| b == b'-' || b == b'_').unwrap_or(code.len())]
}

/// Turkish lower case of one letter.
fn turkish_lower(c: char) -> std::char::ToLowercase {
    match c {
        'I' => 'ı'.to_lowercase(),
        'İ' => 'i'.to_lowercase(),
        _ => c.to_lowercase(),
    }
}

/// The Snowball stemmer of a language other than English and Russian, if compiled in: each arm
/// names its algorithm, as a constant, only in builds with its feature, so the others are not
/// linked into the module.
fn snowball(language: Language) -> Option<Stemmer> {
    match language {
        #[cfg(feature = "lang-ar")]
        Language::Arabic => Some(Stemmer::create(Algorithm::Arabic)),
        #[cfg(feature = "lang-da")]
        Language::Danish => Some(Stemmer::create(Algorithm::Danish)),
        #[cfg(feature = "lang-nl")]
        Language::Dutch => Some(Stemmer::create(Algorithm::Dutch)),
        #[cfg(feature = "lang-fi")]
        Language::Finnish => Some(Stemmer::create(Algorithm::Finnish)),
        #[cfg(feature = "lang-fr")]
        Language::French => Some(Stemmer::create(Algorithm::French)),
        #[cfg(feature = "lang-de")]
        Language::German => Some(Stemmer::create(Algorithm::German)),
        #[cfg(feature = "lang-el")]
        Language::Greek => Some(Stemmer::create(Algorithm::Greek)),
        #[cfg(feature = "lang-hu")]
        Language::Hungarian => Some(Stemmer::create(Algorithm::Hungarian)),
        #[cfg(feature = "lang-it")]
        Language::Italian => Some(Stemmer::create(Algorithm::Italian)),
        #[cfg(feature = "lang-no")]
        Language::Norwegian => Some(Stemmer::create(Algorithm::Norwegian)),
        #[cfg(feature = "lang-pt")]
        Language::Portuguese => Some(Stemmer::create(Algorithm::Portuguese)),
        #[cfg(feature = "lang-ro")]
        Language::Romanian => Some(Stemmer::create(Algorithm::Romanian)),
        #[cfg(feature = "lang-es")]
        Language::Spanish => Some(Stemmer::create(Algorithm::Spanish)),
        #[cfg(feature = "lang-sv")]
        Language::Swedish => Some(Stemmer::create(Algorithm::Swedish)),
        #[cfg(feature = "lang-ta")]
        Language::Tamil => Some(Stemmer::create(Algorithm::Tamil)),
        #[cfg(feature = "lang-tr")]
        Language::Turkish => Some(Stemmer::create(Algorithm::Turkish)),
        _ => None,
    }
}

/// The scripts the stemmed languages are written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LangScript {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Devanagari,
    Tamil,
}

impl LangScript {
    fn writes(self, word: &str) -> bool {
        let in_block = |from: char, to: char| word.chars().any(|c| (from..=to).contains(&c));
        match self {
            LangScript::Latin => script_of(word) == Script::Latin,
            LangScript::Cyrillic => script_of(word) == Script::Cyrillic,
            LangScript::Greek => in_block('\u{0370}', '\u{03FF}') || in_block('\u{1F00}', '\u{1FFF}'),
            LangScript::Arabic => in_block('\u{0600}', '\u{06FF}'),
            LangScript::Devanagari => in_block('\u{0900}', '\u{097F}'),
            LangScript::Tamil => in_block('\u{0B80}', '\u{0BFF}'),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_the_languages_built_in() {
        assert_eq!(Language::from_code("EN-gb"), Some(Language::English));
        assert_eq!(Language::from_code("ru_RU"), Some(Language::Russian));
        assert_eq!(Language::from_code("xx"), None);
        assert_eq!(Language::from_code(""), None);
        for language in Language::all() {
            assert_eq!(Language::from_code(language.code()), Some(language));
        }
        // The short list names the table's codes, English and Russian aside.
        let table: Vec<&str> = CODES
            .iter()
            .filter(|(l, _, _)| !matches!(l, Language::English | Language::Russian))
            .flat_map(|(_, c, _)| c.iter().copied())
            .collect();
        assert_eq!(table, STEMMED_SOMEWHERE.split(' ').collect::<Vec<_>>());
    }

    #[test]
    fn english_and_russian_stem_as_before() {
        assert_eq!(Language::English.stem("resolutions"), "resolut");
        assert_eq!(Language::Russian.stem("телеграммы"), "телеграмм");
        assert!(Language::English.writes("war") && !Language::English.writes("война"));
    }

    #[cfg(feature = "lang-de")]
    #[test]
    fn german_reads_ae_oe_ue_as_umlauts() {
        assert_eq!(Language::German.lower("Haeuser"), "häuser");
        assert_eq!(Language::German.lower("Quelle"), "quelle");
        assert_eq!(Language::German.stem(&Language::German.lower("Haeusern")), Language::German.stem("häusern"));
    }

    #[cfg(feature = "lang-tr")]
    #[test]
    fn turkish_lowers_dotted_and_dotless_i_and_drops_the_case_ending_of_names() {
        assert_eq!(Language::Turkish.lower("IŞIK"), "ışık");
        assert_eq!(Language::Turkish.lower("İstanbul'da"), "istanbul");
    }
}
