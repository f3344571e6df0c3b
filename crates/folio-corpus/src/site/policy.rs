//! Page policy: which files are pages and in what format, the configuration compiled for
//! matching, a page's id and URL, which `.txt` files are source copies of HTML pages, and the
//! values a document may carry (language tags, dates, text without control characters).

use std::collections::HashSet;
use std::path::PathBuf;

use encoding_rs::Encoding;
use globset::{GlobSet, GlobSetBuilder};

use super::super::date::parse_date;
use super::super::html::{PageOptions, Selector};
use super::super::ids::Ids;
use super::super::metadata::{detect_lang, MetadataMap};
use super::super::Document;
use super::report::SkipReason;
use crate::config::{checked_encoding, file_glob, Config, BUILTIN_EXCLUDE};
use folio_core::{Error, Result};

/// The kinds of page file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Html,
    Markdown,
    Text,
    Jsonl,
}

impl Format {
    /// The format of a file from its name, or `None` when it is not a page.
    pub(super) fn of(name: &str) -> Option<Format> {
        let name = name.to_lowercase();
        if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
            return Some(Format::Jsonl);
        }
        match name.rsplit_once('.').map(|(_, ext)| ext) {
            Some("html" | "htm" | "xhtml") => Some(Format::Html),
            Some("md" | "markdown") => Some(Format::Markdown),
            Some("txt") => Some(Format::Text),
            _ => None,
        }
    }

    /// The name of the format in the report.
    pub(super) fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Markdown => "Markdown",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
        }
    }
}

/// The configuration, compiled for matching.
pub(super) struct Compiled {
    pub(super) builtin: GlobSet,
    pub(super) exclude: GlobSet,
    /// For each glob of `exclude`, the pattern it came from.
    pub(super) exclude_patterns: Vec<String>,
    pub(super) include: GlobSet,
    pub(super) encodings: Vec<(globset::GlobMatcher, &'static Encoding)>,
    pub(super) default_encoding: Option<&'static Encoding>,
    pub(super) page: PageOptions,
    /// The site is a Docsify app: its `index.html` renders the Markdown files beside it, each at
    /// the address `#/path` (set by [`super::read_site`] from the root `index.html`).
    pub(super) docsify: bool,
}

/// What marks a root `index.html` as a Docsify app: its configuration object.
pub(super) const DOCSIFY_MARK: &str = "window.$docsify";

impl Compiled {
    /// Why a file or folder at `relative` (`/`-separated, from the site's root) is left out by
    /// its path alone, if it is: a hidden segment, a built-in exclude, an `exclude` pattern.
    pub(super) fn left_out(&self, relative: &str, folder: bool) -> Option<String> {
        if relative.split('/').any(|segment| segment.starts_with('.')) {
            return Some("hidden".to_string());
        }
        let probe = if folder { format!("{relative}/x") } else { relative.to_string() };
        if self.builtin.is_match(&probe) {
            return Some("built-in excludes".to_string());
        }
        self.exclude.matches(&probe).first().map(|&first| format!("excluded by {:?}", self.exclude_patterns[first]))
    }
}

/// Compiles `config`'s patterns, encodings and selectors, by the configuration's own rules
/// (`config::check`); errors name the key.
pub(super) fn compile(config: &Config) -> Result<Compiled> {
    let fail = |key: &str, message: String| Error::config(config.source.as_deref(), None, format!("{key}: {message}"));
    let set = |key: &str, patterns: &mut dyn Iterator<Item = String>| -> Result<GlobSet> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            builder.add(file_glob(&pattern).map_err(|m| fail(key, m))?);
        }
        builder.build().map_err(|e| fail(key, e.to_string()))
    };
    let builtin = set("built-in exclude", &mut BUILTIN_EXCLUDE.iter().map(|p| (*p).to_string()))?;
    let mut exclude_patterns = Vec::new();
    for pattern in &config.exclude {
        let trimmed = pattern.trim_end_matches('/');
        exclude_patterns.push((trimmed.to_string(), pattern.clone()));
        if !trimmed.ends_with("/**") {
            exclude_patterns.push((format!("{trimmed}/**"), pattern.clone()));
        }
    }
    let exclude = set("site.exclude", &mut exclude_patterns.iter().map(|(glob, _)| glob.clone()))?;
    let include = set("site.include", &mut config.include.iter().cloned())?;
    let mut encodings = Vec::new();
    for (pattern, label) in &config.encodings {
        let key = format!("encoding.paths.{pattern:?}");
        let matcher = file_glob(pattern).map_err(|m| fail(&key, m))?.compile_matcher();
        encodings.push((matcher, checked_encoding(label).map_err(|m| fail(&key, m))?));
    }
    let default_encoding = match &config.encoding {
        Some(label) => Some(checked_encoding(label).map_err(|m| fail("encoding.default", m))?),
        None => None,
    };
    let selectors = |key: &str, list: &[String]| -> Result<Vec<Selector>> {
        list.iter().map(|s| Selector::parse(s).map_err(|m| fail(key, m))).collect()
    };
    let mut page =
        PageOptions::new(selectors("html.content", &config.content)?, selectors("html.ignore", &config.ignore)?);
    page.metadata = MetadataMap { filters: config.filters.clone() };
    page.default_lang = config.default_language.clone();
    Ok(Compiled {
        builtin,
        exclude,
        exclude_patterns: exclude_patterns.into_iter().map(|(_, p)| p).collect(),
        include,
        encodings,
        default_encoding,
        page,
        docsify: false,
    })
}

