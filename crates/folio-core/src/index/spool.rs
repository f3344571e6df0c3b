//! Append-only bytes held in memory or in a temporary file, read back by range once written: what
//! the writer keeps of the document store while it builds, so that a corpus of any size costs the
//! same memory (see [`IndexWriter::with_memory`](super::IndexWriter::with_memory)).

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::PathBuf;

use super::runs::temp_error;
use crate::Result;

/// Bytes appended one piece at a time, then read back by range.
#[derive(Debug, Default)]
pub(super) struct Spool {
    inner: Inner,
    len: u64,
}

#[derive(Debug)]
enum Inner {
    Memory(Vec<u8>),
    /// A temporary file: written through `out` until [`Spool::seal`], then read through `input`
    /// (a `RefCell`, so that reading a range needs no `&mut`; a spool is read by one thread).
    File {
        path: PathBuf,
        out: Option<BufWriter<File>>,
        input: RefCell<Option<File>>,
    },
}

impl Default for Inner {
    fn default() -> Self {
        Inner::Memory(Vec::new())
    }
}

impl Spool {
    /// A spool in the temporary file `path`, created (or emptied) now. The caller removes it
    /// (it lies in the writer's run folder, removed with it).
    pub(super) fn file(path: PathBuf) -> Result<Spool> {
        let file = File::create(&path).map_err(|e| temp_error(&path, e))?;
        let out = Some(BufWriter::with_capacity(1 << 16, file));
        Ok(Spool { inner: Inner::File { path, out, input: RefCell::new(None) }, len: 0 })
    }

    /// How many bytes were appended.
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// Appends `bytes`. Not after [`Spool::seal`].
    pub(super) fn append(&mut self, bytes: &[u8]) -> Result<()> {
        match &mut self.inner {
            Inner::Memory(buf) => buf.extend_from_slice(bytes),
            Inner::File { path, out, .. } => {
                let out = out.as_mut().ok_or_else(|| temp_error(path, "written to after it was sealed"))?;
                out.write_all(bytes).map_err(|e| temp_error(path, e))?;
            }
        }
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// Ends the writing: every byte appended can be read from now on.
    pub(super) fn seal(&mut self) -> Result<()> {
        if let Inner::File { path, out, input } = &mut self.inner {
            if let Some(out) = out.take() {
                out.into_inner().map_err(|e| temp_error(path, e.error()))?;
                *input.get_mut() = Some(File::open(&*path).map_err(|e| temp_error(path, e))?);
            }
        }
        Ok(())
    }

    /// Appends the bytes in `range` to `into`. The spool must be sealed if it is a file.
    pub(super) fn read(&self, range: Range<u64>, into: &mut Vec<u8>) -> Result<()> {
        let len = usize::try_from(range.end.saturating_sub(range.start)).unwrap_or(usize::MAX);
        match &self.inner {
            Inner::Memory(buf) => {
                let start = usize::try_from(range.start).unwrap_or(usize::MAX).min(buf.len());
                let end = start.saturating_add(len).min(buf.len());
                into.extend_from_slice(&buf[start..end]);
                Ok(())
            }
            Inner::File { path, input, .. } => {
                let mut input = input.borrow_mut();
                let file = input.as_mut().ok_or_else(|| temp_error(path, "read before it was sealed"))?;
                file.seek(SeekFrom::Start(range.start)).map_err(|e| temp_error(path, e))?;
                let at = into.len();
                into.resize(at + len, 0);
                file.read_exact(&mut into[at..]).map_err(|e| temp_error(path, e))
            }
        }
    }
}
