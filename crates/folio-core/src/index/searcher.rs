//! The state of one search: an [`Index`] borrowed, and the chunks its lookups needed and did not
//! find (tantivy's `Index` → `Searcher`).

use std::cell::RefCell;

use super::chunks::{ChunkId, ChunkKind};
use super::fields::{Field, Settings};
use super::lookup::{Dictionary, Lookup, Scope};
use super::meta::{Meta, MetaTable};
use super::postings::{Blocks, Occurrence, Posting};
use super::reader::{Index, TermInfo};
use super::walk::{Guide, KeyMatch};
use crate::{Error, Result};

/// The chunks a search's lookups needed and did not find, in chunk order, each once. A sorted
/// `Vec` (a search notes a few chunks) rather than a `BTreeSet`: one map type less in the wasm
/// module.
#[derive(Default)]
pub(super) struct Notes(RefCell<Vec<ChunkId>>);

impl Notes {
    /// Notes chunk `id` as missing.
    pub(super) fn note(&self, id: ChunkId) {
        let mut ids = self.0.borrow_mut();
        if let Err(at) = ids.binary_search(&id) {
            ids.insert(at, id);
        }
    }
}

/// One search on an [`Index`]: its lookups answer a term whose chunk is not added as if the term
/// were absent and note the chunk, so that one pass finds every chunk the search needs; the
/// search then fails with [`Error::MissingChunks`] naming them all.
///
/// A `Searcher` borrows its index, so no chunk can be added while it lives, and it keeps its own
/// notes: searches on one index from several threads (each with its own `Searcher`) never see or
/// clear each other's. The notes belong to one search at a time ([`Searcher::search`] and the
/// other whole operations start them afresh).
pub struct Searcher<'i> {
    index: &'i Index,
    notes: Notes,
}

impl Index {
    /// A searcher on this index, for one search at a time.
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher { index: self, notes: Notes::default() }
    }
}

