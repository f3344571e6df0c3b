//! Building an index from documents.

use std::collections::HashSet;

use super::chunks::{self, ChunkId, ChunkKind, Directory};
use super::codec::Encoder;
use super::dictionary::{self, FormOf};
use super::docs;
use super::fields::{Field, Settings, SettingsSection};
use super::format::{self, SectionKind};
use super::hash::FxHashMap;
use super::meta::{self, DocMeta};
use super::postings::{self, PostingBuilder};
use super::term_chunk;
use crate::analysis::vocabulary::Vocabulary;
use crate::analysis::{Analyzer, Language, Token};
use crate::corpus::Document;
use crate::{Error, Result};

/// Collects documents and writes the index bytes.
///
/// Documents are analysed as they are added; the stored records are encoded right away, so the
/// writer holds postings and encoded text, not the documents themselves.
pub struct IndexWriter {
    analyzer: Analyzer,
    settings: Settings,
    vocabulary: Vocabulary,
    term_ids: FxHashMap<String, u32>,
    word_ids: FxHashMap<String, u32>,
    /// Stems of the word forms seen so far, so each distinct word is stemmed once.
    stems: FxHashMap<String, String>,
    /// The same for words stemmed by their document's language, by language and word as written.
    lang_stems: FxHashMap<Language, FxHashMap<String, String>>,
    postings: Vec<Vec<PostingBuilder>>,
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
            term_ids: FxHashMap::default(),
            word_ids: FxHashMap::default(),
            stems: FxHashMap::default(),
            lang_stems: FxHashMap::default(),
            postings: Vec::new(),
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
            let (analyzer, vocabulary, term_ids, word_ids, postings, stems, lang_stems) = (
                &self.analyzer,
                &self.vocabulary,
                &mut self.term_ids,
                &mut self.word_ids,
                &mut self.postings,
                &mut self.stems,
                &mut self.lang_stems,
            );
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
                let next = term_ids.len() as u32;
                let id = *term_ids.entry(term).or_insert_with(|| {
                    postings.push(Vec::new());
                    next
                });
                word_ids.entry(word).or_insert(id);
                let entry = per_doc.entry(id).or_insert_with(|| PostingBuilder { doc: doc_ord, ..Default::default() });
                entry.positions[field as usize].push(position);
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
            self.postings[id as usize].push(posting);
        }
        self.field_lengths.push(lengths);
        self.metas.push(DocMeta::of(&doc));
        self.store.add(&doc, &checkpoints);
        Ok(())
    }

    /// Writes the index as one file and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        self.into_parts()?.single()
    }

    /// Writes the index as a root file and chunks (see [`chunks`](super::chunks)), each chunk
    /// holding about `sizes` bytes before compression.
    pub fn finish_split(self, sizes: ChunkSizes) -> Result<SplitIndex> {
        self.into_parts()?.split(sizes)
    }

    /// Writes one file when the index's postings, positions and stored text come to at most
    /// `threshold` bytes, and a split index otherwise.
    pub fn finish_auto(self, threshold: usize, sizes: ChunkSizes) -> Result<Written> {
        let parts = self.into_parts()?;
        if parts.postings.len() + parts.positions.len() + parts.store.byte_len() <= threshold {
            Ok(Written::Single(parts.single()?))
        } else {
            Ok(Written::Split(parts.split(sizes)?))
        }
    }

    /// Sorts the dictionaries, encodes postings in term order, and encodes the settings.
    fn into_parts(self) -> Result<Parts> {
        if self.term_ids.len() > dictionary::MAX_STEMS {
            return Err(Error::TooLarge(format!(
                "{} distinct terms, where an index holds at most {}",
                self.term_ids.len(),
                dictionary::MAX_STEMS
            )));
        }
        let mut terms: Vec<(String, u32)> = self.term_ids.into_iter().collect();
        terms.sort_unstable();
        let mut new_ord = vec![0u32; terms.len()];
        for (ord, (_, old)) in terms.iter().enumerate() {
            new_ord[*old as usize] = ord as u32;
        }
        let mut words: Vec<(String, u32)> =
            self.word_ids.into_iter().map(|(word, old)| (word, new_ord[old as usize])).collect();
        words.sort_unstable();
        // A form that is its own stem is the stem's key in the dictionary, flagged there.
        let mut stem_is_form = vec![false; terms.len()];
        words.retain(|(word, ord)| {
            let own = terms[*ord as usize].0 == *word;
            stem_is_form[*ord as usize] |= own;
            !own
        });

        let (mut post, mut pos) = (Encoder::new(), Encoder::new());
        let mut infos = Vec::with_capacity(terms.len());
        let mut lists = self.postings;
        for (_, old) in &terms {
            let list = &mut lists[*old as usize];
            list.sort_unstable_by_key(|p| p.doc);
            infos.push((list.len() as u32, post.buf.len(), pos.buf.len()));
            postings::encode(list, &self.field_lengths, &mut post, &mut pos);
            *list = Vec::new();
        }

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
            term_count: terms.len() as u64,
            avg_lengths: totals.map(|total| if doc_count == 0 { 0.0 } else { total as f32 / doc_count as f32 }),
        };
        Ok(Parts {
            terms: terms.into_iter().map(|(t, _)| t).collect(),
            stem_is_form,
            words,
            infos,
            postings: post.buf,
            positions: pos.buf,
            settings: settings.encode(),
            metas: meta::encode_with(&self.metas, &self.facets),
            store: self.store,
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

/// A split index: the root file and its chunks, as (file name relative to the root, bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitIndex {
    /// The root file (`index.folio`).
    pub root: Vec<u8>,
    /// The chunks, term chunks first.
    pub chunks: Vec<(String, Vec<u8>)>,
}

/// What [`IndexWriter::finish_auto`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// One file.
    Single(Vec<u8>),
    /// A root file and chunks.
    Split(SplitIndex),
}

