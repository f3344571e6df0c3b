//! Pruning: a query's longest posting list is scored only in the blocks that can reach the
//! best documents.
//!
//! A word in a large share of the documents (at a million, the generated corpus's `vus`) costs
//! its whole list, decoded and scored, though ranking keeps only the best `depth` documents
//! (the proximity depth, or the page's end if further). Its postings are in blocks of
//! [`BLOCK`], each with its last document and a bound on its scores
//! ([`postings::bound_value`]), so [`add`] scores every other term first, then:
//!
//! 1. finds, for each block, the documents already scored that it may hold (from the blocks'
//!    last documents) and tests them against the block's bitmap, or reads only its document
//!    column, to know which it holds;
//! 2. gives each block a priority: the best key (complete, then score) any of its documents
//!    could reach: for a document already scored, its score plus the block's bound; for the
//!    others, the bound alone;
//! 3. decodes and scores the blocks by priority, keeping the `depth`-th best exact key among the
//!    documents whose score is known, and stops at the first block whose priority is below it.
//!    A document of a block read that holds no other word and whose score is already below
//!    that key is counted, not gathered: the stages after scoring walk every gathered document.
//!
//! Exact. Let θ be the `depth`-th best (complete, score) among documents whose score is known.
//! A document left unscored is either in no block read and no other list (its key is at most
//! its block's priority, below θ) or holds other words (its key is at most its score so far
//! plus its block's bound, also below θ): either way `depth` documents beat it, so the best
//! `depth` are those the whole list gives, with the same scores (a document holding other
//! words is rescored in query-word order, so its sum is the same float; a tie at θ is read,
//! never skipped). The bonuses need no bound of their own: the search (`search`'s
//! `PROXIMITY_DEPTH`, and `depth` here) applies proximity and title bonuses only to the best
//! `depth` by this key, pruned or not, and keeps only those, so pruning on that `depth` gives
//! them the same documents to raise and the same page after (`tests/pruning.rs` compares the
//! two searches' hits, scores and order, with pages past `PROXIMITY_DEPTH`). Only what counts
//! all matches is not exact: the documents of blocks left unread that hold no other word, and
//! those a block read left out ([`Pruned::unseen`]), are counted by number (the totals stay
//! exact), their facets estimated and marked so. The search prunes only what this covers:
//! relevance order, no filter, exclusion, phrase or corrected word, and a long list of a
//! required word, no word that expands to it limited to a field.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{bm25, posting_score, DocScore, List, Postings, Scores};
use crate::index::postings::{self, Posting, BLOCK};
use crate::index::{Field, Searcher};
use crate::query::TermGroup;
use crate::Result;

/// The shortest list that is pruned: shorter ones are scored whole (and have no blocks).
pub const PRUNE_FROM: u32 = postings::BLOCKED_FROM as u32 + 1;

/// A bound's margin over float rounding (the bound is summed and scaled in another order than
/// the score it bounds).
const SLACK: f32 = 1.001;

/// What a search asks of [`add`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prune {
    /// How many of the best documents must be exact.
    pub depth: usize,
    /// The required words (bit `i`: group `i`); a document ranks if it has one, first if all.
    pub must: u64,
    /// Prune whenever a list is long enough, however long the other terms' are.
    pub always: bool,
}

/// The documents of a pruned list that were not scored and hold no other query word.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pruned {
    /// The bits of the words that expand to the pruned term.
    pub bit: u64,
    /// Per run of blocks with such documents (left unread, or left out of a block read): its
    /// first and last possible document, and how many such documents it holds.
    pub unseen: Vec<(u32, u32, u32)>,
}

impl Pruned {
    /// How many documents match that were not scored.
    pub fn count(&self) -> usize {
        self.unseen.iter().map(|&(_, _, n)| n as usize).sum()
    }
}

/// The list pruned: term `ordinal`, wherever the query's words expand to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Long {
    pub(super) ordinal: u32,
}

