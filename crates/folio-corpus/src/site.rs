//! Reading a whole static site, as `folio index <site dir>` and `build.rs` do.
//!
//! The site's files are walked in path order (`walk`). Only regular files whose real path is
//! inside the site are read: links out of the site, FIFOs, sockets, devices and files above
//! [`MAX_PAGE_BYTES`](crate::MAX_PAGE_BYTES) are reported and left alone. Hidden files
//! and folders, the bundle's own folder and [`BUILTIN_EXCLUDE`](crate::config::BUILTIN_EXCLUDE) are never read; the rest is read
//! when it matches `[site] include` and no `exclude` pattern. Pages are HTML (`.html`, `.htm`),
//! Markdown (`.md`, `.markdown`), plain text or archive pages (`.txt`, but not the `.txt` source
//! copies of HTML pages that Sphinx writes to `_sources/`) and, when included, `.jsonl` /
//! `.jsonl.gz` files of documents.
//!
//! - Encoding: byte-order mark, `<meta charset>`, `[encoding]`, UTF-8 (see `encoding`). A page
//!   with undecodable bytes is skipped, with its byte offset.
//! - URL: the file's path from the site's root, each segment percent-encoded from its raw bytes
//!   (`Talk:Main_Page.html` is linked as `Talk%3AMain_Page.html`), prefixed with `base_url`;
//!   `clean_urls` links `x/index.html` as `x/`. Markdown pages link to the `.html` page built
//!   from them unless their front matter gives a `url` or `permalink`; text files keep the URL
//!   they contain, if any.
//! - Id: the path without extension (`notes/vase`), as the corpus reader gives it; if two files
//!   differ only by extension, the second keeps its extension (`notes/vase.htm`).
//! - Values: a `lang` that is not a language tag and a date that is not a real day are dropped
//!   with a warning; control characters (NUL…) are not text and become spaces.
//! - Not indexed, and reported: pages that ask not to be (robots `noindex`, `data-folio-ignore`
//!   on `<body>`, front matter `draft: true`), pages outside `[languages] only`, empty pages, and
//!   pages whose URL another page already has.
//!
//! Only problems with the site as a whole are errors: a site folder that cannot be read, a
//! configuration that cannot be compiled, or no document at all. A subfolder that cannot be
//! listed is skipped and reported.

mod policy;
mod report;
mod shared;
mod walk;

/// The file `folio index` writes into every bundle folder. A folder holding it is never read as
/// part of a site: an old bundle written with `--out` inside the site (its `report.txt`, its
/// scripts) is not content.
pub const BUNDLE_MARKER: &str = ".folio-bundle";

pub(crate) use walk::kind_of as file_kind;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use super::archive::{looks_like_archive, parse_archive};
use super::encoding::decode;
use super::html::{parse_html_page, PageNotes};
use super::ids::Ids;
use super::jsonl::for_each_jsonl_line;
use super::listing::parse_listing;
use super::markdown::parse_markdown_page;
use super::plain::parse_plain;
use super::{Document, MAX_PAGE_BYTES};
use crate::config::Config;
use crate::metadata::TRANSLATIONS_FILTER;
use folio_core::{Error, Result};
use policy::{check_values, compile, page_id, page_url, Compiled, Format};
use report::plural;
pub use report::{SiteReport, SkipReason, Skipped, Warning};
use shared::SharedDescriptions;
use walk::{walk_site, PageFile};

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
    let mut compiled = compile(config)?;
    let meta = fs::metadata(source).map_err(|e| Error::corpus(source, None, format!("cannot open the site: {e}")))?;
    let mut report = SiteReport { root: source.to_path_buf(), ..SiteReport::default() };
    let files = if meta.is_dir() {
        let bundle = bundle.and_then(|b| fs::canonicalize(b).ok());
        walk_site(source, bundle.as_deref(), &compiled, &mut report)?
    } else {
        vec![single_file(source, &meta)?]
    };

    compiled.docsify = files.iter().any(|f| f.relative == "index.html" && is_docsify_app(&f.path));
    let shared = SharedDescriptions::find(&files);
    let mut state = State {
        ids: Ids::default(),
        urls: HashMap::new(),
        shared,
        dropped: BTreeMap::new(),
        translated: 0,
        texts: HashMap::new(),
    };
    let total = files.len();
    for (done, file) in files.into_iter().enumerate() {
        read_page(&file, config, &compiled, &mut state, &mut report, &mut f)?;
        progress(done + 1, total);
    }
    for (text, pages) in std::mem::take(&mut state.dropped).into_values() {
        let message = format!(
            "{pages} pages give the same description ({:?}): the site's, so it is the summary of the home page (index.html) only",
            truncate_chars(&text, 80)
        );
        report.notes.push(message);
    }
    if state.translated > 0 {
        report.notes.push(format!(
            "{} {} versions in other languages (<link rel=\"alternate\" hreflang>): a search from a page in one \
             language leaves out the other languages' versions of the pages it has",
            state.translated,
            plural(state.translated, "page declares", "pages declare"),
        ));
    }
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
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
        if !report.warnings.is_empty() {
            // Pages that were read but gave no text: what went wrong with them comes first.
            message.push_str(&format!(
                ", {} {}; first warning: {}",
                report.warnings.len(),
                plural(report.warnings.len(), "warning", "warnings"),
                report.warnings[0]
            ));
        }
        if let Some(first) = report.skipped.first() {
            message.push_str(&format!("; first skipped: {first}"));
        }
        return Err(Error::corpus(source, None, message));
    }
    Ok(report)
}

