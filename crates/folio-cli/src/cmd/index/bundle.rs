//! The bundle: the folder `folio index` writes next to a site, holding everything a page needs to
//! search it.
//!
//! It holds `index.folio`, `report.txt` and the search module and its page code, built into this
//! binary (see [`assets`]) or read from `--assets <dir>`: `folio.js`, `folio-worker.js`,
//! `folio-engine.js`, `folio_bg.wasm`, `folio.css`, `folio.d.ts`, `folio-highlight.js` (the opt-in
//! script that marks the matched words on the pages results link to), `folio-offline.js` with this
//! index inlined, so the bundle also works from `file://`, and `folio-load.js`, the one tag that
//! loads `folio.js` when served and `folio-offline.js` from disk. A split index is `index.folio` (the
//! root) plus `chunks/`; it has no offline script, since a page opened from disk cannot fetch.
//! The marker [`guard::MARKER`] says the folder is a bundle, so a rebuild may replace it
//! ([`guard::check_out`] refuses any other folder). One function, [`write`], decides what a
//! bundle contains.
//!
//! A rebuild never leaves a broken bundle: every file is written under a temporary name and
//! renamed, the new chunks go beside the old ones, the root `index.folio` that names them is
//! replaced after them, and the old chunks are removed only once the whole new bundle is written.

pub mod assets;
pub mod guard;
pub mod module;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use folio_core::index::pack::{self, PackWriter, PACK_BYTES};
use folio_core::index::{ChunkSink, Written};

pub use assets::Assets;
use assets::{COPIED, OFFLINE};
pub use module::{choose, Module};

use crate::cmd::INDEX_FILE;

/// The name of the build report inside the bundle.
pub const REPORT_FILE: &str = "report.txt";
/// The folder of a split index's chunks, beside `index.folio`.
pub const CHUNKS_DIR: &str = "chunks";

/// What was written.
#[derive(Debug)]
pub struct Bundle {
    /// The files of the bundle, by name (`chunks/ (n files)` for the chunks).
    pub files: Vec<String>,
    /// The size of every file written, in bytes.
    pub bytes: u64,
}

/// Why the bundle of `index` has no offline (`file://`) script, if it has none.
pub fn no_offline(index: &Written) -> Option<String> {
    match index {
        Written::Single(_) => None,
        Written::Split(split) => Some(split_offline(split.chunks.len())),
        Written::Streamed { chunks, .. } => Some(split_offline(chunks.len())),
    }
}

fn split_offline(files: usize) -> String {
    format!(
        "the index is split into chunks ({files} {} in chunks/), which a page opened from disk (file://) cannot fetch; \
         index with --split never for a bundle that also works from disk",
        if files == 1 { "file" } else { "files" }
    )
}

/// Writes one chunk of a split index into the bundle folder `dir` (created if needed) as the
/// index is written, before [`write`] writes the rest of the bundle ([`Written::Streamed`]).
pub fn put_chunk(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let folder = dir.join(CHUNKS_DIR);
    if !folder.is_dir() {
        fs::create_dir_all(&folder).with_context(|| format!("creating {}", folder.display()))?;
    }
    put(dir, name, bytes)
}

/// Runs `write` (an index writer's `finish_auto_into`) with its chunks packed ([`pack`]): they
/// go to `put` as pack files, and a split index comes back as [`Written::Streamed`] with the pack
/// table in its root and the pack files as its chunk files.
pub fn packed(
    put: &mut ChunkSink<'_>,
    write: impl FnOnce(&mut ChunkSink<'_>) -> folio_core::Result<Written>,
) -> folio_core::Result<Written> {
    let mut packer = PackWriter::new(PACK_BYTES, put);
    match write(&mut |name, bytes| packer.add(&name, &bytes))? {
        Written::Streamed { root, .. } => {
            let (root, files, chunk_bytes) = packer.finish(&root)?;
            Ok(Written::Streamed { root, chunks: files, chunk_bytes })
        }
        other => Ok(other),
    }
}

/// Packs the chunk files of a split index already written into `dir` ([`put_chunk`]; `root`
/// and its `chunks`, in order) into pack files handed to `put`, removes the chunk files, and
/// returns the index as [`packed`] would have written it.
pub fn pack_chunk_files(
    dir: &Path,
    root: &[u8],
    chunks: &[String],
    put: &mut ChunkSink<'_>,
) -> folio_core::Result<Written> {
    let mut packer = PackWriter::new(PACK_BYTES, put);
    for name in chunks {
        let path = dir.join(name);
        let bytes = fs::read(&path).map_err(|e| folio_core::Error::TempFile {
            path: path.clone(),
            message: format!("reading it back to pack it: {e}"),
        })?;
        packer.add(name, &bytes)?;
    }
    let (root, files, chunk_bytes) = packer.finish(root)?;
    for name in chunks {
        let path = dir.join(name);
        fs::remove_file(&path)
            .map_err(|e| folio_core::Error::TempFile { path, message: format!("removing it once packed: {e}") })?;
    }
    Ok(Written::Streamed { root, chunks: files, chunk_bytes })
}

/// The files that chunk names (as [`folio_core::index::Index::chunk_names`] gives them) are
/// read from, each once, in order: the chunk files, or the packs.
pub fn files_of(names: &[String]) -> Vec<String> {
    let mut files: Vec<String> = Vec::new();
    for name in names {
        let file = pack::parse_address(name).map_or(name.as_str(), |(file, _, _)| file);
        if files.last().is_none_or(|last| last != file) {
            files.push(file.to_string());
        }
    }
    files
}

/// Reads the chunk `name` (as [`folio_core::index::Index::chunk_names`] gives it) of the index
/// whose root is in `dir`: a chunk file, or a chunk's byte range in a pack.
pub fn read_chunk(dir: &Path, name: &str) -> Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let Some((file, offset, len)) = pack::parse_address(name) else {
        return crate::cmd::read_regular(&dir.join(name), "an index chunk", crate::cmd::MAX_INDEX_BYTES);
    };
    let path = dir.join(file);
    let mut f = fs::File::open(&path).with_context(|| format!("reading the index pack {}", path.display()))?;
    let mut bytes = vec![0; len];
    f.seek(SeekFrom::Start(offset))
        .and_then(|_| f.read_exact(&mut bytes))
        .with_context(|| format!("{}: no bytes {offset}..{} (the pack is shorter than index.folio says; publish the root and chunks/ from one build)", path.display(), offset + len as u64))?;
    Ok(bytes)
}

