//! Building an index from documents.

use std::collections::HashSet;
use std::path::Path;

use super::assemble;
use super::checksum::Crc32;
use super::docs;
use super::fields::{Field, Settings, SettingsSection};
use super::ingest::{self, Analysed, Pool, StemCache};
use super::layout::Parts;
pub use super::layout::{ChunkSink, SplitIndex, Written};
use super::meta::{self, DocMeta};
use super::pages::Paging;
use super::postings;
use super::runs::{Run, RunBuffer, Spill};
use crate::analysis::vocabulary::Vocabulary;
use crate::analysis::Analyzer;
use crate::corpus::Document;
use crate::{Error, Result};

/// What [`IndexWriter::with_progress`] calls: (stems merged, stems).
pub type Progress = dyn FnMut(usize, usize) + Send;

/// Collects documents and writes the index bytes.
///
/// Documents are analysed as they are added (on threads of their own with
/// [`IndexWriter::with_threads`]) and their stored records encoded right away, so the writer
/// holds postings and a few numbers per document, not the documents; with
/// [`IndexWriter::with_memory`] the postings are spilled past a budget and the stored records
/// go to a temporary file, so its memory does not grow with the corpus but for those numbers.
pub struct IndexWriter {
    analyzer: Analyzer,
    settings: Settings,
    vocabulary: Vocabulary,
    /// The postings of the documents added since the last spill.
    run: RunBuffer,
    /// The runs spilled so far, in document order.
    runs: Vec<Run>,
    /// Where runs are spilled and past how many bytes, if they are.
    spill: Option<Spill>,
    /// Told how far the merge is: (stems merged, stems).
    progress: Option<Box<Progress>>,
    /// Stems of the word forms seen so far, when documents are analysed on this thread.
    stems: StemCache,
    /// How many threads analyse documents, and the pool of them once started.
    threads: usize,
    pool: Option<Pool>,
    /// How many runs were spilled when the pool's stem caches were last emptied.
    generation: u64,
    /// Documents added, analysed or not.
    added: usize,
    field_lengths: Vec<[u32; Field::COUNT]>,
    metas: Vec<DocMeta>,
    /// The site's filters to list first, in order, with their labels.
    facets: Vec<(String, Option<String>)>,
    /// Documents per metadata chunk of a split index (0: the root keeps small columns and sizes
    /// the chunks of large ones itself).
    meta_chunk_docs: u32,
    ids: HashSet<String>,
    store: docs::StoreWriter,
    /// When a split index's directory gets pages.
    paging: Paging,
}

impl Default for IndexWriter {
    fn default() -> Self {
        IndexWriter::new()
    }
}

impl IndexWriter {
    /// A writer with the default [`Settings`].
    pub fn new() -> IndexWriter {
        IndexWriter::with_settings(Settings::default())
    }

    /// A writer whose index will rank with `settings`.
    pub fn with_settings(settings: Settings) -> IndexWriter {
        IndexWriter {
            analyzer: Analyzer::new(),
            settings,
            vocabulary: Vocabulary::new(),
            run: RunBuffer::default(),
            runs: Vec::new(),
            spill: None,
            progress: None,
            stems: StemCache::default(),
            threads: 1,
            pool: None,
            generation: 0,
            added: 0,
            field_lengths: Vec::new(),
            metas: Vec::new(),
            facets: Vec::new(),
            meta_chunk_docs: 0,
            ids: HashSet::new(),
            store: docs::StoreWriter::default(),
            paging: Paging::default(),
        }
    }

    /// The same writer, listing the site's filters `facets` first, in order, with their labels.
    pub fn with_facets(mut self, facets: Vec<(String, Option<String>)>) -> IndexWriter {
        self.facets = facets;
        self
    }

    /// The same writer, putting a split index's per-document metadata in chunks of `docs`
    /// documents however small it is (for tests of that layout; by default only large metadata
    /// leaves the root).
    pub fn with_meta_chunks(mut self, docs: u32) -> IndexWriter {
        self.meta_chunk_docs = docs;
        self
    }

    /// The same writer, making a split index's directory two-level as `paging` says (by default
    /// past [`PAGED_FROM`](super::pages::PAGED_FROM) chunks; tests ask for pages of a few chunks).
    pub fn with_paging(mut self, paging: Paging) -> IndexWriter {
        self.paging = paging;
        self
    }