/// An index's encoded parts, before they are laid out in one file or in chunks.
struct Parts {
    /// The stems, sorted; a stem's ordinal is its place here.
    terms: Vec<String>,
    /// Per stem: whether it is also an indexed word form.
    stem_is_form: Vec<bool>,
    /// The word forms that differ from their stems, sorted, with the ordinals of their stems.
    words: Vec<(String, u32)>,
    /// Per stem: document frequency and offsets into `postings` and `positions`.
    infos: Vec<(u32, usize, usize)>,
    postings: Vec<u8>,
    positions: Vec<u8>,
    settings: Vec<u8>,
    metas: Vec<u8>,
    store: docs::StoreWriter,
}

impl Parts {
    /// Lays the parts out in one file.
    fn single(self) -> Result<Vec<u8>> {
        let [keys, infos, postings, positions] = self.chunk_sections(0..self.terms.len(), &self.words)?;
        Ok(format::write(&[
            (SectionKind::Settings, self.settings),
            (SectionKind::Terms, keys),
            (SectionKind::TermInfos, infos),
            (SectionKind::Postings, postings),
            (SectionKind::Positions, positions),
            (SectionKind::DocMeta, self.metas),
            (SectionKind::DocStore, self.store.finish()),
        ]))
    }

    /// Lays the parts out as a root and chunks.
    fn split(self, sizes: ChunkSizes) -> Result<SplitIndex> {
        let (first_keys, first_ordinals) = self.term_cuts(sizes.terms.max(1));
        let (first_docs, doc_stores) = self.store.finish_split(sizes.docs.max(1));

        let mut term_chunks = Vec::with_capacity(first_keys.len());
        for k in 0..first_keys.len() {
            let (from, to) = (&first_keys[k], first_keys.get(k + 1));
            let words_from = self.words.partition_point(|(w, _)| w < from);
            let words_to = to.map_or(self.words.len(), |to| self.words.partition_point(|(w, _)| w < to));
            let end = first_ordinals.get(k + 1).map_or(self.terms.len(), |&o| o as usize);
            term_chunks.push(self.chunk_sections(first_ordinals[k] as usize..end, &self.words[words_from..words_to])?);
        }
        let mut hasher = super::checksum::Crc32::new();
        hasher.update(&self.settings);
        for sections in &term_chunks {
            sections.iter().for_each(|s| hasher.update(s));
        }
        doc_stores.iter().for_each(|s| hasher.update(s));
        let last_keys = (0..first_keys.len()).map(|k| self.last_key_before(first_keys.get(k + 1))).collect();
        let directory = Directory { index_id: hasher.finish(), first_keys, last_keys, first_ordinals, first_docs };

        let mut chunks = Vec::with_capacity(term_chunks.len() + doc_stores.len());
        let header = |kind, number| {
            let id = ChunkId { kind, number };
            (id.file_name(directory.index_id), (SectionKind::Chunk, chunks::encode_header(directory.index_id, id)))
        };
        for (number, [keys, infos, postings, positions]) in term_chunks.into_iter().enumerate() {
            let (name, head) = header(ChunkKind::Terms, number as u32);
            let bytes = format::write(&[
                head,
                (SectionKind::Terms, keys),
                (SectionKind::TermInfos, infos),
                (SectionKind::Postings, postings),
                (SectionKind::Positions, positions),
            ]);
            chunks.push((name, bytes));
        }
        for (number, store) in doc_stores.into_iter().enumerate() {
            let (name, head) = header(ChunkKind::Docs, number as u32);
            chunks.push((name, format::write(&[head, (SectionKind::DocStore, store)])));
        }
        let root = format::write(&[
            (SectionKind::Settings, self.settings),
            (SectionKind::DocMeta, self.metas),
            (SectionKind::Directory, directory.encode()),
        ]);
        Ok(SplitIndex { root, chunks })
    }

