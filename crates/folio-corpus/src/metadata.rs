//! Metadata: declared by a page (`<meta>` tags, `data-folio-meta` / `data-folio-filter` attributes,
//! front matter) and mapped onto a [`Document`]'s fields, or inferred from text (document type from
//! title words, language from script and names).

use std::collections::BTreeMap;

use super::date::parse_date;
use super::text::collapse_whitespace;
use super::Document;

/// The built-in filters: they map onto [`Document::date`], [`Document::lang`] and
/// [`Document::kind`]. Any other filter name is the site's own, in [`Document::filters`].
pub const INDEXED_FILTERS: [&str; 3] = ["type", "date", "lang"];

/// The filter that holds the languages a page declares a translation of itself in (its
/// `<link rel="alternate" hreflang>` alternates other than its own language). A search from a
/// page in language `xx` leaves out the documents with `xx` here (`none: ["xx"]`), so a
/// translated site answers in the visitor's language while pages that exist in one language only
/// are still found (`www/src/page-lang.js`). Its name has a `:`, which no page's, front matter's
/// or `folio.toml`'s filter name can have; a `.jsonl` line may give it (`"filters":
/// {"folio:translations": ["ru"]}`).
pub const TRANSLATIONS_FILTER: &str = "folio:translations";

/// Records on `doc` the languages of the `alternates` a page declares other than its own
/// language (in [`TRANSLATIONS_FILTER`]), once `doc.lang` is settled.
pub(crate) fn set_translations(doc: &mut Document, alternates: &[String]) {
    let own = doc.lang.as_deref();
    let mut others: Vec<String> = alternates.iter().filter(|&code| Some(code.as_str()) != own).cloned().collect();
    if others.is_empty() {
        return;
    }
    others.sort();
    others.dedup();
    doc.filters.insert(TRANSLATIONS_FILTER.to_string(), others);
}

/// The name under which a page's one `<time datetime>` (or hAtom's `<abbr class="published"
/// title>`) is declared, last of the names the default date filter reads (after `<meta>` dates):
/// MkDocs Material's blog, Eleventy's base blog and Pelican's default theme date a post only
/// there. A page with several times (a list, a schedule) or one in running text (`<p>`) declares none.
pub(crate) const TIME_TAG: &str = "time[datetime]";

/// Metadata a page declares, in the order it declares it, before it is mapped onto a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Declared {
    /// `data-folio-meta` values (and front-matter keys Folio reads itself), by lowercase key.
    pub(crate) meta: Vec<(String, String)>,
    /// `data-folio-filter` values, by lowercase filter name.
    pub(crate) filters: Vec<(String, String)>,
    /// `<meta name|property=… content=…>` tags and other front-matter keys, by lowercase name.
    pub(crate) tags: Vec<(String, String)>,
    /// `data-folio-sort` values (and front matter's `sort`), by lowercase sort key.
    pub(crate) sort: Vec<(String, String)>,
}

impl Declared {
    fn tag(&self, key: &str) -> Option<&str> {
        self.tags.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).filter(|v| !v.trim().is_empty())
    }

    /// The page's description (`<meta name="description">`, else `og:description`): the summary
    /// of a page that gives none of its own.
    pub(crate) fn description(&self) -> Option<&str> {
        self.tag("description").or_else(|| self.tag("og:description"))
    }
}

/// Whether `summary` only repeats the start of `body`, or another run of it: the excerpt a
/// generator writes as a page's description when its author gave none (Hugo's `.Summary`,
/// Jekyll's first paragraph), with the permalink signs and markup its plain-text version keeps.
/// Compared word by word, case and punctuation aside; its last word may be cut short (a
/// description truncated to so many characters). Summaries under four words are never excerpts:
/// an author's "Opening hours" stays.
pub(crate) fn repeats_text(summary: &str, body: &str) -> bool {
    let count = words_of(summary).count();
    if count < 4 {
        return false;
    }
    let mut starts = words_of(body);
    loop {
        // The summary's words against the body's from this one on: all but the last alike, the
        // last a prefix of the body's word there.
        let mut run = starts.clone();
        let repeats = words_of(summary).enumerate().all(|(i, s)| match run.next() {
            Some(b) if i + 1 < count => same_word(s, b),
            Some(b) => starts_word(b, s),
            None => false,
        });
        if repeats {
            return true;
        }
        if starts.next().is_none() {
            return false;
        }
    }
}

/// Whether `summary` is one of the first two lines of `body`, whole, case and punctuation aside:
/// the title or the first heading or paragraph after it, which Docusaurus gives as a page's
/// description when its author gave none ("Ekman transport", the first section's heading). It
/// catches the short ones [`repeats_text`] leaves alone: a summary of its own that repeats a
/// heading further down, or only the start of a line, stays.
pub(crate) fn is_opening_line(summary: &str, body: &str) -> bool {
    let same = |line: &str| {
        let (mut a, mut b) = (words_of(summary), words_of(line));
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(x), Some(y)) if same_word(x, y) => {}
                _ => return false,
            }
        }
    };
    words_of(summary).next().is_some() && body.lines().take(2).any(same)
}

