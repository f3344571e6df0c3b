//! Runs: the postings of consecutive documents, inverted in memory until they reach a budget,
//! then sorted by term and spilled to temporary files; and the k-way merge that reads the runs
//! back in term order (see [`IndexWriter::with_memory`](super::IndexWriter::with_memory)).
//!
//! Runs hold consecutive documents, so a term's postings, read run after run, come in document
//! order: merging is concatenating. A word form maps to the stem of its first occurrence, so for
//! a word in several runs the earliest run's stem wins. Each spilled run is three files:
//!
//! ```text
//! run-N.terms   per stem, sorted: key, posting count, per posting: doc, per field: count, positions
//! run-N.stems   the same stems alone, for the pass that numbers them
//! run-N.words   per word form, sorted: key, the stem it maps to
//! ```
//!
//! Integers are LEB128 varints, strings a varint length and UTF-8 bytes, positions delta-coded.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::fields::Field;
use super::hash::FxHashMap;
use super::postings::PostingBuilder;
use crate::{Error, Result};

/// The postings of the documents added since the last spill, by term.
#[derive(Debug, Default)]
pub(super) struct RunBuffer {
    term_ids: FxHashMap<String, u32>,
    postings: Vec<Vec<PostingBuilder>>,
    /// Word form → id of the stem of its first occurrence in this run.
    word_ids: FxHashMap<String, u32>,
    bytes: usize,
}

/// Roughly what a hash map entry and a `Vec` header cost beside their contents.
const ENTRY_BYTES: usize = 56;

impl RunBuffer {
    /// The run-local id of `term`, numbered on first sight.
    pub(super) fn term_id(&mut self, term: String) -> u32 {
        let next = self.term_ids.len() as u32;
        let (postings, bytes) = (&mut self.postings, &mut self.bytes);
        let len = term.len();
        *self.term_ids.entry(term).or_insert_with(|| {
            postings.push(Vec::new());
            *bytes += len + 2 * ENTRY_BYTES;
            next
        })
    }

    /// Notes that `word` was indexed under the stem with run-local id `id`, unless it was before.
    pub(super) fn add_word(&mut self, word: String, id: u32) {
        let len = word.len();
        let bytes = &mut self.bytes;
        self.word_ids.entry(word).or_insert_with(|| {
            *bytes += len + ENTRY_BYTES;
            id
        });
    }

    /// Appends `posting` to the stem with run-local id `id`; documents come in ascending order.
    pub(super) fn push(&mut self, id: u32, posting: PostingBuilder) {
        self.bytes += std::mem::size_of::<PostingBuilder>()
            + posting.positions.iter().map(|p| if p.is_empty() { 0 } else { 16 + 4 * p.capacity() }).sum::<usize>();
        self.postings[id as usize].push(posting);
    }

    /// About how many bytes of memory the run holds.
    pub(super) fn bytes(&self) -> usize {
        self.bytes + self.postings.capacity() * std::mem::size_of::<Vec<PostingBuilder>>()
    }

    /// Whether the run holds no stem.
    pub(super) fn is_empty(&self) -> bool {
        self.term_ids.is_empty()
    }

    /// The run sorted by key, emptying the buffer.
    pub(super) fn take_sorted(&mut self) -> SortedRun {
        let mut names = vec![String::new(); self.term_ids.len()];
        for (term, id) in self.term_ids.drain() {
            names[id as usize] = term;
        }
        let mut words: Vec<(String, String)> =
            self.word_ids.drain().map(|(word, id)| (word, names[id as usize].clone())).collect();
        words.sort_unstable();
        let mut terms: Vec<(String, Vec<PostingBuilder>)> = names.into_iter().zip(self.postings.drain(..)).collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        *self = RunBuffer::default();
        SortedRun { terms, words }
    }
}

/// A run sorted by key: stems with their postings, word forms with their stems.
#[derive(Debug, Default)]
pub(super) struct SortedRun {
    pub(super) terms: Vec<(String, Vec<PostingBuilder>)>,
    pub(super) words: Vec<(String, String)>,
}

/// A run as the merge reads it: in memory (the last one, or all when there is no spill folder)
/// or spilled to files.
#[derive(Debug)]
pub(super) enum Run {
    Memory(SortedRun),
    Disk(PathBuf),
}

/// One key and value after another, from a run.
pub(super) type Source<'a, T> = Box<dyn Iterator<Item = Result<(String, T)>> + 'a>;

