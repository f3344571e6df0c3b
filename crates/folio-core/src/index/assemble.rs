//! Assembling the term sections from the runs: the stems are numbered in a first merge, then
//! stems and word forms are merged side by side in key order, each stem's postings encoded as it
//! comes, and cut into term chunks of a target size as they go.
//!
//! A term chunk is cut before the key that would start once the chunk's keys, postings and
//! positions pass the target, so a chunk holds the stems with ordinals in a range and the word
//! forms between its first key and the next chunk's. With no target the whole dictionary is one
//! chunk: the sections of a single-file index.

use std::collections::VecDeque;
use std::path::PathBuf;

use super::checksum::Crc32;
use super::codec::Encoder;
use super::dictionary::{self, FormOf};
use super::docs::group;
use super::fields::Field;
use super::postings::{self, PostingBuilder};
use super::runs::{Feed, Merge, Run, Sink, Source};
use super::scripts::ScriptStems;
use super::term_chunk;
use crate::{Error, Result};

/// Where a term chunk lies in the dictionary, and the sizes of its sections.
#[derive(Debug)]
pub(super) struct TermSections {
    /// The first key it holds (empty for the first chunk).
    pub first_key: String,
    /// The ordinal of its first stem.
    pub first_ordinal: u32,
    /// The last key it holds.
    pub last_key: String,
    /// The bytes of its dictionary, term infos, postings and positions.
    pub lens: [usize; 4],
}

/// The term chunks, in order, and their sections: in memory, or spooled to a temporary file and
/// read back once, in order.
pub(super) struct TermChunks {
    pub chunks: Vec<TermSections>,
    /// Which documents share stems, gathered for grouping the document chunks of a small split
    /// index ([`group`]); `None` for a single file or a larger index.
    pub links: Option<group::Links>,
    memory: VecDeque<[Vec<u8>; 4]>,
    spool: Option<(Option<Sink>, PathBuf, Option<Feed>)>,
}

impl TermChunks {
    fn new(spool: Option<PathBuf>) -> Result<TermChunks> {
        let spool = match spool {
            Some(path) => Some((Some(Sink::create(path.clone())?), path, None)),
            None => None,
        };
        Ok(TermChunks { chunks: Vec::new(), links: None, memory: VecDeque::new(), spool })
    }

    fn push(&mut self, chunk: TermSections, sections: [Vec<u8>; 4]) -> Result<()> {
        self.chunks.push(chunk);
        match &mut self.spool {
            Some((Some(sink), _, _)) => sections.iter().try_for_each(|s| sink.bytes(s)),
            _ => {
                self.memory.push_back(sections);
                Ok(())
            }
        }
    }

    /// The bytes of postings and positions of every chunk.
    pub(super) fn postings_len(&self) -> usize {
        self.chunks.iter().map(|c| c.lens[2] + c.lens[3]).sum()
    }

    /// The sections of chunk `k`, called for k = 0, 1, … in order.
    pub(super) fn sections(&mut self, k: usize) -> Result<[Vec<u8>; 4]> {
        let lens = self.chunks.get(k).map(|c| c.lens).unwrap_or_default();
        match &mut self.spool {
            None => self.memory.pop_front().ok_or_else(|| Error::corrupt("a term chunk went missing")),
            Some((sink, path, feed)) => {
                if let Some(sink) = sink.take() {
                    sink.finish()?;
                }
                if feed.is_none() {
                    *feed = Some(Feed::open(path.clone())?);
                }
                let feed = feed.as_mut().ok_or_else(|| Error::corrupt("a term chunk went missing"))?;
                Ok([feed.exact(lens[0])?, feed.exact(lens[1])?, feed.exact(lens[2])?, feed.exact(lens[3])?])
            }
        }
    }
}

fn fst_error(e: fst::Error) -> Error {
    Error::corrupt(format!("dictionary: {e}"))
}

