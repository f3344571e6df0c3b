//! Looking terms up: dictionary keys, term infos, postings and positions, through the term chunks
//! added. One body per lookup serves both callers: [`Index`] (a term whose chunk is not added is
//! [`Error::MissingChunks`]) and a [`Searcher`](super::Searcher) (the chunk is noted and the term
//! looks absent, so one pass finds every chunk a search needs).

use super::chunks::{ChunkId, ChunkKind};
use super::codec::Decoder;
use super::dictionary;
use super::fields::Field;
use super::pages::Place;
use super::postings::{self, Blocks, Occurrence, Posting};
use super::reader::{Index, TermInfo};
use super::searcher::Notes;
use super::term_chunk::{keys_of, TermChunk};
use super::walk::{Guide, KeyMatch};
use crate::{Error, Result};

/// Which dictionary a walk goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dictionary {
    /// The stems.
    Terms,
    /// The folded word forms.
    Words,
}

/// Which part of the dictionary a walk covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope<'q> {
    /// Every key that starts with this prefix.
    Prefix(&'q str),
    /// Keys near this one: the whole dictionary of a single-file index, the term chunk holding
    /// the key in a split index (where typo and OCR matches are looked for).
    Near(&'q str),
}

/// Term lookups on `index`; a term chunk not added is noted in `notes` (a search's) or, without
/// notes, an error.
#[derive(Clone, Copy)]
pub(super) struct Lookup<'a> {
    pub(super) index: &'a Index,
    pub(super) notes: Option<&'a Notes>,
}

