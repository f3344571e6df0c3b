//! The bundle: the folder `folio index` writes next to a site, holding everything a page needs to
//! search it.
//!
//! Today it holds `index.folio` and `report.txt`. The search module and its page code (`folio.js`,
//! the `.wasm` file, `folio.css`) belong here too: add them in [`write`], where marked, so that one
//! function decides what a bundle contains.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use crate::cmd::INDEX_FILE;

/// The name of the build report inside the bundle.
pub const REPORT_FILE: &str = "report.txt";

/// What was written.
#[derive(Debug)]
pub struct Bundle {
    /// The files of the bundle, by name.
    pub files: Vec<String>,
}

/// Writes the bundle into `dir` (created if needed): the index, then the report. Each file is
/// written under a temporary name and renamed, so a server never hands out half a file.
pub fn write(dir: &Path, index: &[u8], report: &str) -> Result<Bundle> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{} exists and is not a folder; choose another --out", dir.display());
    }
    fs::create_dir_all(dir).with_context(|| format!("creating the bundle folder {}", dir.display()))?;
    let mut files = Vec::new();
    put(dir, INDEX_FILE, index)?;
    files.push(INDEX_FILE.to_string());
    // The web assets go here: folio.js, the .wasm module and folio.css (e.g. embedded in the CLI
    // with include_bytes! from www/pkg, or copied from next to the binary), each with `put`.
    put(dir, REPORT_FILE, report.as_bytes())?;
    files.push(REPORT_FILE.to_string());
    Ok(Bundle { files })
}

/// Writes one file of the bundle atomically.
fn put(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let path = dir.join(name);
    let temporary = dir.join(format!(".{name}.partial"));
    fs::write(&temporary, bytes).with_context(|| format!("writing {}", temporary.display()))?;
    fs::rename(&temporary, &path).with_context(|| format!("moving {} to {}", temporary.display(), path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_index_and_the_report_and_nothing_partial() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("folio-bundle-{}", std::process::id()));
        let bundle = write(&dir, b"FOLIOIDX", "report")?;
        assert_eq!(bundle.files, [INDEX_FILE, REPORT_FILE]);
        assert_eq!(fs::read(dir.join(INDEX_FILE))?, b"FOLIOIDX");
        assert_eq!(fs::read_to_string(dir.join(REPORT_FILE))?, "report");
        let mut names: Vec<String> =
            fs::read_dir(&dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names, [INDEX_FILE, REPORT_FILE]);
        fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