/// Numbers the stems of `runs`: a map from each stem to its ordinal, how many there are, and how
/// many of them are in each script.
pub(super) fn number_stems(runs: &[Run]) -> Result<(fst::Map<Vec<u8>>, usize, ScriptStems)> {
    let sources = runs.iter().map(Run::stems).collect::<Result<Vec<_>>>()?;
    let mut merge = Merge::new(sources)?;
    let mut map = fst::MapBuilder::memory();
    let mut count = 0usize;
    let mut scripts = ScriptStems::default();
    while let Some((key, _)) = merge.next_group()? {
        if count >= dictionary::MAX_STEMS {
            return Err(Error::TooLarge(format!(
                "more than {} distinct terms, where an index holds at most that",
                dictionary::MAX_STEMS
            )));
        }
        map.insert(&key, count as u64).map_err(fst_error)?;
        scripts.count(&key);
        count += 1;
    }
    let bytes = map.into_inner().map_err(fst_error)?;
    Ok((fst::Map::new(bytes).map_err(fst_error)?, count, scripts))
}

/// What [`term_chunks`] needs beside the runs.
pub(super) struct Plan<'a> {
    /// Each stem's ordinal, from [`number_stems`].
    pub ordinals: &'a fst::Map<Vec<u8>>,
    /// Every document's field lengths.
    pub field_lengths: &'a [[u32; Field::COUNT]],
    /// What long lists' blocks bound their scores with.
    pub bounds: postings::Bounds,
    /// About how many bytes a chunk holds (`usize::MAX`: one chunk).
    pub target: usize,
    /// Where to spool the chunks' sections, if not in memory.
    pub spool: Option<PathBuf>,
    /// Told (stems merged, stems) every few thousand stems and at the end.
    pub progress: Option<&'a mut (dyn FnMut(usize, usize) + Send + 'static)>,
}

/// Merges `runs` into term chunks as `plan` says, adding their sections to `hasher` in order.
pub(super) fn term_chunks(mut runs: Vec<Run>, plan: Plan<'_>, hasher: &mut Crc32) -> Result<TermChunks> {
    let Plan { ordinals, field_lengths, bounds, target, spool, mut progress } = plan;
    let stems = ordinals.len();
    let words = runs.iter_mut().map(Run::words).collect::<Result<Vec<Source<'static, String>>>>()?;
    let mut words = Merge::new(words)?;
    let terms = runs.into_iter().map(Run::terms).collect::<Result<Vec<_>>>()?;
    let mut terms = Merge::new(terms)?;
    let ordinal_of = |stem: &str| {
        ordinals.get(stem).map(|o| o as u32).ok_or_else(|| Error::corrupt(format!("word form of unknown stem {stem}")))
    };
    let (mut next_term, mut next_word) = (terms.next_group()?, words.next_group()?);
    let mut chunks = TermChunks::new(spool)?;
    if target < usize::MAX && field_lengths.len() <= group::GROUP_MAX_DOCS {
        chunks.links = Some(group::Links::default());
    }
    let mut done = |chunk: ChunkBuilder, chunks: &mut TermChunks| {
        let (chunk, sections) = chunk.finish()?;
        sections.iter().for_each(|s| hasher.update(s));
        chunks.push(chunk, sections)
    };
    let mut chunk = ChunkBuilder::new(String::new(), 0);
    let mut ordinal = 0u32;
    loop {
        let key = match (&next_term, &next_word) {
            (Some((t, _)), Some((w, _))) => t.min(w).clone(),
            (Some((t, _)), None) => t.clone(),
            (None, Some((w, _))) => w.clone(),
            (None, None) => break,
        };
        let term = match next_term.take_if(|(t, _)| *t == key) {
            Some((_, lists)) => {
                next_term = terms.next_group()?;
                Some(lists)
            }
            None => None,
        };
        let word = match next_word.take_if(|(w, _)| *w == key) {
            // The earliest run saw the word first: its stem is the word's.
            Some((_, stems)) => {
                next_word = words.next_group()?;
                stems.into_iter().next()
            }
            None => None,
        };
        // A form that is its own stem is the stem's key, flagged there.
        let is_itself = term.is_some() && word.as_deref() == Some(key.as_str());
        let form = match word {
            Some(stem) if stem != key => Some(ordinal_of(&stem)?),
            _ => None,
        };
        if term.is_none() && form.is_none() {
            continue;
        }
        if chunk.size >= target {
            done(std::mem::replace(&mut chunk, ChunkBuilder::new(key.clone(), ordinal)), &mut chunks)?;
        }
        let value = match term {
            Some(lists) => {
                let of = match form {
                    Some(other) => FormOf::Stem(other),
                    None if is_itself => FormOf::Itself,
                    None => FormOf::Nothing,
                };
                if let Some(links) = &mut chunks.links {
                    let occurrences = |p: &PostingBuilder| p.positions.iter().map(Vec::len).sum::<usize>() as u32;
                    links.add(lists.iter().flatten().map(|p| (p.doc, occurrences(p))).collect());
                }
                chunk.add_stem(&key, lists, field_lengths, &bounds);
                ordinal += 1;
                if ordinal % 4096 == 0 {
                    progress.iter_mut().for_each(|p| p(ordinal as usize, stems));
                }
                dictionary::stem_value(ordinal - 1, of)
            }
            None => dictionary::form_value(form.unwrap_or_default()),
        };
        if form.is_some() {
            chunk.size += key.len() + 4;
        }
        chunk.keys.insert(&key, value).map_err(fst_error)?;
        chunk.last_key = key;
    }
    done(chunk, &mut chunks)?;
    progress.iter_mut().for_each(|p| p(stems, stems));
    Ok(chunks)
}