impl<'a> Lookup<'a> {
    /// The term chunk `number`: `Ok(None)` when it is not added and there are notes (which
    /// note it), [`Error::MissingChunks`] when it is not added outside a search.
    fn term_chunk(self, number: u32) -> Result<Option<&'a TermChunk>> {
        match self.index.term_chunks.get(number as usize) {
            Some(Some(chunk)) => Ok(Some(chunk)),
            Some(None) => {
                let id = ChunkId { kind: ChunkKind::Terms, number };
                match self.notes {
                    Some(notes) => {
                        notes.note(id);
                        Ok(None)
                    }
                    None => Err(Error::MissingChunks(vec![self.index.directory.address(id)])),
                }
            }
            None => Err(Error::corrupt(format!("the index has no term chunk {number}"))),
        }
    }

    /// What a directory lookup found; pages not added are noted (in a search) and the lookup
    /// found nothing.
    fn known<T>(self, place: Place<T>) -> Option<T> {
        match place {
            Place::Known(found) => Some(found),
            Place::Unloaded(pages) => {
                if let Some(notes) = self.notes {
                    pages.into_iter().for_each(|number| notes.note(ChunkId { kind: ChunkKind::Pages, number }));
                }
                None
            }
        }
    }

    /// The term chunk whose key range takes in `key`, if its page is at hand.
    fn chunk_of_key(self, key: &str) -> Option<u32> {
        self.known(self.index.directory.place_of_key(key)).flatten()
    }

    /// The term chunk `number` for a dictionary lookup, which answers "not there" when the chunk
    /// is not added (noted, in a search).
    fn term_chunk_for_keys(self, number: u32) -> Option<&'a TermChunk> {
        self.term_chunk(number).ok().flatten()
    }

    pub(super) fn stem_ordinal(self, term: &str) -> Option<u32> {
        let chunk = self.term_chunk_for_keys(self.chunk_of_key(term)?)?;
        chunk.keys.get(term).and_then(dictionary::as_stem)
    }

    pub(super) fn form_ordinal(self, word: &str) -> Option<u32> {
        let chunk = self.term_chunk_for_keys(self.chunk_of_key(word)?)?;
        chunk.keys.get(word).and_then(dictionary::as_form)
    }

    pub(super) fn walk<A: Guide>(
        self,
        dictionary: Dictionary,
        scope: Scope,
        automaton: &A,
        max: usize,
    ) -> Vec<KeyMatch> {
        let dir = &self.index.directory;
        let chunks = match scope {
            Scope::Near(key) => match self.chunk_of_key(key) {
                Some(k) => k..k + 1,
                None => 0..0,
            },
            Scope::Prefix(prefix) => self.known(dir.place_of_prefix(prefix)).unwrap_or(0..0),
        };
        let mut found = Vec::new();
        for number in chunks {
            let Some(chunk) = self.term_chunk_for_keys(number) else { continue };
            let limit = max - found.len();
            let ordinal_of = match dictionary {
                Dictionary::Terms => dictionary::as_stem,
                Dictionary::Words => dictionary::as_form,
            };
            found.append(&mut keys_of(&chunk.keys, automaton, limit, ordinal_of));
            if found.len() >= max {
                break;
            }
        }
        found
    }

    pub(super) fn term_info(self, ordinal: u32) -> Result<TermInfo> {
        let dir = &self.index.directory;
        let chunk = match dir.place_of_ordinal(ordinal) {
            Place::Known(chunk) => chunk,
            Place::Unloaded(pages) => {
                let page = ChunkId { kind: ChunkKind::Pages, number: pages[0] };
                let Some(notes) = self.notes else { return Err(Error::MissingChunks(vec![dir.address(page)])) };
                notes.note(page);
                let chunk = dir.first_chunk_of_page(page.number);
                return Ok(TermInfo { doc_freq: 0, postings_offset: 0, positions_offset: 0, chunk });
            }
        };
        let Some(opened) = self.term_chunk(chunk)? else {
            return Ok(TermInfo { doc_freq: 0, postings_offset: 0, positions_offset: 0, chunk });
        };
        let local = ordinal.checked_sub(dir.first_ordinals[chunk as usize]);
        let [doc_freq, postings_offset, positions_offset] = local
            .and_then(|local| opened.infos.get(local as usize))
            .copied()
            .ok_or_else(|| Error::corrupt(format!("term ordinal {ordinal} is out of range")))?;
        Ok(TermInfo { doc_freq, postings_offset, positions_offset, chunk })
    }

    /// The bytes of `info`'s term in `section` (postings or positions) of its chunk.
    fn term_bytes(self, info: &TermInfo, positions: bool) -> Result<&'a [u8]> {
        let Some(chunk) = self.term_chunk(info.chunk)? else { return Ok(&[]) };
        let (section, offset) =
            if positions { (&chunk.positions, info.positions_offset) } else { (&chunk.postings, info.postings_offset) };
        section.bytes().get(offset as usize..).ok_or_else(|| {
            Error::corrupt(format!("a {} offset is out of range", if positions { "positions" } else { "postings" }))
        })
    }

    pub(super) fn postings(self, info: &TermInfo) -> Result<Vec<Posting>> {
        let bytes = self.term_bytes(info, false)?;
        postings::decode(&mut Decoder::new(bytes, "postings"), info.doc_freq, self.index.doc_count)
    }

    /// The blocks of a long list (`None` for a list of at most
    /// [`BLOCKED_FROM`](super::postings::BLOCKED_FROM)).
    pub(super) fn blocks(self, info: &TermInfo) -> Result<Option<Blocks<'a>>> {
        if info.doc_freq as usize <= postings::BLOCKED_FROM {
            return Ok(None);
        }
        let mut d = Decoder::new(self.term_bytes(info, false)?, "postings");
        Blocks::read(&mut d, info.doc_freq, self.index.doc_count).map(Some)
    }

    pub(super) fn positions(self, info: &TermInfo, postings: &[Posting]) -> Result<Vec<[Vec<u32>; Field::COUNT]>> {
        let bytes = self.term_bytes(info, true)?;
        postings::decode_positions(&mut Decoder::new(bytes, "positions"), postings)
    }

    pub(super) fn positions_in(
        self,
        info: &TermInfo,
        postings: &[Posting],
        jumps: &[(u32, u32)],
        docs: &[u32],
        out: &mut Vec<Occurrence>,
    ) -> Result<()> {
        let bytes = self.term_bytes(info, true)?;
        let mut d = Decoder::new(bytes, "positions");
        // The positions of the postings passed over, skipped in one run before the next read.
        // Plain loops: in the module, built for size, an iterator per posting of a long list is
        // a call per posting.
        let (mut skip, mut next, mut jump) = (0u64, 0, 0);
        for (i, posting) in postings.iter().enumerate() {
            if jumps.get(jump).is_some_and(|&(at, _)| at as usize == i) {
                // The first posting of a block: its positions start where the table says.
                let at = jumps[jump].1 as usize;
                d = Decoder::new(bytes.get(at..).unwrap_or_default(), "positions");
                (skip, jump) = (0, jump + 1);
            }
            while next < docs.len() && docs[next] < posting.doc {
                next += 1;
            }
            if next == docs.len() {
                break;
            }
            if docs[next] != posting.doc {
                let [a, b, c, e] = posting.tf;
                skip += u64::from(a) + u64::from(b) + u64::from(c) + u64::from(e);
                continue;
            }
            d.skip_varints(std::mem::take(&mut skip))?;
            postings::read_positions(&mut d, posting, |field, position| {
                out.push(Occurrence { doc: posting.doc, field: field as u8, position })
            })?;
        }
        Ok(())
    }
}

