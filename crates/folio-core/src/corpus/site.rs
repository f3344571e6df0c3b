//! Reading a whole static site, as `folio index <site dir>` and `build.rs` do.
//!
//! The site's files are walked in path order. Hidden files and folders, symbolic links to
//! folders, the bundle's own folder and [`BUILTIN_EXCLUDE`] are never read; the rest is read when
//! it matches `[site] include` and no `exclude` pattern. Pages are HTML (`.html`, `.htm`),
//! Markdown (`.md`, `.markdown`), plain text or archive pages (`.txt`) and, when included,
//! `.jsonl` / `.jsonl.gz` files of documents.
//!
//! - Encoding: byte-order mark, `<meta charset>`, `[encoding]`, UTF-8 (see `encoding`). A page
//!   with undecodable bytes is skipped, with its byte offset.
//! - URL: the file's path from the site's root (`notes/vase.html`, spaces and such
//!   percent-encoded), prefixed with `base_url`; `clean_urls` links `x/index.html` as `x/`.
//!   Markdown pages link to the `.html` page built from them unless their front matter gives a
//!   `url` or `permalink`; text files keep the URL they contain, if any.
//! - Id: the path without extension (`notes/vase`), as the corpus reader gives it; if two files
//!   differ only by extension, the second keeps its extension (`notes/vase.htm`).
//! - Not indexed, and reported: pages that ask not to be (robots `noindex`, `data-folio-ignore`
//!   on `<body>`, front matter `draft: true`), pages outside `[languages] only`, empty pages, and
//!   pages whose URL another page already has.
//!
//! Only problems with the site as a whole are errors: a site folder that cannot be read, a
//! configuration that cannot be compiled, or no document at all.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use encoding_rs::Encoding;
use globset::{GlobSet, GlobSetBuilder};

use super::archive::{looks_like_archive, parse_archive};
use super::encoding::{decode, encoding_for_label};
use super::html::{parse_html_page, PageNotes, PageOptions, Selector};
use super::jsonl::for_each_jsonl_line;
use super::listing::parse_listing;
use super::markdown::parse_markdown_page;
use super::meta::MetadataMap;
use super::plain::parse_plain;
use super::reader::Ids;
use super::Document;
use crate::config::{Config, BUILTIN_EXCLUDE};
use crate::{Error, Result};

/// What reading a site did: documents, pages skipped and why, and warnings worth a look.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteReport {
    /// The site (or file) that was read.
    pub root: PathBuf,
    /// Page files read, by format (`HTML`, `Markdown`, `text`, `jsonl`).
    pub pages: BTreeMap<String, usize>,
    /// Documents produced and handed on to be indexed.
    pub documents: usize,
    /// Pages read in an encoding other than UTF-8, by encoding name.
    pub encodings: BTreeMap<String, usize>,
    /// Page files not indexed, with the reason, in path order.
    pub skipped: Vec<Skipped>,
    /// Pages indexed (or left out) with something worth a look, then site-wide notes.
    pub warnings: Vec<Warning>,
    /// Files that are not pages, or were excluded, counted by reason (`not a page: .css`,
    /// `excluded by "drafts"`, `hidden`).
    pub other_files: BTreeMap<String, usize>,
}

/// A page file that was not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, relative to the site.
    pub path: PathBuf,
    /// Why, in words.
    pub reason: String,
    /// Whether it is a problem to fix (undecodable, unreadable), rather than the page's or the
    /// configuration's own choice (noindex, draft, a language left out).
    pub problem: bool,
}

/// Something worth a look: a page without a title, an empty page, a duplicate URL, a value that
/// could not be used, a filter the index cannot filter on yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, relative to the site, when the warning is about one.
    pub path: Option<PathBuf>,
    /// What is wrong and what to do, in words.
    pub message: String,
}

impl SiteReport {
    /// Pages read, all formats together.
    pub fn page_count(&self) -> usize {
        self.pages.values().sum()
    }

    /// Skipped pages that are problems, plus warnings: what `--strict` fails on.
    pub fn problem_count(&self) -> usize {
        self.skipped.iter().filter(|s| s.problem).count() + self.warnings.len()
    }