/// The list to prune: the longest of at least [`PRUNE_FROM`] documents among the expansions
/// of the required words, unless a word that expands to it is limited to a field (a posting
/// would then not always be a match), or the other terms' lists are together more than a
/// quarter of its length: pruning costs a pass over the documents they match, and saves little
/// when they are most of its own (Cranfield's long questions were a third slower pruned).
pub(super) fn choose(index: &Searcher, groups: &[TermGroup], prune: Prune) -> Result<Option<Long>> {
    if groups.len() > 64 {
        return Ok(None);
    }
    let (mut best, mut all) = (None::<(u32, u32)>, 0u64);
    for (g, group) in groups.iter().enumerate() {
        for e in &group.expansions {
            let df = index.term_info(e.ordinal)?.doc_freq;
            all += u64::from(df);
            if prune.must >> g & 1 == 1 && df >= PRUNE_FROM && best.is_none_or(|(most, _)| df > most) {
                best = Some((df, e.ordinal));
            }
        }
    }
    let Some((df, ordinal)) = best else { return Ok(None) };
    let mut others = all;
    for g in groups {
        if g.field.is_some() && g.expansions.iter().any(|e| e.ordinal == ordinal) {
            return Ok(None);
        }
        others -= g.expansions.iter().filter(|e| e.ordinal == ordinal).count() as u64 * u64::from(df);
    }
    Ok((prune.always || others * 4 <= u64::from(df)).then_some(Long { ordinal }))
}

/// A document's place, as a number that orders as the ranking does (bar document order):
/// complete matches first, then by score (a non-negative `f32` orders as its bits).
fn key(complete: bool, score: f32) -> u64 {
    u64::from(complete) << 32 | u64::from(score.to_bits())
}

/// The `depth` best keys seen.
struct Top {
    heap: BinaryHeap<Reverse<u64>>,
    depth: usize,
}

impl Top {
    fn push(&mut self, key: u64) {
        if self.heap.len() < self.depth {
            self.heap.push(Reverse(key));
        } else if self.heap.peek().is_some_and(|&Reverse(least)| key > least) {
            self.heap.pop();
            self.heap.push(Reverse(key));
        }
    }

    /// Whether `depth` documents are known to beat `key`.
    fn beats(&self, key: u64) -> bool {
        self.heap.len() >= self.depth && self.heap.peek().is_some_and(|&Reverse(least)| key < least)
    }
}

