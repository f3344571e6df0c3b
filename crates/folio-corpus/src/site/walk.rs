//! Walking a site's folder: which files are read, and why the others are not.
//!
//! Only regular files whose real path lies inside the site are read. Folders are walked in path
//! order, real folders first; then symbolic links to folders, each followed when its target is
//! inside the site, not left out where it is, and not read already (so loops end). A symbolic
//! link to a file is read when its target is a regular file inside the site that is not left out
//! and not read under its own name. Everything else is reported: links out of the site, FIFOs,
//! sockets and devices, files above [`MAX_PAGE_BYTES`], folders that cannot be listed, source
//! copies of HTML pages.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::{OsStr, OsString};
use std::fs::{self, FileType, Metadata};
use std::path::{Path, PathBuf};

use super::policy::{source_copy, Compiled, Format};
use super::report::{SiteReport, SkipReason, Skipped, NOT_A_PAGE};
use crate::config::CONFIG_FILE;
use crate::MAX_PAGE_BYTES;
use folio_core::{Error, Result};

/// A page file to read.
#[derive(Debug, Clone)]
pub(super) struct PageFile {
    /// Its path from the site's root as the report and ids write it: `/`-separated, bytes that
    /// are not UTF-8 written `\xNN`.
    pub(super) relative: String,
    /// The raw bytes of each segment of that path, for its URL.
    pub(super) segments: Vec<Vec<u8>>,
    /// Where to read it.
    pub(super) path: PathBuf,
    pub(super) format: Format,
}

/// A file found by the walk, before links to files read already are dropped.
struct Found {
    file: PageFile,
    /// Its real path.
    real: PathBuf,
    /// Whether it was reached through a symbolic link (its own, or a folder's).
    linked: bool,
}

/// A folder to walk.
struct Folder {
    segments: Vec<OsString>,
    path: PathBuf,
    real: PathBuf,
    linked: bool,
}

/// Walks the site at `root`: returns its page files in path order, and notes in `report` every
/// file and folder left out. `bundle` (the real path of the output folder) is never read.
pub(super) fn walk_site(
    root: &Path,
    bundle: Option<&Path>,
    compiled: &Compiled,
    report: &mut SiteReport,
) -> Result<Vec<PageFile>> {
    let real = fs::canonicalize(root).map_err(|e| Error::corpus(root, None, format!("cannot open the site: {e}")))?;
    let mut walk = Walk {
        root: real.clone(),
        bundle,
        compiled,
        report,
        folders: HashMap::new(),
        found: Vec::new(),
        links: VecDeque::new(),
        html: HashSet::new(),
    };
    let mut stack = vec![Folder { segments: Vec::new(), path: root.to_path_buf(), real, linked: false }];
    loop {
        while let Some(folder) = stack.pop() {
            walk.folder(folder, &mut stack)?;
        }
        // Real folders are all read: now the links to folders, in path order.
        let Some((segments, path)) = walk.links.pop_front() else { break };
        if let Some(folder) = walk.follow(segments, path) {
            stack.push(folder);
        }
    }
    Ok(walk.finish())
}

struct Walk<'a> {
    /// The real path of the site's folder.
    root: PathBuf,
    bundle: Option<&'a Path>,
    compiled: &'a Compiled,
    report: &'a mut SiteReport,
    /// Real path of each folder read → its path from the root.
    folders: HashMap<PathBuf, PathBuf>,
    found: Vec<Found>,
    /// Links to folders, to follow once the real folders are read, in the order found.
    links: VecDeque<(Vec<OsString>, PathBuf)>,
    /// The HTML pages of the site (relative paths), to recognise source copies.
    html: HashSet<String>,
}