/// The page file a site given as one file is.
fn single_file(source: &Path, meta: &fs::Metadata) -> Result<PageFile> {
    let name = source.file_name().unwrap_or(source.as_os_str()).to_os_string();
    let relative = walk::display(std::slice::from_ref(&name));
    let Some(format) = Format::of(&relative) else {
        return Err(Error::corpus(
            source,
            None,
            "not a page: Folio reads .html, .htm, .md, .markdown, .txt and .jsonl(.gz)",
        ));
    };
    if !meta.is_file() {
        return Err(Error::corpus(
            source,
            None,
            "not a regular file (a FIFO, socket or device cannot be read as a page)",
        ));
    }
    let segments = vec![walk::bytes(&name)];
    Ok(PageFile { relative, segments, path: source.to_path_buf(), format })
}

/// What is tracked across pages.
struct State {
    ids: Ids,
    /// URL → the file that has it.
    urls: HashMap<String, PathBuf>,
    /// The descriptions several pages give alike.
    shared: SharedDescriptions,
    /// Those dropped from pages' summaries: the text and on how many pages, by key.
    dropped: BTreeMap<u64, (String, usize)>,
    /// Documents that declare versions of themselves in other languages.
    translated: usize,
    /// A hash of an HTML page's title and text → the file that has them.
    texts: HashMap<u64, PathBuf>,
}

/// What two copies of a page have alike: a hash of its title, summary and text.
fn text_key(doc: &Document) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (&doc.title, &doc.summary, &doc.body).hash(&mut hasher);
    hasher.finish()
}

/// Whether the page at `path` is a Docsify app (its first 64 KiB configure one).
fn is_docsify_app(path: &Path) -> bool {
    let mut head = Vec::new();
    let read = fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut head));
    read.is_ok() && String::from_utf8_lossy(&head).contains(policy::DOCSIFY_MARK)
}