    /// The report as text, one finding per line, for a terminal or a file.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let formats: Vec<String> = self.pages.iter().map(|(format, n)| format!("{n} {format}")).collect();
        let pages = self.page_count();
        out.push_str(&format!(
            "read {pages} {} ({}) from {}; {} {} indexed\n",
            plural(pages, "page", "pages"),
            if formats.is_empty() { "none".to_string() } else { formats.join(", ") },
            self.root.display(),
            self.documents,
            plural(self.documents, "document", "documents"),
        ));
        if !self.encodings.is_empty() {
            let list: Vec<String> = self.encodings.iter().map(|(e, n)| format!("{e} {n}")).collect();
            out.push_str(&format!("legacy encodings decoded: {}\n", list.join(", ")));
        }
        if !self.other_files.is_empty() {
            let total: usize = self.other_files.values().sum();
            let mut list = Vec::new();
            let mut extensions = Vec::new();
            for (reason, n) in &self.other_files {
                match reason.strip_prefix(NOT_A_PAGE) {
                    Some(ext) => extensions.push(format!("{ext} {n}")),
                    None => list.push(format!("{reason} {n}")),
                }
            }
            if !extensions.is_empty() {
                list.insert(0, format!("not pages: {}", extensions.join(", ")));
            }
            out.push_str(&format!("other files, not read: {total} ({})\n", list.join("; ")));
        }
        out.push_str(&format!("skipped: {}\n", self.skipped.len()));
        for s in &self.skipped {
            out.push_str(&format!("  {}: {}\n", s.path.display(), s.reason));
        }
        out.push_str(&format!("warnings: {}\n", self.warnings.len()));
        for w in &self.warnings {
            match &w.path {
                Some(path) => out.push_str(&format!("  {}: {}\n", path.display(), w.message)),
                None => out.push_str(&format!("  {}\n", w.message)),
            }
        }
        out
    }
}

/// The start of the [`SiteReport::other_files`] reasons of files that are not pages; the
/// extension follows.
const NOT_A_PAGE: &str = "not a page: ";

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The kinds of page file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Markdown,
    Text,
    Jsonl,
}

impl Format {
    fn of(name: &str) -> Option<Format> {
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

    fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML",
            Format::Markdown => "Markdown",
            Format::Text => "text",
            Format::Jsonl => "jsonl",
        }
    }
}

