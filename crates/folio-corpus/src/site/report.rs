//! The report of a site build: what was read, what was skipped and why, and what is worth a look.
//!
//! Every finding is one line of [`SiteReport::render`]: control characters in file names (a
//! newline, a carriage return, an escape sequence) and in messages are written as escapes, so no
//! file name can add a line to `report.txt` or restyle a terminal.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

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
    /// Page files (and folders) not read or not indexed, with the reason, in path order.
    pub skipped: Vec<Skipped>,
    /// Pages indexed (or left out) with something worth a look, then site-wide notes.
    pub warnings: Vec<Warning>,
    /// What Folio decided about the site as a whole that its owner may want to know, but need
    /// not fix (a description every page gives alike, read as the site's): not problems, so
    /// `--strict` lets them pass.
    pub notes: Vec<String>,
    /// Files that are not pages, or were excluded, counted by reason (`not a page: .css`,
    /// `excluded by "drafts"`, `hidden`).
    pub other_files: BTreeMap<String, usize>,
}

/// A page file (or a folder) that was not read or not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file, relative to the site.
    pub path: PathBuf,
    /// Why, in words (the [`SkipReason`] written out).
    pub reason: String,
    /// Whether it is a problem to fix (undecodable, unreadable, a link out of the site), rather
    /// than the page's or the configuration's own choice (noindex, draft, a language left out).
    pub problem: bool,
    /// Why, as a value.
    pub kind: SkipReason,
}

impl Skipped {
    /// The skip of `path` (relative to the site) for `kind`.
    pub fn new(path: impl Into<PathBuf>, kind: SkipReason) -> Skipped {
        Skipped { path: path.into(), reason: kind.to_string(), problem: kind.is_problem(), kind }
    }
}

/// `path: reason`, on one line whatever the path holds.
impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", escape_path(&self.path), escape(&self.reason))
    }
}

/// Why a file or a folder of the site was not read, or not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// A symbolic link to a file outside the site's folder.
    FileOutsideSite,
    /// A symbolic link to a folder outside the site's folder.
    FolderOutsideSite,
    /// A symbolic link to a file (or, when `folder`, a folder) the walk leaves out where it is:
    /// hidden, excluded, the bundle's own folder; `why` says which.
    LinkToLeftOut {
        /// Whether the link is to a folder.
        folder: bool,
        /// Why the target is left out where it is.
        why: String,
    },
    /// A symbolic link to a file read under another name (given, relative to the site).
    SameFile(PathBuf),
    /// A symbolic link to a folder read already (given, relative to the site; empty for the
    /// site's own folder).
    SameFolder(PathBuf),
    /// Not a regular file: a FIFO, a socket or a device (named).
    NotRegular(&'static str),
    /// Larger than [`crate::MAX_PAGE_BYTES`]; its size in bytes.
    TooLarge(u64),
    /// The file could not be read (the system's message).
    Unreadable(String),
    /// The folder could not be listed (the system's message).
    Unlistable(String),
    /// Bytes that are not text in the page's encoding (where, and what to do).
    Undecodable(String),
    /// A `.txt` copy of a page's source (Sphinx's `_sources/`): the page, when the site has it.
    SourceCopy(Option<PathBuf>),
    /// A `<meta http-equiv="refresh">` redirect stub, with the address it sends visitors to.
    RedirectStub(Option<String>),
    /// The page asks not to be indexed (robots `noindex`, `data-folio-ignore`, `draft: true`).
    AsksNotToBeIndexed(String),
    /// The page's language (or `None`: unknown) is not in `languages.only` (the list).
    LanguageLeftOut(Option<String>, Vec<String>),
    /// A page the generator makes of the other pages or of the sources rather than content of its
    /// own: an index of links (Sphinx's `genindex.html`, `py-modindex.html`), a search page, a
    /// module's highlighted source (Sphinx's viewcode, `_modules/`); what it is.
    GeneratedPage(String),
    /// The site's "not found" page (`404.html` at its root), which servers show for a missing page.
    NotFoundPage,
    /// An HTML page with the same title and text as one read before (given): a copy the generator
    /// made, as mdBook's `index.html` of its first chapter.
    SameText(PathBuf),
}

