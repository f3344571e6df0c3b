//! Parsing `folio.toml`: the file's shape (unknown keys are errors), then every value checked
//! where it stands, so an error names the file, the line and the key.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::check::{
    check_all, check_base_url, check_encoding, check_filter, check_glob, check_language, check_selector, check_stemming,
};
use super::Config;
use folio_core::analysis::vocabulary::{Synonym, Vocabulary};
use folio_core::index::{Field, Settings};
use folio_core::{Error, Result};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    site: Option<RawSite>,
    html: Option<RawHtml>,
    encoding: Option<RawEncoding>,
    languages: Option<RawLanguages>,
    fields: Option<RawFields>,
    ranking: Option<RawRanking>,
    filters: Option<BTreeMap<String, Spanned<RawFilter>>>,
    words: Option<RawWords>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    include: Option<Spanned<OneOrMany>>,
    exclude: Option<Spanned<OneOrMany>>,
    base_url: Option<Spanned<String>>,
    clean_urls: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHtml {
    content: Option<Spanned<OneOrMany>>,
    ignore: Option<Spanned<OneOrMany>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEncoding {
    default: Option<Spanned<String>>,
    paths: Option<BTreeMap<String, Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguages {
    default: Option<Spanned<String>>,
    only: Option<Spanned<OneOrMany>>,
    stemming: Option<Spanned<bool>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFields {
    title: Option<RawField>,
    summary: Option<RawField>,
    body: Option<RawField>,
    citation: Option<RawField>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    weight: Option<Spanned<f32>>,
    b: Option<Spanned<f32>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRanking {
    k1: Option<Spanned<f32>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    stop_words: Option<Spanned<OneOrMany>>,
    synonyms: Option<Vec<Spanned<String>>>,
}

/// A `[filters]` entry: the metadata names it is read from, or a table with the label the search
/// UI shows for it (`collection = { label = "Collection", from = ["dc.subject"] }`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawFilter {
    From(OneOrMany),
    Table(RawFilterTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFilterTable {
    label: Option<String>,
    from: Option<OneOrMany>,
}

/// A string or a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// Turns byte spans of the file into `file:line:` errors.
struct Located<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Located<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        let at = span.start.min(self.text.len());
        self.text.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1
    }

    fn error(&self, span: Range<usize>, key: &str, message: impl std::fmt::Display) -> Error {
        Error::config(Some(self.path), Some(self.line(span)), format!("{key}: {message}"))
    }
}

impl Config {
    /// Parses and validates configuration text; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config> {
        let at = Located { path, text };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| at.line(s));
            let message = e
                .message()
                .trim()
                .replace("unknown field", "unknown key")
                .replace("field `", "key `")
                .replace("expected f32", "expected a number");
            // Type errors do not name the key: show the line they are on.
            let source_line = line.and_then(|l| text.lines().nth(l - 1)).map(str::trim).filter(|l| !l.is_empty());
            let message = match source_line {
                Some(source_line) if !message.contains("key `") => format!("{message} (in `{source_line}`)"),
                _ => message,
            };
            Error::corpus(path, line, message)
        })?;
        let mut config = Config { source: Some(path.to_path_buf()), ..Config::default() };
        let list = |value: Spanned<OneOrMany>| {
            let span = value.span();
            (value.into_inner().into_vec(), span)
        };

        let site = raw.site.unwrap_or_default();
        if let Some(value) = site.include {
            let (patterns, span) = list(value);
            if patterns.is_empty() {
                return Err(at.error(span, "site.include", "is empty, so no page would be read"));
            }
            check_all(&patterns, check_glob).map_err(|m| at.error(span.clone(), "site.include", m))?;
            config.include = patterns;
        }
        if let Some(value) = site.exclude {
            let (patterns, span) = list(value);
            check_all(&patterns, check_glob).map_err(|m| at.error(span, "site.exclude", m))?;
            config.exclude = patterns;
        }
        if let Some(base) = site.base_url {
            check_base_url(base.get_ref()).map_err(|m| at.error(base.span(), "site.base_url", m))?;
            config.base_url = base.into_inner();
        }
        config.clean_urls = site.clean_urls.unwrap_or(false);

        let html = raw.html.unwrap_or_default();
        if let Some(value) = html.content {
            let (selectors, span) = list(value);
            check_all(&selectors, check_selector).map_err(|m| at.error(span, "html.content", m))?;
            config.content = selectors;
        }
        if let Some(value) = html.ignore {
            let (selectors, span) = list(value);
            check_all(&selectors, check_selector).map_err(|m| at.error(span, "html.ignore", m))?;
            config.ignore = selectors;
        }

        let encoding = raw.encoding.unwrap_or_default();
        if let Some(label) = encoding.default {
            check_encoding(label.get_ref()).map_err(|m| at.error(label.span(), "encoding.default", m))?;
            config.encoding = Some(label.into_inner());
        }
        for (pattern, label) in encoding.paths.unwrap_or_default() {
            let key = format!("encoding.paths.{pattern:?}");
            check_glob(&pattern).map_err(|m| at.error(label.span(), &key, m))?;
            check_encoding(label.get_ref()).map_err(|m| at.error(label.span(), &key, m))?;
            config.encodings.push((pattern, label.into_inner()));
        }

        let languages = raw.languages.unwrap_or_default();
        if let Some(code) = languages.default {
            let checked = check_language(code.get_ref()).map_err(|m| at.error(code.span(), "languages.default", m))?;
            config.default_language = checked;
        }
        if let Some(value) = languages.only {
            let (codes, span) = list(value);
            for code in codes {
                let checked = check_language(&code).map_err(|m| at.error(span.clone(), "languages.only", m))?;
                config.languages.extend(checked);
            }
        }
        if let Some(stemming) = languages.stemming {
            check_stemming(*stemming.get_ref()).map_err(|m| at.error(stemming.span(), "languages.stemming", m))?;
        }

        let fields = raw.fields.unwrap_or_default();
        for (field, raw_field) in [
            (Field::Title, fields.title),
            (Field::Summary, fields.summary),
            (Field::Body, fields.body),
            (Field::Citation, fields.citation),
        ] {
            let Some(raw_field) = raw_field else { continue };
            if let Some(weight) = raw_field.weight {
                let key = format!("fields.{}.weight", field.name());
                Settings::check_weight(*weight.get_ref()).map_err(|m| at.error(weight.span(), &key, m))?;
                config.settings.weights[field as usize] = weight.into_inner();
            }
            if let Some(b) = raw_field.b {
                let key = format!("fields.{}.b", field.name());
                Settings::check_b(*b.get_ref()).map_err(|m| at.error(b.span(), &key, m))?;
                config.settings.b[field as usize] = b.into_inner();
            }
        }
        if let Some(k1) = raw.ranking.and_then(|r| r.k1) {
            Settings::check_k1(*k1.get_ref()).map_err(|m| at.error(k1.span(), "ranking.k1", m))?;
            config.settings.k1 = k1.into_inner();
        }

        // In the order the file gives them: the search UI shows the site's filters in that order.
        let mut filters: Vec<(String, Spanned<RawFilter>)> = raw.filters.unwrap_or_default().into_iter().collect();
        filters.sort_by_key(|(_, value)| value.span().start);
        for (name, value) in filters {
            let span = value.span();
            let (keys, label) = match value.into_inner() {
                RawFilter::From(keys) => (keys.into_vec(), None),
                RawFilter::Table(table) => (table.from.map(OneOrMany::into_vec).unwrap_or_default(), table.label),
            };
            let key = format!("filters.{name}");
            check_filter(&name, &keys).map_err(|m| at.error(span.clone(), &key, m))?;
            if label.as_ref().is_some_and(|l| l.trim().is_empty()) {
                return Err(at.error(span, &key, "has an empty label".to_string()));
            }
            let name = name.to_lowercase();
            config.filters.insert(name.clone(), keys.iter().map(|k| k.trim().to_lowercase()).collect());
            if !crate::INDEXED_FILTERS.contains(&name.as_str()) {
                config.facets.push((name, label.map(|l| l.trim().to_string())));
            }
        }

        let words = raw.words.unwrap_or_default();
        let mut vocabulary = Vocabulary::new();
        if let Some(value) = words.stop_words {
            let (stop_words, span) = list(value);
            for word in &stop_words {
                vocabulary.add_stop_word(word).map_err(|m| at.error(span.clone(), "words.stop_words", m))?;
            }
            config.stop_words = stop_words;
        }
        for rule in words.synonyms.unwrap_or_default() {
            let parsed = Synonym::parse(rule.get_ref()).map_err(|m| at.error(rule.span(), "words.synonyms", m))?;
            vocabulary.add_synonym(&parsed).map_err(|m| at.error(rule.span(), "words.synonyms", m))?;
            config.synonyms.push(rule.into_inner());
        }
        Ok(config)
    }
}
