//! Where a bundle may be written: never over a site's own files.
//!
//! A bundle folder is new, empty, or a bundle Folio wrote before: it holds the marker file
//! [`MARKER`] (or, from before the marker, an `index.folio`) and nothing but bundle files and
//! hidden files. Anything else (the site folder itself, a folder above the site, a folder of the
//! site's pages) is refused before anything is read or written, with what to do instead.

use std::fs;
use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::assets::{COPIED, OFFLINE};
use super::{CHUNKS_DIR, REPORT_FILE};
use crate::cmd::INDEX_FILE;

/// The file that marks a folder as a bundle Folio wrote; the site reader never walks such a folder.
pub use folio_corpus::BUNDLE_MARKER as MARKER;

/// How many unexpected file names an error lists.
const SHOWN: usize = 3;

/// Checks that the bundle of `source` (a site folder or a file) may be written to `out`;
/// `explicit` says whether `out` came from `--out` (else it is the default, `<site>/folio`).
pub fn check_out(source: &Path, out: &Path, explicit: bool) -> Result<()> {
    let site = fs::canonicalize(source).with_context(|| format!("{}: cannot resolve the path", source.display()))?;
    let target = resolve(out)?;
    let named = if explicit {
        format!("--out {}", out.display())
    } else {
        format!("{} (the default bundle folder)", out.display())
    };
    if source.is_dir() {
        if target == site {
            bail!(
                "{named} is the site folder itself: the bundle's files (index.folio, report.txt, folio.js, chunks/, …) \
                 would overwrite the site's own. Give the bundle a folder of its own, e.g. --out {}",
                source.join("folio").display()
            );
        }
        if site.starts_with(&target) {
            bail!(
                "{named} is a folder above the site {}: the bundle's files could overwrite files there. \
                 Give the bundle a folder of its own, e.g. --out {}",
                source.display(),
                source.join("folio").display()
            );
        }
    }
    if target.is_file() {
        bail!("{named} is a file, not a folder; choose another --out");
    }
    let Ok(entries) = fs::read_dir(&target) else { return Ok(()) };
    let mut names: Vec<String> = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {}", out.display()))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    let foreign = foreign_files(&target, &names)?;
    let ours = names.iter().any(|n| n == MARKER || n == INDEX_FILE);
    if !foreign.is_empty() || (!ours && names.iter().any(|n| !n.starts_with('.'))) {
        let listed: Vec<&String> = if foreign.is_empty() {
            names.iter().filter(|n| !n.starts_with('.')).collect()
        } else {
            foreign.iter().collect()
        };
        let shown: Vec<&str> = listed.iter().take(SHOWN).map(|n| n.as_str()).collect();
        let more = if listed.len() > SHOWN { format!(" and {} more", listed.len() - SHOWN) } else { String::new() };
        let fix = if explicit {
            "choose a new or empty folder for --out".to_string()
        } else {
            format!("if it is part of the site, give the bundle another folder: --out <dir> (e.g. {})", suggest(source))
        };
        bail!(
            "{named} holds files Folio did not write ({}{more}): it is not a bundle folder, and writing the bundle \
             there could overwrite the site's files and would leave them out of the index; {fix}",
            shown.join(", ")
        );
    }
    Ok(())
}

/// The names of `dir` (a folder with `names`) that no bundle holds; hidden files are let be.
fn foreign_files(dir: &Path, names: &[String]) -> Result<Vec<String>> {
    let mut foreign = Vec::new();
    for name in names.iter().filter(|n| !n.starts_with('.')) {
        let known = name == INDEX_FILE || name == REPORT_FILE || name == OFFLINE || COPIED.contains(&name.as_str());
        if known {
            continue;
        }
        if name == CHUNKS_DIR && dir.join(name).is_dir() {
            let chunks = dir.join(name);
            for entry in fs::read_dir(&chunks).with_context(|| format!("listing {}", chunks.display()))? {
                let file = entry.with_context(|| format!("listing {}", chunks.display()))?.file_name();
                let file = file.to_string_lossy();
                if !file.starts_with('.') && !super::is_chunk_file(&file) {
                    foreign.push(format!("{CHUNKS_DIR}/{file}"));
                }
            }
            continue;
        }
        foreign.push(name.clone());
    }
    Ok(foreign)
}

/// A bundle folder to suggest beside the site.
fn suggest(source: &Path) -> String {
    let name = source.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
    source.with_file_name(format!("{name}-search")).display().to_string()
}

/// The absolute, symbolic-link-free form of `path`, which need not exist yet: its longest existing
/// ancestor resolved, then the rest.
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().context("reading the current folder")?.join(path)
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = fs::canonicalize(existing) {
            let mut out = real;
            for part in rest.iter().rev() {
                match part {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return Ok(out);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> Result<PathBuf> {
        let dir = std::env::temp_dir().join(format!("folio-guard-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("site/docs"))?;
        fs::write(dir.join("site/index.html"), "<title>Home</title>")?;
        fs::write(dir.join("site/docs/a.html"), "<title>A</title>")?;
        Ok(dir)
    }

    #[test]
    fn refuses_the_site_an_ancestor_and_a_folder_of_pages() -> Result<()> {
        let dir = scratch("refuse")?;
        let site = dir.join("site");
        let refused = |out: &Path, explicit: bool| check_out(&site, out, explicit).map_err(|e| e.to_string());
        assert!(refused(&site, true).is_err_and(|e| e.contains("is the site folder itself")));
        assert!(refused(&site.join("."), true).is_err_and(|e| e.contains("is the site folder itself")));
        assert!(refused(&dir, true).is_err_and(|e| e.contains("is a folder above the site")));
        let docs = refused(&site.join("docs"), true);
        assert!(docs.is_err_and(|e| e.contains("holds files Folio did not write (a.html)")));
        fs::create_dir_all(site.join("folio"))?;
        fs::write(site.join("folio/page.html"), "<title>Portfolio</title>")?;
        let default = refused(&site.join("folio"), false);
        assert!(
            default.is_err_and(|e| e.contains("(the default bundle folder) holds files") && e.contains("--out <dir>"))
        );
        fs::remove_dir_all(&dir)?;
        Ok(())
    }

    #[test]
    fn accepts_a_new_an_empty_and_an_earlier_bundle_folder() -> Result<()> {
        let dir = scratch("accept")?;
        let site = dir.join("site");
        check_out(&site, &site.join("folio"), false)?;
        check_out(&site, &dir.join("out/deeper"), true)?;
        fs::create_dir_all(dir.join("empty"))?;
        check_out(&site, &dir.join("empty"), true)?;
        let old = dir.join("old");
        fs::create_dir_all(old.join(CHUNKS_DIR))?;
        for name in [INDEX_FILE, REPORT_FILE, "folio.js", ".htaccess"] {
            fs::write(old.join(name), "x")?;
        }
        fs::write(old.join(CHUNKS_DIR).join("0badcafe-t0.folio"), "x")?;
        fs::write(old.join(CHUNKS_DIR).join("0badcafe-d0.pack"), "x")?;
        check_out(&site, &old, true)?;
        // A folder with only a report.txt is not a bundle.
        let report = dir.join("report");
        fs::create_dir_all(&report)?;
        fs::write(report.join(REPORT_FILE), "the site's own report")?;
        assert!(check_out(&site, &report, true).is_err());
        fs::write(old.join(CHUNKS_DIR).join("notes.txt"), "x")?;
        let chunk = check_out(&site, &old, true).map_err(|e| e.to_string());
        assert!(chunk.is_err_and(|e| e.contains("chunks/notes.txt")));
        fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
