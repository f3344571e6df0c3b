//! The subcommands.

pub mod bench;
pub mod index;
pub mod search;

/// The file name of the index inside a bundle directory.
pub const INDEX_FILE: &str = "index.folio";

/// The largest index or chunk file read (4 GiB: the index format's offsets are 32-bit).
pub const MAX_INDEX_BYTES: u64 = 4 << 30;

/// The largest query file read (64 MiB; the Wikipedia leads' 63,000 queries are under 2 MiB).
pub const MAX_QUERIES_BYTES: u64 = 64 << 20;

/// Reads the regular file at `path`, at most `max` bytes: a FIFO, a device (`/dev/zero`) or a
/// file larger than `max` is an error naming the file, not a read that never ends.
pub fn read_regular(path: &std::path::Path, what: &str, max: u64) -> anyhow::Result<Vec<u8>> {
    use anyhow::{bail, Context};
    use std::io::Read;
    let metadata = std::fs::metadata(path).with_context(|| format!("reading {what} {}", path.display()))?;
    if !metadata.is_file() {
        bail!("{}: not a regular file; give {what} as a file", path.display());
    }
    let file = std::fs::File::open(path).with_context(|| format!("reading {what} {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).with_context(|| format!("reading {what} {}", path.display()))?;
    if bytes.len() as u64 > max {
        bail!("{}: larger than {} MiB; is it {what}?", path.display(), max >> 20);
    }
    Ok(bytes)
}