impl Walk<'_> {
    /// Lists one folder: pushes its subfolders on `stack` (so they come out in path order),
    /// keeps its page files, counts or reports the rest.
    fn folder(&mut self, folder: Folder, stack: &mut Vec<Folder>) -> Result<()> {
        let listing = fs::read_dir(&folder.path).and_then(|entries| entries.collect::<std::io::Result<Vec<_>>>());
        let mut entries = match listing {
            Ok(entries) => entries,
            Err(e) if folder.segments.is_empty() => {
                return Err(Error::corpus(&folder.path, None, format!("cannot list the folder: {e}")));
            }
            Err(e) => {
                self.skip(&folder.segments, SkipReason::Unlistable(e.to_string()));
                return Ok(());
            }
        };
        self.folders.insert(folder.real.clone(), PathBuf::from(display(&folder.segments)));
        entries.sort_by_key(|e| e.file_name());
        let mut subfolders = Vec::new();
        for entry in entries {
            let name = entry.file_name();
            let mut segments = folder.segments.clone();
            segments.push(name.clone());
            if name.to_string_lossy().starts_with('.') {
                self.count("hidden".to_string());
                continue;
            }
            let path = entry.path();
            let real = folder.real.join(&name);
            let file_type = match entry.file_type() {
                Ok(t) => t,
                Err(e) => {
                    self.skip(&segments, SkipReason::Unreadable(e.to_string()));
                    continue;
                }
            };
            if file_type.is_symlink() {
                match fs::metadata(&path) {
                    Err(_) => self.count("broken symbolic links".to_string()),
                    Ok(target) if target.is_dir() => {
                        if let Some(reason) = self.folder_left_out(&segments, &real) {
                            self.count(reason);
                        } else {
                            self.links.push_back((segments, path));
                        }
                    }
                    Ok(target) => self.file(segments, path, None, Some(target), folder.linked),
                }
            } else if file_type.is_dir() {
                match self.folder_left_out(&segments, &real) {
                    Some(reason) => self.count(reason),
                    None => subfolders.push(Folder { segments, path, real, linked: folder.linked }),
                }
            } else {
                self.file(segments, path, Some(real), entry.metadata().ok(), folder.linked);
            }
        }
        stack.extend(subfolders.into_iter().rev());
        Ok(())
    }

    /// Why the folder at `segments` (real path `real`) is not walked, counted by reason.
    fn folder_left_out(&self, segments: &[OsString], real: &Path) -> Option<String> {
        if self.bundle.is_some_and(|b| b == real) {
            return Some("the bundle's own folder".to_string());
        }
        if real.join(super::BUNDLE_MARKER).is_file() {
            return Some("a bundle Folio wrote".to_string());
        }
        self.compiled.builtin.is_match(format!("{}/x", display(segments))).then(|| "built-in excludes".to_string())
    }

    /// Looks at one file: `real` is its real path when known without following a link (`None`
    /// for a link), `metadata` what the system says of it (of its target, for a link).
    fn file(
        &mut self,
        segments: Vec<OsString>,
        path: PathBuf,
        real: Option<PathBuf>,
        metadata: Option<Metadata>,
        linked: bool,
    ) {
        let relative = display(&segments);
        let name = segments.last().map(|n| display(std::slice::from_ref(n))).unwrap_or_default();
        let format = if self.compiled.builtin.is_match(&relative) {
            return self.count("built-in excludes".to_string());
        } else if let Some(&first) = self.compiled.exclude.matches(&relative).first() {
            let pattern = &self.compiled.exclude_patterns[first];
            return self.count(format!("excluded by {pattern:?}"));
        } else {
            match Format::of(&name) {
                Some(format) if self.compiled.include.is_match(&relative) => format,
                Some(_) => return self.count("pages not in site.include".to_string()),
                None if relative == CONFIG_FILE => return self.count("configuration".to_string()),
                None => {
                    let ext = name.rsplit_once('.').map_or("(none)".to_string(), |(_, e)| format!(".{e}"));
                    return self.count(format!("{NOT_A_PAGE}{}", ext.to_lowercase()));
                }
            }
        };
        let Some(metadata) = metadata else {
            return self.skip(&segments, SkipReason::Unreadable("the system gives no information on it".into()));
        };
        let (real, linked) = match real {
            Some(real) => (real, linked),
            None => match self.link_target(&path) {
                Ok(real) => (real, true),
                Err(reason) => return self.skip(&segments, reason),
            },
        };
        if !metadata.is_file() {
            return self.skip(&segments, SkipReason::NotRegular(kind_of(metadata.file_type())));
        }
        if format != Format::Jsonl && metadata.len() > MAX_PAGE_BYTES {
            return self.skip(&segments, SkipReason::TooLarge(metadata.len()));
        }
        if format == Format::Html {
            self.html.insert(relative.clone());
        }
        let file = PageFile { relative, segments: segments.iter().map(|s| bytes(s)).collect(), path, format };
        self.found.push(Found { file, real, linked });
    }

    /// The real path of the file a link at `path` leads to, when it may be read.
    fn link_target(&self, path: &Path) -> std::result::Result<PathBuf, SkipReason> {
        let real = fs::canonicalize(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
        let Some(inside) = self.inside(&real) else { return Err(SkipReason::FileOutsideSite) };
        if let Some(why) = self.compiled.left_out(&inside, false) {
            return Err(SkipReason::LinkToLeftOut { folder: false, why });
        }
        if self.bundle.is_some_and(|b| real.starts_with(b)) {
            return Err(SkipReason::LinkToLeftOut { folder: false, why: "the bundle's own folder".into() });
        }
        Ok(real)
    }

    /// The folder a link at `path` leads to, when it is to be walked; otherwise says why not.
    fn follow(&mut self, segments: Vec<OsString>, path: PathBuf) -> Option<Folder> {
        let reason = match fs::canonicalize(&path) {
            Err(e) => SkipReason::Unlistable(e.to_string()),
            Ok(real) => match self.inside(&real) {
                None => SkipReason::FolderOutsideSite,
                Some(_) if self.folders.contains_key(&real) => SkipReason::SameFolder(self.folders[&real].clone()),
                Some(_) if self.bundle.is_some_and(|b| real.starts_with(b)) => {
                    SkipReason::LinkToLeftOut { folder: true, why: "the bundle's own folder".into() }
                }
                Some(inside) => match self.compiled.left_out(&inside, true) {
                    Some(why) => SkipReason::LinkToLeftOut { folder: true, why },
                    None => return Some(Folder { segments, path, real, linked: true }),
                },
            },
        };
        self.skip(&segments, reason);
        None
    }

    /// `real` as a `/`-separated path from the site's root, when it is inside the site.
    fn inside(&self, real: &Path) -> Option<String> {
        let relative = real.strip_prefix(&self.root).ok()?;
        let segments: Vec<OsString> = relative.components().map(|c| c.as_os_str().to_os_string()).collect();
        Some(display(&segments))
    }

    /// The page files in path order, without links to files read already (under their own
    /// name, or through an earlier link) and without source copies of HTML pages.
    fn finish(mut self) -> Vec<PageFile> {
        self.found.sort_by(|a, b| a.file.segments.cmp(&b.file.segments));
        let mut first: HashMap<PathBuf, String> = HashMap::new();
        for found in self.found.iter().filter(|f| !f.linked) {
            first.insert(found.real.clone(), found.file.relative.clone());
        }
        let mut files = Vec::with_capacity(self.found.len());
        for found in std::mem::take(&mut self.found) {
            let segments: Vec<OsString> = found.file.segments.iter().map(|s| os_string(s)).collect();
            if found.linked {
                if let Some(earlier) = first.get(&found.real) {
                    self.skip(&segments, SkipReason::SameFile(PathBuf::from(earlier)));
                    continue;
                }
                first.insert(found.real.clone(), found.file.relative.clone());
            }
            if found.file.format == Format::Html && found.file.relative.eq_ignore_ascii_case("404.html") {
                self.skip(&segments, SkipReason::NotFoundPage);
                continue;
            }
            if found.file.format == Format::Html && is_theme_asset(&found.file.relative) {
                self.count("theme files in Sphinx's _static/".to_string());
                continue;
            }
            if matches!(found.file.format, Format::Text | Format::Markdown) {
                if let Some(reason) = source_copy(&found.file.relative, &self.html) {
                    self.skip(&segments, reason);
                    continue;
                }
            }
            files.push(found.file);
        }
        files
    }

    fn skip(&mut self, segments: &[OsString], reason: SkipReason) {
        self.report.skipped.push(Skipped::new(display(segments), reason));
    }

    fn count(&mut self, reason: String) {
        *self.report.other_files.entry(reason).or_default() += 1;
    }
}

