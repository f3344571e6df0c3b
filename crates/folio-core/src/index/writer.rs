//! Building an index from documents.

use std::collections::HashSet;

use super::codec::Encoder;
use super::docs::{self, DocMeta};
use super::fields::{Field, Settings};
use super::format::{self, SectionKind};
use super::hash::FxHashMap;
use super::postings::{self, PostingBuilder};
use crate::analysis::{Analyzer, Token};
use crate::config::Vocabulary;
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
    postings: Vec<Vec<PostingBuilder>>,
    field_lengths: Vec<[u32; Field::COUNT]>,
    metas: Vec<DocMeta>,
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
            postings: Vec::new(),
            field_lengths: Vec::new(),
            metas: Vec::new(),
            ids: HashSet::new(),
            store: docs::StoreWriter::default(),
        }
    }

    /// The same writer, applying `vocabulary` (synonyms, stop words) to every document added
    /// afterwards; see [`crate::config`] for what they do.
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
        for field in Field::ALL {
            let text = match field {
                Field::Title => &doc.title,
                Field::Summary => &doc.summary,
                Field::Body => &doc.body,
                Field::Citation => &doc.citation,
            };
            let (analyzer, vocabulary, term_ids, word_ids, postings, stems) = (
                &self.analyzer,
                &self.vocabulary,
                &mut self.term_ids,
                &mut self.word_ids,
                &mut self.postings,
                &mut self.stems,
            );
            tokens.clear();
            let field_checkpoints = &mut checkpoints[field as usize];
            analyzer.for_each_word(text, |w| {
                if w.position % docs::CHECKPOINT_WORDS == 0 {
                    field_checkpoints.push(w.start as u32);
                }
                let term = match stems.get(&w.word) {
                    Some(term) => term.clone(),
                    None => {
                        let term = analyzer.stem(&w.word);
                        stems.insert(w.word.clone(), term.clone());
                        term
                    }
                };
                tokens.push(Token { term, word: w.word, start: w.start, end: w.end, position: w.position });
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
                tokens.drain(..).filter(|t| !vocabulary.is_stop_word(&t.word)).map(|t| (t.term, t.word, t.position));
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

    /// Writes the index and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>> {
        let mut terms: Vec<(String, u32)> = self.term_ids.into_iter().collect();
        terms.sort_unstable();
        let mut new_ord = vec![0u32; terms.len()];
        for (ord, (_, old)) in terms.iter().enumerate() {
            new_ord[*old as usize] = ord as u32;
        }
        let fst_error = |e: fst::Error| Error::corrupt(format!("term dictionary: {e}"));

        let mut term_fst = fst::MapBuilder::memory();
        for (ord, (term, _)) in terms.iter().enumerate() {
            term_fst.insert(term, ord as u64).map_err(fst_error)?;
        }
        let mut words: Vec<(String, u32)> = self.word_ids.into_iter().collect();
        words.sort_unstable();
        let mut word_fst = fst::MapBuilder::memory();
        for (word, old) in &words {
            word_fst.insert(word, u64::from(new_ord[*old as usize])).map_err(fst_error)?;
        }

        let (mut infos, mut post, mut pos) = (Encoder::new(), Encoder::new(), Encoder::new());
        let mut lists = self.postings;
        for (_, old) in &terms {
            let list = &mut lists[*old as usize];
            list.sort_unstable_by_key(|p| p.doc);
            infos.u32(list.len() as u32);
            infos.u32(post.buf.len() as u32);
            infos.u32(pos.buf.len() as u32);
            postings::encode(list, &mut post, &mut pos);
        }

        let doc_count = self.metas.len();
        let mut settings = Encoder::new();
        self.settings.encode(&mut settings);
        settings.varint(doc_count as u64);
        settings.varint(terms.len() as u64);
        let mut lengths = Encoder::new();
        let mut totals = [0u64; Field::COUNT];
        for doc in &self.field_lengths {
            for (i, &len) in doc.iter().enumerate() {
                lengths.varint(u64::from(len));
                totals[i] += u64::from(len);
            }
        }
        for total in totals {
            settings.f32(if doc_count == 0 { 0.0 } else { total as f32 / doc_count as f32 });
        }

        Ok(format::write(&[
            (SectionKind::Settings, settings.buf),
            (SectionKind::Terms, term_fst.into_inner().map_err(fst_error)?),
            (SectionKind::Words, word_fst.into_inner().map_err(fst_error)?),
            (SectionKind::TermInfos, infos.buf),
            (SectionKind::Postings, post.buf),
            (SectionKind::Positions, pos.buf),
            (SectionKind::FieldLengths, lengths.buf),
            (SectionKind::DocMeta, docs::encode_meta(&self.metas)),
            (SectionKind::DocStore, self.store.finish()),
        ]))
    }
}