/// The configuration, compiled for matching.
struct Compiled {
    builtin: GlobSet,
    exclude: GlobSet,
    /// For each glob of `exclude`, the pattern it came from.
    exclude_patterns: Vec<String>,
    include: GlobSet,
    encodings: Vec<(globset::GlobMatcher, &'static Encoding)>,
    default_encoding: Option<&'static Encoding>,
    page: PageOptions,
}

fn compile(config: &Config) -> Result<Compiled> {
    let path = config.source.clone().unwrap_or_else(|| PathBuf::from(crate::config::CONFIG_FILE));
    let fail = |key: &str, message: String| Error::corpus(&path, None, format!("{key}: {message}"));
    let set = |key: &str, patterns: &mut dyn Iterator<Item = String>| -> Result<GlobSet> {
        let mut builder = GlobSetBuilder::new();
        for pattern in patterns {
            builder.add(crate::config::file_glob(&pattern).map_err(|m| fail(key, m))?);
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
        let matcher = crate::config::file_glob(pattern).map_err(|m| fail(&key, m))?.compile_matcher();
        let encoding = encoding_for_label(label).ok_or_else(|| fail(&key, format!("unknown encoding {label:?}")))?;
        encodings.push((matcher, encoding));
    }
    let default_encoding = match &config.encoding {
        Some(label) => Some(
            encoding_for_label(label).ok_or_else(|| fail("encoding.default", format!("unknown encoding {label:?}")))?,
        ),
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
    })
}

/// Reads the site (or single page or `.jsonl` file) at `source` following `config`, calls `f`
/// with each document, and returns the report. `bundle` is the output folder, never read if it
/// is inside the site; `progress(done, total)` is called after each page file.
///
/// Fails when the site cannot be read, on the first error from `f`, on a `.jsonl` file that is
/// not valid, and when no document at all was found (the error says what was seen instead).
pub fn read_site<F>(
    source: &Path,
    config: &Config,
    bundle: Option<&Path>,
    progress: &mut dyn FnMut(usize, usize),
    mut f: F,
) -> Result<SiteReport>
where
    F: FnMut(Document) -> Result<()>,
{
    let compiled = compile(config)?;
    let meta = fs::metadata(source).map_err(|e| Error::corpus(source, None, format!("cannot open the site: {e}")))?;
    let mut report = SiteReport { root: source.to_path_buf(), ..SiteReport::default() };
    let files = if meta.is_dir() {
        let bundle = bundle.and_then(|b| fs::canonicalize(b).ok());
        let mut files = Vec::new();
        walk(source, source, bundle.as_deref(), &compiled, &mut files, &mut report)?;
        files
    } else {
        let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(format) = Format::of(&name) else {
            return Err(Error::corpus(
                source,
                None,
                "not a page: Folio reads .html, .htm, .md, .markdown, .txt and .jsonl(.gz)",
            ));
        };
        vec![(name, source.to_path_buf(), format)]
    };

    let mut state =
        State { ids: Ids::default(), urls: HashMap::new(), filters: BTreeMap::new(), meta: BTreeMap::new() };
    let total = files.len();
    for (done, (relative, path, format)) in files.into_iter().enumerate() {
        read_page(&path, &relative, format, config, &compiled, &mut state, &mut report, &mut f)?;
        progress(done + 1, total);
    }
    for (name, pages) in &state.filters {
        report.warnings.push(Warning {
            path: None,
            message: format!(
                "filter {name:?} ({pages} {}) is not filterable yet: the index filters on date, lang and type only; \
                 its values were read but not stored",
                plural(*pages, "page", "pages")
            ),
        });
    }
    for (key, pages) in &state.meta {
        report.warnings.push(Warning {
            path: None,
            message: format!(
                "metadata {key:?} ({pages} {}) is not stored in the index yet (it stores title, url, date, lang, \
                 type, summary and citation)",
                plural(*pages, "page", "pages")
            ),
        });
    }
    if report.documents == 0 {
        let mut message = format!(
            "no document to index: {} page {} read, {} skipped, {} other {} not read",
            report.page_count(),
            plural(report.page_count(), "file", "files"),
            report.skipped.len(),
            report.other_files.values().sum::<usize>(),
            plural(report.other_files.values().sum::<usize>(), "file", "files"),
        );
        if report.page_count() == 0 {
            message.push_str(&format!("; check site.include (now {:?})", config.include));
        }
        if let Some(first) = report.skipped.first() {
            message.push_str(&format!("; first skipped: {}: {}", first.path.display(), first.reason));
        }
        return Err(Error::corpus(source, None, message));
    }
    Ok(report)
}

/// What is tracked across pages.
struct State {
    ids: Ids,
    /// URL → the file that has it.
    urls: HashMap<String, PathBuf>,
    /// Filters the index cannot filter on → pages that have them.
    filters: BTreeMap<String, usize>,
    /// Metadata keys the index does not store → HTML pages that declare them.
    meta: BTreeMap<String, usize>,
}

/// Collects the page files under `dir` (relative paths with `/`, and formats); counts the rest.
fn walk(
    root: &Path,
    dir: &Path,
    bundle: Option<&Path>,
    compiled: &Compiled,
    out: &mut Vec<(String, PathBuf, Format)>,
    report: &mut SiteReport,
) -> Result<()> {
    let listing = |e: std::io::Error| Error::corpus(dir, None, format!("cannot list the folder: {e}"));
    let mut entries = fs::read_dir(dir).map_err(listing)?.collect::<std::io::Result<Vec<_>>>().map_err(listing)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            count(report, "hidden".to_string());
            continue;
        }
        let Ok(metadata) = fs::metadata(&path) else {
            count(report, "broken symbolic links".to_string());
            continue;
        };
        let relative = relative_path(root, &path);
        if metadata.is_dir() {
            if entry.file_type().is_ok_and(|t| t.is_symlink()) {
                count(report, "symbolic links to folders (not followed)".to_string());
            } else if bundle.is_some_and(|b| fs::canonicalize(&path).is_ok_and(|p| p == b)) {
                count(report, "the bundle's own folder".to_string());
            } else if compiled.builtin.is_match(format!("{relative}/x")) {
                count(report, "built-in excludes".to_string());
            } else {
                walk(root, &path, bundle, compiled, out, report)?;
            }
            continue;
        }
        if compiled.builtin.is_match(&relative) {
            count(report, "built-in excludes".to_string());
        } else if let Some(&first) = compiled.exclude.matches(&relative).first() {
            count(report, format!("excluded by {:?}", compiled.exclude_patterns[first]));
        } else {
            match Format::of(&name) {
                Some(format) if compiled.include.is_match(&relative) => out.push((relative, path, format)),
                Some(_) => count(report, "pages not in site.include".to_string()),
                None if relative == crate::config::CONFIG_FILE => count(report, "configuration".to_string()),
                None => {
                    let ext = name.rsplit_once('.').map_or("(none)".to_string(), |(_, e)| format!(".{e}"));
                    count(report, format!("{NOT_A_PAGE}{}", ext.to_lowercase()));
                }
            }
        }
    }
    Ok(())
}