/// The term chunk being filled.
struct ChunkBuilder {
    first_key: String,
    first_ordinal: u32,
    last_key: String,
    keys: fst::MapBuilder<Vec<u8>>,
    infos: Encoder,
    postings: Encoder,
    positions: Encoder,
    /// Bytes of keys, postings and positions so far, as the cut counts them.
    size: usize,
}

impl ChunkBuilder {
    fn new(first_key: String, first_ordinal: u32) -> ChunkBuilder {
        ChunkBuilder {
            first_key,
            first_ordinal,
            last_key: String::new(),
            keys: fst::MapBuilder::memory(),
            infos: Encoder::new(),
            postings: Encoder::new(),
            positions: Encoder::new(),
            size: 0,
        }
    }

    /// Encodes the postings of stem `key`, given run by run, so in document order.
    fn add_stem(
        &mut self,
        key: &str,
        lists: Vec<Vec<PostingBuilder>>,
        field_lengths: &[[u32; Field::COUNT]],
        bounds: &postings::Bounds,
    ) {
        let mut list: Vec<PostingBuilder> = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        lists.into_iter().for_each(|l| list.extend(l));
        let (post, pos) = (self.postings.buf.len(), self.positions.buf.len());
        postings::encode(&list, field_lengths, bounds, &mut self.postings, &mut self.positions);
        let (post, pos) = (self.postings.buf.len() - post, self.positions.buf.len() - pos);
        term_chunk::encode_info(&mut self.infos, list.len() as u64, post as u64, pos as u64);
        self.size += key.len() + 4 + post + pos;
    }

    fn finish(self) -> Result<(TermSections, [Vec<u8>; 4])> {
        let keys = self.keys.into_inner().map_err(fst_error)?;
        let sections = [keys, self.infos.buf, self.postings.buf, self.positions.buf];
        let lens = [sections[0].len(), sections[1].len(), sections[2].len(), sections[3].len()];
        let (first_key, first_ordinal, last_key) = (self.first_key, self.first_ordinal, self.last_key);
        Ok((TermSections { first_key, first_ordinal, last_key, lens }, sections))
    }
}

/// The term sections of a single-file index from the chunks that cut them: the dictionary of
/// every key again, the other sections end to end (term infos hold lengths, not offsets).
pub(super) fn join(mut chunks: TermChunks) -> Result<[Vec<u8>; 4]> {
    use fst::Streamer;
    let mut keys = fst::MapBuilder::memory();
    let [mut infos, mut post, mut pos] = [Vec::new(), Vec::new(), Vec::new()];
    for k in 0..chunks.chunks.len() {
        let [dict, i, p, q] = chunks.sections(k)?;
        let map = fst::Map::new(dict).map_err(fst_error)?;
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            keys.insert(key, value).map_err(fst_error)?;
        }
        infos.extend_from_slice(&i);
        post.extend_from_slice(&p);
        pos.extend_from_slice(&q);
    }
    Ok([keys.into_inner().map_err(fst_error)?, infos, post, pos])
}
