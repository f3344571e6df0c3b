//! The configuration of an index build: `folio.toml`, read by `folio index` and `build.rs` alike.
//! (Reached as `folio_core::config`.)
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
//! collection = { label = "Collection", from = ["dc.subject"] }   # the site's own, labelled
//! date = ["date", "dc.date", "dcterms.date", "dcterms.created", "article:published_time", "time[datetime]"]
//! lang = ["dc.language", "dcterms.language", "content-language"]
//!
//! [words]
//! stop_words = []
//! synonyms = ["DPRK, North Korea", "KWP => Korean Workers' Party"]
//! ```
//!
//! What `[words]` does is the index-time vocabulary's to say: see
//! [`analysis::vocabulary`](folio_core::analysis::vocabulary). The file is parsed in `parse` (errors
//! name the file, line and key); every value is checked by the one set of rules in `check`, which
//! the site reader's compile step uses too.

mod check;
mod parse;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(crate) use check::{encoding as checked_encoding, glob as file_glob};

use crate::MetadataMap;
use folio_core::analysis::vocabulary::{Synonym, Vocabulary};
use folio_core::index::{IndexWriter, Settings};
use folio_core::{Error, Result};

/// The name of the configuration file looked for in a site's directory.
pub const CONFIG_FILE: &str = "folio.toml";

/// The pages read when `[site] include` is not given.
pub const DEFAULT_INCLUDE: &[&str] = &["**/*.html", "**/*.htm", "**/*.md", "**/*.markdown", "**/*.txt"];

/// Files never read, whatever `include` says: files for robots and crawlers, license texts that
/// come with a theme's files (the comments a JS bundler writes beside its script,
/// `furo.js.LICENSE.txt`; a font's `Yanone_Kaffeesatz_LICENSE.txt` or `OFL.txt` in Pelican's
/// default theme), and dependencies. (Hidden files and the bundle's own directory are never read
/// either.)
pub const BUILTIN_EXCLUDE: &[&str] = &[
    "**/robots.txt",
    "**/humans.txt",
    "**/ads.txt",
    "**/security.txt",
    "**/llms.txt",
    "**/*LICENSE.txt",
    "**/*LICENCE.txt",
    "**/OFL.txt",
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
    /// The site's own filters the file names, in its order, with the label the search UI shows
    /// (`collection = { label = "Collection" }`): the index lists them first, in this order.
    pub facets: Vec<(String, Option<String>)>,
    /// Words not indexed.
    pub stop_words: Vec<String>,
    /// Synonym rules (see [`folio_core::analysis::vocabulary`]).
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
            content: crate::html::DEFAULT_CONTENT.iter().map(|s| (*s).to_string()).collect(),
            ignore: Vec::new(),
            encoding: None,
            encodings: Vec::new(),
            default_language: None,
            languages: Vec::new(),
            settings: Settings::default(),
            filters: MetadataMap::default().filters,
            facets: Vec::new(),
            stop_words: Vec::new(),
            synonyms: Vec::new(),
        }
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
            .map_err(|m| Error::config(Some(path), None, format!("cannot read the configuration: {m}")))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Error::config(Some(path), Some(line), "the configuration is not UTF-8 text")
        })?;
        Config::parse(&text, path)
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
        let vocabulary =
            self.vocabulary().map_err(|m| Error::config(self.source.as_deref(), None, format!("words: {m}")))?;
        Ok(IndexWriter::with_settings(self.settings.clone())
            .with_vocabulary(vocabulary)
            .with_facets(self.facets.clone()))
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
        return Err(format!("not a regular file (a {})", crate::file_kind(metadata.file_type())));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!("larger than {} KiB; is it the configuration?", MAX_CONFIG_BYTES >> 10));
    }
    Ok(bytes)
}