impl Run {
    /// Writes `run` into `dir` as run number `number`.
    pub(super) fn spill(run: SortedRun, dir: &Path, number: usize) -> Result<Run> {
        let base = dir.join(format!("run-{number}"));
        let mut terms = Sink::create(base.with_extension("terms"))?;
        let mut stems = Sink::create(base.with_extension("stems"))?;
        for (key, list) in &run.terms {
            terms.str(key)?;
            stems.str(key)?;
            terms.varint(list.len() as u64)?;
            for posting in list {
                terms.varint(u64::from(posting.doc))?;
                terms.varint(u64::from(posting.forms))?;
                for field in &posting.positions {
                    terms.varint(field.len() as u64)?;
                    let mut last = 0;
                    for &p in field {
                        terms.varint(u64::from(p - last))?;
                        last = p;
                    }
                }
            }
        }
        let mut words = Sink::create(base.with_extension("words"))?;
        for (word, stem) in &run.words {
            words.str(word)?;
            words.str(stem)?;
        }
        for sink in [terms, stems, words] {
            sink.finish()?;
        }
        Ok(Run::Disk(base))
    }

    /// The run's stems, in order.
    pub(super) fn stems(&self) -> Result<Source<'_, ()>> {
        match self {
            Run::Memory(run) => Ok(Box::new(run.terms.iter().map(|(k, _)| Ok((k.clone(), ()))))),
            Run::Disk(base) => {
                let mut file = Feed::open(base.with_extension("stems"))?;
                Ok(Box::new(std::iter::from_fn(move || file.record(|f| Ok((f.str()?, ()))).transpose())))
            }
        }
    }

    /// The run's word forms with their stems, in order (taken out of a run in memory).
    pub(super) fn words(&mut self) -> Result<Source<'static, String>> {
        match self {
            Run::Memory(run) => Ok(Box::new(std::mem::take(&mut run.words).into_iter().map(Ok))),
            Run::Disk(base) => {
                let mut file = Feed::open(base.with_extension("words"))?;
                Ok(Box::new(std::iter::from_fn(move || file.record(|f| Ok((f.str()?, f.str()?))).transpose())))
            }
        }
    }

    /// The run's stems with their postings, in order.
    pub(super) fn terms(self) -> Result<Source<'static, Vec<PostingBuilder>>> {
        match self {
            Run::Memory(run) => Ok(Box::new(run.terms.into_iter().map(Ok))),
            Run::Disk(base) => {
                let mut file = Feed::open(base.with_extension("terms"))?;
                Ok(Box::new(std::iter::from_fn(move || file.record(read_postings).transpose())))
            }
        }
    }
}

/// Reads one stem and its postings, as [`Run::spill`] wrote them.
fn read_postings(f: &mut Feed) -> Result<(String, Vec<PostingBuilder>)> {
    let key = f.str()?;
    let n = f.varint()? as usize;
    let mut list = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let doc = f.varint()? as u32;
        let mut posting = PostingBuilder { doc, forms: f.varint()? as u8, ..PostingBuilder::default() };
        for field in 0..Field::COUNT {
            let count = f.varint()? as usize;
            let positions = &mut posting.positions[field];
            positions.reserve(count.min(1 << 16));
            let mut last = 0u32;
            for _ in 0..count {
                last += f.varint()? as u32;
                positions.push(last);
            }
        }
        list.push(posting);
    }
    Ok((key, list))
}

/// A k-way merge of sorted sources: each key once, with its values in source order.
pub(super) struct Merge<'a, T> {
    sources: Vec<Source<'a, T>>,
    heads: Vec<Option<T>>,
    heap: BinaryHeap<Reverse<(String, usize)>>,
}