    /// The same writer, applying `vocabulary` (synonyms, stop words) to every document added
    /// afterwards; see [`crate::analysis::vocabulary`] for what they do.
    pub fn with_vocabulary(mut self, vocabulary: Vocabulary) -> IndexWriter {
        self.vocabulary = vocabulary;
        self
    }

    /// The same writer, holding at most about `budget` bytes of postings in memory: past that,
    /// the postings so far are sorted and spilled to temporary files in a folder it makes in
    /// `dir`, merged when the index is finished. The stored documents are written to a file in
    /// that folder as they are added (when no document was added before). The folder is removed
    /// when the writer is finished or dropped. The index is the same, byte for byte, whatever
    /// the budget.
    pub fn with_memory(mut self, budget: usize, dir: &Path) -> Result<IndexWriter> {
        let spill = Spill::new(budget, dir)?;
        if self.store.is_empty() {
            // The stored documents go to a temporary file too, not memory.
            self.store = docs::StoreWriter::spooled(&spill.dir.join("store"))?;
        }
        self.spill = Some(spill);
        Ok(self)
    }

    /// The same writer, calling `progress(stems merged, stems)` now and then while it merges
    /// the runs into the index, and once at the end.
    pub fn with_progress(mut self, progress: Box<Progress>) -> IndexWriter {
        self.progress = Some(progress);
        self
    }

    /// Waits until every document added is analysed and inverted (documents analysed on
    /// threads are inverted a batch at a time): then [`IndexWriter::spilled_runs`] counts them all.
    pub fn flush(&mut self) -> Result<()> {
        match self.pool.take() {
            Some(mut pool) => {
                let done = pool.finish(self.generation, &mut |a| self.invert(a));
                self.pool = Some(pool);
                done
            }
            None => Ok(()),
        }
    }

    /// How many runs have been spilled to temporary files so far.
    pub fn spilled_runs(&self) -> usize {
        self.runs.len()
    }

    /// The same writer, analysing documents on `threads` threads of its own while the caller's
    /// thread reads them and inverts what was analysed; with 1 (the default) it analyses on the
    /// caller's thread. The index is the same, byte for byte, whatever the number; where threads
    /// cannot be started (WASI, the browser) the writer analyses on the caller's thread.
    pub fn with_threads(mut self, threads: usize) -> IndexWriter {
        self.threads = threads.max(1);
        self
    }

    /// How many documents have been added.
    pub fn len(&self) -> usize {
        self.added
    }

    /// Whether no document has been added.
    pub fn is_empty(&self) -> bool {
        self.added == 0
    }

    /// Adds a document. Its id must not have been added before.
    pub fn add(&mut self, doc: Document) -> Result<()> {
        if !self.ids.insert(doc.id.clone()) {
            return Err(Error::DuplicateId(doc.id));
        }
        self.added += 1;
        if self.threads > 1 && self.pool.is_none() {
            self.pool = Pool::start(self.threads, &self.vocabulary);
            if self.pool.is_none() {
                self.threads = 1;
            }
        }
        let Some(mut pool) = self.pool.take() else {
            let analysed = ingest::analyse(&doc, &self.analyzer, &self.vocabulary, &mut self.stems);
            return self.invert(analysed);
        };
        let added = pool.add(doc, self.generation, &mut |a| self.invert(a));
        self.pool = Some(pool);
        added
    }

    /// Inverts an analysed document into the run, the next in document order, and spills the
    /// run once it passes the budget.
    fn invert(&mut self, doc: Analysed) -> Result<()> {
        let doc_ord = self.metas.len() as u32;
        let (mut ids, mut postings) = (Vec::with_capacity(doc.terms.len()), Vec::with_capacity(doc.terms.len()));
        for (term, posting) in doc.terms {
            ids.push(self.run.term_id(term));
            postings.push(posting);
        }
        for (word, at) in doc.words {
            self.run.add_word(word, ids[at as usize]);
        }
        for (mut posting, id) in postings.into_iter().zip(ids) {
            posting.doc = doc_ord;
            self.run.push(id, posting);
        }
        self.field_lengths.push(doc.lengths);
        self.metas.push(doc.meta);
        self.store.push(&doc.stored)?;
        if let Some(spill) = &self.spill {
            if self.run.bytes() >= spill.budget {
                self.runs.push(Run::spill(self.run.take_sorted(), &spill.dir, self.runs.len())?);
                // The stems of words seen so far, cached, grow with the vocabulary: start afresh.
                self.stems = StemCache::default();
                self.generation += 1;
            }
        }
        Ok(())
    }

