//! The bundle: the folder `folio index` writes next to a site, holding everything a page needs to
//! search it.
//!
//! It holds `index.folio`, `report.txt` and the search module and its page code, built into this
//! binary (see [`assets`]) or read from `--assets <dir>`: `folio.js`, `folio-worker.js`,
//! `folio-engine.js`, `folio_bg.wasm`, `folio.css`, `folio.d.ts`, and `folio-offline.js` with this
//! index inlined, so the bundle also works from `file://`. A split index is `index.folio` (the
//! root) plus `chunks/`; it has no offline script, since a page opened from disk cannot fetch.
//! One function, [`write`], decides what a bundle contains.

pub mod assets;

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use folio_core::index::Written;

pub use assets::Assets;
use assets::{COPIED, OFFLINE};

use crate::cmd::INDEX_FILE;

/// The name of the build report inside the bundle.
pub const REPORT_FILE: &str = "report.txt";

/// What was written.
#[derive(Debug)]
pub struct Bundle {
    /// The files of the bundle, by name.
    pub files: Vec<String>,
}

/// The folder of a split index's chunks, beside `index.folio`.
const CHUNKS_DIR: &str = "chunks";
/// The line of the offline script that holds the inlined index.
const INLINE_MARK: &str = "const FOLIO_INDEX = null;";

/// Writes the bundle into `dir` (created if needed): the index, the web files from `assets`,
/// then the report. Each file is written under a temporary name and renamed, so a server
/// never hands out half a file.
pub fn write(dir: &Path, index: &Written, report: &str, assets: &Assets) -> Result<Bundle> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{} exists and is not a folder; choose another --out", dir.display());
    }
    fs::create_dir_all(dir).with_context(|| format!("creating the bundle folder {}", dir.display()))?;
    let mut files = Vec::new();
    remove_old_chunks(dir)?;
    let root = match index {
        Written::Single(bytes) => bytes,
        Written::Split(split) => {
            fs::create_dir_all(dir.join(CHUNKS_DIR))
                .with_context(|| format!("creating {}", dir.join(CHUNKS_DIR).display()))?;
            for (name, bytes) in &split.chunks {
                put(dir, name, bytes)?;
            }
            let n = split.chunks.len();
            files.push(format!("{CHUNKS_DIR}/ ({n} {})", if n == 1 { "file" } else { "files" }));
            &split.root
        }
    };
    put(dir, INDEX_FILE, root)?;
    files.insert(0, INDEX_FILE.to_string());
    for name in COPIED {
        put(dir, name, &assets.read(name)?)?;
        files.push(name.to_string());
    }
    // A page opened from disk cannot fetch chunks: the offline script needs the whole index.
    if let Written::Single(bytes) = index {
        let template = assets.read(OFFLINE)?;
        let script = std::str::from_utf8(&template).with_context(|| format!("{OFFLINE}: not UTF-8"))?;
        if !script.contains(INLINE_MARK) {
            anyhow::bail!("{OFFLINE}: no `{INLINE_MARK}` line to inline the index into");
        }
        let inlined = script.replacen(INLINE_MARK, &format!("const FOLIO_INDEX = \"{}\";", base64(bytes)), 1);
        put(dir, OFFLINE, inlined.as_bytes())?;
        files.push(OFFLINE.to_string());
    } else {
        let stale = dir.join(OFFLINE);
        if stale.exists() {
            fs::remove_file(&stale).with_context(|| format!("removing the stale {}", stale.display()))?;
        }
    }
    put(dir, REPORT_FILE, report.as_bytes())?;
    files.push(REPORT_FILE.to_string());
    Ok(Bundle { files })
}

/// Removes the chunk files of an earlier build (`chunks/*.folio`), and the folder if that empties it.
fn remove_old_chunks(dir: &Path) -> Result<()> {
    let chunks = dir.join(CHUNKS_DIR);
    let Ok(entries) = fs::read_dir(&chunks) else { return Ok(()) };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "folio") {
            fs::remove_file(&path).with_context(|| format!("removing the old chunk {}", path.display()))?;
        }
    }
    let _ = fs::remove_dir(&chunks);
    Ok(())
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
    let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = path.with_file_name(format!(".{file}.partial"));
    fs::write(&temporary, bytes).with_context(|| format!("writing {}", temporary.display()))?;
    fs::rename(&temporary, &path).with_context(|| format!("moving {} to {}", temporary.display(), path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_core::index::SplitIndex;

    #[test]
    fn writes_the_index_and_the_report_and_nothing_partial() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("folio-bundle-{}", std::process::id()));
        let bundle = write(&dir, &Written::Single(b"FOLIOIDX".to_vec()), "report", &Assets::Embedded)?;
        let mut expected = vec![INDEX_FILE];
        expected.extend(COPIED);
        expected.extend([OFFLINE, REPORT_FILE]);
        assert_eq!(bundle.files, expected);
        assert_eq!(fs::read(dir.join(INDEX_FILE))?, b"FOLIOIDX");
        assert_eq!(fs::read_to_string(dir.join(REPORT_FILE))?, "report");
        let mut names: Vec<String> =
            fs::read_dir(&dir)?.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        expected.sort();
        assert_eq!(names, expected, "nothing partial is left");
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
        for name in COPIED {
            fs::write(assets.join(name), name)?;
        }
        fs::write(assets.join(OFFLINE), format!("a;\n{INLINE_MARK} /* folio:inline-index */\nb;"))?;
        let bundle = write(&dir, &Written::Single(b"FOLIO".to_vec()), "report", &Assets::Dir(assets.clone()))?;
        assert_eq!(bundle.files.len(), COPIED.len() + 3);
        assert_eq!(fs::read_to_string(dir.join("folio.css"))?, "folio.css");
        let offline = fs::read_to_string(dir.join(OFFLINE))?;
        assert!(offline.contains("const FOLIO_INDEX = \"Rk9MSU8=\";"), "{offline}");

        // A split index: root and chunks, no offline script, and no chunk of the last build left.
        fs::create_dir_all(dir.join(CHUNKS_DIR))?;
        fs::write(dir.join(CHUNKS_DIR).join("0badcafe-t0.folio"), "old")?;
        let split =
            SplitIndex { root: b"ROOT".to_vec(), chunks: vec![("chunks/1234abcd-t0.folio".into(), b"T0".to_vec())] };
        let bundle = write(&dir, &Written::Split(split), "report", &Assets::Dir(assets.clone()))?;
        assert!(bundle.files.contains(&"chunks/ (1 file)".to_string()), "{:?}", bundle.files);
        assert_eq!(fs::read(dir.join(INDEX_FILE))?, b"ROOT");
        let chunks: Vec<String> = fs::read_dir(dir.join(CHUNKS_DIR))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(chunks, ["1234abcd-t0.folio"]);
        assert!(!dir.join(OFFLINE).exists());
        fs::remove_dir_all(&base)?;
        Ok(())
    }
}