/// Scores the blocks of `long`'s list that can reach the best `prune.depth` documents, after
/// every other term of `groups` is in `scores` (see the module's comment).
#[inline(never)]
pub(super) fn add(index: &Searcher, groups: &[TermGroup], scores: &mut Scores, long: Long, prune: Prune) -> Result<()> {
    let info = index.term_info(long.ordinal)?;
    let Some(blocks) = index.blocks(&info)? else { return Ok(()) };
    let n = index.doc_count();
    let settings = index.settings();
    let idf = bm25::idf(n, info.doc_freq);
    // The words that expand to the term, in query order, with its weight in each.
    let mut words: Vec<f32> = Vec::new();
    let mut bit = 0u64;
    for (g, group) in groups.iter().enumerate() {
        // A word's best match: the term's greatest weight among its expansions.
        let (mut w, mut found) = (0.0f32, false);
        for e in group.expansions.iter().filter(|e| e.ordinal == long.ordinal) {
            (w, found) = (if e.weight > w { e.weight } else { w }, true);
        }
        if found {
            words.push(w * group.repeats as f32);
            bit |= 1 << g;
        }
    }
    let weight: f32 = words.iter().sum();
    // What the term can add to a document of `block`, at most.
    let bound_of = |block: &postings::Block| weight * idf * postings::bound_value(block.bound, settings.k1) * SLACK;
    let complete = |mask: u64| mask & prune.must == prune.must;
    let counts = |mask: u64| mask & prune.must != 0;
    let mut top = Top { heap: BinaryHeap::with_capacity(prune.depth + 1), depth: prune.depth };

    // The documents scored so far, ascending (gathered and sorted by `score_groups`: a
    // pruned search's scores are never wide).
    let before = scores.docs.len();
    let scored = &scores.docs[..];
    // Per block: how many of the documents scored so far it holds, and its priority.
    let list = &blocks.blocks;
    let (mut held, mut priority) = (vec![0u32; list.len()], vec![0u64; list.len()]);
    let (mut next, mut column) = (0, Vec::with_capacity(BLOCK));
    for (b, block) in list.iter().enumerate() {
        let bound = bound_of(block);
        let from = next;
        while next < scored.len() && scored[next] <= block.last {
            next += 1;
        }
        if from < next {
            let mut members = blocks.members(b, &mut column)?;
            for &d in &scored[from..next] {
                let entry = &mut scores.dense[d as usize];
                let DocScore { score, matched, .. } = *entry;
                if members.holds(d) {
                    // It holds the word too: marked now, while its entry is at hand, whether its
                    // block is read (which rescores it) or not (its score then stays short).
                    entry.matched |= bit;
                    held[b] += 1;
                    if counts(matched | bit) {
                        priority[b] = priority[b].max(key(complete(matched | bit), (score + bound) * SLACK));
                    }
                } else if counts(matched) {
                    top.push(key(complete(matched), score));
                }
            }
        }
        if block.count > held[b] && counts(bit) {
            priority[b] = priority[b].max(key(complete(bit), bound));
        }
    }
    for &d in &scored[next..] {
        let DocScore { score, matched, .. } = scores.dense[d as usize];
        if counts(matched) {
            top.push(key(complete(matched), score));
        }
    }

    // The blocks by priority, best first: a heap of `!(priority, block)`, popped smallest
    // first (one heap type with `Top`'s, and only the blocks read are ordered).
    let mut order: BinaryHeap<Reverse<u64>> =
        priority.iter().enumerate().map(|(b, &p)| Reverse(!(p << 26 | b as u64))).collect();
    let rescore = Rescore::new(index, groups)?;
    let mut decoded: Vec<Option<Vec<Posting>>> = vec![None; list.len()];
    // Per block read, how many of its documents of this word alone were left out: below the
    // best, they are counted as the unread blocks' are, not gathered.
    let mut left_out = vec![0u32; list.len()];
    while let Some(Reverse(packed)) = order.pop() {
        let b = (!packed & ((1 << 26) - 1)) as usize;
        if top.beats(priority[b]) {
            // Nor can any block after it.
            break;
        }
        let mut postings = Vec::with_capacity(BLOCK);
        blocks.postings(b, &mut postings)?;
        // Whether the block's documents of this word alone are below the best whatever they
        // score (a block is often read for the documents it shares with the other words).
        let alone_below = top.beats(key(complete(bit), bound_of(&list[b])));
        for p in &postings {
            if alone_below && scores.dense[p.doc as usize].matched == 0 {
                left_out[b] += 1;
                continue;
            }
            // The term's score, summed over its words in query order from 0: a document's
            // whole score when no other word matched it, as the whole list gives it.
            let mut s = 0.0f32;
            for &w in &words {
                s += rescore.one(None, w, idf, p);
            }
            let entry = &mut scores.dense[p.doc as usize];
            if entry.matched == 0 {
                if top.beats(key(complete(bit), s)) {
                    left_out[b] += 1;
                    continue;
                }
                *entry = DocScore { score: s, form: 0.0, matched: bit };
                scores.docs.push(p.doc);
            } else {
                // Other words matched it: rescored exactly only if it can reach the best (its
                // score so far plus the term's is a bound); else it stays short, below them.
                entry.matched |= bit;
                if top.beats(key(complete(entry.matched), (entry.score + s) * SLACK)) {
                    continue;
                }
                entry.score = rescore.sum(&scores.postings, long, p);
            }
            if counts(entry.matched) {
                top.push(key(complete(entry.matched), entry.score));
            }
        }
        decoded[b] = Some(postings);
    }

    // Blocks left unread: their documents scored before hold the word too (marked so above;
    // their scores are short of it, but below every one of the best), the others are counted,
    // as are those a block read left out.
    let mut unseen: Vec<(u32, u32, u32)> = Vec::new();
    let (mut kept, mut counted_before) = (List::default(), false);
    for (b, block) in list.iter().enumerate() {
        let others = match decoded[b].take() {
            Some(postings) => {
                kept.jumps.push((kept.postings.len() as u32, block.positions));
                kept.postings.extend(postings);
                left_out[b]
            }
            // A bitmap asked is not checked to hold its count (decoding a block checks it).
            None => block.count.saturating_sub(held[b]),
        };
        match unseen.last_mut() {
            _ if others == 0 => {}
            // The run of the block before, if it had documents counted too.
            Some(run) if counted_before => (run.1, run.2) = (block.last, run.2 + others),
            _ => unseen.push((if b == 0 { 0 } else { block.base + 1 }, block.last, others)),
        }
        counted_before = others > 0;
    }
    // The documents gathered here after those scored before, in order.
    let mut added = scores.docs.split_off(before);
    super::radix::sort(&mut added);
    merge_sorted(&mut scores.docs, &added);
    scores.postings.insert(long.ordinal, kept);
    scores.pruned = Some(Pruned { bit, unseen });
    Ok(())
}

