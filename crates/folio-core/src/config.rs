//! The configuration of an index build: `folio.toml`, read by `folio index` and `build.rs` alike.
//!
//! Every key is optional; unknown keys and bad values are errors naming the file, the line and the
//! key. The whole file, with the defaults:
//!
//! ```toml
//! [site]
//! include = ["**/*.html", "**/*.htm", "**/*.md", "**/*.markdown", "**/*.txt"]
//! exclude = []              # added to the built-in ones (robots.txt, node_modules/, the bundle)
//! base_url = ""             # prefix of every result URL; "" keeps them relative to the site
//! clean_urls = false        # true: about/index.html is linked as about/
//!
//! [html]
//! content = ["main", "article"]   # where the text is; [data-folio-body] always comes first
//! ignore = []                     # left out besides nav, header, footer, script, [data-folio-ignore]…
//!
//! [encoding]
//! default = "utf-8"               # pages with no byte-order mark and no <meta charset>
//! paths = { "old/**" = "windows-1251" }
//!
//! [languages]
//! default = ""              # language of pages that declare none ("" lets the script decide)
//! only = []                 # index only pages in these languages ([] indexes all)
//! stemming = true           # English and Russian words are stemmed (cannot be turned off yet)
//!
//! [fields.title]            # likewise [fields.summary], [fields.body], [fields.citation]
//! weight = 2.0
//! b = 0.5
//!
//! [ranking]
//! k1 = 2.0
//!
//! [filters]                 # filter = the <meta> names (or front-matter keys) it is read from
//! type = ["type", "dc.type", "dcterms.type"]
//! date = ["date", "dc.date", "dcterms.date", "dcterms.created", "article:published_time"]
//! lang = ["dc.language", "dcterms.language", "content-language"]
//!
//! [words]
//! stop_words = []
//! synonyms = ["DPRK, North Korea", "KWP => Korean Workers' Party"]
//! ```
//!
//! # Synonyms
//!
//! Synonyms are applied when the index is built, so the search module needs no configuration:
//! where a document's text matches one side of a rule, the words of the other side are indexed
//! too, at the same positions (the first word of each side at the same position, the next ones
//! after it). Words are compared after analysis, so `Korean Workers' Parties` matches `Korean
//! Workers' Party`.
//!
//! - Two-way, `a, b, c` (or `a = b = c`): the phrases are equivalent. A search for any of them
//!   finds the documents that say any of them.
//! - One-way, `a => b`: text that says `a` is also indexed as `b`. A search for `b` finds the
//!   documents that say `a` as well as those that say `b`; a search for `a` finds only those that
//!   say `a`. Read it as "a means b": `KWP => Korean Workers' Party` lets a reader who types the
//!   full name find the pages that use the abbreviation. Either side may list several phrases.
//!
//! Rules do not chain (`a => b` and `b => c` do not index `a` as `c`). A phrase query that spans
//! a synonym of a different length may not match, as in other engines that flatten synonyms.
//!
//! # Stop words
//!
//! Configured stop words are not indexed; the words after them keep their positions, so phrases
//! around them still line up. They are compared after case folding, not stemming (`museum` does
//! not remove `museums`). A search for a configured stop word finds nothing: use them for words
//! nobody searches for. (Folio's built-in English and Russian stop words are different: they stay
//! in the index and are merely optional in queries.)

use std::collections::{HashMap, HashSet};

use crate::analysis::{Analyzer, Token};

/// The longest synonym phrase, in words.
pub const MAX_SYNONYM_WORDS: usize = 16;

/// A synonym rule, as written in `[words] synonyms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Synonym {
    /// `a, b, c` or `a = b = c`: equivalent phrases.
    TwoWay(Vec<String>),
    /// `a => b`: text with a phrase of `from` is also indexed as every phrase of `to`.
    OneWay {
        /// The phrases found in the text.
        from: Vec<String>,
        /// The phrases also indexed.
        to: Vec<String>,
    },
}

