//! Searching an index: query string and options in, ranked hits with snippets out.
//!
//! [`Index::search`] takes a [`Searcher`] (the state of one search) that runs the whole pipeline:
//! [`query::parse`], [`query::expand`], [`rank::score_groups`], phrase and exclusion checks,
//! filters, ordering, and [`snippet`](crate::snippet)s for the page of hits returned. Its [`SearchResponse`] is
//! what the wasm API hands to JavaScript and what `folio search --json` prints.

mod document;
mod filter;
mod hit;
mod options;
mod response;

pub use document::{DocumentSection, DocumentView};
pub use options::{KeyFilter, OptionError, OptionValue, SearchOptions, Sort, OPTION_NAMES};
pub use response::{
    Facets, FilterFacet, Hit, Map, PartialResponse, SearchResponse, SectionHit, TermMatch, MAX_SECTIONS,
};

use crate::analysis::Analyzer;
use crate::index::meta::MetaField;
use crate::index::{Index, Pruning, Searcher};
use crate::query::{self, Occur, TermGroup};
use crate::rank::{self, phrase};
use crate::{Error, Result};
use filter::{date_range, Filter};

/// The most hits one call returns.
pub const MAX_LIMIT: usize = 1000;
/// How many of the best documents are re-ranked by the proximity of the query's words.
const PROXIMITY_DEPTH: usize = 100;
/// The longest query, in bytes, that is read; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 1024;

impl Index {
    /// Searches the index. Documents with every word (stop words aside) rank first; documents
    /// with only some of the words follow them ([`SearchResponse::complete`] says where), and
    /// when none has them all, [`SearchResponse::fallback`] is set.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResponse> {
        self.searcher().search(query, options)
    }

    /// Searches a split index, adding the chunks the query needs as it goes: `load` gets a chunk's
    /// file name (relative to the root file) and returns its bytes. On a single-file index this is
    /// [`Index::search`].
    pub fn search_loading(
        &mut self,
        query: &str,
        options: &SearchOptions,
        mut load: impl FnMut(&str) -> Result<Vec<u8>>,
    ) -> Result<SearchResponse> {
        // Each round must add chunks not added before, so the rounds end within the chunk count.
        let mut added_here = std::collections::HashSet::new();
        loop {
            match self.search(query, options) {
                Err(Error::MissingChunks(names)) => {
                    if let Some(name) = names.iter().find(|&name| !added_here.insert(name.clone())) {
                        return Err(Error::corrupt(format!("chunk {name} was added and is still missing")));
                    }
                    self.add_chunks(names, &mut load)?;
                }
                other => return other,
            }
        }
    }

    /// Ranks the matching documents without building hits: `(score, document ordinal)`, best
    /// first. For evaluation runs and other callers that need no snippets.
    pub fn rank(&self, query: &str, options: &SearchOptions) -> Result<Vec<(f32, u32)>> {
        self.searcher().rank(query, options)
    }

    /// The analyser of this index's queries: it stems each word in every language the documents
    /// are in.
    pub(super) fn analyzer(&self) -> Analyzer {
        Analyzer::for_languages(self.metas().values(MetaField::Lang))
    }
}