impl<'i> Searcher<'i> {
    /// The index searched.
    pub fn index(&self) -> &'i Index {
        self.index
    }

    /// Forgets the chunks noted so far: a new search starts.
    pub(crate) fn start(&self) {
        self.notes.0.borrow_mut().clear();
    }

    /// Fails with [`Error::MissingChunks`], naming them, if a lookup needed a chunk that has not
    /// been added.
    pub(crate) fn check_missing(&self) -> Result<()> {
        let missing = self.missing();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::MissingChunks(missing))
    }

    /// The addresses of the chunks noted missing so far, in chunk order.
    pub(crate) fn missing(&self) -> Vec<String> {
        let dir = self.index.directory();
        // A chunk whose page is not added is named by its page, which several may share.
        let mut names: Vec<String> = Vec::new();
        for name in self.notes.0.borrow().iter().map(|&id| dir.address(id)) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names
    }

    /// Whether document `doc`'s stored record is at hand (always, on a single-file index).
    pub(crate) fn has_document(&self, doc: u32) -> bool {
        !self.index.is_split() || !self.index.lacks_doc_chunk(self.index.directory().chunk_of_doc(doc))
    }

    /// Notes the document chunks that `docs` need and that have not been added.
    pub(crate) fn require_documents(&self, docs: impl IntoIterator<Item = u32>) {
        if !self.index.is_split() {
            return;
        }
        for doc in docs {
            let number = self.index.directory().chunk_of_doc(doc);
            if self.index.lacks_doc_chunk(number) {
                self.notes.note(ChunkId { kind: ChunkKind::Docs, number });
            }
        }
    }

    /// Notes the metadata chunk of document `doc` if it has not been added; true when it is at hand.
    pub(crate) fn require_meta(&self, doc: u32) -> bool {
        match self.index.metas().lacking(doc) {
            Some(number) => {
                self.notes.note(ChunkId { kind: ChunkKind::Meta, number });
                false
            }
            None => true,
        }
    }

    /// Notes metadata chunk `number` as needed.
    pub(crate) fn require_meta_chunk(&self, number: u32) {
        self.notes.note(ChunkId { kind: ChunkKind::Meta, number });
    }

    /// Term lookups that note the chunks they lack.
    fn lookup(&self) -> Lookup<'_> {
        Lookup { index: self.index, notes: Some(&self.notes) }
    }

    /// The ordinal of stemmed `term`, if the index has it; `None`, and the chunk noted, when its
    /// chunk is not added.
    pub fn stem_ordinal(&self, term: &str) -> Option<u32> {
        self.lookup().stem_ordinal(term)
    }

    /// The ordinal of the stem of folded word form `word`, if the index has the word; `None`,
    /// and the chunk noted, when its chunk is not added.
    pub fn form_ordinal(&self, word: &str) -> Option<u32> {
        self.lookup().form_ordinal(word)
    }

    /// Up to `max` keys of `dictionary` within `scope` that `automaton` accepts, in key order,
    /// with their values (stem ordinals); the chunks of `scope` not added are noted.
    pub fn walk<A: Guide>(&self, dictionary: Dictionary, scope: Scope, automaton: &A, max: usize) -> Vec<KeyMatch> {
        self.lookup().walk(dictionary, scope, automaton, max)
    }

    /// Where the data of term `ordinal` lies; while its chunk is not added, a document frequency
    /// of 0 (the term looks absent) and the chunk noted.
    pub fn term_info(&self, ordinal: u32) -> Result<TermInfo> {
        self.lookup().term_info(ordinal)
    }

    /// The postings of a term; none, and the chunk noted, while its chunk is not added.
    pub fn postings(&self, info: &TermInfo) -> Result<Vec<Posting>> {
        self.lookup().postings(info)
    }

    /// The blocks of a long posting list ([`BLOCK`](super::postings::BLOCK)), to decode one at a time;
    /// `None` for a shorter list, or while the term's chunk is not added (then noted).
    pub fn blocks(&self, info: &TermInfo) -> Result<Option<Blocks<'_>>> {
        self.lookup().blocks(info)
    }

    /// As [`Index::positions_in`]; nothing, and the chunk noted, while the term's chunk is not
    /// added. When `postings` is some of the list's blocks, `jumps` gives where each block
    /// starts: its first posting's place in `postings` and its [`Block::positions`](super::postings::Block::positions).
    pub fn positions_in(
        &self,
        info: &TermInfo,
        postings: &[Posting],
        jumps: &[(u32, u32)],
        docs: &[u32],
        out: &mut Vec<Occurrence>,
    ) -> Result<()> {
        self.lookup().positions_in(info, postings, jumps, docs, out)
    }

    /// As [`Index::term_chunk_of`].
    pub fn term_chunk_of(&self, key: &str) -> u32 {
        self.index.term_chunk_of(key)
    }

    /// As [`Index::doc_count`].
    pub fn doc_count(&self) -> u32 {
        self.index.doc_count()
    }

    /// As [`Index::settings`].
    pub fn settings(&self) -> &'i Settings {
        self.index.settings()
    }

    /// As [`Index::avg_length`].
    pub fn avg_length(&self, field: Field) -> f32 {
        self.index.avg_length(field)
    }

    /// As [`Index::meta`].
    pub fn meta(&self, doc: u32) -> Option<Meta<'i>> {
        self.index.meta(doc)
    }

    /// As [`Index::metas`].
    pub fn metas(&self) -> &'i MetaTable {
        self.index.metas()
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::index::{ChunkSizes, Index, IndexWriter};
    use crate::search::SearchOptions;
    use crate::Error;

    /// The root of a split index of words far apart in the dictionary, with none of its chunks.
    fn root() -> Index {
        let mut w = IndexWriter::new();
        for (i, word) in ["apple", "ember", "kettle", "oxen", "zebra"].iter().enumerate() {
            w.add(Document::new(format!("d{i}"), "Note", format!("{word} {word} {word}"))).unwrap();
        }
        Index::from_vec(w.finish_split(ChunkSizes { terms: 16, docs: 16 }).unwrap().root).unwrap()
    }

    fn missing(result: crate::Result<impl std::fmt::Debug>) -> Vec<String> {
        match result {
            Err(Error::MissingChunks(names)) => names,
            other => panic!("expected missing chunks, got {other:?}"),
        }
    }

    #[test]
    fn each_search_names_only_the_chunks_it_needs() {
        let index = root();
        let options = SearchOptions::default();
        let searcher = index.searcher();
        let apple = missing(searcher.search("apple", &options));
        let zebra = missing(searcher.search("zebra", &options));
        assert_ne!(apple, zebra, "the words lie in different term chunks");
        // A searcher's second search starts with no notes: it names what a fresh one names.
        assert_eq!(zebra, missing(index.searcher().search("zebra", &options)));
        // Searchers on one index keep their own notes.
        let (one, other) = (index.searcher(), index.searcher());
        assert_eq!(one.stem_ordinal("apple"), None);
        assert!(one.check_missing().is_err() && other.check_missing().is_ok());
        // Outside a search, reading a term of a chunk not added is an error, not an absent term.
        assert!(matches!(index.term_info(0), Err(Error::MissingChunks(_))));
    }
}