impl Synonym {
    /// Parses a rule: `a, b` / `a = b` (two-way) or `a => b` (one-way); each side may list several
    /// phrases separated by commas. Says what is wrong otherwise.
    pub fn parse(rule: &str) -> Result<Synonym, String> {
        let phrases = |side: &str, two_way: bool| -> Result<Vec<String>, String> {
            let list: Vec<String> = side
                .split(|c| c == ',' || (two_way && c == '='))
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            if list.iter().any(String::is_empty) {
                return Err(format!("synonym rule {rule:?} has an empty phrase (check the commas and `=` signs)"));
            }
            Ok(list)
        };
        let parts: Vec<&str> = rule.split("=>").collect();
        match parts.as_slice() {
            [all] => {
                let list = phrases(all, true)?;
                if list.len() < 2 {
                    return Err(format!(
                        "synonym rule {rule:?} names only one phrase: write \"a, b\" (two-way) or \"a => b\" (one-way)"
                    ));
                }
                Ok(Synonym::TwoWay(list))
            }
            [from, to] => Ok(Synonym::OneWay { from: phrases(from, false)?, to: phrases(to, false)? }),
            _ => Err(format!("synonym rule {rule:?} has more than one `=>`")),
        }
    }
}

/// Index-time vocabulary: synonym rules and stop words, analysed with the one [`Analyzer`].
///
/// [`crate::index::IndexWriter`] applies it in its token loop, so queries need no change.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    rules: Vec<Rule>,
    by_first: HashMap<String, Vec<usize>>,
    stop_words: HashSet<String>,
}

/// One direction of a synonym: the stems to find, and the (stem, word form) pairs to add.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    from: Vec<String>,
    to: Vec<(String, String)>,
}

impl Vocabulary {
    /// An empty vocabulary: no synonyms, no stop words.
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.stop_words.is_empty()
    }

    /// How many one-way rules the synonyms compiled to (a two-way rule of n phrases is n·(n−1)).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Adds a synonym rule. Fails, saying why, when a phrase has no words or too many.
    pub fn add_synonym(&mut self, synonym: &Synonym) -> Result<(), String> {
        let analyzer = Analyzer::new();
        let analyse = |phrase: &str| -> Result<Vec<Token>, String> {
            let tokens = analyzer.analyze(phrase);
            if tokens.is_empty() {
                return Err(format!("synonym phrase {phrase:?} has no words"));
            }
            if tokens.len() > MAX_SYNONYM_WORDS {
                return Err(format!("synonym phrase {phrase:?} is longer than {MAX_SYNONYM_WORDS} words"));
            }
            Ok(tokens)
        };
        let pairs: Vec<(&String, &String)> = match synonym {
            Synonym::TwoWay(list) => {
                list.iter().flat_map(|a| list.iter().map(move |b| (a, b))).filter(|(a, b)| a != b).collect()
            }
            Synonym::OneWay { from, to } => from.iter().flat_map(|a| to.iter().map(move |b| (a, b))).collect(),
        };
        let mut rules = Vec::with_capacity(pairs.len());
        for (from, to) in pairs {
            let from: Vec<String> = analyse(from)?.into_iter().map(|t| t.term).collect();
            let to: Vec<(String, String)> = analyse(to)?.into_iter().map(|t| (t.term, t.word)).collect();
            if to.iter().map(|(term, _)| term).eq(from.iter()) {
                continue; // the same words after analysis: nothing to add
            }
            rules.push(Rule { from, to });
        }
        for rule in rules {
            if self.rules.contains(&rule) {
                continue;
            }
            self.by_first.entry(rule.from[0].clone()).or_default().push(self.rules.len());
            self.rules.push(rule);
        }
        Ok(())
    }

    /// Adds a stop word. Fails when `word` is not exactly one word.
    pub fn add_stop_word(&mut self, word: &str) -> Result<(), String> {
        let tokens = Analyzer::new().analyze(word);
        match tokens.as_slice() {
            [token] => {
                self.stop_words.insert(token.word.clone());
                Ok(())
            }
            [] => Err(format!("stop word {word:?} has no letters or digits")),
            _ => Err(format!("stop word {word:?} is more than one word; list each word on its own")),
        }
    }

    /// Whether the folded word form `word` (a [`Token::word`]) is a configured stop word.
    pub fn is_stop_word(&self, word: &str) -> bool {
        !self.stop_words.is_empty() && self.stop_words.contains(word)
    }

    /// Whether any synonym rule was added.
    pub fn has_synonyms(&self) -> bool {
        !self.rules.is_empty()
    }

    /// Calls `emit(term, word, position)` for every word a synonym adds to `tokens` (one field's
    /// tokens, in order), skipping added words that are configured stop words.
    pub fn for_each_synonym(&self, tokens: &[Token], mut emit: impl FnMut(&str, &str, u32)) {
        if self.rules.is_empty() {
            return;
        }
        for (i, token) in tokens.iter().enumerate() {
            let Some(candidates) = self.by_first.get(&token.term) else { continue };
            for &r in candidates {
                let rule = &self.rules[r];
                let Some(window) = tokens.get(i..i + rule.from.len()) else { continue };
                if !window.iter().map(|t| &t.term).eq(rule.from.iter()) {
                    continue;
                }
                for (k, (term, word)) in rule.to.iter().enumerate() {
                    if !self.is_stop_word(word) {
                        emit(term, word, token.position.saturating_add(k as u32));
                    }
                }
            }
        }
    }
}