    /// Writes the index as one file and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.into_parts(None)?.single()
    }

    /// Writes the index as a root file and chunks (see [`chunks`](super::chunks)), each chunk
    /// holding about `sizes` bytes before compression.
    pub fn finish_split(self, sizes: ChunkSizes) -> Result<SplitIndex> {
        self.into_parts(Some(sizes))?.split(sizes.docs)
    }

    /// Writes one file when the index's postings, positions and stored text come to at most
    /// `threshold` bytes, and a split index otherwise.
    pub fn finish_auto(self, threshold: usize, sizes: ChunkSizes) -> Result<Written> {
        let parts = self.into_parts(Some(sizes))?;
        if parts.byte_len() <= threshold {
            Ok(Written::Single(parts.single()?))
        } else {
            Ok(Written::Split(parts.split(sizes.docs)?))
        }
    }

    /// As [`IndexWriter::finish_auto`], but a split index's chunks go to `put` as they are
    /// written instead of being held ([`Written::Streamed`]); with `threshold` 0 it always
    /// splits, as [`IndexWriter::finish_split`]. The bytes are the same.
    pub fn finish_auto_into(self, threshold: usize, sizes: ChunkSizes, put: &mut ChunkSink<'_>) -> Result<Written> {
        let parts = self.into_parts(Some(sizes))?;
        if threshold > 0 && parts.byte_len() <= threshold {
            return Ok(Written::Single(parts.single()?));
        }
        let (mut names, mut chunk_bytes) = (Vec::new(), 0u64);
        let root = parts.split_into(sizes.docs, &mut |name, bytes| {
            names.push(name.clone());
            chunk_bytes += bytes.len() as u64;
            put(name, bytes)
        })?;
        Ok(Written::Streamed { root, chunks: names, chunk_bytes })
    }

    /// Merges the runs into term chunks of the size `sizes` asks for (one chunk when it is
    /// `None`) and encodes the settings.
    fn into_parts(mut self, sizes: Option<ChunkSizes>) -> Result<Parts> {
        self.flush()?;
        self.pool = None;
        self.store.seal()?;
        let mut runs = std::mem::take(&mut self.runs);
        if !self.run.is_empty() || runs.is_empty() {
            runs.push(Run::Memory(self.run.take_sorted()));
        }
        let (ordinals, term_count, scripts) = assemble::number_stems(&runs)?;
        let doc_count = self.metas.len();
        let mut totals = [0u64; Field::COUNT];
        for doc in &self.field_lengths {
            for (total, &len) in totals.iter_mut().zip(doc) {
                *total += u64::from(len);
            }
        }
        let avg_lengths = totals.map(|total| if doc_count == 0 { 0.0 } else { total as f32 / doc_count as f32 });
        let words = totals.iter().sum();
        let target = sizes.map_or(usize::MAX, |s| s.term_target(words).max(1));
        let bounds = postings::Bounds { settings: self.settings.clone(), avg_lengths };
        let settings = SettingsSection {
            settings: self.settings,
            doc_count: doc_count as u32,
            term_count: term_count as u64,
            avg_lengths,
            scripts,
        }
        .encode();
        let mut hasher = Crc32::new();
        hasher.update(&settings);
        let spool = self.spill.as_ref().map(|s| s.dir.join("term-chunks"));
        let mut progress = self.progress.take();
        let progress = progress.as_deref_mut();
        let field_lengths = &self.field_lengths;
        let plan = assemble::Plan { ordinals: &ordinals, field_lengths, bounds, target, spool, progress };
        let term_chunks = assemble::term_chunks(runs, plan, &mut hasher)?;
        Ok(Parts {
            term_chunks,
            settings,
            metas: meta::Encoded::new(&self.metas, &self.facets),
            meta_chunk_docs: self.meta_chunk_docs,
            store: std::mem::take(&mut self.store),
            hasher,
            paging: self.paging,
            _scratch: self.spill.take(),
        })
    }
}