    /// Where term chunks start: (first key, first stem ordinal) of each, cutting once a chunk's
    /// keys, postings and positions pass `target` bytes.
    fn term_cuts(&self, target: usize) -> (Vec<String>, Vec<u32>) {
        let (mut keys, mut ordinals) = (vec![String::new()], vec![0u32]);
        let (mut i, mut j, mut size) = (0usize, 0usize, 0usize);
        while i < self.terms.len() || j < self.words.len() {
            let key = match (self.terms.get(i), self.words.get(j)) {
                (Some(t), Some((w, _))) => t.min(w),
                (Some(t), None) => t,
                (None, Some((w, _))) => w,
                (None, None) => break,
            };
            if size >= target {
                keys.push(key.clone());
                ordinals.push(i as u32);
                size = 0;
            }
            let is_term = self.terms.get(i) == Some(key);
            let is_word = self.words.get(j).is_some_and(|(w, _)| w == key);
            if is_term {
                let ((post, pos), (post_end, pos_end)) = (self.offsets(i), self.offsets(i + 1));
                size += key.len() + 4 + (post_end - post) + (pos_end - pos);
                i += 1;
            }
            if is_word {
                size += key.len() + 4;
                j += 1;
            }
        }
        (keys, ordinals)
    }

    /// Where the postings and positions of stem `ordinal` start (past the last stem: the ends).
    fn offsets(&self, ordinal: usize) -> (usize, usize) {
        self.infos.get(ordinal).map_or((self.postings.len(), self.positions.len()), |i| (i.1, i.2))
    }

    /// The greatest stem or word form below `end` (or of all, without `end`).
    fn last_key_before(&self, end: Option<&String>) -> String {
        let t = end.map_or(self.terms.len(), |e| self.terms.partition_point(|t| t < e));
        let w = end.map_or(self.words.len(), |e| self.words.partition_point(|(w, _)| w < e));
        let (t, w) = (t.checked_sub(1).map(|i| &self.terms[i]), w.checked_sub(1).map(|i| &self.words[i].0));
        t.max(w).cloned().unwrap_or_default()
    }

    /// The sections of the stems with ordinals in `ordinals`, with the word forms `words`: the
    /// dictionary of both, term infos, postings and positions (offsets relative to these
    /// sections).
    fn chunk_sections(&self, ordinals: std::ops::Range<usize>, words: &[(String, u32)]) -> Result<[Vec<u8>; 4]> {
        let fst_error = |e: fst::Error| Error::corrupt(format!("dictionary: {e}"));
        let mut keys = fst::MapBuilder::memory();
        let (mut stems, mut forms) = (ordinals.clone().peekable(), words.iter().peekable());
        loop {
            // Both lists are sorted: merge them, joining a stem and a form with the same key.
            let (stem, form) = match (stems.peek(), forms.peek()) {
                (None, None) => break,
                (Some(&o), Some((w, _))) => match self.terms[o].cmp(w) {
                    std::cmp::Ordering::Less => (stems.next(), None),
                    std::cmp::Ordering::Greater => (None, forms.next()),
                    std::cmp::Ordering::Equal => (stems.next(), forms.next()),
                },
                (Some(_), None) => (stems.next(), None),
                (None, Some(_)) => (None, forms.next()),
            };
            let (key, value) = match (stem, form) {
                (Some(o), form) => {
                    let of = match form {
                        Some((_, other)) => FormOf::Stem(*other),
                        None if self.stem_is_form[o] => FormOf::Itself,
                        None => FormOf::Nothing,
                    };
                    (&self.terms[o], dictionary::stem_value(o as u32, of))
                }
                (None, Some((w, stem))) => (w, dictionary::form_value(*stem)),
                (None, None) => break,
            };
            keys.insert(key, value).map_err(fst_error)?;
        }
        let (post_start, pos_start) = self.offsets(ordinals.start);
        let (post_end, pos_end) = self.offsets(ordinals.end);
        let infos: Vec<[u64; 3]> = ordinals
            .map(|ord| {
                let (post, pos) = self.offsets(ord);
                [u64::from(self.infos[ord].0), (post - post_start) as u64, (pos - pos_start) as u64]
            })
            .collect();
        let lens = [(post_end - post_start) as u64, (pos_end - pos_start) as u64];
        Ok([
            keys.into_inner().map_err(fst_error)?,
            term_chunk::encode_infos(&infos, lens),
            self.postings[post_start..post_end].to_vec(),
            self.positions[pos_start..pos_end].to_vec(),
        ])
    }
}