#[cfg(feature = "corpus")]
pub(crate) use file::glob as file_glob;
#[cfg(feature = "corpus")]
pub use file::{Config, BUILTIN_EXCLUDE, CONFIG_FILE, DEFAULT_INCLUDE, MAX_CONFIG_BYTES};

/// Reading `folio.toml`.
#[cfg(feature = "corpus")]
mod file {
    use std::collections::BTreeMap;
    use std::ops::Range;
    use std::path::{Path, PathBuf};

    use serde::Deserialize;
    use toml::Spanned;

    use super::{Synonym, Vocabulary};
    use crate::corpus::encoding::encoding_for_label;
    use crate::corpus::html::Selector;
    use crate::corpus::MetadataMap;
    use crate::index::{Field, IndexWriter, Settings};
    use crate::{Error, Result};

    /// The name of the configuration file looked for in a site's directory.
    pub const CONFIG_FILE: &str = "folio.toml";

    /// The pages read when `[site] include` is not given.
    pub const DEFAULT_INCLUDE: &[&str] = &["**/*.html", "**/*.htm", "**/*.md", "**/*.markdown", "**/*.txt"];

    /// Files never read, whatever `include` says: files for robots and crawlers, the license
    /// comments a JS bundler writes beside a theme's script (`furo.js.LICENSE.txt`), and
    /// dependencies. (Hidden files and the bundle's own directory are never read either.)
    pub const BUILTIN_EXCLUDE: &[&str] = &[
        "**/robots.txt",
        "**/humans.txt",
        "**/ads.txt",
        "**/security.txt",
        "**/llms.txt",
        "**/*.LICENSE.txt",
        "**/node_modules/**",
    ];