/// Merges `added` (ascending) into `docs` (ascending, none of `added`), from the back.
fn merge_sorted(docs: &mut Vec<u32>, added: &[u32]) {
    let (mut i, mut j) = (docs.len(), added.len());
    docs.resize(i + j, 0);
    while j > 0 {
        let k = i + j - 1;
        if i > 0 && docs[i - 1] > added[j - 1] {
            docs[k] = docs[i - 1];
            i -= 1;
        } else {
            docs[k] = added[j - 1];
            j -= 1;
        }
    }
}

/// What rescoring a document needs: each expansion's idf and weight.
struct Rescore<'g> {
    groups: &'g [TermGroup],
    terms: Vec<Vec<(f32, f32)>>,
    settings: &'g crate::index::Settings,
    avg: [f32; Field::COUNT],
}

impl<'g> Rescore<'g> {
    fn new(index: &'g Searcher, groups: &'g [TermGroup]) -> Result<Rescore<'g>> {
        let n = index.doc_count();
        let mut terms = Vec::with_capacity(groups.len());
        for group in groups {
            let mut of = Vec::with_capacity(group.expansions.len());
            for e in &group.expansions {
                let idf = bm25::idf(n, index.term_info(e.ordinal)?.doc_freq);
                of.push((idf, e.weight * group.repeats as f32));
            }
            terms.push(of);
        }
        let avg = Field::ALL.map(|f| index.avg_length(f));
        Ok(Rescore { groups, terms, settings: index.settings(), avg })
    }

    /// What `posting` scores for a word of `weight` limited to `field` (`posting_score`, not
    /// inlined again: pruning scores few postings).
    #[inline(never)]
    fn one(&self, field: Option<Field>, weight: f32, idf: f32, posting: &Posting) -> f32 {
        posting_score(self.settings, &self.avg, field, weight, idf, posting)
    }

    /// The score of the document of `posting`, a posting of `long`'s: each word's best match,
    /// summed in word order, as `score_groups` sums them.
    fn sum(&self, postings: &Postings, long: Long, posting: &Posting) -> f32 {
        let doc = posting.doc;
        let mut total = 0.0f32;
        for (g, group) in self.groups.iter().enumerate().take(64) {
            let mut best = 0.0f32;
            for (i, e) in group.expansions.iter().enumerate() {
                let (idf, weight) = self.terms[g][i];
                let found = if e.ordinal == long.ordinal {
                    Some(posting)
                } else {
                    postings
                        .get(&e.ordinal)
                        .and_then(|list| list.binary_search_by_key(&doc, |p| p.doc).ok().map(|at| &list[at]))
                };
                let Some(p) = found else { continue };
                let score = self.one(group.field, weight, idf, p);
                if score > best {
                    best = score;
                }
            }
            if best > 0.0 {
                total += best;
            }
        }
        total
    }
}
