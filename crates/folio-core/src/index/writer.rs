//! Building an index from documents.

use std::collections::HashSet;
use std::path::Path;

use super::assemble;
use super::checksum::Crc32;
use super::docs;
use super::fields::{Field, Settings, SettingsSection};
use super::hash::FxHashMap;
use super::layout::Parts;
pub use super::layout::{ChunkSink, SplitIndex, Written};
use super::meta::{self, DocMeta};
use super::postings::{self, PostingBuilder};
use super::runs::{Run, RunBuffer, Spill};
use crate::analysis::vocabulary::Vocabulary;
use crate::analysis::{Analyzer, Language, Token};
use crate::corpus::Document;
use crate::{Error, Result};

/// What [`IndexWriter::with_progress`] calls: (stems merged, stems).
pub type Progress = dyn FnMut(usize, usize) + Send;

/// Collects documents and writes the index bytes.
///
/// Documents are analysed as they are added; the stored records are encoded right away, so the
/// writer holds postings and encoded text, not the documents themselves.
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
    /// Stems of the word forms seen so far, so each distinct word is stemmed once.
    stems: FxHashMap<String, String>,
    /// The same for words stemmed by their document's language, by language and word as written.
    lang_stems: FxHashMap<Language, FxHashMap<String, String>>,
    field_lengths: Vec<[u32; Field::COUNT]>,
    metas: Vec<DocMeta>,
    /// The site's filters to list first, in order, with their labels.
    facets: Vec<(String, Option<String>)>,
    ids: HashSet<String>,
    store: docs::StoreWriter,
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
            stems: FxHashMap::default(),
            lang_stems: FxHashMap::default(),
            field_lengths: Vec::new(),
            metas: Vec::new(),
            facets: Vec::new(),
            ids: HashSet::new(),
            store: docs::StoreWriter::default(),
        }
    }

    /// The same writer, listing the site's filters `facets` first, in order, with their labels.
    pub fn with_facets(mut self, facets: Vec<(String, Option<String>)>) -> IndexWriter {
        self.facets = facets;
        self
    }

    /// The same writer, applying `vocabulary` (synonyms, stop words) to every document added
    /// afterwards; see [`crate::analysis::vocabulary`] for what they do.
    pub fn with_vocabulary(mut self, vocabulary: Vocabulary) -> IndexWriter {
        self.vocabulary = vocabulary;
        self
    }

    /// How many documents have been added.
    pub fn len(&self) -> usize {
        self.metas.len()
    }

    /// Whether no document has been added.
    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    /// The same writer, holding at most about `budget` bytes of postings in memory: past that,
    /// the postings so far are sorted and spilled to temporary files in a folder it makes in
    /// `dir`, merged when the index is finished. The folder is removed when the writer is
    /// finished or dropped. The index is the same, byte for byte, whatever the budget.
    pub fn with_memory(mut self, budget: usize, dir: &Path) -> Result<IndexWriter> {
        self.spill = Some(Spill::new(budget, dir)?);
        Ok(self)
    }

    /// The same writer, calling `progress(stems merged, stems)` now and then while it merges
    /// the runs into the index, and once at the end.
    pub fn with_progress(mut self, progress: Box<Progress>) -> IndexWriter {
        self.progress = Some(progress);
        self
    }

    /// How many runs have been spilled to temporary files so far.
    pub fn spilled_runs(&self) -> usize {
        self.runs.len()
    }

    /// Adds a document. Its id must not have been added before.
    pub fn add(&mut self, doc: Document) -> Result<()> {
        if !self.ids.insert(doc.id.clone()) {
            return Err(Error::DuplicateId(doc.id));
        }
        let doc_ord = self.metas.len() as u32;
        let mut per_doc: FxHashMap<u32, PostingBuilder> = FxHashMap::default();
        let mut checkpoints: [Vec<u32>; Field::COUNT] = Default::default();
        let mut lengths = [0u32; Field::COUNT];
        let mut tokens: Vec<Token> = Vec::new();
        let mut added: Vec<(String, String, u32)> = Vec::new();
        let mut unordered = false;
        let language = doc.lang.as_deref().and_then(Language::from_code);
        for field in Field::ALL {
            let text = docs::field_text(&doc, field);
            let (analyzer, vocabulary, run, stems, lang_stems) =
                (&self.analyzer, &self.vocabulary, &mut self.run, &mut self.stems, &mut self.lang_stems);
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
            lengths[field as usize] = tokens.last().map_or(0, |t| t.position + 1);
            added.clear();
            vocabulary.for_each_synonym(&tokens, |term, word, position| {
                // A longer synonym at the end of the text stacks its last words on the last word.
                added.push((term.to_string(), word.to_string(), position.min(last)));
            });
            unordered |= !added.is_empty();
            let words =
                tokens.drain(..).filter(|t| !vocabulary.is_stop_word(&t.form)).map(|t| (t.stem, t.form, t.position));
            for (term, word, position) in words.chain(added.drain(..)) {
                let id = run.term_id(term);
                let form = postings::form_bit(&word);
                run.add_word(word, id);
                let entry = per_doc.entry(id).or_insert_with(|| PostingBuilder { doc: doc_ord, ..Default::default() });
                entry.positions[field as usize].push(position);
                entry.forms |= form;
            }
        }
        if unordered {
            // Synonyms add positions out of order (and maybe twice): postings need them ascending.
            for posting in per_doc.values_mut() {
                for positions in &mut posting.positions {
                    positions.sort_unstable();
                    positions.dedup();
                }
            }
        }
        for (id, posting) in per_doc {
            self.run.push(id, posting);
        }
        self.field_lengths.push(lengths);
        self.metas.push(DocMeta::of(&doc));
        self.store.add(&doc, &checkpoints);
        if let Some(spill) = &self.spill {
            if self.run.bytes() >= spill.budget {
                self.runs.push(Run::spill(self.run.take_sorted(), &spill.dir, self.runs.len())?);
                // The stems of words seen so far, cached, grow with the vocabulary: start afresh.
                self.stems = FxHashMap::default();
                self.lang_stems = FxHashMap::default();
            }
        }
        Ok(())
    }

    /// Writes the index as one file and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.into_parts(usize::MAX)?.single()
    }

    /// Writes the index as a root file and chunks (see [`chunks`](super::chunks)), each chunk
    /// holding about `sizes` bytes before compression.
    pub fn finish_split(self, sizes: ChunkSizes) -> Result<SplitIndex> {
        self.into_parts(sizes.terms.max(1))?.split(sizes.docs)
    }

    /// Writes one file when the index's postings, positions and stored text come to at most
    /// `threshold` bytes, and a split index otherwise.
    pub fn finish_auto(self, threshold: usize, sizes: ChunkSizes) -> Result<Written> {
        let parts = self.into_parts(sizes.terms.max(1))?;
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
        let parts = self.into_parts(sizes.terms.max(1))?;
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

    /// Merges the runs into term chunks of about `target` bytes and encodes the settings.
    fn into_parts(mut self, target: usize) -> Result<Parts> {
        let mut runs = std::mem::take(&mut self.runs);
        if !self.run.is_empty() || runs.is_empty() {
            runs.push(Run::Memory(self.run.take_sorted()));
        }
        let (ordinals, term_count) = assemble::number_stems(&runs)?;
        let doc_count = self.metas.len();
        let mut totals = [0u64; Field::COUNT];
        for doc in &self.field_lengths {
            for (total, &len) in totals.iter_mut().zip(doc) {
                *total += u64::from(len);
            }
        }
        let settings = SettingsSection {
            settings: self.settings,
            doc_count: doc_count as u32,
            term_count: term_count as u64,
            avg_lengths: totals.map(|total| if doc_count == 0 { 0.0 } else { total as f32 / doc_count as f32 }),
        }
        .encode();
        let mut hasher = Crc32::new();
        hasher.update(&settings);
        let spool = self.spill.as_ref().map(|s| s.dir.join("term-chunks"));
        let mut progress = self.progress.take();
        let progress = progress.as_deref_mut();
        let plan = assemble::Plan { ordinals: &ordinals, field_lengths: &self.field_lengths, target, spool, progress };
        let term_chunks = assemble::term_chunks(runs, plan, &mut hasher)?;
        Ok(Parts {
            term_chunks,
            settings,
            metas: meta::encode_with(&self.metas, &self.facets),
            store: std::mem::take(&mut self.store),
            hasher,
            _scratch: self.spill.take(),
        })
    }
}

/// How big the chunks of a split index are, in bytes before compression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkSizes {
    /// Dictionary keys, postings and positions per term chunk.
    pub terms: usize,
    /// Stored records per document chunk.
    pub docs: usize,
}

impl Default for ChunkSizes {
    /// 8 KB and 4 KB (about 6 KB and 2 KB gzipped). A query fetches one term chunk per word and
    /// one document chunk per hit shown, in the same round whatever their size, and uses a small
    /// part of each, so small chunks waste few bytes: on Cranfield's first query, 24 KB term
    /// chunks fetched twice the bytes, and 6 KB document chunks 7 KB more than 4 KB ones. A term
    /// with a long posting list gets a chunk of its own whatever the size. The file count stays
    /// modest: about 11,700 for 63,000 Wikipedia leads (50 MB), where Pagefind writes 63,000.
    fn default() -> Self {
        ChunkSizes { terms: 8 * 1024, docs: 4 * 1024 }
    }
}
