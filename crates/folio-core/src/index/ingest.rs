//! Analysing documents for the writer: each document's words stemmed and grouped by term, its
//! field lengths, metadata and stored record, made on the caller's thread or on a pool of
//! threads (see [`IndexWriter::with_threads`](super::IndexWriter::with_threads)).
//!
//! Analysis is most of the build's work and needs nothing but the document, so threads can do it
//! in any order; the writer then inverts the analysed documents one by one in the order they were
//! added, so the index is the same, byte for byte, however many threads analysed them. The pool
//! takes documents in batches, and at most a few batches are in flight at once, so it holds a
//! bounded number of documents whatever the corpus.

use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::docs::{self, EncodedDoc};
use super::fields::Field;
use super::hash::FxHashMap;
use super::meta::DocMeta;
use super::postings::{self, PostingBuilder};
use crate::analysis::vocabulary::Vocabulary;
use crate::analysis::{Analyzer, Language, Token};
use crate::corpus::Document;
use crate::{Error, Result};

/// One document analysed, ready to be inverted.
#[derive(Debug, Default)]
pub(super) struct Analysed {
    /// Each term of the document with its positions per field, in order of first occurrence
    /// (the posting's `doc` is set when it is inverted).
    pub terms: Vec<(String, PostingBuilder)>,
    /// Each word form with the index in `terms` of the stem of its first occurrence, in order.
    pub words: Vec<(String, u32)>,
    /// The words of each field.
    pub lengths: [u32; Field::COUNT],
    pub meta: DocMeta,
    pub stored: EncodedDoc,
}

/// The stems of word forms seen so far, so each distinct word is stemmed once. It grows with the
/// vocabulary, so the writer starts it afresh after each spill.
#[derive(Debug, Default)]
pub(super) struct StemCache {
    stems: FxHashMap<String, String>,
    /// The same for words stemmed by their document's language, by language and word as written.
    lang_stems: FxHashMap<Language, FxHashMap<String, String>>,
}

/// Analyses `doc` with `vocabulary` applied (synonyms, stop words).
pub(super) fn analyse(doc: &Document, analyzer: &Analyzer, vocabulary: &Vocabulary, cache: &mut StemCache) -> Analysed {
    let mut out = Analysed::default();
    let mut index: FxHashMap<String, u32> = FxHashMap::default();
    let mut seen_words: FxHashMap<String, ()> = FxHashMap::default();
    let mut checkpoints: [Vec<u32>; Field::COUNT] = Default::default();
    let mut tokens: Vec<Token> = Vec::new();
    let mut added: Vec<(String, String, u32)> = Vec::new();
    let mut unordered = false;
    let language = doc.lang.as_deref().and_then(Language::from_code);
    let StemCache { stems, lang_stems } = cache;
    for field in Field::ALL {
        let text = docs::field_text(doc, field);
        tokens.clear();
        let field_checkpoints = &mut checkpoints[field as usize];
        analyzer.for_each_word(text, |w| {
            if w.position % docs::CHECKPOINT_WORDS == 0 {
                field_checkpoints.push(w.start as u32);
            }
            let term = match Analyzer::own_stemmer(language, &w.form) {
                Some(own) => {
                    let raw = &text[w.start..w.end];
                    let stems = lang_stems.entry(own).or_default();
                    match stems.get(raw) {
                        Some(term) => term.clone(),
                        None => {
                            let term = analyzer.stem_as(own, raw, &w.form);
                            stems.insert(raw.to_string(), term.clone());
                            term
                        }
                    }
                }
                None => match stems.get(&w.form) {
                    Some(term) => term.clone(),
                    None => {
                        let term = analyzer.stem(&w.form);
                        stems.insert(w.form.clone(), term.clone());
                        term
                    }
                },
            };
            tokens.push(Token { stem: term, form: w.form, start: w.start, end: w.end, position: w.position });
        });
        // The field's length counts the words of its text, synonyms and stop words aside.
        let last = tokens.last().map_or(0, |t| t.position);
        out.lengths[field as usize] = tokens.last().map_or(0, |t| t.position + 1);
        added.clear();
        vocabulary.for_each_synonym(&tokens, |term, word, position| {
            // A longer synonym at the end of the text stacks its last words on the last word.
            added.push((term.to_string(), word.to_string(), position.min(last)));
        });
        unordered |= !added.is_empty();
        let words =
            tokens.drain(..).filter(|t| !vocabulary.is_stop_word(&t.form)).map(|t| (t.stem, t.form, t.position));
        for (term, word, position) in words.chain(added.drain(..)) {
            let next = out.terms.len() as u32;
            let at = match index.entry(term) {
                Entry::Occupied(seen) => *seen.get(),
                Entry::Vacant(new) => {
                    out.terms.push((new.key().clone(), PostingBuilder::default()));
                    *new.insert(next)
                }
            };
            let posting = &mut out.terms[at as usize].1;
            posting.positions[field as usize].push(position);
            posting.forms |= postings::form_bit(&word);
            if let Entry::Vacant(new) = seen_words.entry(word) {
                out.words.push((new.key().clone(), at));
                new.insert(());
            }
        }
    }
    if unordered {
        // Synonyms add positions out of order (and maybe twice): postings need them ascending.
        for (_, posting) in &mut out.terms {
            for positions in &mut posting.positions {
                positions.sort_unstable();
                positions.dedup();
            }
        }
    }
    out.meta = DocMeta::of(doc);
    out.stored = EncodedDoc::new(doc, &checkpoints);
    out
}