/// The address Docsify shows a Markdown file at: `#/guide/setup` for `guide/setup.md`, `#/guide/`
/// for `guide/README.md`, `#/` for the root's, after the base URL (else relative to the site's root).
fn docsify_url(mut segments: Vec<Vec<u8>>, config: &Config) -> String {
    if let Some(last) = segments.last_mut() {
        if last.eq_ignore_ascii_case(b"README.md") {
            last.clear();
        } else if let Some(dot) = last.iter().rposition(|&b| b == b'.') {
            last.truncate(dot);
        }
    }
    let path: Vec<String> = segments.iter().map(|s| percent_encode(s)).collect();
    with_base(config, &format!("#/{}", path.join("/")))
}

/// `rest` after the base URL, with a `/` between them when the base does not end in one.
fn with_base(config: &Config, rest: &str) -> String {
    let base = config.base_url.as_str();
    let between = if base.is_empty() || base.ends_with('/') { "" } else { "/" };
    format!("{base}{between}{rest}")
}

/// The id of a page: its path without extension, or with it when another file took that id.
pub(super) fn page_id(relative: &str, ids: &Ids) -> String {
    let stem = match relative.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() && !stem.ends_with('/') => stem,
        _ => relative,
    };
    let stem = stem.strip_suffix(".jsonl").unwrap_or(stem);
    if ids.contains(stem) {
        relative.to_string()
    } else {
        stem.to_string()
    }
}

/// The URL a page is served at, from the raw bytes of its path's segments: `base_url` + each
/// segment percent-encoded, joined by `/`. Markdown pages link to the `.html` page built from
/// them; with `clean_urls`, `x/index.html` is linked as `x/`.
pub(super) fn page_url(segments: &[Vec<u8>], format: Format, config: &Config, docsify: bool) -> String {
    let mut segments = segments.to_vec();
    if format == Format::Markdown && docsify {
        return docsify_url(segments, config);
    }
    if format == Format::Markdown {
        if let Some(last) = segments.last_mut() {
            if let Some(dot) = last.iter().rposition(|&b| b == b'.') {
                last.truncate(dot);
                last.extend_from_slice(b".html");
            }
        }
    }
    let mut folder = false;
    if config.clean_urls && segments.last().is_some_and(|last| last == b"index.html") {
        segments.pop();
        folder = !segments.is_empty();
    }
    let mut path: Vec<String> = segments.iter().map(|s| percent_encode(s)).collect();
    if folder {
        path.push(String::new());
    }
    let url = with_base(config, &path.join("/"));
    if url.is_empty() {
        "./".to_string()
    } else {
        url
    }
}