impl Searcher<'_> {
    /// Searches the index, as [`Index::search`]; on a split index, fails with
    /// [`Error::MissingChunks`] naming every chunk the search needs that is not added.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResponse> {
        self.answer(query, options, false).map(|partial| partial.response)
    }

    /// Searches the index with the chunks at hand, for a page to show while the rest arrives.
    /// The ranking needs every term chunk of the query (a ranking from some of its words would
    /// reorder when the others arrive), so while one is missing this fails with
    /// [`Error::MissingChunks`] as [`Searcher::search`] does. Once they are all added it answers:
    /// the response [`Searcher::search`] gives, except that the hits whose documents' chunks are
    /// not added are left out, their places in the page listed in [`PartialResponse::pending`] and
    /// the chunks in [`PartialResponse::needs`]. With nothing pending, the response is the one
    /// [`Searcher::search`] gives.
    pub fn search_partial(&self, query: &str, options: &SearchOptions) -> Result<PartialResponse> {
        self.answer(query, options, true)
    }

    /// The search; `partial`: hits whose documents are not at hand are left out (and noted)
    /// instead of failing the search.
    fn answer(&self, query: &str, options: &SearchOptions, partial: bool) -> Result<PartialResponse> {
        if options.limit == 0 || options.limit > MAX_LIMIT {
            return Err(Error::Options(format!("limit must be between 1 and {MAX_LIMIT}, got {}", options.limit)));
        }
        self.start();
        let index = self.index();
        let analyzer = index.analyzer();
        // A split index: the term chunks first, then the document chunks of the page.
        let ranking = self.rank_with(&analyzer, query, options, options.offset.saturating_add(options.limit))?;
        self.check_missing()?;
        let mut page: Vec<(f32, u32)> =
            ranking.ranked.iter().skip(options.offset).take(options.limit).copied().collect();
        self.require_documents(page.iter().map(|&(_, doc)| doc));
        let mut pending = Vec::new();
        if partial {
            let mut place = 0;
            page.retain(|&(_, doc)| {
                let here = self.has_document(doc);
                if !here {
                    pending.push(place);
                }
                place += 1;
                here
            });
        } else {
            self.check_missing()?;
        }
        let needs = self.missing();
        let marks = hit::marks_of(&ranking.groups);
        let docs: Vec<u32> = page.iter().map(|&(_, doc)| doc).collect();
        let mut positions = index.match_positions(&marks, &docs, &ranking.postings)?;
        let mut hits = Vec::with_capacity(page.len());
        for &(score, doc) in &page {
            let found = positions.remove(&doc).unwrap_or_default();
            hits.push(index.hit(&analyzer, found, doc, score)?);
        }
        let terms = ranking
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| TermMatch {
                term: g.word.clone(),
                // A stop word left out among other words is not reported missing.
                matched: g.optional || i < 64 && ranking.matched_words & (1 << i) != 0,
                excluded: g.occur == Occur::MustNot,
            })
            .collect();
        let did_you_mean = did_you_mean(truncate(query), &ranking.groups, &analyzer);
        let response = SearchResponse {
            query: query.to_string(),
            total: ranking.total,
            complete: ranking.complete,
            fallback: ranking.fallback,
            hits,
            terms,
            did_you_mean,
            facets: ranking.facets,
            sort_keys: self.metas().custom().sorts().iter().map(|s| s.key().to_string()).collect(),
        };
        Ok(PartialResponse { response, pending, needs })
    }

    /// Ranks the matching documents without building hits, as [`Index::rank`].
    pub fn rank(&self, query: &str, options: &SearchOptions) -> Result<Vec<(f32, u32)>> {
        self.start();
        let keep = options.offset.saturating_add(options.limit);
        let mut ranked = self.rank_with(&self.index().analyzer(), query, options, keep)?.ranked;
        self.check_missing()?;
        ranked.truncate(keep);
        Ok(ranked)
    }

    pub(super) fn rank_with(
        &self,
        analyzer: &Analyzer,
        query: &str,
        options: &SearchOptions,
        keep: usize,
    ) -> Result<Ranking> {
        let parsed = query::parse(truncate(query), options.prefix_last);
        let groups = query::expand(self, analyzer, &parsed)?;
        let must: u64 = mask(&groups, |g| g.occur == Occur::Must && !g.optional);
        let must_not: u64 = mask(&groups, |g| g.occur == Occur::MustNot);
        let (from, to) = date_range(options)?;
        let filter = Filter::new(self.metas(), options, from, to);
        // What pruning keeps exact (`rank::prune`): the best `depth` documents by score, which
        // only filters, exclusions, phrases, the form bonus and other orders would change.
        let depth = PROXIMITY_DEPTH.max(keep);
        let pruning = self.index().pruning();
        let prunable = cfg!(feature = "large")
            && pruning != Pruning::Never
            && options.sort == Sort::Relevance
            && !filter.is_active()
            && must_not == 0
            && groups.iter().all(|g| g.phrase.is_none() && g.corrections.is_empty());
        let prune = prunable.then_some(rank::prune::Prune { depth, must, always: pruning == Pruning::Always });
        let mut scores = rank::score_groups(self, &groups, prune)?;
        // Documents of a pruned list's blocks left unread that hold no other term: all match
        // (the term is a required word's), completely when its words are all that is required.
        let (unseen, unseen_bits) = scores.pruned.as_ref().map_or((0, 0), |p| (p.count(), p.bit));
        let unseen_complete = if must & !unseen_bits == 0 { unseen } else { 0 };

        // Those with every required word, and those with one (of any word, when none is required);
        // their entries too when the keys are made from them (below).
        let phrase = groups.iter().any(|g| g.phrase.is_some() && g.occur != Occur::MustNot);
        // (A filter drops documents below, so the entries are copied only without one.)
        let copy = !phrase && !filter.is_active();
        let rank::Matching { some, every, entries } =
            scores.matching(must, must_not, if must == 0 { u64::MAX } else { must }, copy);
        let docs = self.check_phrases(&groups, every, &scores.postings)?;
        // Documents with every required word come first; when a query has several words, those
        // with only some of them follow, so a long or partly mistyped query still finds what it can.
        // A quoted phrase asks for the phrase: documents with its words apart are shown only when
        // no document has it (as a fallback, labelled so), never counted among its matches.
        let complete_docs = docs; // sorted
        let no_complete = complete_docs.is_empty() && unseen_complete == 0 && !scores.is_empty();
        // Without a phrase, those with every required word are those with one when at most one is
        // required: the documents ranked are `some` either way, whose entries are at hand.
        let (mut docs, entries) = if (must.count_ones() > 1 && !phrase) || no_complete {
            (some, entries)
        } else {
            let same = !phrase && complete_docs.len() == some.len();
            (complete_docs.clone(), if same { entries } else { Vec::new() })
        };
        let unseen_runs = scores.pruned.as_ref().map_or(&[][..], |p| &p.unseen[..]);
        let facets = filter.facets(&docs, unseen_runs);
        // The words matched before the filters; without filters, gathered in the loop below.
        let mut matched_words = if unseen > 0 { unseen_bits } else { 0 };
        if filter.is_active() {
            matched_words = docs.iter().fold(0u64, |m, &d| m | scores.get(d).matched);
            docs.retain(|&doc| filter.passes(self, doc));
        }

        // Complete matches first, then by score, then document order: one integer per document.
        // Both lists are in document order, so which are complete is one walk along them (plain
        // loops: in the module, built for size, an iterator chain costs calls per document).
        let mut keyed: Vec<RankKey> = vec![RankKey(0); docs.len()];
        let required = rank::form::required(&groups);
        let (mut next, mut complete) = (0, 0);
        let at_hand = entries.len() == docs.len();
        for (i, (key, &d)) in keyed.iter_mut().zip(&docs).enumerate() {
            let s = if at_hand { entries[i] } else { scores.get(d) };
            matched_words |= s.matched;
            while next < complete_docs.len() && complete_docs[next] < d {
                next += 1;
            }
            let is_complete = complete_docs.get(next) == Some(&d);
            complete += usize::from(is_complete);
            // Documents with the form of a corrected word as it was corrected rank higher.
            let score = if s.form != 0.0 { s.score * rank::form::factor(s.form, required) } else { s.score };
            *key = RankKey::new(is_complete, score, d);
        }
        let total = keyed.len() + unseen;
        complete += unseen_complete;
        // The best documents get a bonus when the query's words stand close together in them, or
        // make up their title.
        let depth = PROXIMITY_DEPTH.max(keep).min(keyed.len());
        if depth > 0 {
            keyed.select_nth_unstable(depth - 1);
            let mut best: Vec<u32> = keyed[..depth].iter().map(|k| k.doc()).collect();
            best.sort_unstable();
            let factors = rank::bonuses(self, &groups, &best, &scores.postings)?;
            for k in &mut keyed[..depth] {
                if let Some(f) = factors.get(&k.doc()) {
                    *k = RankKey::new(k.is_complete(), k.score() * f, k.doc());
                }
            }
        }
        // A site sort key the index does not have (a bookmark of an older build) sorts by relevance.
        let custom = self.metas().custom();
        let by = match &options.sort {
            Sort::Relevance => None,
            Sort::Date => Some((None, false)),
            Sort::DateDesc => Some((None, true)),
            Sort::Key { key, descending } => custom.sort_place(key).map(|place| (Some(place), *descending)),
        };
        if by.is_none() {
            // The bonuses only raised the best `depth` (at least `keep`), which were already the
            // best: the first `keep` are among them, and the rest need no second selection.
            keyed.truncate(depth);
        }
        match by {
            None if keep < keyed.len() => {
                // Only the first `keep` are shown: select them, then sort just those.
                keyed.select_nth_unstable(keep);
                keyed.truncate(keep);
                keyed.sort_unstable();
            }
            None => keyed.sort_unstable(),
            Some((place, descending)) => self.sort_by_value(&mut keyed, place, descending),
        }
        let ranked = keyed.into_iter().map(|k| (k.score(), k.doc())).collect();
        // Said of the hits returned, after exclusions and filters.
        let fallback = complete == 0 && total > 0;
        let postings = std::mem::take(&mut scores.postings);
        Ok(Ranking { ranked, total, complete, groups, fallback, facets, matched_words, postings })
    }

    /// Sorts `keyed` by each document's date (`place` `None`) or rank by site sort key `place`,
    /// complete matches first, documents without a value after those with one, relevance among
    /// equals: the value is folded into one integer key with the relevance key, so it is one
    /// integer sort. A document whose metadata chunk is not at hand notes it (the search then
    /// asks for it).
    fn sort_by_value(&self, keyed: &mut Vec<RankKey>, place: Option<usize>, descending: bool) {
        let metas = self.metas();
        let mut wide: Vec<u128> = keyed
            .iter()
            .map(|k| {
                let doc = k.doc();
                self.require_meta(doc);
                let value = match place {
                    None => metas.date_code(doc),
                    Some(p) => metas.sort_rank(p, doc),
                };
                let value = match value.unwrap_or(0) {
                    0 => u32::MAX,
                    v if descending => u32::MAX - v,
                    v => v,
                };
                u128::from(!k.is_complete()) << 127 | u128::from(value) << 64 | u128::from(k.0)
            })
            .collect();
        wide.sort_unstable();
        keyed.clear();
        keyed.extend(wide.into_iter().map(|w| RankKey(w as u64)));
    }

    fn check_phrases(&self, groups: &[TermGroup], mut docs: Vec<u32>, postings: &rank::Postings) -> Result<Vec<u32>> {
        let mut clauses: Vec<usize> = groups.iter().filter_map(|g| g.phrase.map(|(c, _)| c)).collect();
        clauses.dedup();
        for clause in clauses {
            let words: Vec<&TermGroup> = groups.iter().filter(|g| g.phrase.is_some_and(|(c, _)| c == clause)).collect();
            let excluded = words.first().is_some_and(|g| g.occur == Occur::MustNot);
            let matching = phrase::filter(self, &words, &docs, postings)?;
            if excluded {
                docs.retain(|d| matching.binary_search(d).is_err());
            } else {
                docs = matching;
            }
        }
        Ok(docs)
    }
}