/// How big the chunks of a split index are, in bytes before compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkSizes {
    /// Dictionary keys, postings and positions per term chunk; [`ChunkSizes::BY_CORPUS`] (0)
    /// sizes them by the corpus ([`ChunkSizes::term_target`]).
    pub terms: usize,
    /// Stored records per document chunk.
    pub docs: usize,
}

impl ChunkSizes {
    /// `terms` for term chunks sized by the corpus.
    pub const BY_CORPUS: usize = 0;
    /// Term chunks for a corpus of fewer than [`ChunkSizes::SMALL_CORPUS_WORDS`] words.
    pub const SMALL_TERMS: usize = 4 * 1024;
    /// Term chunks for a larger corpus.
    pub const LARGE_TERMS: usize = 8 * 1024;
    /// Below this many words (about 7 MB of postings and positions) a corpus gets the small term chunks.
    pub const SMALL_CORPUS_WORDS: u64 = 2_000_000;

    /// The term chunk target for a corpus of `words` words: `terms`, unless it is
    /// [`ChunkSizes::BY_CORPUS`].
    ///
    /// A query fetches a term chunk per word and reads one term of it, so halving the chunks
    /// halves those bytes; but the root, which every page load fetches, names each chunk (about
    /// 6 bytes gzipped). On Cranfield (245,000 words) 4 KB chunks cut a first query's chunk bytes
    /// by 29% (76.6 to 54.5 KB mean over its 113 queries) for 0.6 KB more root; on the 63k
    /// Wikipedia leads (7 million words) they saved 10 KB a query but added 8.7 KB to the root.
    pub fn term_target(&self, words: u64) -> usize {
        match self.terms {
            Self::BY_CORPUS if words < Self::SMALL_CORPUS_WORDS => Self::SMALL_TERMS,
            Self::BY_CORPUS => Self::LARGE_TERMS,
            terms => terms,
        }
    }
}

impl Default for ChunkSizes {
    /// Term chunks sized by the corpus (4 or 8 KB, about 3 or 6 KB gzipped) and 4 KB of documents
    /// (about 2 KB gzipped). A query fetches one term chunk per word and one document chunk per
    /// hit shown, in the same round whatever their size, and uses a small part of each, so small
    /// chunks waste few bytes: on Cranfield's first query, 24 KB term chunks fetched twice the
    /// bytes of 8 KB ones, and 6 KB document chunks 7 KB more than 4 KB ones (2 KB ones saved 5 KB
    /// a query for 0.8 more requests). A term with a long posting list gets a chunk of its own
    /// whatever the size. The file count stays modest: about 12,500 for 63,000 Wikipedia leads
    /// (50 MB), where Pagefind writes 63,000.
    fn default() -> Self {
        ChunkSizes { terms: Self::BY_CORPUS, docs: 4 * 1024 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    #[test]
    fn term_chunks_are_sized_by_the_corpus_unless_asked() {
        let by_corpus = ChunkSizes::default();
        assert_eq!(by_corpus.term_target(245_000), ChunkSizes::SMALL_TERMS, "Cranfield's size");
        assert_eq!(by_corpus.term_target(7_000_000), ChunkSizes::LARGE_TERMS, "the 63k leads' size");
        assert_eq!(ChunkSizes { terms: 700, docs: 900 }.term_target(7_000_000), 700, "asked for");

        // A small corpus written with the default sizes is split as with 4 KB term chunks asked for.
        let write = |sizes: ChunkSizes| {
            let mut w = IndexWriter::new();
            for i in 0..300u32 {
                let body: String = (0..80u32).map(|j| format!("w{} ", (i * 31 + j * 17) % 5000)).collect();
                w.add(Document::new(format!("d{i}"), format!("t{i}"), body)).unwrap();
            }
            w.finish_split(sizes).unwrap()
        };
        let terms = |s: &SplitIndex| s.chunks.iter().filter(|(name, _)| name.contains("-t")).count();
        let (default, small, large) = (
            write(ChunkSizes::default()),
            write(ChunkSizes { terms: 4096, docs: 4096 }),
            write(ChunkSizes { terms: 8192, docs: 4096 }),
        );
        assert_eq!(default, small);
        assert!(terms(&small) > terms(&large) + terms(&large) / 2, "{} vs {}", terms(&small), terms(&large));
    }
}