fn count(report: &mut SiteReport, reason: String) {
    *report.other_files.entry(reason).or_default() += 1;
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Reads one page file and hands its documents to `f`.
#[allow(clippy::too_many_arguments)]
fn read_page<F>(
    path: &Path,
    relative: &str,
    format: Format,
    config: &Config,
    compiled: &Compiled,
    state: &mut State,
    report: &mut SiteReport,
    f: &mut F,
) -> Result<()>
where
    F: FnMut(Document) -> Result<()>,
{
    let rel = PathBuf::from(relative);
    let skip = |report: &mut SiteReport, reason: String, problem: bool| {
        report.skipped.push(Skipped { path: rel.clone(), reason, problem });
    };
    let warn = |report: &mut SiteReport, message: String| {
        report.warnings.push(Warning { path: Some(rel.clone()), message });
    };
    *report.pages.entry(format.label().to_string()).or_default() += 1;
    if format == Format::Jsonl {
        let count = for_each_jsonl_line(path, &mut state.ids, |doc, _| f(doc))?;
        report.documents += count;
        if count == 0 {
            warn(report, "no documents in the file".to_string());
        }
        return Ok(());
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            skip(report, format!("cannot read the file: {e}"), true);
            return Ok(());
        }
    };
    let configured =
        compiled.encodings.iter().find(|(m, _)| m.is_match(relative)).map(|(_, e)| *e).or(compiled.default_encoding);
    let decoded = match decode(&bytes, format == Format::Html, configured) {
        Ok(decoded) => decoded,
        Err(undecodable) => {
            skip(report, undecodable.message(), true);
            return Ok(());
        }
    };
    if let Some(label) = &decoded.unknown_label {
        warn(report, format!("unknown <meta charset> {label:?}: read as {}", decoded.encoding.name()));
    }
    if decoded.encoding != encoding_rs::UTF_8 {
        let key = format!("{} (from {})", decoded.encoding.name(), decoded.source.describe());
        *report.encodings.entry(key).or_default() += 1;
    }
    let text = decoded.text;
    if text.trim().is_empty() {
        warn(report, "empty page: the file has no text (not indexed)".to_string());
        return Ok(());
    }

    let id = page_id(relative, &state.ids);
    let (documents, notes) = match format {
        Format::Html => {
            let (doc, notes) = parse_html_page(&id, &text, &compiled.page);
            (vec![doc], Some(notes))
        }
        _ if looks_like_archive(&text) => (vec![parse_archive(&id, &text)], None),
        _ => match parse_listing(&id, &text) {
            Some(entries) => (entries, None),
            None if format == Format::Markdown => {
                let (doc, notes) = parse_markdown_page(&id, &text, &compiled.page);
                (vec![doc], Some(notes))
            }
            None => (vec![parse_plain(&id, &text)], None),
        },
    };
    let notes = notes.unwrap_or(PageNotes { has_title: true, ..PageNotes::default() });
    if let Some(reason) = notes.excluded {
        skip(report, format!("the page asks not to be indexed ({reason})"), false);
        return Ok(());
    }
    if let Some(target) = notes.redirect {
        skip(report, format!("redirect stub (<meta http-equiv=\"refresh\"> to {target:?})"), false);
        return Ok(());
    }
    for note in &notes.notes {
        warn(report, note.clone());
    }
    let owned_url = page_url(relative, format, config);
    for mut doc in documents {
        if doc.body.trim().is_empty() && doc.summary.trim().is_empty() {
            warn(report, "empty page: no text in its content (not indexed)".to_string());
            continue;
        }
        if !config.languages.is_empty() {
            let lang = doc.lang.as_deref().unwrap_or("");
            if !config.languages.iter().any(|l| l == lang) {
                let shown = if lang.is_empty() { "unknown" } else { lang };
                skip(report, format!("language {shown} is not in languages.only {:?}", config.languages), false);
                continue;
            }
        }
        if !notes.has_title {
            warn(report, format!("no title (no <h1>, <title> or front-matter title); shown as {:?}", doc.title));
        }
        match format {
            Format::Html => doc.url = owned_url.clone(),
            Format::Markdown if doc.url.is_none() => doc.url = owned_url.clone(),
            _ => {}
        }
        if let Some(url) = &doc.url {
            match state.urls.get(url) {
                Some(first) if first != &rel => {
                    let message = format!("duplicate URL {url:?}: {} has it too (not indexed)", first.display());
                    warn(report, message);
                    continue;
                }
                Some(_) => {}
                None => {
                    state.urls.insert(url.clone(), rel.clone());
                }
            }
        }
        for name in doc.filters.keys() {
            *state.filters.entry(name.clone()).or_default() += 1;
        }
        if format == Format::Html {
            for key in doc.meta.keys() {
                *state.meta.entry(key.clone()).or_default() += 1;
            }
        }
        state.ids.claim(&doc.id, path, None)?;
        f(doc)?;
        report.documents += 1;
    }
    Ok(())
}