/// A document's place in the ranking, packed so that ascending integer order is best first:
/// complete matches, then higher scores, then lower document ordinals. Sorting integers is
/// several times faster in wasm than sorting tuples with a comparison closure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RankKey(u64);

impl RankKey {
    /// Packs the inverted key: the complete flag (bit 63), the score's bits (a non-negative `f32`
    /// orders as its bits do; 31 bits), and the document ordinal.
    #[inline]
    fn new(complete: bool, score: f32, doc: u32) -> RankKey {
        let bits = if score > 0.0 { score.to_bits() } else { 0 };
        RankKey(!(u64::from(complete) << 63 | u64::from(bits) << 32 | u64::from(u32::MAX - doc)))
    }

    fn is_complete(self) -> bool {
        !self.0 >> 63 == 1
    }

    fn score(self) -> f32 {
        f32::from_bits((!self.0 >> 32) as u32 & 0x7FFF_FFFF)
    }

    fn doc(self) -> u32 {
        u32::MAX - !self.0 as u32
    }
}

/// What ranking found, before hits are built.
pub(super) struct Ranking {
    /// The best documents, at least as many as were asked for, in order.
    pub(super) ranked: Vec<(f32, u32)>,
    pub(super) total: usize,
    pub(super) complete: usize,
    pub(super) groups: Vec<TermGroup>,
    pub(super) fallback: bool,
    pub(super) facets: Facets,
    pub(super) matched_words: u64,
    /// The posting lists decoded for scoring, for the highlights.
    pub(super) postings: rank::Postings,
}