impl Index {
    /// Term lookups that fail with [`Error::MissingChunks`] on a chunk not added.
    fn lookup(&self) -> Lookup<'_> {
        Lookup { index: self, notes: None }
    }

    /// The ordinal of stemmed `term`, if the index has it (and, in a split index, its chunk is
    /// added).
    pub fn stem_ordinal(&self, term: &str) -> Option<u32> {
        self.lookup().stem_ordinal(term)
    }

    /// The ordinal of the stem of folded word form `word`, if the index has the word (and, in a
    /// split index, its chunk is added).
    pub fn form_ordinal(&self, word: &str) -> Option<u32> {
        self.lookup().form_ordinal(word)
    }

    /// Up to `max` keys of `dictionary` within `scope` that `automaton` accepts, in key order,
    /// with their values (stem ordinals), from the chunks added.
    pub fn walk<A: Guide>(&self, dictionary: Dictionary, scope: Scope, automaton: &A, max: usize) -> Vec<KeyMatch> {
        self.lookup().walk(dictionary, scope, automaton, max)
    }

    /// Whether the dictionary may hold a key whose first byte is in `first_bytes`. False
    /// only when none can be there: a split index answers from its directory's key ranges,
    /// without fetching a chunk; a single file from its dictionary's first transitions.
    pub fn may_hold_terms_starting_in(&self, first_bytes: std::ops::RangeInclusive<u8>) -> bool {
        let dir = &self.directory;
        if dir.last_keys.is_empty() {
            return match self.term_chunks.first() {
                Some(Some(chunk)) => chunk.keys.as_fst().root().transitions().any(|t| first_bytes.contains(&t.inp)),
                _ => true,
            };
        }
        dir.may_hold_keys_starting_in(&first_bytes)
    }

    /// Where the data of term `ordinal` lies. Fails with [`Error::MissingChunks`] when its chunk
    /// is not added (in a search, the term looks absent and the chunk is noted instead).
    pub fn term_info(&self, ordinal: u32) -> Result<TermInfo> {
        self.lookup().term_info(ordinal)
    }

    /// The postings of a term. Fails with [`Error::MissingChunks`] when its chunk is not added.
    pub fn postings(&self, info: &TermInfo) -> Result<Vec<Posting>> {
        self.lookup().postings(info)
    }

    /// The positions of a term's `postings` (as returned by [`Index::postings`]). Fails with
    /// [`Error::MissingChunks`] when its chunk is not added.
    pub fn positions(&self, info: &TermInfo, postings: &[Posting]) -> Result<Vec<[Vec<u32>; Field::COUNT]>> {
        self.lookup().positions(info, postings)
    }

    /// Appends to `out` where a term occurs in each of `docs` (ascending) that contains it, in
    /// document, field and position order, in one pass over the term's positions. `postings` is
    /// the term's list, as [`Index::postings`] decodes it (the caller usually has it already).
    pub fn positions_in(
        &self,
        info: &TermInfo,
        postings: &[Posting],
        docs: &[u32],
        out: &mut Vec<Occurrence>,
    ) -> Result<()> {
        self.lookup().positions_in(info, postings, &[], docs, out)
    }
}
