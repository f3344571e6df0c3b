//! Reading a corpus from disk: a directory of pages, or one `.jsonl` / `.jsonl.gz` file.
//!
//! A directory is walked recursively in path order. Files ending in `.txt`, `.md`, `.markdown`,
//! `.html`, `.htm`, `.jsonl` or `.jsonl.gz` are read; every other file, hidden file, hidden
//! directory and symbolic link to a directory is listed in [`Corpus::files`] with the reason it was
//! skipped. A page's id is its path relative to the directory, without the extension and with `/`
//! separators (`000_b481dfae50f33d1d` for a file at the top). `.txt` and `.md` files are archive
//! pages when they carry a citation or summary block, search-results listings when they are a run
//! of date/title/summary entries (one document per entry, `<id>#<n>`), and otherwise plain text or
//! markdown. Ids must be unique across the whole corpus.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::archive::{looks_like_archive, parse_archive};
use super::html::parse_html;
use super::jsonl::for_each_jsonl_line;
use super::listing::parse_listing;
use super::markdown::parse_markdown;
use super::plain::parse_plain;
use super::Document;
use crate::{Error, Result};

/// The documents of a corpus and a report on every file that was considered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    /// All documents, in file order (and line or entry order within a file).
    pub documents: Vec<Document>,
    /// One report per file considered, in path order, including skipped files.
    pub files: Vec<FileReport>,
}

/// What happened to one file of a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The file (or skipped directory).
    pub path: PathBuf,
    /// How many documents it produced.
    pub documents: usize,
    /// Why it produced no documents, when it was skipped (unsupported extension, hidden, empty).
    pub skipped: Option<String>,
}

/// Reads every document under `path`: a directory, a `.jsonl` or `.jsonl.gz` file, or a single
/// page (`.txt`, `.md`, `.markdown`, `.html`, `.htm`).
///
/// Fails on the first file that cannot be read or parsed, with an [`Error::Corpus`] naming the
/// file and, when known, the line. To avoid holding a large corpus in memory, use
/// [`for_each_document`].
pub fn read_corpus(path: &Path) -> Result<Corpus> {
    let mut documents = Vec::new();
    let files = for_each_document(path, |doc| {
        documents.push(doc);
        Ok(())
    })?;
    Ok(Corpus { documents, files })
}

/// Calls `f` with each document under `path` (see [`read_corpus`]) as it is read, and returns the
/// file reports. Stops at the first error, from the corpus or from `f`.
pub fn for_each_document<F>(path: &Path, mut f: F) -> Result<Vec<FileReport>>
where
    F: FnMut(Document) -> Result<()>,
{
    let meta = fs::metadata(path).map_err(|e| Error::corpus(path, None, format!("cannot open the corpus: {e}")))?;
    let mut ids = Ids::default();
    if !meta.is_dir() {
        let format = format_of(path).map_err(|reason| Error::corpus(path, None, reason))?;
        let id = stem(path);
        return Ok(vec![read_file(path, &id, format, &mut ids, &mut f)?]);
    }
    let mut entries = Vec::new();
    walk(path, &mut entries)?;
    let mut reports = Vec::with_capacity(entries.len());
    for (file, skipped) in entries {
        if let Some(reason) = skipped {
            reports.push(FileReport { path: file, documents: 0, skipped: Some(reason) });
            continue;
        }
        match format_of(&file) {
            Ok(format) => {
                let id = relative_id(path, &file);
                reports.push(read_file(&file, &id, format, &mut ids, &mut f)?);
            }
            Err(reason) => reports.push(FileReport { path: file, documents: 0, skipped: Some(reason) }),
        }
    }
    Ok(reports)
}

/// The kinds of file a corpus is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

/// The format of a file from its name, or why it is not read.
fn format_of(path: &Path) -> std::result::Result<Format, String> {
    const READ: &str = "Folio reads .txt, .md, .markdown, .html, .htm, .jsonl and .jsonl.gz";
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
        return Ok(Format::Jsonl);
    }
    match path.extension().map(|e| e.to_string_lossy().to_lowercase()).as_deref() {
        Some("txt") => Ok(Format::Text),
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some("html" | "htm") => Ok(Format::Html),
        Some(ext) => Err(format!("unsupported extension .{ext} ({READ})")),
        None => Err(format!("no extension ({READ})")),
    }
}