/// The line of the offline script that holds the inlined index.
const INLINE_MARK: &str = "const FOLIO_INDEX = null;";

/// Writes the bundle into `dir` (created if needed): the new chunks, the web files of `module` from `assets`
/// (under the same names whichever module it is, so pages load either alike),
/// the offline script, the root index, the report and the marker; then removes what the last
/// build left that this one does not have (old chunks, an offline script a split index cannot
/// use). `dir` must have passed [`guard::check_out`].
pub fn write(dir: &Path, index: &Written, report: &str, assets: &Assets, module: Module) -> Result<Bundle> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{} exists and is not a folder; choose another --out", dir.display());
    }
    fs::create_dir_all(dir).with_context(|| format!("creating the bundle folder {}", dir.display()))?;
    let mut bundle = Bundle { files: Vec::new(), bytes: 0 };
    let mut chunk_names = BTreeSet::new();
    let root = match index {
        Written::Single(bytes) => bytes,
        Written::Split(split) => {
            fs::create_dir_all(dir.join(CHUNKS_DIR))
                .with_context(|| format!("creating {}", dir.join(CHUNKS_DIR).display()))?;
            for (name, bytes) in &split.chunks {
                put(dir, name, bytes)?;
                bundle.bytes += bytes.len() as u64;
                chunk_names.insert(name.clone());
            }
            bundle.files.push(chunk_files(split.chunks.len()));
            &split.root
        }
        Written::Streamed { root, chunks, chunk_bytes } => {
            // Already written, by put_chunk.
            chunk_names.extend(chunks.iter().cloned());
            bundle.bytes += *chunk_bytes;
            bundle.files.push(chunk_files(chunks.len()));
            root
        }
    };
    for name in COPIED {
        let bytes = assets.read(name, module)?;
        put(dir, name, &bytes)?;
        bundle.add(name, bytes.len());
    }
    // A page opened from disk cannot fetch chunks: the offline script needs the whole index.
    match index {
        Written::Single(bytes) => {
            let template = assets.read(OFFLINE, module)?;
            let script = std::str::from_utf8(&template).with_context(|| format!("{OFFLINE}: not UTF-8"))?;
            if !script.contains(INLINE_MARK) {
                anyhow::bail!("{OFFLINE}: no `{INLINE_MARK}` line to inline the index into");
            }
            let inlined = script.replacen(INLINE_MARK, &format!("const FOLIO_INDEX = \"{}\";", base64(bytes)), 1);
            put(dir, OFFLINE, inlined.as_bytes())?;
            bundle.add(OFFLINE, inlined.len());
        }
        Written::Split(_) | Written::Streamed { .. } => {}
    }
    put(dir, INDEX_FILE, root)?;
    bundle.files.insert(0, INDEX_FILE.to_string());
    bundle.bytes += root.len() as u64;
    put(dir, REPORT_FILE, report.as_bytes())?;
    bundle.add(REPORT_FILE, report.len());
    let marker = format!(
        "A search bundle written by `folio index` (Folio {}). `folio index` rewrites this folder; it \
         refuses to write into a folder without this file that holds anything else.\n",
        env!("CARGO_PKG_VERSION")
    );
    put(dir, guard::MARKER, marker.as_bytes())?;
    bundle.bytes += marker.len() as u64;
    // The new bundle is complete: now what only the old one used can go.
    remove_old_chunks(dir, &chunk_names)?;
    if no_offline(index).is_some() {
        let stale = dir.join(OFFLINE);
        if stale.exists() {
            fs::remove_file(&stale).with_context(|| format!("removing the stale {}", stale.display()))?;
        }
    }
    Ok(bundle)
}

/// How the bundle's file list names the chunks folder.
fn chunk_files(n: usize) -> String {
    format!("{CHUNKS_DIR}/ ({n} {})", if n == 1 { "file" } else { "files" })
}

impl Bundle {
    fn add(&mut self, name: &str, len: usize) {
        self.files.push(name.to_string());
        self.bytes += len as u64;
    }
}

/// Removes the chunk and pack files (`chunks/*.folio`, `chunks/*.pack`) that `keep` does not
/// name, and the folder if that empties it.
fn remove_old_chunks(dir: &Path, keep: &BTreeSet<String>) -> Result<()> {
    let chunks = dir.join(CHUNKS_DIR);
    let Ok(entries) = fs::read_dir(&chunks) else { return Ok(()) };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = format!("{CHUNKS_DIR}/{}", entry.file_name().to_string_lossy());
        if is_chunk_file(&entry.file_name().to_string_lossy()) && !keep.contains(&name) {
            fs::remove_file(&path).with_context(|| format!("removing the old chunk {}", path.display()))?;
        }
    }
    let _ = fs::remove_dir(&chunks);
    Ok(())
}

/// Whether a file of `chunks/` is one `folio index` writes there: a chunk (`.folio`) or a pack
/// (`.pack`).
pub fn is_chunk_file(name: &str) -> bool {
    name.ends_with(".folio") || name.ends_with(".pack")
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
mod tests;
