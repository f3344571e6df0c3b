//! Ranking: scoring the documents each query word matches, with BM25F.
//!
//! [`bm25`] holds the formula. [`score_groups`] walks the postings of every expanded term and
//! gives each document a score per query word (the best of the word's matches, weighted by
//! match kind) and a bit mask of the words it contains. [`phrase`] checks word positions for
//! quoted phrases; [`proximity`] rewards the best documents whose words stand close together,
//! and [`title`] those whose title is what was typed; [`bonuses`] combines the two. [`form`]
//! rewards documents that hold the very form of a corrected word. [`prune`] skips the blocks of
//! a long posting list that cannot reach the best documents; [`radix`] sorts the documents
//! gathered.

pub mod bm25;
pub mod form;
pub mod phrase;
pub mod proximity;
pub mod prune;
pub mod radix;
pub mod title;

use crate::index::hash::FxHashMap;
use std::collections::hash_map::Entry;

use crate::index::postings::{Occurrence, Posting};
use crate::index::{Field, Searcher};
use crate::query::{Occur, TermGroup};
use crate::Result;

/// What a document scored against the query words.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DocScore {
    /// Sum over matched words of each word's best BM25F score.
    pub score: f32,
    /// The form bonus ([`form::factor`]) so far: 0 unless a correction matched.
    pub form: f32,
    /// Bit `i` is set when query word `i` matched.
    pub matched: u64,
}

/// The scores of the documents that match at least one query word.
///
/// Its arrays are over every document of the index; they come from, and go back to when the
/// scores are dropped, a per-thread [`Scratch`], so that a query allocates and zeroes none of
/// them (at a million documents they are 24 MB: zeroing them cost more than scoring a rare word).
#[derive(Debug, Default)]
pub struct Scores {
    dense: Vec<DocScore>,
    docs: Vec<u32>,
    /// A word's best per document while its group is scored; all zero between groups.
    best: Vec<Best>,
    /// The documents whose `best` is set.
    touched: Vec<u32>,
    /// Whether so many documents match that `docs` is read off `dense` at the end rather than
    /// gathered while scoring (and `dense` is cleaned whole).
    wide: bool,
    /// The postings decoded for scoring, by term ordinal, kept for the stages that read
    /// positions (proximity, highlights): decoding a long list again costs as much as scoring it.
    pub postings: Postings,
    /// What [`prune`] left unscored, when it skipped blocks.
    pub pruned: Option<prune::Pruned>,
}

/// A word's best score for a document, and its form state ([`form::CORRECTED`]).
#[derive(Debug, Clone, Copy, Default)]
struct Best {
    score: f32,
    form: f32,
}

/// Accumulators kept between queries on one thread: `dense` all default and `best` all zero,
/// `docs` and `touched` empty.
struct Scratch {
    dense: Vec<DocScore>,
    docs: Vec<u32>,
    best: Vec<Best>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

impl Scores {
    /// Empty scores over `n` documents, on the arrays a query before this one left clean.
    fn over(n: usize) -> Scores {
        let Scratch { mut dense, mut docs, mut best, mut touched } = SCRATCH.with(|s| s.take()).unwrap_or(Scratch {
            dense: Vec::new(),
            docs: Vec::new(),
            best: Vec::new(),
            touched: Vec::new(),
        });
        dense.resize(n, DocScore::default());
        best.resize(n, Best::default());
        // Sized once for every document (no growth in the scoring loop).
        docs.reserve(n);
        touched.reserve(n);
        Scores { dense, docs, best, touched, wide: false, postings: FxHashMap::default(), pruned: None }
    }
}

impl Drop for Scores {
    /// Cleans the arrays (only the entries this query set) and gives them back for the next.
    fn drop(&mut self) {
        if self.dense.is_empty() {
            return;
        }
        // `docs` holds every document with a score, unless they are read off `dense` at the end.
        if self.wide || (self.pruned.is_none() && self.docs.len() > self.dense.len() / 16) {
            self.dense.fill(DocScore::default());
        } else {
            for &d in &self.docs {
                self.dense[d as usize] = DocScore::default();
            }
        }
        // A search that failed while a group was scored leaves its `best` entries set.
        for &d in &self.touched {
            self.best[d as usize] = Best::default();
        }
        self.docs.clear();
        self.touched.clear();
        let scratch = Scratch {
            dense: std::mem::take(&mut self.dense),
            docs: std::mem::take(&mut self.docs),
            best: std::mem::take(&mut self.best),
            touched: std::mem::take(&mut self.touched),
        };
        SCRATCH.with(|s| {
            // Keep the larger, when two searches ran at once on this thread's indexes.
            let kept = match s.take() {
                Some(other) if other.dense.len() > scratch.dense.len() => other,
                _ => scratch,
            };
            s.set(Some(kept));
        });
    }
}

/// Decoded posting lists by term ordinal.
pub type Postings = FxHashMap<u32, List>;

/// A term's decoded postings: its whole list, or, of a long list [`prune`] cut short, the
/// blocks it decoded. Derefs to the postings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct List {
    /// The postings, in document order.
    pub postings: Vec<Posting>,
    /// Empty for a whole list; else, for each block decoded, its first posting's place in
    /// `postings` and where its positions start ([`Searcher::positions_in`]).
    pub jumps: Vec<(u32, u32)>,
}