/// How many documents the pool analyses at a time, per batch (a few in tests, so that they see
/// many batches, finished out of order).
const BATCH_DOCS: usize = if cfg!(test) { 3 } else { 128 };

/// A batch for the pool: its number, the stem caches' generation, the documents.
type Job = (u64, u64, Vec<Document>);

/// Threads that analyse batches of documents, handing them back in the order they were given.
pub(super) struct Pool {
    jobs: Option<SyncSender<Job>>,
    results: Receiver<(u64, Vec<Analysed>)>,
    workers: Vec<JoinHandle<()>>,
    /// Documents not yet sent, the next batch.
    pending: Vec<Document>,
    /// Batches sent, and the number of the next to hand back.
    sent: u64,
    next: u64,
    /// Batches analysed ahead of the next one.
    early: BTreeMap<u64, Vec<Analysed>>,
}

impl Pool {
    /// A pool of `threads` threads analysing with `vocabulary`, or `None` when threads cannot be
    /// started (WASI and the browser have none): the writer then analyses on its own thread.
    pub(super) fn start(threads: usize, vocabulary: &Vocabulary) -> Option<Pool> {
        let (jobs, feed) = mpsc::sync_channel::<Job>(threads * 2);
        let feed = Arc::new(Mutex::new(feed));
        let (done, results) = mpsc::channel();
        let mut workers = Vec::new();
        for n in 0..threads {
            let (feed, done, vocabulary) = (Arc::clone(&feed), done.clone(), vocabulary.clone());
            let spawned = std::thread::Builder::new().name(format!("folio-analysis-{n}")).spawn(move || {
                let analyzer = Analyzer::new();
                let (mut cache, mut generation) = (StemCache::default(), 0);
                loop {
                    let job = match feed.lock() {
                        Ok(feed) => feed.recv(),
                        Err(_) => return,
                    };
                    let Ok((number, job_generation, docs)) = job else { return };
                    if job_generation != generation {
                        (cache, generation) = (StemCache::default(), job_generation);
                    }
                    let analysed = docs.iter().map(|d| analyse(d, &analyzer, &vocabulary, &mut cache)).collect();
                    if done.send((number, analysed)).is_err() {
                        return;
                    }
                }
            });
            match spawned {
                Ok(handle) => workers.push(handle),
                Err(_) if workers.is_empty() => return None,
                Err(_) => break,
            }
        }
        let pool =
            Pool { jobs: Some(jobs), results, workers, pending: Vec::new(), sent: 0, next: 0, early: BTreeMap::new() };
        Some(pool)
    }

    /// Takes `doc`; once a batch is full, sends it, and hands `apply` every batch analysed by
    /// now, in order (waiting when too many are in flight, which bounds the documents held).
    pub(super) fn add(
        &mut self,
        doc: Document,
        generation: u64,
        apply: &mut dyn FnMut(Analysed) -> Result<()>,
    ) -> Result<()> {
        self.pending.push(doc);
        if self.pending.len() < BATCH_DOCS {
            return Ok(());
        }
        self.send(generation)?;
        let limit = 2 * self.workers.len() as u64 + 1;
        while self.sent - self.next > limit {
            self.take_next(apply)?;
        }
        while let Ok((number, batch)) = self.results.try_recv() {
            self.early.insert(number, batch);
        }
        while self.early.contains_key(&self.next) {
            self.take_next(apply)?;
        }
        Ok(())
    }

    /// Sends what is pending, and hands `apply` every batch still out, in order.
    pub(super) fn finish(&mut self, generation: u64, apply: &mut dyn FnMut(Analysed) -> Result<()>) -> Result<()> {
        self.send(generation)?;
        while self.next < self.sent {
            self.take_next(apply)?;
        }
        Ok(())
    }

    fn send(&mut self, generation: u64) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let docs = std::mem::take(&mut self.pending);
        let jobs = self.jobs.as_ref().ok_or_else(stopped)?;
        jobs.send((self.sent, generation, docs)).map_err(|_| stopped())?;
        self.sent += 1;
        Ok(())
    }

    /// Waits for the next batch in order and hands its documents to `apply`.
    fn take_next(&mut self, apply: &mut dyn FnMut(Analysed) -> Result<()>) -> Result<()> {
        while !self.early.contains_key(&self.next) {
            let (number, batch) = self.results.recv().map_err(|_| stopped())?;
            self.early.insert(number, batch);
        }
        let batch = self.early.remove(&self.next).unwrap_or_default();
        self.next += 1;
        batch.into_iter().try_for_each(apply)
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        // Closing the channel ends each thread's loop.
        self.jobs = None;
        for worker in self.workers.drain(..) {
            let _ = worker.join();
        }
    }
}

fn stopped() -> Error {
    Error::corrupt("an analysis thread stopped (a bug in Folio)")
}