/// The first [`MAX_QUERY_BYTES`] of `query`, cut at a char boundary.
fn truncate(query: &str) -> &str {
    let mut cut = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(cut) {
        cut -= 1;
    }
    &query[..cut]
}

/// The query with each unknown word replaced by its suggestion, if any word has one.
fn did_you_mean(query: &str, groups: &[TermGroup], analyzer: &Analyzer) -> Option<String> {
    let fixes: Vec<(&str, &str)> =
        groups.iter().filter_map(|g| g.suggestion.as_deref().map(|s| (g.word.as_str(), s))).collect();
    if fixes.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(query.len());
    let mut last = 0;
    for (start, raw) in crate::analysis::tokenize::words(query) {
        let folded = analyzer.fold_word(raw);
        if let Some((_, fix)) = fixes.iter().find(|(w, _)| Some(*w) == folded.as_deref()) {
            out.push_str(&query[last..start]);
            out.push_str(fix);
            last = start + raw.len();
        }
    }
    out.push_str(&query[last..]);
    Some(out)
}

fn mask(groups: &[TermGroup], keep: impl Fn(&TermGroup) -> bool) -> u64 {
    groups.iter().take(64).enumerate().filter(|(_, g)| keep(g)).fold(0, |m, (i, _)| m | (1 << i))
}

#[cfg(test)]
mod tests {
    use super::RankKey;

    #[test]
    fn rank_keys_round_trip_and_order_best_first() {
        let cases = [(true, 0.5, 7), (false, 3.25, 0), (true, f32::MIN_POSITIVE, u32::MAX), (false, 0.0, 1)];
        for (complete, score, doc) in cases {
            let k = RankKey::new(complete, score, doc);
            assert_eq!((k.is_complete(), k.score(), k.doc()), (complete, score, doc));
        }
        let mut keys = [
            RankKey::new(false, 9.0, 1),
            RankKey::new(true, 1.0, 5),
            RankKey::new(true, 2.0, 9),
            RankKey::new(true, 2.0, 3),
            RankKey::new(false, 9.5, 0),
        ];
        keys.sort_unstable();
        let order: Vec<(bool, f32, u32)> = keys.iter().map(|k| (k.is_complete(), k.score(), k.doc())).collect();
        assert_eq!(order, [(true, 2.0, 3), (true, 2.0, 9), (true, 1.0, 5), (false, 9.5, 0), (false, 9.0, 1)]);
    }
}