impl std::ops::Deref for List {
    type Target = [Posting];
    fn deref(&self) -> &[Posting] {
        &self.postings
    }
}

/// How much proximity can add to a score: at most this fraction, when every pair is adjacent.
pub const PROXIMITY_WEIGHT: f32 = 0.2;
/// How much a title made of the query's words adds to a score: this fraction when the title is
/// exactly the query, less for a longer title ([`title::bonus`]).
pub const TITLE_WEIGHT: f32 = 0.5;
/// How much holding the very form of a corrected word adds to a score: this fraction when every
/// required word of the query is a correction found in that form. Below 1, so that a correction
/// (weighed at most [`crate::query::MatchKind::Fuzzy`]'s 0.5) never outscores the word typed right.
pub const FORM_WEIGHT: f32 = 0.9;
/// [`FORM_WEIGHT`] when the corrected word is the query's only required word (as the ratio of a
/// document with the form meant to one without it: [`form::factor`]). Every hit then
/// matches through a correction, so none is a word typed right, and which documents hold the
/// word meant rather than another form of its stem (`idealy` means `ideally`, not `ideal`) is the
/// whole question. (Measured: Cranfield misspellings within one edit 95.9 -> 96.4%, within two
/// 96.4 -> 97.6%, the 63k leads' 88.8 -> 89.7% and 93.3 -> 94.2%; raised for every query instead,
/// known-item MRR with misspellings fell, tm 0.9509 -> 0.9296.)
pub const FORM_WEIGHT_ALONE: f32 = 3.0;

/// The factor by which each of `docs` (ascending, the best-ranked documents) has its score
/// multiplied, for the documents that earn one: their query words stand close together
/// ([`proximity`]), or their title is made of them ([`title`]).
pub fn bonuses(
    index: &Searcher,
    groups: &[TermGroup],
    docs: &[u32],
    postings: &Postings,
) -> Result<FxHashMap<u32, f32>> {
    let mut factors: FxHashMap<u32, f32> = proximity::bonus(index, groups, docs, postings)?
        .into_iter()
        .map(|(d, b)| (d, 1.0 + PROXIMITY_WEIGHT * b))
        .collect();
    for (doc, b) in title::bonus(groups, docs, postings) {
        *factors.entry(doc).or_insert(1.0) *= 1.0 + TITLE_WEIGHT * b;
    }
    Ok(factors)
}

/// Appends to `out` where term `ordinal` occurs in each of `docs` (ascending), as
/// [`Searcher::positions_in`] does, reading its posting list from `decoded` when scoring decoded
/// it, else decoding it now.
pub fn occurrences_in(
    index: &Searcher,
    decoded: &Postings,
    ordinal: u32,
    docs: &[u32],
    out: &mut Vec<Occurrence>,
) -> Result<()> {
    let info = index.term_info(ordinal)?;
    match decoded.get(&ordinal) {
        Some(list) => index.positions_in(&info, list, &list.jumps, docs, out),
        None => index.positions_in(&info, &index.postings(&info)?, &[], docs, out),
    }
}

