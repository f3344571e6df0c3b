//! Metadata inferred from text: document type from title words, language from script and names.

/// Title words that name a document type, and the type they map to.
const KIND_WORDS: &[(&str, &str)] = &[
    ("resolution", "resolution"),
    ("resolutions", "resolution"),
    ("telegram", "telegram"),
    ("telegrams", "telegram"),
    ("cable", "telegram"),
    ("cables", "telegram"),
    ("journal", "journal"),
    ("diary", "diary"),
    ("report", "report"),
    ("reports", "report"),
    ("record", "record"),
    ("records", "record"),
    ("conversation", "record"),
    ("letter", "letter"),
    ("letters", "letter"),
    ("message", "letter"),
    ("speech", "speech"),
    ("memorandum", "memorandum"),
    ("memo", "memorandum"),
    ("minutes", "minutes"),
    ("protocol", "minutes"),
    ("transcript", "transcript"),
    ("directive", "directive"),
    ("directives", "directive"),
    ("instructions", "directive"),
    ("decree", "decree"),
    ("order", "decree"),
    ("statement", "statement"),
    ("declaration", "statement"),
    ("note", "note"),
    ("notes", "note"),
    ("interview", "interview"),
    ("article", "article"),
];

/// Infers the document type from the first title word that names one.
///
/// "Resolution, USSR Council of Ministers with draft letters…" is a `resolution` (not a letter);
/// "Communist Party … Central Committee Report on the Situation…" is a `report`. A word only counts
/// when it is capitalised or starts the title, so "in order to" does not make a decree.
pub(crate) fn infer_kind(title: &str) -> Option<String> {
    title
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .enumerate()
        .filter(|(i, w)| *i == 0 || w.starts_with(char::is_uppercase))
        .find_map(|(_, word)| {
            let word = word.to_lowercase();
            KIND_WORDS.iter().find(|(w, _)| *w == word).map(|(_, kind)| (*kind).to_string())
        })
}

/// Counts Cyrillic and Latin letters in `text`.
pub(crate) fn script_counts(text: &str) -> (usize, usize) {
    text.chars().fold((0, 0), |(cyrillic, latin), c| match script_of(c) {
        Some(Script::Cyrillic) => (cyrillic + 1, latin),
        Some(Script::Latin) => (cyrillic, latin + 1),
        None => (cyrillic, latin),
    })
}

/// The two scripts Folio's corpora are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    /// Russian (and other Cyrillic-script languages).
    Cyrillic,
    /// English (and other Latin-script languages).
    Latin,
}

fn script_of(c: char) -> Option<Script> {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' if c.is_alphabetic() => Some(Script::Latin),
        '\u{0400}'..='\u{052F}' if c.is_alphabetic() => Some(Script::Cyrillic),
        _ => None,
    }
}

/// Guesses the language of `text` from its dominant script: Cyrillic is `ru`, Latin is `en`.
///
/// Folio's corpora are English and Russian, so the script is a reliable signal; a Latin-script text
/// in another language is reported as `en`. Text with no letters has no language.
pub(crate) fn detect_lang(text: &str) -> Option<String> {
    let (cyrillic, latin) = script_counts(text);
    match (cyrillic, latin) {
        (0, 0) => None,
        (c, l) if c > l => Some("ru".to_string()),
        _ => Some("en".to_string()),
    }
}

/// The script a language is written in, for the languages the archive names.
pub(crate) fn script_of_lang(code: &str) -> Option<Script> {
    match code {
        "ru" | "uk" | "be" | "bg" | "sr" | "mk" | "kk" | "mn" => Some(Script::Cyrillic),
        "en" | "de" | "fr" | "es" | "it" | "pl" | "cs" | "hu" | "ro" | "pt" | "nl" | "sv" => Some(Script::Latin),
        _ => None,
    }
}

/// Language names as archives write them, and their BCP 47 codes.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("english", "en"),
    ("russian", "ru"),
    ("chinese", "zh"),
    ("korean", "ko"),
    ("japanese", "ja"),
    ("german", "de"),
    ("french", "fr"),
    ("spanish", "es"),
    ("italian", "it"),
    ("polish", "pl"),
    ("czech", "cs"),
    ("hungarian", "hu"),
    ("romanian", "ro"),
    ("bulgarian", "bg"),
    ("ukrainian", "uk"),
    ("serbian", "sr"),
    ("mongolian", "mn"),
    ("vietnamese", "vi"),
    ("portuguese", "pt"),
    ("arabic", "ar"),
    ("persian", "fa"),
    ("hebrew", "he"),
    ("dutch", "nl"),
    ("swedish", "sv"),
    ("русский", "ru"),
    ("английский", "en"),
];

/// Maps a language name ("Russian") or code ("ru", "ru-RU", "EN") to a lowercase BCP 47 primary
/// subtag. A name Folio does not know is kept as written (lowercased) rather than dropped.
pub(crate) fn language_code(name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches(['.', ',']).trim();
    if name.is_empty() {
        return None;
    }
    let lower = name.to_lowercase();
    if let Some((_, code)) = LANGUAGE_NAMES.iter().find(|(n, _)| *n == lower) {
        return Some((*code).to_string());
    }
    let primary = lower.split(['-', '_']).next().unwrap_or(&lower);
    if (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary.to_string());
    }
    Some(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_comes_from_the_first_type_word_of_the_title() {
        let kind = |t: &str| infer_kind(t);
        assert_eq!(kind("Telegram from A. Mikoyan to the CPSU Central Committee").as_deref(), Some("telegram"));
        assert_eq!(kind("Journal of Soviet Ambassador to the DPRK A.M. Puzanov").as_deref(), Some("journal"));
        assert_eq!(
            kind("Resolution, USSR Council of Ministers with draft letters from Soviet Government").as_deref(),
            Some("resolution")
        );
        assert_eq!(kind("CPSU Central Committee Report on the Situation in the KWP").as_deref(), Some("report"));
        assert_eq!(kind("Record of a Speech delivered by Kim Il Sung").as_deref(), Some("record"));
        assert_eq!(kind("Speech by Kim Il Sung").as_deref(), Some("speech"));
        assert_eq!(kind("Measures taken in order to help"), None);
    }

    #[test]
    fn language_from_script_and_names() {
        assert_eq!(detect_lang("Сов. секретно Вне очереди").as_deref(), Some("ru"));
        assert_eq!(detect_lang("Top Secret Priority").as_deref(), Some("en"));
        assert_eq!(detect_lang("12 34 -- 56"), None);
        assert_eq!(language_code("Russian").as_deref(), Some("ru"));
        assert_eq!(language_code("ru-RU").as_deref(), Some("ru"));
        assert_eq!(language_code("EN").as_deref(), Some("en"));
        assert_eq!(language_code("Klingon").as_deref(), Some("klingon"));
        assert_eq!(language_code("  "), None);
    }
}
