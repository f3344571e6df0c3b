//! The bundle: the folder `folio index` writes next to a site, holding everything a page needs to
//! search it.
//!
//! It holds `index.folio`, `report.txt` and, when the web assets are built (`dist/`, written by
//! `scripts/build-web.sh`), the search module and its page code: `folio.js`, `folio-worker.js`,
//! `folio-engine.js`, `folio_bg.wasm`, `folio.css`, `folio.d.ts`, and `folio-offline.js` with this
//! index inlined, so the bundle also works from `file://`. One function, [`write`], decides what a
//! bundle contains.

use std::fs;
use std::path::{Path, PathBuf};

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

/// The web assets copied as they are.
const ASSETS: [&str; 6] =
    ["folio.js", "folio-worker.js", "folio-engine.js", "folio_bg.wasm", "folio.css", "folio.d.ts"];
/// The single-file variant for `file://`, which gets the index inlined.
const OFFLINE: &str = "folio-offline.js";
/// The line of the offline script that holds the inlined index.
const INLINE_MARK: &str = "const FOLIO_INDEX = null;";

/// The `dist/` folder of the checkout this binary was built from, if it has been built.
pub fn default_assets() -> Option<PathBuf> {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dist");
    dist.join("folio.js").is_file().then_some(dist)
}

/// Writes the bundle into `dir` (created if needed): the index, the web assets from `assets` when
/// given, then the report. Each file is written under a temporary name and renamed, so a server
/// never hands out half a file.
pub fn write(dir: &Path, index: &[u8], report: &str, assets: Option<&Path>) -> Result<Bundle> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{} exists and is not a folder; choose another --out", dir.display());
    }
    fs::create_dir_all(dir).with_context(|| format!("creating the bundle folder {}", dir.display()))?;
    let mut files = Vec::new();
    put(dir, INDEX_FILE, index)?;
    files.push(INDEX_FILE.to_string());
    if let Some(assets) = assets {
        for name in ASSETS {
            let from = assets.join(name);
            let bytes = fs::read(&from).with_context(|| format!("reading the web asset {}", from.display()))?;
            put(dir, name, &bytes)?;
            files.push(name.to_string());
        }
        let from = assets.join(OFFLINE);
        let script = fs::read_to_string(&from).with_context(|| format!("reading {}", from.display()))?;
        if !script.contains(INLINE_MARK) {
            anyhow::bail!("{}: no `{INLINE_MARK}` line to inline the index into", from.display());
        }
        let inlined = script.replacen(INLINE_MARK, &format!("const FOLIO_INDEX = \"{}\";", base64(index)), 1);
        put(dir, OFFLINE, inlined.as_bytes())?;
        files.push(OFFLINE.to_string());
    }
    put(dir, REPORT_FILE, report.as_bytes())?;
    files.push(REPORT_FILE.to_string());
    Ok(Bundle { files })
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
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
        let bundle = write(&dir, b"FOLIOIDX", "report", None)?;
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

    #[test]
    fn base64_matches_rfc_4648_examples() {
        for (plain, encoded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn copies_the_web_assets_and_inlines_the_index_offline() -> Result<()> {
        let base = std::env::temp_dir().join(format!("folio-assets-{}", std::process::id()));
        let (assets, dir) = (base.join("dist"), base.join("out"));
        fs::create_dir_all(&assets)?;
        for name in ASSETS {
            fs::write(assets.join(name), name)?;
        }
        fs::write(assets.join(OFFLINE), format!("a;\n{INLINE_MARK} /* folio:inline-index */\nb;"))?;
        let bundle = write(&dir, b"FOLIO", "report", Some(&assets))?;
        assert_eq!(bundle.files.len(), ASSETS.len() + 3);
        assert_eq!(fs::read_to_string(dir.join("folio.css"))?, "folio.css");
        let offline = fs::read_to_string(dir.join(OFFLINE))?;
        assert!(offline.contains("const FOLIO_INDEX = \"Rk9MSU8=\";"), "{offline}");
        fs::remove_dir_all(&base)?;
        Ok(())
    }
}