/// `text` cut to `max` characters, with `…` when cut.
fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Reads one page file and hands its documents to `f`.
#[allow(clippy::too_many_arguments)]
fn read_page<F>(
    file: &PageFile,
    config: &Config,
    compiled: &Compiled,
    state: &mut State,
    report: &mut SiteReport,
    f: &mut F,
) -> Result<()>
where
    F: FnMut(Document) -> Result<()>,
{
    let (path, relative, format) = (file.path.as_path(), file.relative.as_str(), file.format);
    let rel = PathBuf::from(relative);
    let skip = |report: &mut SiteReport, reason: SkipReason| report.skipped.push(Skipped::new(rel.clone(), reason));
    let warn = |report: &mut SiteReport, message: String| {
        report.warnings.push(Warning { path: Some(rel.clone()), message });
    };
    *report.pages.entry(format.label().to_string()).or_default() += 1;
    let default_lang = compiled.page.default_lang.as_deref();
    if format == Format::Jsonl {
        let mut notes = Vec::new();
        let count = for_each_jsonl_line(path, &mut state.ids, |mut doc, line| {
            notes.extend(check_values(&mut doc, default_lang).into_iter().map(|n| format!("line {line}: {n}")));
            f(doc)
        })?;
        for note in notes {
            warn(report, note);
        }
        report.documents += count;
        if count == 0 {
            warn(report, "no documents in the file".to_string());
        }
        return Ok(());
    }
    if compiled.docsify && relative == "index.html" {
        let what = "Docsify's app page, which shows the Markdown files (each indexed as a page of its own)";
        skip(report, SkipReason::GeneratedPage(what.to_string()));
        return Ok(());
    }
    if format == Format::Markdown && relative.rsplit('/').next().is_some_and(|name| name.starts_with('_')) {
        let what = "a part of other pages, its name starting with _ (Docsify's _sidebar.md, _navbar.md, _coverpage.md)";
        skip(report, SkipReason::GeneratedPage(what.to_string()));
        return Ok(());
    }
    let mut bytes = Vec::new();
    if let Err(reason) = read_bounded(path, MAX_PAGE_BYTES, Past::Refuse, &mut bytes) {
        skip(report, reason);
        return Ok(());
    }
    let configured =
        compiled.encodings.iter().find(|(m, _)| m.is_match(relative)).map(|(_, e)| *e).or(compiled.default_encoding);
    let decoded = match decode(&bytes, format == Format::Html, configured) {
        Ok(decoded) => decoded,
        Err(undecodable) => {
            skip(report, SkipReason::Undecodable(undecodable.message()));
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
            let (mut doc, notes) = parse_html_page(&id, &text, &compiled.page);
            if let Some(key) = state.shared.of(path).filter(|_| notes.summary_is_description) {
                let entry = state.dropped.entry(key).or_insert_with(|| (doc.summary.clone(), 0));
                entry.1 += 1;
                // The site's description describes its home page, which keeps it.
                if !matches!(relative, "index.html" | "index.htm") {
                    doc.summary.clear();
                }
            }
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
        skip(report, SkipReason::AsksNotToBeIndexed(reason));
        return Ok(());
    }
    if let Some(what) = notes.generated {
        skip(report, SkipReason::GeneratedPage(what));
        return Ok(());
    }
    if let Some(target) = notes.redirect {
        skip(report, SkipReason::RedirectStub(Some(target).filter(|t| !t.is_empty())));
        return Ok(());
    }
    for note in &notes.notes {
        warn(report, note.clone());
    }
    let owned_url = Some(page_url(&file.segments, format, config, compiled.docsify));
    for mut doc in documents {
        for note in check_values(&mut doc, default_lang) {
            warn(report, note);
        }
        if doc.body.trim().is_empty() && doc.summary.trim().is_empty() {
            warn(report, "empty page: no text in its content (not indexed)".to_string());
            continue;
        }
        if !config.languages.is_empty() {
            let lang = doc.lang.as_deref().unwrap_or("");
            if !config.languages.iter().any(|l| l == lang) {
                skip(report, SkipReason::LanguageLeftOut(doc.lang.clone(), config.languages.clone()));
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
        if format == Format::Html {
            match state.texts.entry(text_key(&doc)) {
                Entry::Occupied(first) => {
                    skip(report, SkipReason::SameText(first.get().clone()));
                    continue;
                }
                Entry::Vacant(slot) => {
                    slot.insert(rel.clone());
                }
            }
        }
        state.ids.claim(&doc.id, path, None)?;
        state.translated += usize::from(doc.filters.contains_key(TRANSLATIONS_FILTER));
        f(doc)?;
        report.documents += 1;
    }
    Ok(())
}

/// What [`read_bounded`] does with a file longer than its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Past {
    /// Refuses it ([`SkipReason::TooLarge`]): a page is read whole or not at all.
    Refuse,
    /// Keeps its first bytes: enough of a page to scan its head.
    Cut,
}

/// The bytes of the regular file at `path`, at most `bound` of them, into `buf` (cleared first),
/// or why not: the walk checked what it is, and the open file is checked again (it may have been
/// replaced since), so neither a FIFO nor a device is read, and a file longer than `bound` is
/// refused or cut as `past` says.
fn read_bounded(path: &Path, bound: u64, past: Past, buf: &mut Vec<u8>) -> std::result::Result<(), SkipReason> {
    buf.clear();
    let unreadable = |e: std::io::Error| SkipReason::Unreadable(e.to_string());
    let file = fs::File::open(path).map_err(unreadable)?;
    let metadata = file.metadata().map_err(unreadable)?;
    if !metadata.is_file() {
        return Err(SkipReason::NotRegular(walk::kind_of(metadata.file_type())));
    }
    let refuse = past == Past::Refuse;
    if refuse && metadata.len() > bound {
        return Err(SkipReason::TooLarge(metadata.len()));
    }
    buf.reserve(metadata.len().min(bound) as usize);
    // One byte more than the bound tells a file that grew past it since.
    file.take(if refuse { bound + 1 } else { bound }).read_to_end(buf).map_err(unreadable)?;
    if refuse && buf.len() as u64 > bound {
        return Err(SkipReason::TooLarge(buf.len() as u64));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::default()
    }

    #[test]
    fn a_bounded_read_refuses_or_cuts_what_passes_its_bound() -> std::io::Result<()> {
        let dir = std::env::temp_dir().join(format!("folio-bounded-{}", std::process::id()));
        fs::create_dir_all(&dir)?;
        let path = dir.join("page.html");
        fs::write(&path, b"0123456789")?;
        let mut buf = b"left over".to_vec();
        assert_eq!(read_bounded(&path, 4, Past::Cut, &mut buf), Ok(()));
        assert_eq!(buf, b"0123");
        assert_eq!(read_bounded(&path, 4, Past::Refuse, &mut buf), Err(SkipReason::TooLarge(10)));
        assert_eq!(read_bounded(&path, 10, Past::Refuse, &mut buf), Ok(()));
        assert_eq!(buf, b"0123456789");
        let refused = read_bounded(&dir, 4, Past::Cut, &mut buf);
        assert!(matches!(refused, Err(SkipReason::NotRegular(_))), "{refused:?}");
        let missing = read_bounded(&dir.join("gone.html"), 4, Past::Cut, &mut buf);
        assert!(matches!(missing, Err(SkipReason::Unreadable(_))), "{missing:?}");
        fs::remove_dir_all(&dir)
    }

    #[test]
    fn the_seeds_read_as_a_site_whole_and_clean() -> Result<()> {
        let seeds = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds"));
        let mut documents = Vec::new();
        let report = read_site(seeds, &config(), None, &mut |_, _| {}, |doc| {
            documents.push(doc);
            Ok(())
        })?;
        assert_eq!(documents.len(), 14);
        assert_eq!(report.page_count(), 5);
        assert!(report.skipped.is_empty() && report.warnings.is_empty(), "{}", report.render());
        Ok(())
    }
}