/// Collects the files under `dir` in path order; skipped entries carry their reason.
fn walk(dir: &Path, out: &mut Vec<(PathBuf, Option<String>)>) -> Result<()> {
    let listing = |e: std::io::Error| Error::corpus(dir, None, format!("cannot list the directory: {e}"));
    let mut entries = fs::read_dir(dir).map_err(listing)?.collect::<std::io::Result<Vec<_>>>().map_err(listing)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| Error::corpus(&path, None, format!("cannot stat: {e}")))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let is_dir = if file_type.is_symlink() {
            let target =
                fs::metadata(&path).map_err(|e| Error::corpus(&path, None, format!("broken symbolic link: {e}")))?;
            if target.is_dir() {
                out.push((path, Some("symbolic link to a directory (not followed)".to_string())));
                continue;
            }
            false
        } else {
            file_type.is_dir()
        };
        match (is_dir, hidden) {
            (true, true) => out.push((path, Some("hidden directory (not read)".to_string()))),
            (true, false) => walk(&path, out)?,
            (false, true) => out.push((path, Some("hidden file".to_string()))),
            (false, false) => out.push((path, None)),
        }
    }
    Ok(())
}

/// Reads one file, passing its documents to `f`.
fn read_file<F>(path: &Path, id: &str, format: Format, ids: &mut Ids, f: &mut F) -> Result<FileReport>
where
    F: FnMut(Document) -> Result<()>,
{
    let report = |documents: usize, skipped: Option<&str>| FileReport {
        path: path.to_path_buf(),
        documents,
        skipped: skipped.map(str::to_string),
    };
    if format == Format::Jsonl {
        let count = for_each_jsonl_line(path, ids, |doc, _| f(doc))?;
        return Ok(report(count, (count == 0).then_some("empty: no documents")));
    }
    let text = read_text(path)?;
    if text.trim().is_empty() {
        return Ok(report(0, Some("empty file")));
    }
    let documents = documents_from_text(path, id, format, &text)?;
    let count = documents.len();
    for doc in documents {
        ids.claim(&doc.id, path, None)?;
        f(doc)?;
    }
    Ok(report(count, None))
}

/// The documents of one page: archive page, listing, markdown, plain text or HTML.
fn documents_from_text(path: &Path, id: &str, format: Format, text: &str) -> Result<Vec<Document>> {
    if format == Format::Html {
        return Ok(vec![parse_html(id, text)]);
    }
    if looks_like_archive(text) {
        return Ok(vec![parse_archive(id, text)]);
    }
    if let Some(entries) = parse_listing(id, text) {
        return Ok(entries);
    }
    if format == Format::Markdown {
        return Ok(vec![parse_markdown(path, id, text)?]);
    }
    Ok(vec![parse_plain(id, text)])
}

/// Reads a whole UTF-8 text file (a page, not a corpus), without BOM and with `\n` line ends.
fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::corpus(path, None, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..valid];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = valid - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        Error::corpus(path, Some(line), format!("invalid UTF-8 at byte {column} of the line (the file must be UTF-8)"))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() })
}

/// The id of a file given on its own: its name without the extension.
fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The id of a file in a directory corpus: its relative path without the extension, `/`-separated.
fn relative_id(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Vec<String> = relative
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.push(stem(file));
    parts.join("/")
}

/// The ids seen so far and where each was first used, to reject duplicates naming both places.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    seen: HashMap<String, (usize, Option<usize>)>,
    paths: Vec<PathBuf>,
}

impl Ids {
    /// Whether `id` is taken.
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.seen.contains_key(id)
    }

    /// Records `id` as used at `path` (and `line`), or fails if it was used before.
    pub(crate) fn claim(&mut self, id: &str, path: &Path, line: Option<usize>) -> Result<()> {
        if let Some(&(file, first_line)) = self.seen.get(id) {
            let first = &self.paths[file];
            let place = match (first.as_path() == path, first_line) {
                (true, Some(l)) => format!("line {l}"),
                (true, None) => "earlier in this file".to_string(),
                (false, Some(l)) => format!("{}:{l}", first.display()),
                (false, None) => first.display().to_string(),
            };
            return Err(Error::corpus(path, line, format!("duplicate id {id:?}: already used at {place}")));
        }
        if self.paths.last().map(PathBuf::as_path) != Some(path) {
            self.paths.push(path.to_path_buf());
        }
        self.seen.insert(id.to_string(), (self.paths.len() - 1, line));
        Ok(())
    }
}