impl<'a, T> Merge<'a, T> {
    /// Merges `sources`, each sorted by key with no key twice.
    pub(super) fn new(sources: Vec<Source<'a, T>>) -> Result<Merge<'a, T>> {
        let heads = sources.iter().map(|_| None).collect();
        let mut merge = Merge { sources, heads, heap: BinaryHeap::new() };
        for i in 0..merge.sources.len() {
            merge.advance(i)?;
        }
        Ok(merge)
    }

    fn advance(&mut self, i: usize) -> Result<()> {
        if let Some((key, value)) = self.sources[i].next().transpose()? {
            self.heads[i] = Some(value);
            self.heap.push(Reverse((key, i)));
        }
        Ok(())
    }

    /// The next key and its values, from the earliest source to the latest.
    pub(super) fn next_group(&mut self) -> Result<Option<(String, Vec<T>)>> {
        let Some(Reverse((key, first))) = self.heap.pop() else { return Ok(None) };
        let mut values = Vec::with_capacity(1);
        values.extend(self.heads[first].take());
        self.advance(first)?;
        while self.heap.peek().is_some_and(|Reverse((k, _))| *k == key) {
            if let Some(Reverse((_, i))) = self.heap.pop() {
                values.extend(self.heads[i].take());
                self.advance(i)?;
            }
        }
        Ok(Some((key, values)))
    }
}

/// How many `.folio-runs-<n>` names a writer tries before it gives up (each taken one was left by
/// a build that was killed, or is another build's running now).
const MAX_SPILL_NAMES: usize = 10_000;

/// Where a writer spills its runs, and past how many bytes of postings.
pub(super) struct Spill {
    pub(super) budget: usize,
    /// The folder the writer made for its runs, removed when the writer is dropped.
    pub(super) dir: PathBuf,
}

impl Spill {
    /// A new folder `.folio-runs-<n>` in `parent`, made by this writer alone: `create_dir` fails
    /// on a name that exists (another writer's, or another process's), and the next is tried.
    /// No process id: WASI has none (the npm package runs the CLI there).
    pub(super) fn new(budget: usize, parent: &Path) -> Result<Spill> {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        fs::create_dir_all(parent).map_err(|e| temp_error(parent, e))?;
        let mut last = None;
        for _ in 0..MAX_SPILL_NAMES {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let dir = parent.join(format!(".folio-runs-{n}"));
            match fs::create_dir(&dir) {
                Ok(()) => return Ok(Spill { budget: budget.max(1), dir }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some((dir, e)),
                Err(e) => return Err(temp_error(&dir, e)),
            }
        }
        let (dir, e) = last.unwrap_or_else(|| (parent.to_path_buf(), std::io::ErrorKind::AlreadyExists.into()));
        Err(temp_error(&dir, e))
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The error of a temporary file that could not be written or read.
pub(super) fn temp_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::TempFile { path: path.to_path_buf(), message: e.to_string() }
}

/// A temporary file being written.
pub(super) struct Sink {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Sink {
    pub(super) fn create(path: PathBuf) -> Result<Sink> {
        let file = File::create(&path).map_err(|e| temp_error(&path, e))?;
        Ok(Sink { out: BufWriter::with_capacity(1 << 16, file), path })
    }

    pub(super) fn bytes(&mut self, b: &[u8]) -> Result<()> {
        self.out.write_all(b).map_err(|e| temp_error(&self.path, e))
    }

    pub(super) fn varint(&mut self, mut v: u64) -> Result<()> {
        let mut buf = [0u8; 10];
        let mut n = 0;
        while v >= 0x80 {
            buf[n] = (v as u8) | 0x80;
            v >>= 7;
            n += 1;
        }
        buf[n] = v as u8;
        self.bytes(&buf[..=n])
    }

    pub(super) fn str(&mut self, s: &str) -> Result<()> {
        self.varint(s.len() as u64)?;
        self.bytes(s.as_bytes())
    }

    pub(super) fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(|e| temp_error(&self.path, e))
    }
}

/// A temporary file being read back.
pub(super) struct Feed {
    path: PathBuf,
    input: BufReader<File>,
}

impl Feed {
    pub(super) fn open(path: PathBuf) -> Result<Feed> {
        let file = File::open(&path).map_err(|e| temp_error(&path, e))?;
        Ok(Feed { input: BufReader::with_capacity(1 << 14, file), path })
    }

    /// Reads one record with `read`, or `None` at the end of the file.
    pub(super) fn record<T>(&mut self, read: impl FnOnce(&mut Feed) -> Result<T>) -> Result<Option<T>> {
        use std::io::BufRead;
        match self.input.fill_buf() {
            Ok([]) => Ok(None),
            Ok(_) => read(self).map(Some),
            Err(e) => Err(temp_error(&self.path, e)),
        }
    }

    pub(super) fn byte(&mut self) -> Result<u8> {
        use std::io::BufRead;
        if let Some(&b) = self.input.buffer().first() {
            self.input.consume(1);
            return Ok(b);
        }
        let mut b = [0u8];
        self.input.read_exact(&mut b).map_err(|e| temp_error(&self.path, e))?;
        Ok(b[0])
    }

    pub(super) fn varint(&mut self) -> Result<u64> {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let b = self.byte()?;
            if shift > 63 {
                return Err(temp_error(&self.path, "a varint overflows"));
            }
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    pub(super) fn exact(&mut self, len: usize) -> Result<Vec<u8>> {
        let mut buf = vec![0u8; len];
        self.input.read_exact(&mut buf).map_err(|e| temp_error(&self.path, e))?;
        Ok(buf)
    }

    pub(super) fn str(&mut self) -> Result<String> {
        let len = self.varint()? as usize;
        let bytes = self.exact(len)?;
        String::from_utf8(bytes).map_err(|e| temp_error(&self.path, e))
    }
}

#[cfg(test)]
#[path = "runs_tests.rs"]
mod tests;