/// The words of `text` for [`repeats_text`]: its runs of letters and digits.
fn words_of(text: &str) -> impl Iterator<Item = &str> + Clone {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// Whether two words are the same, case aside: equal as `str::to_lowercase` makes them, which only
/// a capital sigma (lowered by its place in the word) makes differ from lowering letter by letter.
fn same_word(a: &str, b: &str) -> bool {
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// Whether `word` starts with `prefix`, case aside (as [`same_word`] compares).
fn starts_word(word: &str, prefix: &str) -> bool {
    if word.contains('Σ') || prefix.contains('Σ') {
        return word.to_lowercase().starts_with(&prefix.to_lowercase());
    }
    let mut word = word.chars().flat_map(char::to_lowercase);
    prefix.chars().flat_map(char::to_lowercase).all(|c| word.next() == Some(c))
}

/// Which metadata keys fill which filter: `type` ← `type`, `dc.type`; `date` ← `date`, `dc.date`, ….
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataMap {
    /// Filter name → the `<meta>` names (or front-matter keys) it is read from, first found wins.
    pub filters: BTreeMap<String, Vec<String>>,
}

impl Default for MetadataMap {
    fn default() -> Self {
        let keys = |list: &[&str]| list.iter().map(|k| (*k).to_string()).collect::<Vec<_>>();
        let mut filters = BTreeMap::new();
        filters.insert("type".to_string(), keys(&["type", "dc.type", "dcterms.type"]));
        filters.insert(
            "date".to_string(),
            keys(&["date", "dc.date", "dcterms.date", "dcterms.created", "article:published_time", TIME_TAG]),
        );
        filters.insert("lang".to_string(), keys(&["dc.language", "dcterms.language", "content-language"]));
        MetadataMap { filters }
    }
}

/// Maps declared metadata onto `doc`, returning a note for each value that could not be used.
///
/// Precedence, for each of title, summary, citation, date, type and language: a `data-folio-filter`
/// value, then a `data-folio-meta` value, then what the reader found itself (`<h1>`, `<html lang>`,
/// front matter), then the `<meta>` tags the [`MetadataMap`] names, in its order. Other filter
/// names go to [`Document::filters`], other `data-folio-meta` keys to [`Document::meta`] (and a
/// `data-folio-meta` date also keeps the date as the page writes it there, for display), sort keys
/// to [`Document::sort`] (the first value of each wins).
pub(crate) fn apply_declared(doc: &mut Document, declared: &Declared, map: &MetadataMap) -> Vec<String> {
    let mut notes = Vec::new();
    for (key, value) in &declared.sort {
        let value = collapse_whitespace(value);
        if !value.is_empty() && !key.is_empty() {
            doc.sort.entry(key.clone()).or_insert(value);
        }
    }
    let explicit = declared.filters.iter().map(|(k, v)| (k, v, "data-folio-filter"));
    let explicit = explicit.chain(declared.meta.iter().map(|(k, v)| (k, v, "data-folio-meta")));
    let mut set_by_page = Vec::new();
    for (key, value, source) in explicit {
        let value = collapse_whitespace(value);
        if value.is_empty() {
            continue;
        }
        let key = canonical_key(key);
        if set_by_page.contains(&key) {
            continue; // the first declaration wins
        }
        let used = match key {
            "title" => {
                doc.title = value.clone();
                true
            }
            "summary" => {
                doc.summary = value.clone();
                true
            }
            "citation" => {
                doc.citation = value.clone();
                true
            }
            "date" | "type" | "lang" => {
                let set = set_filter(doc, key, &value, source, &mut notes);
                if set && key == "date" && source == "data-folio-meta" {
                    doc.meta.entry(key.to_string()).or_insert(value.clone());
                }
                set
            }
            _ => false,
        };
        if used {
            set_by_page.push(key);
            continue;
        }
        if source == "data-folio-filter" {
            doc.filters.entry(key.to_string()).or_default().push(value);
        } else {
            doc.meta.entry(key.to_string()).or_insert(value);
        }
    }
    if doc.summary.is_empty() {
        if let Some(text) = declared.description() {
            doc.summary = collapse_whitespace(text);
        }
    }
    for (filter, keys) in &map.filters {
        let filter = canonical_key(filter);
        let indexed = INDEXED_FILTERS.contains(&filter);
        if set_by_page.contains(&filter) || (indexed && already_set(doc, filter)) {
            continue;
        }
        for key in keys {
            let Some(value) = declared.tag(&key.to_lowercase()) else { continue };
            let value = collapse_whitespace(value);
            if indexed {
                let source = format!("<meta name=\"{key}\">");
                if set_filter(doc, filter, &value, &source, &mut notes) {
                    break;
                }
            } else {
                let key = key.to_lowercase();
                let values = declared.tags.iter().filter(|(k, _)| *k == key).map(|(_, v)| collapse_whitespace(v));
                doc.filters.entry(filter.to_string()).or_default().extend(values.filter(|v| !v.is_empty()));
                break;
            }
        }
    }
    notes
}

/// `kind` is `type`, `description` is `summary`, `language` is `lang`.
fn canonical_key(key: &str) -> &str {
    match key {
        "kind" => "type",
        "description" => "summary",
        "language" => "lang",
        other => other,
    }
}

fn already_set(doc: &Document, filter: &str) -> bool {
    match filter {
        "date" => doc.date.is_some(),
        "type" => doc.kind.is_some(),
        "lang" => doc.lang.is_some(),
        _ => false,
    }
}

/// Sets the date, type or language of `doc` from `value`; a value that is not one is a note.
fn set_filter(doc: &mut Document, filter: &str, value: &str, source: &str, notes: &mut Vec<String>) -> bool {
    match filter {
        "date" => match parse_date(value) {
            Some(date) => doc.date = Some(date),
            None => {
                notes.push(format!("{source} date {value:?} is not a date (write it as YYYY-MM-DD); ignored"));
                return false;
            }
        },
        "type" => doc.kind = Some(value.to_lowercase()),
        "lang" => match language_code(value) {
            Some(code) => doc.lang = Some(code),
            None => return false,
        },
        _ => return false,
    }
    true
}

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
mod tests;