    /// A validated configuration: what to read, how to read it, and how to index it.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Config {
        /// The file it was read from, if any.
        pub source: Option<PathBuf>,
        /// Glob patterns of the files to read, relative to the site (`*` stays within a folder,
        /// `**` crosses folders).
        pub include: Vec<String>,
        /// Glob patterns of files not to read, besides [`BUILTIN_EXCLUDE`]; a pattern naming a
        /// folder (`drafts`) also excludes everything in it.
        pub exclude: Vec<String>,
        /// Prefix of every result URL (`https://museum.example/`, `/course/`); empty keeps URLs
        /// relative to the site's root.
        pub base_url: String,
        /// Link `about/index.html` as `about/`.
        pub clean_urls: bool,
        /// Selectors of the element(s) holding a page's text, in order of preference.
        pub content: Vec<String>,
        /// Selectors of elements left out besides the built-in ones.
        pub ignore: Vec<String>,
        /// WHATWG label of the encoding of pages with no byte-order mark and no `<meta charset>`.
        pub encoding: Option<String>,
        /// Per-path encodings (glob pattern, label), before [`Config::encoding`]; first match wins.
        pub encodings: Vec<(String, String)>,
        /// Language code of pages that declare none (otherwise the script decides).
        pub default_language: Option<String>,
        /// Only pages in these languages are indexed; empty: all.
        pub languages: Vec<String>,
        /// BM25F parameters stored in the index.
        pub settings: Settings,
        /// Filter name → the `<meta>` names (or front-matter keys) it is read from.
        pub filters: BTreeMap<String, Vec<String>>,
        /// Words not indexed.
        pub stop_words: Vec<String>,
        /// Synonym rules (see the [module documentation](super)).
        pub synonyms: Vec<String>,
    }

    impl Default for Config {
        fn default() -> Self {
            Config {
                source: None,
                include: DEFAULT_INCLUDE.iter().map(|s| (*s).to_string()).collect(),
                exclude: Vec::new(),
                base_url: String::new(),
                clean_urls: false,
                content: crate::corpus::html::DEFAULT_CONTENT.iter().map(|s| (*s).to_string()).collect(),
                ignore: Vec::new(),
                encoding: None,
                encodings: Vec::new(),
                default_language: None,
                languages: Vec::new(),
                settings: Settings::default(),
                filters: MetadataMap::default().filters,
                stop_words: Vec::new(),
                synonyms: Vec::new(),
            }
        }
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Raw {
        site: Option<RawSite>,
        html: Option<RawHtml>,
        encoding: Option<RawEncoding>,
        languages: Option<RawLanguages>,
        fields: Option<RawFields>,
        ranking: Option<RawRanking>,
        filters: Option<BTreeMap<String, Spanned<OneOrMany>>>,
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
            Error::corpus(self.path, Some(self.line(span)), format!("{key}: {message}"))
        }
    }

    impl Config {
        /// The configuration for a site: the file `explicit` names (which must exist), else
        /// `folio.toml` in `site` (when `site` is a directory and the file exists), else the defaults.
        pub fn find(site: &Path, explicit: Option<&Path>) -> Result<Config> {
            if let Some(path) = explicit {
                return Config::load(path);
            }
            let candidate = site.join(CONFIG_FILE);
            // Anything by that name is the configuration, and must be readable as one: a folder or
            // a FIFO there is an error, not a reason to use the defaults.
            if site.is_dir() && std::fs::symlink_metadata(&candidate).is_ok() {
                return Config::load(&candidate);
            }
            Ok(Config::default())
        }

        /// Reads and validates a configuration file: a regular file of at most
        /// [`MAX_CONFIG_BYTES`] (so `/dev/zero` or a FIFO is an error, not a read that never ends).
        pub fn load(path: &Path) -> Result<Config> {
            let bytes = read_regular(path)
                .map_err(|m| Error::corpus(path, None, format!("cannot read the configuration: {m}")))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                Error::corpus(path, Some(line), "the configuration is not UTF-8 text")
            })?;
            Config::parse(&text, path)
        }

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
                let checked =
                    check_language(code.get_ref()).map_err(|m| at.error(code.span(), "languages.default", m))?;
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

            for (name, value) in raw.filters.unwrap_or_default() {
                let (keys, span) = list(value);
                let key = format!("filters.{name}");
                check_filter(&name, &keys).map_err(|m| at.error(span, &key, m))?;
                config.filters.insert(name.to_lowercase(), keys.iter().map(|k| k.trim().to_lowercase()).collect());
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

        /// Checks every value after command-line options changed some (the file's values were
        /// checked when it was read), naming the key at fault.
        pub fn check(&self) -> Result<()> {
            let fail = |key: &str, message: String| {
                Err(Error::corpus("command-line options", None, format!("{key}: {message}")))
            };
            let checks: [(&str, std::result::Result<(), String>); 7] = [
                ("site.base_url", check_base_url(&self.base_url)),
                ("site.include", check_all(&self.include, check_glob)),
                ("site.exclude", check_all(&self.exclude, check_glob)),
                ("html.content", check_all(&self.content, check_selector)),
                ("html.ignore", check_all(&self.ignore, check_selector)),
                ("encoding.default", self.encoding.as_deref().map_or(Ok(()), check_encoding)),
                ("ranking.k1", Settings::check_k1(self.settings.k1)),
            ];
            for (key, result) in checks {
                if let Err(message) = result {
                    return fail(key, message);
                }
            }
            if self.include.is_empty() {
                return fail("site.include", "is empty, so no page would be read".to_string());
            }
            for (pattern, label) in &self.encodings {
                if let Err(message) = check_glob(pattern).and_then(|()| check_encoding(label)) {
                    return fail(&format!("encoding.paths.{pattern:?}"), message);
                }
            }
            for code in self.default_language.iter().chain(&self.languages) {
                if let Err(message) = check_language(code) {
                    return fail("languages", message);
                }
            }
            for field in Field::ALL {
                let i = field as usize;
                if let Err(message) = Settings::check_weight(self.settings.weights[i])
                    .and_then(|()| Settings::check_b(self.settings.b[i]))
                {
                    return fail(&format!("fields.{}", field.name()), message);
                }
            }
            for (name, keys) in &self.filters {
                if let Err(message) = check_filter(name, keys) {
                    return fail(&format!("filters.{name}"), message);
                }
            }
            if let Err(message) = self.vocabulary() {
                return fail("words", message);
            }
            Ok(())
        }

        /// The synonyms and stop words, analysed.
        pub fn vocabulary(&self) -> std::result::Result<Vocabulary, String> {
            let mut vocabulary = Vocabulary::new();
            for word in &self.stop_words {
                vocabulary.add_stop_word(word)?;
            }
            for rule in &self.synonyms {
                vocabulary.add_synonym(&Synonym::parse(rule)?)?;
            }
            Ok(vocabulary)
        }

        /// An index writer with this configuration's ranking settings and vocabulary.
        pub fn index_writer(&self) -> Result<IndexWriter> {
            let vocabulary = self.vocabulary().map_err(|m| {
                let path = self.source.clone().unwrap_or_else(|| PathBuf::from("(command line)"));
                Error::corpus(path, None, format!("words: {m}"))
            })?;
            Ok(IndexWriter::with_settings(self.settings.clone()).with_vocabulary(vocabulary))
        }

        /// Adds a synonym rule given on the command line, checking it.
        pub fn add_synonym(&mut self, rule: &str) -> std::result::Result<(), String> {
            Vocabulary::new().add_synonym(&Synonym::parse(rule)?)?;
            self.synonyms.push(rule.to_string());
            Ok(())
        }
    }

    /// The largest configuration file read (1 MiB; the full example above is 1.5 KB).
    pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

    /// The bytes of the regular file at `path`, or why it cannot be read as a configuration.
    fn read_regular(path: &Path) -> std::result::Result<Vec<u8>, String> {
        use std::io::Read;
        let metadata = std::fs::metadata(path).map_err(|e| e.to_string())?;
        if !metadata.is_file() {
            return Err(format!("not a regular file (a {})", crate::corpus::file_kind(metadata.file_type())));
        }
        let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(format!("larger than {} KiB; is it the configuration?", MAX_CONFIG_BYTES >> 10));
        }
        Ok(bytes)
    }

    /// A `base_url`: empty, a path (`/museum/`, `docs/`), or an `http(s)` address. Any other
    /// scheme (`javascript:`, `data:`, `file:`) would make every result link run or open
    /// something else, and control characters or spaces at either end let a browser read a
    /// scheme in what looks like a path (` javascript:`, `java\tscript:`).
    fn check_base_url(url: &str) -> std::result::Result<(), String> {
        if let Some(c) = url.chars().find(|c| c.is_control()) {
            return Err(format!("{url:?} holds the control character {c:?}; write a path or an http(s) address"));
        }
        if url.trim() != url {
            return Err(format!("{url:?} starts or ends with a space; remove it"));
        }
        // A scheme is letters, digits, `+`, `-` and `.` before the first `:`, starting with a letter,
        // with no `/`, `?` or `#` before it (RFC 3986, section 3.1).
        let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
            s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        });
        match scheme.map(str::to_ascii_lowercase).as_deref() {
            None | Some("http" | "https") => Ok(()),
            Some(other) => Err(format!(
                "{url:?} is a {other}: address; result links must be a path (/museum/) or an http(s) address"
            )),
        }
    }

    fn check_all(
        values: &[String],
        check: fn(&str) -> std::result::Result<(), String>,
    ) -> std::result::Result<(), String> {
        values.iter().try_for_each(|v| check(v))
    }

    pub(crate) fn glob(pattern: &str) -> std::result::Result<globset::Glob, String> {
        globset::GlobBuilder::new(pattern.trim_start_matches("./"))
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("invalid glob pattern {pattern:?}: {}", e.kind()))
    }

    fn check_glob(pattern: &str) -> std::result::Result<(), String> {
        if pattern.trim().is_empty() {
            return Err("an empty pattern matches nothing".to_string());
        }
        glob(pattern).map(|_| ())
    }

    fn check_selector(selector: &str) -> std::result::Result<(), String> {
        Selector::parse(selector).map(|_| ())
    }

    fn check_encoding(label: &str) -> std::result::Result<(), String> {
        match encoding_for_label(label) {
            Some(_) => Ok(()),
            None => Err(format!(
                "unknown encoding {label:?}; use a label browsers know, such as utf-8, windows-1251 (cp1251) or koi8-r"
            )),
        }
    }

    /// A language code, or `None` for `""` (let the script decide).
    fn check_language(code: &str) -> std::result::Result<Option<String>, String> {
        if code.trim().is_empty() {
            return Ok(None);
        }
        let parsed = crate::corpus::meta::language_code(code);
        match parsed {
            Some(c) if (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_lowercase()) => Ok(Some(c)),
            _ => Err(format!("{code:?} is not a language code; write a BCP 47 code such as en, ru or de")),
        }
    }

    fn check_stemming(on: bool) -> std::result::Result<(), String> {
        if on {
            return Ok(());
        }
        Err("stemming cannot be turned off yet: the search module stems English and Russian query words the \
             same way, so an unstemmed index would not match them; remove the key"
            .to_string())
    }

    fn check_filter(name: &str, keys: &[String]) -> std::result::Result<(), String> {
        if name.trim().is_empty() || name.chars().any(|c| c.is_whitespace() || c == ':') {
            return Err(format!("filter name {name:?} must be one word without `:`"));
        }
        if keys.iter().any(|k| k.trim().is_empty()) {
            return Err("lists an empty metadata name".to_string());
        }
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn parse(text: &str) -> Result<Config> {
            Config::parse(text, Path::new("site/folio.toml"))
        }

        fn error(text: &str) -> String {
            parse(text).map(|_| ()).map_err(|e| e.to_string()).err().unwrap_or_default()
        }

        const FULL: &str = r##"
[site]
include = ["**/*.html", "notes/*.md"]
exclude = "drafts"
base_url = "/museum/"
clean_urls = true

[html]
content = ["#content", "main"]
ignore = [".share", "aside"]

[encoding]
default = "cp1251"
paths = { "koi/**" = "koi8-r" }

[languages]
default = "ru"
only = ["ru", "en"]
stemming = true

[fields.title]
weight = 3
b = 0.4

[ranking]
k1 = 1.2

[filters]
type = ["dc.type"]
author = "author"

[words]
stop_words = ["fig"]
synonyms = ["DPRK, North Korea", "KWP => Korean Workers' Party"]
"##;

        #[test]
        fn a_full_file_is_read() -> Result<()> {
            let c = parse(FULL)?;
            assert_eq!(c.include, ["**/*.html", "notes/*.md"]);
            assert_eq!(c.exclude, ["drafts"]);
            assert_eq!((c.base_url.as_str(), c.clean_urls), ("/museum/", true));
            assert_eq!(c.content, ["#content", "main"]);
            assert_eq!(c.encoding.as_deref(), Some("cp1251"));
            assert_eq!(c.encodings, [("koi/**".to_string(), "koi8-r".to_string())]);
            assert_eq!(
                (c.default_language.as_deref(), c.languages.as_slice()),
                (Some("ru"), &["ru".to_string(), "en".to_string()][..])
            );
            assert_eq!((c.settings.weights[0], c.settings.b[0], c.settings.k1), (3.0, 0.4, 1.2));
            assert_eq!(c.settings.weights[2], Settings::default().weights[2], "unset values keep their defaults");
            assert_eq!(c.filters.get("type"), Some(&vec!["dc.type".to_string()]));
            assert_eq!(c.filters.get("author"), Some(&vec!["author".to_string()]));
            assert!(c.filters.contains_key("date"), "filters not named keep their defaults");
            assert_eq!(c.vocabulary().map(|v| v.rule_count()), Ok(3));
            c.check()?;
            assert_eq!(parse("")?, Config { source: Some(PathBuf::from("site/folio.toml")), ..Config::default() });
            Ok(())
        }

        #[test]
        fn unknown_keys_and_bad_values_name_the_key_and_line() {
            let cases: &[(&str, &str, &str)] = &[
                ("[site]\ninclude = [\"*.html\"]\nexlude = [\"x\"]\n", "folio.toml:3:", "unknown key `exlude`"),
                ("[fields.author]\nweight = 1\n", "folio.toml:1:", "unknown key `author`"),
                ("[sites]\n", "folio.toml:1:", "unknown key `sites`"),
                ("[fields.body]\nweight = -1\n", "folio.toml:2:", "fields.body.weight: weight -1"),
                ("[fields.body]\nb = 1.5\n", "folio.toml:2:", "fields.body.b"),
                ("[ranking]\nk1 = \"high\"\n", "folio.toml:2:", "expected a number (in `k1 = \"high\"`)"),
                ("\n\n[encoding]\ndefault = \"win-1251\"\n", "folio.toml:4:", "unknown encoding \"win-1251\""),
                ("[site]\nexclude = [\"a/[b\"]\n", "folio.toml:2:", "site.exclude: invalid glob pattern"),
                ("[html]\nignore = [\"div > p\"]\n", "folio.toml:2:", "html.ignore: selector"),
                ("[languages]\nstemming = false\n", "folio.toml:2:", "stemming cannot be turned off"),
                ("[languages]\ndefault = \"Klingon language\"\n", "folio.toml:2:", "not a language code"),
                (
                    "[words]\nsynonyms = [\n  \"DPRK, North Korea\",\n  \"KWP\",\n]\n",
                    "folio.toml:4:",
                    "names only one phrase",
                ),
                ("[words]\nstop_words = [\"of the\"]\n", "folio.toml:2:", "more than one word"),
                ("[site]\ninclude = []\n", "folio.toml:2:", "no page would be read"),
                ("[site\n", "folio.toml:1:", ""),
            ];
            for (text, place, message) in cases {
                let err = error(text);
                assert!(err.starts_with(&format!("site/{place}")), "{text:?} gave {err}");
                assert!(err.contains(message), "{text:?} gave {err}");
            }
        }

        #[test]
        fn base_url_is_a_web_address_or_a_path() {
            for good in
                ["", "/museum/", "museum", "../up/", "https://museum.example/", "HTTP://x.org", "//cdn.example/"]
            {
                let text = format!("[site]\nbase_url = {good:?}\n");
                assert!(parse(&text).is_ok_and(|c| c.base_url == good), "{good:?}: {}", error(&text));
            }
            for bad in [
                "javascript:alert(1)//",
                "JavaScript:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "vbscript:x",
                "file:///etc/",
                "mailto:a@b.c",
                " javascript:alert(1)",
                "java\tscript:alert(1)",
                "/museum/\n",
            ] {
                let text = format!("[site]\n\nbase_url = {bad:?}\n");
                let err = error(&text);
                assert!(err.starts_with("site/folio.toml:3: site.base_url: "), "{bad:?} gave {err:?}");
            }
            let c = Config { base_url: "javascript:alert(1)".into(), ..Config::default() };
            assert!(c.check().is_err_and(|e| e.to_string().contains("site.base_url")));
        }

        #[test]
        fn command_line_values_are_checked_too() {
            let mut c = Config::default();
            assert!(c.add_synonym("a => b").is_ok());
            assert!(c.add_synonym("a").is_err());
            c.exclude.push("[".into());
            assert!(c.check().is_err_and(|e| e.to_string().contains("site.exclude")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(vocabulary: &Vocabulary, text: &str) -> Vec<(String, u32)> {
        let tokens = Analyzer::new().analyze(text);
        let mut out = Vec::new();
        vocabulary.for_each_synonym(&tokens, |term, _, position| out.push((term.to_string(), position)));
        out
    }

    fn vocabulary(rules: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::new();
        for rule in rules {
            let parsed = Synonym::parse(rule).unwrap_or_else(|e| panic!("{e}"));
            v.add_synonym(&parsed).unwrap_or_else(|e| panic!("{e}"));
        }
        v
    }

    #[test]
    fn rules_parse_into_two_way_and_one_way() {
        assert_eq!(
            Synonym::parse("DPRK, North  Korea"),
            Ok(Synonym::TwoWay(vec!["DPRK".into(), "North Korea".into()]))
        );
        assert_eq!(Synonym::parse("a = b = c").map(|s| matches!(s, Synonym::TwoWay(l) if l.len() == 3)), Ok(true));
        assert_eq!(
            Synonym::parse("KWP, WPK => Korean Workers' Party"),
            Ok(Synonym::OneWay { from: vec!["KWP".into(), "WPK".into()], to: vec!["Korean Workers' Party".into()] })
        );
        for bad in ["DPRK", "a => b => c", "a, , b", " => b"] {
            assert!(Synonym::parse(bad).is_err(), "{bad}");
        }
        let mut v = Vocabulary::new();
        assert!(v.add_synonym(&Synonym::TwoWay(vec!["—".into(), "x".into()])).is_err_and(|e| e.contains("no words")));
    }

    #[test]
    fn one_way_adds_the_right_side_where_the_left_side_is() {
        let v = vocabulary(&["KWP => Korean Workers' Party"]);
        assert_eq!(added(&v, "the KWP plenum"), [("korean".into(), 1), ("worker".into(), 2), ("parti".into(), 3)]);
        assert!(added(&v, "the Korean Workers' Party").is_empty(), "one-way: nothing added the other way");
    }

    #[test]
    fn two_way_adds_both_directions_and_multi_word_sides_match_whole() {
        let v = vocabulary(&["DPRK, North Korea"]);
        assert_eq!(added(&v, "DPRK"), [("north".into(), 0), ("korea".into(), 1)]);
        assert_eq!(added(&v, "from North Korea today"), [("dprk".into(), 1)]);
        assert!(added(&v, "North Dakota and South Korea").is_empty());
        assert_eq!(v.rule_count(), 2);
    }

    #[test]
    fn stop_words_are_single_folded_words() {
        let mut v = Vocabulary::new();
        assert!(v.add_stop_word("Museum").is_ok());
        assert!(v.is_stop_word("museum") && !v.is_stop_word("museums"));
        assert!(v.add_stop_word("of the").is_err_and(|e| e.contains("more than one word")));
        assert!(v.add_stop_word("…").is_err());
    }
}