/// What `posting` scores for a word of `weight` (limited to `field`, if any) whose term has
/// `idf`: 0 when the word is limited to a field the posting lacks, else at least
/// `f32::MIN_POSITIVE`. The one formula for scoring and rescoring ([`prune`]).
#[inline(always)]
fn posting_score(
    settings: &crate::index::Settings,
    avg: &[f32; Field::COUNT],
    field: Option<Field>,
    weight: f32,
    idf: f32,
    posting: &Posting,
) -> f32 {
    let tf = match field {
        Some(field) => {
            let mut only = [0; Field::COUNT];
            only[field as usize] = posting.tf[field as usize];
            only
        }
        None => posting.tf,
    };
    // Not `tf == [0; 4]`: in the module, built for size, that is a call to `memcmp`.
    if tf.iter().fold(0, |any, &t| any | t) == 0 {
        return 0.0;
    }
    let s = weight * bm25::score(settings, avg, &posting.lengths, &tf, idf);
    // Comparisons, not `f32::max`: in wasm that is a call to `fmaxf` (NaN rules).
    if s > f32::MIN_POSITIVE {
        s
    } else {
        f32::MIN_POSITIVE
    }
}

impl Scores {
    /// The score of `doc` (zero and no words if it matched none).
    #[inline]
    pub fn get(&self, doc: u32) -> DocScore {
        self.dense.get(doc as usize).copied().unwrap_or_default()
    }

    /// The matching documents, in document order, with their scores.
    pub fn iter(&self) -> impl Iterator<Item = (u32, DocScore)> + '_ {
        self.docs.iter().map(|&d| (d, self.dense[d as usize]))
    }

    /// The matching documents, in document order, whose words include none of `none` and one
    /// of `any` (as bit masks), with their entries; and, in the same walk, those of them that
    /// include every word of `all` too. A plain loop: the module is built for size, and an
    /// iterator chain over every match costs a call per document there; one walk, since each
    /// document's entry is a cache miss at a million documents. With `copy`, the entries are
    /// copied in order for the ranking keys, which then need not look them up again.
    pub fn matching(&self, all: u64, none: u64, any: u64, copy: bool) -> Matching {
        let n = self.docs.len();
        let (mut some, mut every) = (vec![0; n], vec![0; n]);
        let mut entries = vec![DocScore::default(); if copy { n } else { 0 }];
        let (mut s, mut e) = (0, 0);
        for &d in &self.docs {
            let entry = self.dense[d as usize];
            let m = entry.matched;
            let kept = m & none == 0 && m & any != 0;
            (some[s], every[e]) = (d, d);
            if copy {
                entries[s] = entry;
            }
            s += usize::from(kept);
            e += usize::from(kept && m & all == all);
        }
        some.truncate(s);
        every.truncate(e);
        entries.truncate(s);
        Matching { some, every, entries }
    }

    /// Whether no document matched.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }
}

/// The documents [`Scores::matching`] finds, each list in document order.
#[derive(Debug, Clone, Default)]
pub struct Matching {
    /// Those with one of the words asked for.
    pub some: Vec<u32>,
    /// Those of `some` with every word asked for.
    pub every: Vec<u32>,
    /// The entries of `some`, in its order (none unless asked for).
    pub entries: Vec<DocScore>,
}