/// Percent-encodes one path segment: every byte but the unreserved characters and the
/// sub-delimiters a path may hold as they are (RFC 3986), so `:` (which would start a scheme),
/// `/`, `?`, `#`, `%`, `\`, spaces, quotes, non-ASCII and bytes that are not UTF-8 are escaped.
pub(super) fn percent_encode(segment: &[u8]) -> String {
    let mut out = String::with_capacity(segment.len());
    for &b in segment {
        if b.is_ascii_alphanumeric() || b"-._~!$&()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The extensions of page sources that generators copy next to their pages as `<name>.<ext>.txt`.
const SOURCE_EXTENSIONS: &[&str] = &["rst", "rest", "md", "markdown", "ipynb", "txt", "adoc", "org"];

/// Whether the file at `relative` is the source copy of an HTML page of the site (one of
/// `html`): a `.txt` file in a `_sources/` folder (Sphinx) or named like a page (`page.txt`,
/// `page.rst.txt` beside `page.html`), or a Markdown file in a `_sources/` folder that copies a
/// page (Jupyter Book: `_sources/intro.md` beside `intro.html`). Says which page, when there is one.
pub(super) fn source_copy(relative: &str, html: &HashSet<String>) -> Option<SkipReason> {
    let lower = relative.to_lowercase();
    let in_sources = relative.split('/').rev().skip(1).any(|s| s == "_sources");
    if !lower.ends_with(".txt") {
        let (base, ext) = relative.rsplit_once('.')?;
        let base = base.split('/').filter(|s| *s != "_sources").collect::<Vec<_>>().join("/");
        let page = format!("{base}.html");
        let copies = in_sources && SOURCE_EXTENSIONS.contains(&ext.to_lowercase().as_str());
        return (copies && html.contains(&page)).then(|| SkipReason::SourceCopy(Some(PathBuf::from(page))));
    }
    let stem = &relative[..relative.len() - 4];
    let segments: Vec<&str> = stem.split('/').collect();
    let sources = in_sources.then(|| segments[..segments.len() - 1].iter().position(|s| *s == "_sources")).flatten();
    let stem = match sources {
        Some(at) => [&segments[..at], &segments[at + 1..]].concat().join("/"),
        None => stem.to_string(),
    };
    let mut bases = vec![stem.clone()];
    if let Some((base, ext)) = stem.rsplit_once('.') {
        let ext = ext.to_lowercase();
        if SOURCE_EXTENSIONS.contains(&ext.as_str()) && !base.is_empty() && !base.ends_with('/') {
            bases.push(base.to_string());
        }
        if matches!(ext.as_str(), "html" | "htm") && html.contains(&stem) {
            return Some(SkipReason::SourceCopy(Some(PathBuf::from(stem))));
        }
    }
    for base in bases.iter().rev() {
        for page in [format!("{base}.html"), format!("{base}.htm"), format!("{base}/index.html")] {
            if html.contains(&page) {
                return Some(SkipReason::SourceCopy(Some(PathBuf::from(page))));
            }
        }
    }
    sources.map(|_| SkipReason::SourceCopy(None))
}

/// Whether `code` has the shape of a BCP 47 language tag (`en`, `pt-br`, `zh-hant-tw`,
/// `x-klingon`): letters and digits in subtags of one to eight, the first all letters.
pub(super) fn is_language_tag(code: &str) -> bool {
    let mut subtags = code.split('-');
    let first = subtags.next().unwrap_or("");
    let first_ok = match first.len() {
        1 => matches!(first, "x" | "i"),
        2 | 3 | 5..=8 => true,
        _ => false,
    } && first.bytes().all(|b| b.is_ascii_alphabetic());
    first_ok && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Checks what a reader put in `doc` before it is indexed, and says what was dropped: a `lang`
/// that is not a language tag is replaced by the language of the text (as for a page that
/// declares none), a date that is not a real day is dropped, and control characters (NUL and
/// the like, which are not text) become spaces, byte for byte, so section offsets still hold.
pub(super) fn check_values(doc: &mut Document, default_lang: Option<&str>) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(lang) = doc.lang.clone().filter(|l| !is_language_tag(l)) {
        notes
            .push(format!("lang {lang:?} is not a language tag (write a BCP 47 tag such as en, ru or pt-BR); ignored"));
        doc.lang =
            default_lang.map(str::to_string).or_else(|| detect_lang(&doc.body)).or_else(|| detect_lang(&doc.title));
    }
    if let Some(date) = doc.date.clone().filter(|d| parse_date(d).as_deref() != Some(d.as_str())) {
        notes.push(format!("date {date:?} is not a date (write it as YYYY-MM-DD); ignored"));
        doc.date = None;
    }
    for text in [&mut doc.title, &mut doc.summary, &mut doc.citation, &mut doc.body] {
        blank_controls(text);
    }
    for section in &mut doc.sections {
        blank_controls(&mut section.title);
    }
    for value in doc.meta.values_mut().chain(doc.filters.values_mut().flatten()) {
        blank_controls(value);
    }
    notes
}

/// Replaces the one-byte control characters but tab, line feed and carriage return (NUL, bell,
/// escape, DEL…) with spaces, keeping every byte offset.
fn blank_controls(text: &mut String) {
    let control = |c: char| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r');
    if text.contains(control) {
        *text = text.replace(control, " ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str, format: Format, config: &Config) -> String {
        let segments: Vec<Vec<u8>> = path.split('/').map(|s| s.as_bytes().to_vec()).collect();
        page_url(&segments, format, config, false)
    }

    #[test]
    fn urls_come_from_paths() {
        let c = Config::default();
        assert_eq!(url("a/b c#1.html", Format::Html, &c), "a/b%20c%231.html");
        assert_eq!(url("notes/vase.md", Format::Markdown, &c), "notes/vase.html");
        assert_eq!(url("письма/1.html", Format::Html, &c), "%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%B0/1.html");
        assert_eq!(url("Talk:Main_Page.html", Format::Html, &c), "Talk%3AMain_Page.html");
        assert_eq!(page_url(&[b"caf\xe9.html".to_vec()], Format::Html, &c, false), "caf%E9.html");
        let clean = Config { clean_urls: true, base_url: "/museum".into(), ..Config::default() };
        assert_eq!(url("about/index.html", Format::Html, &clean), "/museum/about/");
        assert_eq!(url("index.html", Format::Html, &clean), "/museum/");
        assert_eq!(url("index.html", Format::Html, &Config { clean_urls: true, ..Config::default() }), "./");
    }

    #[test]
    fn a_docsify_sites_markdown_is_at_its_hash_route() {
        let docsify = |path: &str, c: &Config| {
            let segments: Vec<Vec<u8>> = path.split('/').map(|s| s.as_bytes().to_vec()).collect();
            page_url(&segments, Format::Markdown, c, true)
        };
        let c = Config::default();
        assert_eq!(docsify("README.md", &c), "#/");
        assert_eq!(docsify("coral.md", &c), "#/coral");
        assert_eq!(docsify("guide/README.md", &c), "#/guide/");
        assert_eq!(docsify("guide/deep sea.md", &c), "#/guide/deep%20sea");
        let based = Config { base_url: "https://notes.example/bio".into(), ..Config::default() };
        assert_eq!(docsify("coral.md", &based), "https://notes.example/bio/#/coral");
    }

    #[test]
    fn formats_and_ids() {
        assert_eq!(Format::of("A.HTML"), Some(Format::Html));
        assert_eq!(Format::of("x.jsonl.gz"), Some(Format::Jsonl));
        assert_eq!(Format::of("style.css"), None);
        let mut ids = Ids::default();
        assert_eq!(page_id("notes/vase.html", &ids), "notes/vase");
        assert!(ids.claim("notes/vase", std::path::Path::new("notes/vase.html"), None).is_ok());
        assert_eq!(page_id("notes/vase.htm", &ids), "notes/vase.htm");
        assert_eq!(page_id("data.jsonl.gz", &ids), "data");
    }

    #[test]
    fn source_copies_are_found_by_the_page_they_copy() {
        let html: HashSet<String> =
            ["index.html", "guide/install.html", "api/index.html", "doc/_sources/x.html"].map(String::from).into();
        let copy = |p: &str| source_copy(p, &html).map(|r| r.to_string());
        assert_eq!(copy("_sources/index.rst.txt").as_deref(), Some("source copy of index.html"));
        assert_eq!(copy("_sources/guide/install.ipynb.txt").as_deref(), Some("source copy of guide/install.html"));
        assert_eq!(copy("_sources/api.rst.txt").as_deref(), Some("source copy of api/index.html"));
        assert_eq!(copy("_sources/gone.rst.txt").as_deref(), Some("source copy (in a _sources folder)"));
        assert_eq!(copy("index.txt").as_deref(), Some("source copy of index.html"));
        assert_eq!(copy("index.html.txt").as_deref(), Some("source copy of index.html"));
        assert_eq!(copy("guide/install.v2.txt"), None, "not a source extension");
        assert_eq!(copy("notes.txt"), None);
        assert_eq!(copy("_sources.txt"), None, "a file named _sources is not the folder");
        assert_eq!(copy("_sources/index.md").as_deref(), Some("source copy of index.html"), "Jupyter Book");
        assert_eq!(copy("_sources/guide/install.md").as_deref(), Some("source copy of guide/install.html"));
        assert_eq!(copy("_sources/notes.md"), None, "no page it copies");
        assert_eq!(copy("index.md"), None, "not in a _sources folder");
    }

    #[test]
    fn language_tags_have_their_shape() {
        for good in ["en", "ru", "pt-br", "zh-hant-tw", "x-klingon", "i-navajo", "tlh", "de-1996"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "klingon language", "<script>", "e", "en_us", "english-", "toolongtag", "12", "ru-", "en--us"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn values_are_checked_before_indexing() {
        let mut doc = Document::new("d", "T\0itle", "Текст\u{7}с\0нулями");
        doc.lang = Some("<b>".into());
        doc.date = Some("2023-02-31".into());
        let notes = check_values(&mut doc, None);
        assert_eq!(doc.lang.as_deref(), Some("ru"));
        assert_eq!(doc.date, None);
        assert_eq!((doc.title.as_str(), doc.body.as_str()), ("T itle", "Текст с нулями"));
        assert_eq!(notes.len(), 2, "{notes:?}");
        let mut fine = Document::new("e", "Title", "Body");
        fine.lang = Some("en".into());
        fine.date = Some("1956-02-29".into());
        assert!(check_values(&mut fine, None).is_empty());
    }
}