/// The id of a page: its path without extension, or with it when another file took that id.
fn page_id(relative: &str, ids: &Ids) -> String {
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

/// The URL a page is served at, from its path: `base_url` + the path, percent-encoded.
fn page_url(relative: &str, format: Format, config: &Config) -> Option<String> {
    let mut path = relative.to_string();
    if format == Format::Markdown {
        if let Some((stem, _)) = path.rsplit_once('.') {
            path = format!("{stem}.html");
        }
    }
    if config.clean_urls {
        if path == "index.html" {
            path = String::new();
        } else if let Some(dir) = path.strip_suffix("/index.html") {
            path = format!("{dir}/");
        }
    }
    let mut base = config.base_url.clone();
    if !base.is_empty() && !base.ends_with('/') {
        base.push('/');
    }
    let url = format!("{base}{}", percent_encode(&path));
    Some(if url.is_empty() { "./".to_string() } else { url })
}

/// Percent-encodes what a URL path cannot hold as is (space, `#`, `?`, `%`, non-ASCII, …).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::default()
    }

    #[test]
    fn urls_come_from_paths() {
        let c = config();
        assert_eq!(page_url("a/b c#1.html", Format::Html, &c).as_deref(), Some("a/b%20c%231.html"));
        assert_eq!(page_url("notes/vase.md", Format::Markdown, &c).as_deref(), Some("notes/vase.html"));
        assert_eq!(
            page_url("письма/1.html", Format::Html, &c).as_deref(),
            Some("%D0%BF%D0%B8%D1%81%D1%8C%D0%BC%D0%B0/1.html")
        );
        let clean = Config { clean_urls: true, base_url: "/museum".into(), ..config() };
        assert_eq!(page_url("about/index.html", Format::Html, &clean).as_deref(), Some("/museum/about/"));
        assert_eq!(page_url("index.html", Format::Html, &clean).as_deref(), Some("/museum/"));
        assert_eq!(
            page_url("index.html", Format::Html, &Config { clean_urls: true, ..config() }).as_deref(),
            Some("./")
        );
    }

    #[test]
    fn the_seeds_read_as_a_site_give_the_corpus_reader_s_documents() -> Result<()> {
        let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"));
        let mut documents = Vec::new();
        let report = read_site(seeds, &config(), None, &mut |_, _| {}, |doc| {
            documents.push(doc);
            Ok(())
        })?;
        assert_eq!(documents, super::super::read_corpus(seeds)?.documents, "build.rs embeds the same index");
        assert_eq!(report.page_count(), 5);
        assert!(report.skipped.is_empty() && report.warnings.is_empty(), "{}", report.render());
        Ok(())
    }

    #[test]
    fn formats_and_ids() {
        assert_eq!(Format::of("A.HTML"), Some(Format::Html));
        assert_eq!(Format::of("x.jsonl.gz"), Some(Format::Jsonl));
        assert_eq!(Format::of("style.css"), None);
        let mut ids = Ids::default();
        assert_eq!(page_id("notes/vase.html", &ids), "notes/vase");
        assert!(ids.claim("notes/vase", Path::new("notes/vase.html"), None).is_ok());
        assert_eq!(page_id("notes/vase.htm", &ids), "notes/vase.htm");
        assert_eq!(page_id("data.jsonl.gz", &ids), "data");
    }
}