/// Whether the page at `relative` is in a `_static/` folder: Sphinx copies its theme's files
/// there, among them HTML that is Jinja templates (pydata-sphinx-theme's `webpack-macros.html`).
fn is_theme_asset(relative: &str) -> bool {
    relative.split('/').rev().skip(1).any(|s| s == "_static")
}

/// What kind of file that is not a regular file is, in a word (`FIFO`, `folder`): for the
/// site's report and the configuration's errors alike.
pub(crate) fn kind_of(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    if file_type.is_dir() {
        "folder"
    } else {
        "special file"
    }
}

/// Path segments as the report writes them: `/`-separated, bytes that are not UTF-8 as `\xNN`.
pub(super) fn display(segments: &[OsString]) -> String {
    let mut out = String::new();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        match segment.to_str() {
            Some(text) => out.push_str(text),
            None => {
                for chunk in bytes(segment).utf8_chunks() {
                    out.push_str(chunk.valid());
                    for b in chunk.invalid() {
                        out.push_str(&format!("\\x{b:02X}"));
                    }
                }
            }
        }
    }
    out
}

/// The raw bytes of a file name (on systems whose names are not bytes, its UTF-8).
pub(super) fn bytes(name: &OsStr) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        name.as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy().as_bytes().to_vec()
    }
}

fn os_string(bytes: &[u8]) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        OsStr::from_bytes(bytes).to_os_string()
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(bytes).into_owned())
    }
}