/// Scores every document that matches at least one of `groups`; with `prune`, only as many
/// as ranking needs of the longest list's ([`prune`]).
///
/// Accumulators are dense arrays over the documents (no hashing in the inner loop), reused
/// from the last query ([`Scores`]); the documents touched are kept in a list so the result is
/// read back in document order.
pub fn score_groups(index: &Searcher, groups: &[TermGroup], prune: Option<prune::Prune>) -> Result<Scores> {
    let n = index.doc_count();
    let mut scores = Scores::over(n as usize);
    let settings = index.settings();
    let avg = Field::ALL.map(|f| index.avg_length(f));
    let long = match prune {
        // Without the feature, none of the pruning code is in the module.
        Some(p) if cfg!(feature = "large") => prune::choose(index, groups, p)?,
        _ => None,
    };
    let required = form::required(groups);
    for (g, group) in groups.iter().enumerate().take(64) {
        let is_required = group.occur == Occur::Must && !group.optional;
        // A word of one term matches each document at most once: its score is the word's best,
        // added at once, without the pass over `best`.
        let alone = group.expansions.len() == 1;
        for expansion in &group.expansions {
            if long.is_some_and(|l| l.ordinal == expansion.ordinal) {
                // Scored last, as little as ranking needs.
                continue;
            }
            let info = index.term_info(expansion.ordinal)?;
            // A term in more than one document in 16 (each posting a match: no field to keep
            // to): the matches are read off `dense` at the end, not gathered one by one.
            // Not when a list is pruned: its documents are then gathered anyway, and reading a
            // million accumulators would cost more than the pruning saves.
            scores.wide |= long.is_none() && group.field.is_none() && info.doc_freq > n / 16;
            let wide = scores.wide;
            let idf = bm25::idf(n, info.doc_freq);
            let weight = expansion.weight * group.repeats as f32;
            let postings = match scores.postings.entry(expansion.ordinal) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => e.insert(List { postings: index.postings(&info)?, jumps: Vec::new() }),
            };
            // Typo corrections stemming to this term: their forms, read as the postings are.
            let forms = if is_required { form::of(group, expansion.ordinal) } else { Vec::new() };
            for posting in postings.iter() {
                let s = posting_score(settings, &avg, group.field, weight, idf, posting);
                if s == 0.0 {
                    continue;
                }
                let state = if forms.is_empty() { 0.0 } else { form::held(&forms, posting.forms) };
                if alone {
                    let entry = &mut scores.dense[posting.doc as usize];
                    if entry.matched == 0 && !wide {
                        scores.docs.push(posting.doc);
                    }
                    entry.score += s;
                    entry.matched |= 1 << g;
                    if state != 0.0 {
                        entry.form = form::add(entry.form, state, required);
                    }
                    continue;
                }
                let slot = &mut scores.best[posting.doc as usize];
                if slot.score == 0.0 {
                    scores.touched.push(posting.doc);
                }
                if s > slot.score {
                    slot.score = s;
                }
                if state != 0.0 {
                    slot.form = form::merge(slot.form, state);
                }
            }
        }
        for i in 0..scores.touched.len() {
            let doc = scores.touched[i];
            let entry = &mut scores.dense[doc as usize];
            if entry.matched == 0 && !scores.wide {
                scores.docs.push(doc);
            }
            let best = std::mem::take(&mut scores.best[doc as usize]);
            entry.score += best.score;
            entry.matched |= 1 << g;
            if best.form != 0.0 {
                entry.form = form::add(entry.form, best.form, required);
            }
        }
        scores.touched.clear();
    }
    if let (Some(long), Some(p)) = (long, prune) {
        // Sorted for pruning, which keeps them so.
        radix::sort(&mut scores.docs);
        prune::add(index, groups, &mut scores, long, p)?;
    }
    if scores.wide || (long.is_none() && scores.docs.len() > scores.dense.len() / 16) {
        // Many documents matched: reading them off the accumulators beats sorting them.
        let Scores { dense, docs, .. } = &mut scores;
        docs.clear();
        docs.resize(dense.len(), 0);
        let mut kept = 0;
        for (d, entry) in (0..n).zip(dense.iter()) {
            docs[kept] = d;
            kept += usize::from(entry.matched != 0);
        }
        docs.truncate(kept);
    } else if long.is_none() {
        radix::sort(&mut scores.docs);
    }
    Ok(scores)
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::index::{Index, IndexWriter};
    use crate::search::SearchOptions;

    fn index(n: usize) -> Index {
        let mut w = IndexWriter::new();
        for i in 0..n {
            let body = format!("common rare{} word{} rarer{} common", i % 7, i % 3, i % 41);
            w.add(Document::new(format!("d{i}"), format!("title{}", i % 5), body)).unwrap();
        }
        Index::from_bytes(&w.finish().unwrap()).unwrap()
    }

    /// The accumulators go from query to query on a thread ([`super::Scores`]): whatever ran
    /// before, on this index or on a smaller or larger one, a ranking is the one a fresh thread
    /// gives (scores, order and totals).
    #[test]
    fn a_query_ranks_alike_on_the_arrays_the_one_before_used() {
        let (big, small) = (index(300), index(40));
        let options = SearchOptions { prefix_last: false, limit: 50, ..SearchOptions::default() };
        let queries =
            ["common", "rare3 word1", "common rare3", "rare* word2", "word0 -rare2", "rarer40", "zzz", "title2"];
        let answer = |index: &Index, query: &str| {
            let r = index.search(query, &options).unwrap();
            let hits: Vec<(String, f32)> = r.hits.into_iter().map(|h| (h.id, h.score)).collect();
            (hits, r.total, r.complete)
        };
        for index in [&big, &small, &big] {
            for query in queries {
                let fresh = std::thread::scope(|s| s.spawn(|| answer(index, query)).join().unwrap());
                assert_eq!(answer(index, query), fresh, "{query}");
            }
        }
    }
}