impl SkipReason {
    /// Whether the site owner has something to fix, rather than a choice made on purpose.
    pub fn is_problem(&self) -> bool {
        match self {
            SkipReason::FileOutsideSite
            | SkipReason::FolderOutsideSite
            | SkipReason::NotRegular(_)
            | SkipReason::TooLarge(_)
            | SkipReason::Unreadable(_)
            | SkipReason::Unlistable(_)
            | SkipReason::Undecodable(_) => true,
            SkipReason::LinkToLeftOut { .. }
            | SkipReason::SameFile(_)
            | SkipReason::SameFolder(_)
            | SkipReason::SourceCopy(_)
            | SkipReason::RedirectStub(_)
            | SkipReason::AsksNotToBeIndexed(_)
            | SkipReason::LanguageLeftOut(..)
            | SkipReason::GeneratedPage(_)
            | SkipReason::NotFoundPage
            | SkipReason::SameText(_) => false,
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::FileOutsideSite => write!(f, "symbolic link to a file outside the site (not read)"),
            SkipReason::FolderOutsideSite => write!(f, "symbolic link to a folder outside the site (not followed)"),
            SkipReason::LinkToLeftOut { folder, why } => {
                let what = if *folder { "folder" } else { "file" };
                write!(f, "symbolic link to a {what} that is not read where it is ({why})")
            }
            SkipReason::SameFile(first) => {
                write!(f, "same file as {} (a symbolic link; read once)", escape_path(first))
            }
            SkipReason::SameFolder(first) if first.as_os_str().is_empty() => {
                write!(f, "symbolic link to a folder already read (the site's own folder)")
            }
            SkipReason::SameFolder(first) => {
                write!(f, "symbolic link to a folder already read ({})", escape_path(first))
            }
            SkipReason::NotRegular(what) => write!(f, "not a regular file (a {what}; not read)"),
            SkipReason::TooLarge(bytes) => write!(
                f,
                "larger than the {} MiB a page may have ({bytes} bytes; not read)",
                crate::MAX_PAGE_BYTES >> 20
            ),
            SkipReason::Unreadable(error) => write!(f, "cannot read the file: {error}"),
            SkipReason::Unlistable(error) => write!(f, "cannot list the folder: {error}"),
            SkipReason::Undecodable(message) => write!(f, "{message}"),
            SkipReason::SourceCopy(Some(page)) => write!(f, "source copy of {}", escape_path(page)),
            SkipReason::SourceCopy(None) => write!(f, "source copy (in a _sources folder)"),
            SkipReason::RedirectStub(Some(to)) => write!(f, "redirect stub (to {to:?})"),
            SkipReason::RedirectStub(None) => write!(f, "redirect stub"),
            SkipReason::AsksNotToBeIndexed(how) => write!(f, "the page asks not to be indexed ({how})"),
            SkipReason::NotFoundPage => write!(f, "the site's \"not found\" page, shown for a missing address"),
            SkipReason::SameText(first) => {
                write!(f, "the same title and text as {} (a copy; indexed once)", escape_path(first))
            }
            SkipReason::GeneratedPage(what) => {
                write!(f, "{what}: made by the generator from the other pages or the sources, not content of its own")
            }
            SkipReason::LanguageLeftOut(lang, only) => {
                let shown = lang.as_deref().filter(|l| !l.is_empty()).unwrap_or("unknown");
                write!(f, "language {shown} is not in languages.only {only:?}")
            }
        }
    }
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

/// `path: message` (or the message alone), on one line whatever the path holds.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => write!(f, "{}: {}", escape_path(path), escape(&self.message)),
            None => write!(f, "{}", escape(&self.message)),
        }
    }
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
            escape_path(&self.root),
            self.documents,
            plural(self.documents, "document", "documents"),
        ));
        if !self.encodings.is_empty() {
            let list: Vec<String> = self.encodings.iter().map(|(e, n)| format!("{e} {n}")).collect();
            out.push_str(&format!("legacy encodings decoded: {}\n", escape(&list.join(", "))));
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
            out.push_str(&format!("other files, not read: {total} ({})\n", escape(&list.join("; "))));
        }
        out.push_str(&format!("skipped: {}\n", self.skipped.len()));
        for s in &self.skipped {
            out.push_str(&format!("  {s}\n"));
        }
        out.push_str(&format!("warnings: {}\n", self.warnings.len()));
        for w in &self.warnings {
            out.push_str(&format!("  {w}\n"));
        }
        for note in &self.notes {
            out.push_str(&format!("note: {}\n", escape(note)));
        }
        out
    }
}

/// The start of the [`SiteReport::other_files`] reasons of files that are not pages; the
/// extension follows.
pub(super) const NOT_A_PAGE: &str = "not a page: ";

pub(super) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `text` with every control character (C0, DEL, C1, the line and paragraph separators, and the
/// bidirectional overrides that reorder a terminal line) written as an escape: `\n`, `\r`, `\t`,
/// or `\u{…}`. Everything else is kept as it is.
pub(super) fn escape(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A path as the report writes it: `/`-separated, escaped (see [`escape`]).
pub(super) fn escape_path(path: &Path) -> String {
    escape(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_one_line_and_says_whether_to_fix_it() {
        let cases = [
            (SkipReason::RedirectStub(Some("new/page.html".into())), "redirect stub (to \"new/page.html\")", false),
            (SkipReason::RedirectStub(None), "redirect stub", false),
            (SkipReason::SourceCopy(Some("a/b.html".into())), "source copy of a/b.html", false),
            (SkipReason::NotRegular("socket"), "not a regular file (a socket; not read)", true),
            (SkipReason::SameFile("x\ny.html".into()), "same file as x\\ny.html (a symbolic link; read once)", false),
            (
                SkipReason::LanguageLeftOut(None, vec!["ru".into()]),
                "language unknown is not in languages.only [\"ru\"]",
                false,
            ),
        ];
        for (kind, text, problem) in cases {
            let skipped = Skipped::new("p\r.html", kind);
            assert_eq!((skipped.reason.as_str(), skipped.problem), (text, problem));
            assert_eq!(skipped.to_string(), format!("p\\r.html: {}", escape(text)));
        }
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape("plain name.html"), "plain name.html");
        assert_eq!(
            escape("a\nb\rc\td\u{1b}[31m\u{85}\u{2028}\u{202e}"),
            "a\\nb\\rc\\td\\u{1b}[31m\\u{85}\\u{2028}\\u{202e}"
        );
        assert_eq!(escape("письма/ü.html"), "письма/ü.html");
    }
}
