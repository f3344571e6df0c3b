//! Typo corrections for the query words the index does not hold: found by a Levenshtein walk,
//! ranked by how likely each is as the word meant ([`spelling`]), then by whether it shares
//! documents with the query's other words, and matched with weights that fall with that
//! likelihood. The same ranking picks the suggestion `didYouMean` shows.

use super::expand::{Correction, MatchKind, TermGroup, MAX_FUZZY_EXPANSIONS, MAX_SCAN};
use super::fuzzy::{self, MAX_FUZZY_CHARS};
use super::parse::Occur;
use super::regions;
use super::spelling::{self, Candidate};
use crate::analysis::stopwords;
use crate::index::{Dictionary, KeyMatch, Scope, Searcher};
use crate::Result;

/// Typo corrections much less likely than the best (below this fraction of its weight) are not
/// matched: they would only bring in documents about other words.
const MIN_FACTOR: f32 = 0.05;
/// How many of the likeliest corrections are weighed by co-occurrence (each costs its posting
/// list).
const COOCCURRENCE_CANDIDATES: usize = 5;
/// How many terms of the other words are read for co-occurrence, per word.
const COOCCURRENCE_TERMS: usize = 3;
/// What a correction that shares no document with the query's other words loses, in edit cost.
const NO_COOCCURRENCE: f32 = 0.6;
/// The spelling cost of a word's stem as what was meant, when the word is not a form the index
/// holds and no form of its stem is within its edit budget: one unrelated edit.
const STEM_ONLY: f32 = 1.0;

/// The corrections found for the words of one query, by group index, applied once every word
/// is expanded (co-occurrence needs the other words' matches).
#[derive(Debug, Default)]
pub struct Typos {
    pending: Vec<(usize, Found)>,
}

impl Typos {
    /// Notes `found` (from [`candidates`]) for the group that will have index `group`.
    pub fn push(&mut self, group: usize, found: Found) {
        if !found.candidates.is_empty() {
            self.pending.push((group, found));
        }
    }

    /// Ranks each word's corrections, prefers those that co-occur with the other words, and adds
    /// them to the groups as matches and suggestions.
    pub fn apply(self, index: &Searcher, groups: &mut [TermGroup]) -> Result<()> {
        for (g, Found { mut candidates, allowed, chars, stem }) in self.pending {
            if candidates.len() > 1 {
                prefer_cooccurring(index, groups, g, &mut candidates)?;
            }
            let others = groups.iter().enumerate().any(|(i, o)| i != g && o.occur == Occur::Must && !o.optional);
            let Some(group) = groups.get_mut(g) else { continue };
            spelling::rank(&mut candidates);
            let Some(first) = candidates.first().map(|c| c.score) else { continue };
            // A word whose stem matched: the stem is one more candidate, and when a correction of
            // another stem is likelier, it is suggested and the stem's match weighs less.
            let stem_score = if stem { Some(stem_score(index, group, &candidates)?) } else { None };
            let best = stem_score.map_or(first, |s| s.min(first));
            if stem_score.is_none_or(|s| first < s) {
                group.suggestion = candidates.first().map(|c| c.form.clone());
            }
            if let Some(s) = stem_score {
                let factor = spelling::relative_weight(best, s);
                for e in &mut group.expansions {
                    e.weight *= factor;
                }
            }
            // Past the budget, only a correction made of likely slips is matched (a swap and a
            // vowel, say), never two unrelated edits.
            let matches = |c: &&Candidate| {
                c.distance <= allowed || chars >= fuzzy::MIN_FALLBACK_CHARS && c.score <= fuzzy::MAX_FALLBACK_COST
            };
            // Among other words, a stop word is not matched as a correction: typed right, it
            // would be left out.
            let content = |c: &&Candidate| !(others && stopwords::is_stopword(&c.form));
            for c in candidates.iter().filter(matches).filter(content).take(MAX_FUZZY_EXPANSIONS) {
                let factor = spelling::relative_weight(best, c.score);
                if factor >= MIN_FACTOR {
                    group.add_weighted(c.ordinal, MatchKind::Fuzzy(c.distance), factor);
                    group.corrections.push(Correction { form: c.form.clone(), ordinal: c.ordinal, weight: factor });
                }
            }
        }
        Ok(())
    }
}

/// The corrections of one word, with the word's edit budget and length.
#[derive(Debug)]
pub struct Found {
    candidates: Vec<Candidate>,
    allowed: u8,
    chars: usize,
    /// Whether the word's stem matched (the word itself is no form the index holds).
    stem: bool,
}

/// The corrections of `word` within its edit budget in its own regions ([`regions::own`]); when
/// there are none, those within its budget under the rarer slips of its first two letters
/// ([`regions::wider`]: another likely first letter, say) together with those one edit further
/// (from four letters) in its own regions, ranked against each other. In a long query (`short`
/// false) the wider regions are tried last, only when one edit further finds nothing either:
/// each of them may cost a term chunk.
pub fn candidates(index: &Searcher, word: &str, short: bool) -> Result<Found> {
    let chars = word.chars().count();
    let allowed = fuzzy::allowed_edits(chars);
    let mut found = Found { candidates: Vec::new(), allowed, chars, stem: false };
    if chars > MAX_FUZZY_CHARS || allowed == 0 {
        return Ok(found);
    }
    // Suggestions may reach one edit further than matching does, from four letters on.
    let reach = (allowed + 1).min(2);
    // A form within `allowed` edits of the word's own region always beats one further away or
    // under another first letter: the wider walks (several times slower at two edits) are only
    // taken when the first finds none.
    found.candidates = walk(index, word, allowed)?;
    if !found.candidates.is_empty() {
        return Ok(found);
    }
    if short {
        // A first letter typed for a likely other (`injoy`, `celect`, `vetween`) is within budget
        // there, and ranked with what one edit further finds in the word's own region (`apon` is
        // two edits from `apex` and one from `upon`), the first letter's edit charged as
        // [`spelling`] charges it.
        found.candidates = walk_in(index, word, allowed, &regions::wider(word, allowed))?;
        found.candidates.extend(walk(index, word, reach)?);
    } else {
        found.candidates = walk(index, word, reach)?;
        if found.candidates.is_empty() {
            found.candidates = walk_in(index, word, allowed, &regions::wider(word, allowed))?;
        }
    }
    Ok(found)
}

/// The corrections within its edit budget of a word that no document holds but whose stem matched
/// (`appearent`, stemmed to `appear`, for `apparent`; `becomming` for `becoming`): one walk, and
/// none of the wider ones, since the stem already found something.
pub fn stem_candidates(index: &Searcher, word: &str) -> Result<Found> {
    let chars = word.chars().count();
    let allowed = fuzzy::allowed_edits(chars);
    let mut found = Found { candidates: Vec::new(), allowed, chars, stem: true };
    if allowed > 0 && chars <= MAX_FUZZY_CHARS {
        found.candidates = walk(index, word, allowed)?;
    }
    Ok(found)
}

/// How likely the stem that a word matched is as what was meant, scored as a correction: by its
/// likeliest form among `candidates`, else as [`STEM_ONLY`] away.
fn stem_score(index: &Searcher, group: &TermGroup, candidates: &[Candidate]) -> Result<f32> {
    let own = |c: &&Candidate| group.expansions.iter().any(|e| e.ordinal == c.ordinal);
    if let Some(c) = candidates.iter().find(own) {
        return Ok(c.score); // ranked: the first is the likeliest
    }
    let mut doc_freq = 0;
    for e in &group.expansions {
        doc_freq = doc_freq.max(index.term_info(e.ordinal)?.doc_freq);
    }
    Ok(spelling::score(STEM_ONLY, doc_freq))
}

/// The word forms within `edits` of `word` in its own typo regions ([`regions::own`]), scored as
/// corrections of it.
///
/// The regions are defined by keys, never by chunks, so a split index finds exactly what the
/// single file finds: it walks (and fetches) just the term chunks whose key range meets them.
fn walk(index: &Searcher, word: &str, edits: u8) -> Result<Vec<Candidate>> {
    walk_in(index, word, edits, &regions::own(word, edits))
}

/// The word forms within `edits` of `word` among the keys that start with one of `prefixes`.
fn walk_in(index: &Searcher, word: &str, edits: u8, prefixes: &[String]) -> Result<Vec<Candidate>> {
    // Only a word known to be unknown is walked: while its own term chunk (or any other the round
    // needs) is missing, the round fails anyway (looking the word up noted it), and walking would
    // only fetch more bytes. The round that succeeds has every chunk at hand, so it always walks.
    if index.check_missing().is_err() {
        return Ok(Vec::new());
    }
    let typos = fuzzy::levenshtein(word, edits);
    let mut candidates = Vec::new();
    for prefix in prefixes {
        let automaton = fuzzy::StartsThen::new(prefix, &typos);
        let limit = MAX_SCAN - candidates.len();
        for KeyMatch { key: form, ordinal } in index.walk(Dictionary::Words, Scope::Prefix(prefix), &automaton, limit) {
            let Some(distance) = typos.distance(&form) else { continue };
            let doc_freq = index.term_info(ordinal)?.doc_freq;
            candidates.push(Candidate::new(word, form, ordinal, doc_freq, distance));
        }
        if candidates.len() >= MAX_SCAN {
            break;
        }
    }
    Ok(candidates)
}

/// Among the likeliest corrections of group `g`'s word, those found in no document with any of
/// the query's other required words lose [`NO_COOCCURRENCE`]: `fluid flwo` means `flow`, not
/// `flew`, when only `flow` is ever written near `fluid`.
fn prefer_cooccurring(index: &Searcher, groups: &[TermGroup], g: usize, candidates: &mut [Candidate]) -> Result<()> {
    let others: Vec<u32> = groups
        .iter()
        .enumerate()
        .filter(|&(i, o)| i != g && o.occur == Occur::Must && !o.optional)
        .flat_map(|(_, o)| o.expansions.iter().take(COOCCURRENCE_TERMS).map(|e| e.ordinal))
        .collect();
    if others.is_empty() {
        return Ok(());
    }
    let mut near = vec![false; index.doc_count() as usize];
    for ordinal in others {
        for p in index.postings(&index.term_info(ordinal)?)? {
            if let Some(slot) = near.get_mut(p.doc as usize) {
                *slot = true;
            }
        }
    }
    spelling::rank(candidates);
    for c in candidates.iter_mut().take(COOCCURRENCE_CANDIDATES) {
        let postings = index.postings(&index.term_info(c.ordinal)?)?;
        if !postings.iter().any(|p| near.get(p.doc as usize).copied().unwrap_or(false)) {
            c.score += NO_COOCCURRENCE;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::corpus::Document;
    use crate::index::{Index, IndexWriter};
    use crate::search::{SearchOptions, SearchResponse};

    fn index(docs: &[(&str, &str)]) -> Index {
        let mut w = IndexWriter::new();
        for (id, body) in docs {
            w.add(Document::new(*id, "Note", *body)).unwrap();
        }
        Index::from_bytes(&w.finish().unwrap()).unwrap()
    }

    fn search(index: &Index, query: &str) -> SearchResponse {
        index.search(query, &SearchOptions { prefix_last: false, ..SearchOptions::default() }).unwrap()
    }

    fn first(r: &SearchResponse) -> &str {
        r.hits.first().map_or("", |h| h.id.as_str())
    }

    #[test]
    fn the_likeliest_correction_wins_over_a_more_frequent_one_edit_neighbour() {
        // `recieve` is one edit from both; a swap is the likelier slip.
        let index = index(&[
            ("receive", "they receive letters from the committee every week"),
            ("r1", "relieve"),
            ("r2", "relieve"),
            ("r3", "relieve"),
        ]);
        let r = search(&index, "recieve");
        assert_eq!(r.did_you_mean.as_deref(), Some("receive"));
        assert_eq!(first(&r), "receive");
    }

    #[test]
    fn a_four_letter_word_may_have_one_typo() {
        let index = index(&[("w", "the word was spoken"), ("x", "nothing here")]);
        let r = search(&index, "wrod");
        assert_eq!(first(&r), "w");
        assert_eq!(r.did_you_mean.as_deref(), Some("word"));
        // Three letters get none.
        assert_eq!(search(&index, "wrd").total, 0);
    }

    #[test]
    fn among_other_words_a_stop_word_is_not_matched_as_a_correction() {
        // `thme` is one edit from `the` and from `theme`: beside `dog`, only `theme` is matched.
        let index = index(&[("a", "the dog"), ("b", "theme dog"), ("c", "cat")]);
        let hits = |q| search(&index, q).hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(hits("thme dog"), ["b", "a"], "`a` has only `dog`, as a partial match");
        assert_eq!(search(&index, "thme dog").complete, 1);
        // Alone, the stop word may be what was meant.
        assert!(hits("thme").contains(&"a".to_string()));
    }

    #[test]
    fn a_word_may_start_with_the_wrong_vowel() {
        // Nothing in the `a` region is near `accasionally`; the other vowels' regions are walked.
        let index = index(&[("o", "it rains occasionally"), ("a", "an accurate account")]);
        let r = search(&index, "accasionally");
        assert_eq!((first(&r), r.did_you_mean.as_deref()), ("o", Some("occasionally")));
        // A consonant is not guessed at: `vccasionally` finds nothing.
        assert_eq!(search(&index, "vccasionally").total, 0);
    }

    #[test]
    fn a_wrong_first_vowel_is_found_when_only_a_far_correction_keeps_it() {
        // `apex` is two edits from `apon`, beyond a four-letter word's budget; `upon` is one, under
        // another first vowel: the far correction must not stop the search for the near one.
        let index = index(&[("u", "we rely upon it"), ("a", "an apex")]);
        let r = search(&index, "apon");
        assert_eq!((first(&r), r.did_you_mean.as_deref()), ("u", Some("upon")));
        // In a long question, another first letter is tried only when one edit further finds
        // nothing either (`apex`, two edits away under the same first two letters): its regions
        // may each cost a term chunk.
        let long = search(&index, "apon rely grows apex fast");
        assert_eq!(long.did_you_mean.as_deref(), Some("apex rely grows apex fast"));
    }

    #[test]
    fn a_first_consonant_may_be_one_of_the_same_sound() {
        // `celect` is `select` with a `c` for its `s`; `collect`, with the right first letter, is
        // two slips away (a vowel and a double), and less likely.
        let index = index(&[("s", "select the data"), ("c", "collect the data"), ("x", "other")]);
        let r = search(&index, "celect");
        assert_eq!((first(&r), r.did_you_mean.as_deref()), ("s", Some("select")));
        // A letter neither near nor alike is not guessed at.
        assert_eq!(search(&index, "melect").total, 0);
    }

    #[test]
    fn a_vowel_dropped_from_a_pair_is_a_likely_slip() {
        // `feture` is `feature` with the `a` of `ea` left out, and `future` with a vowel for a
        // vowel: the pair written as one vowel is the likelier slip.
        let index = index(&[("feature", "a new feature"), ("future", "the future")]);
        let r = search(&index, "feture");
        assert_eq!((first(&r), r.did_you_mean.as_deref()), ("feature", Some("feature")));
    }

    #[test]
    fn a_split_index_finds_a_correction_in_another_term_chunk() {
        // Tiny term chunks put `asnwer`'s place and `answer` in different chunks; the typo walk
        // also covers the chunk where undoing the swap points.
        let words = ["answer", "ant", "any", "apple", "arm", "art", "ash", "ask", "asset", "aster", "atom"];
        let mut w = IndexWriter::new();
        for (i, word) in words.iter().enumerate() {
            w.add(Document::new(format!("d{i}"), "Note", format!("{word} {word}s"))).unwrap();
        }
        let split = w.finish_split(crate::index::ChunkSizes { terms: 64, docs: 64 }).unwrap();
        let mut index = Index::from_bytes(&split.root).unwrap();
        for (_, chunk) in split.chunks {
            index.add_chunk(chunk).unwrap();
        }
        assert_ne!(index.term_chunk_of("asnwer"), index.term_chunk_of("answer"));
        let r = search(&index, "asnwer");
        assert_eq!((first(&r), r.did_you_mean.as_deref()), ("d0", Some("answer")));
    }

    #[test]
    fn a_misspelt_word_gets_the_same_corrections_split_and_whole() {
        // `bant` is one edit from a dozen words that tiny term chunks spread over many chunks;
        // loaded on demand, the split index must match and suggest what the single file does.
        let corrections = [
            "abnt", "ant", "bait", "ban", "band", "bane", "bang", "bank", "bans", "bart", "bast", "bat", "bent",
            "bint", "blant", "brant", "bunt", "cant", "pant", "want",
        ];
        // A filler word beside each, so that each correction has a term chunk of its own.
        let words: Vec<String> = corrections.iter().flat_map(|w| [w.to_string(), format!("{w}zz")]).collect();
        let mut whole = IndexWriter::new();
        let mut split = IndexWriter::new();
        for (i, word) in words.iter().enumerate() {
            let repeated = vec![word.as_str(); i % 4 + 1].join(" ");
            whole.add(Document::new(format!("d{i}"), "Note", repeated.clone())).unwrap();
            split.add(Document::new(format!("d{i}"), "Note", repeated)).unwrap();
        }
        let whole = Index::from_bytes(&whole.finish().unwrap()).unwrap();
        let split = split.finish_split(crate::index::ChunkSizes { terms: 32, docs: 64 }).unwrap();
        let chunks: std::collections::HashMap<_, _> = split.chunks.into_iter().collect();
        let mut lazy = Index::from_bytes(&split.root).unwrap();
        let options = SearchOptions { prefix_last: false, limit: 50, ..SearchOptions::default() };
        for query in ["bant", "bnat", "bant bandit", "wnat", "abnk"] {
            let a = whole.search(query, &options).unwrap();
            let b = lazy
                .search_loading(query, &options, |name| {
                    chunks.get(name).cloned().ok_or_else(|| crate::Error::corrupt(name.to_string()))
                })
                .unwrap();
            let ranked = |r: &SearchResponse| r.hits.iter().map(|h| (h.id.clone(), h.score)).collect::<Vec<_>>();
            assert_eq!((ranked(&a), &a.did_you_mean), (ranked(&b), &b.did_you_mean), "{query}");
            assert!(!a.hits.is_empty(), "{query}");
        }
        // The corrections of `bant` lie in other chunks than its own place.
        let own = lazy.term_chunk_of("bant");
        assert!(["bent", "bunt", "bait"].iter().any(|w| lazy.term_chunk_of(w) != own));
    }

    #[test]
    fn a_correction_that_stands_with_the_other_words_is_preferred() {
        // Alone, `stane` is likelier `stone` (a vowel for a vowel); beside `firm`, which is only
        // ever written with `stand`, it is `stand`.
        let index =
            index(&[("firm", "we stand firm"), ("stone", "a stone house"), ("up", "stand up"), ("here", "stand here")]);
        assert_eq!(search(&index, "stane").did_you_mean.as_deref(), Some("stone"));
        let r = search(&index, "stane firm");
        assert_eq!(r.did_you_mean.as_deref(), Some("stand firm"));
        assert_eq!(first(&r), "firm");
    }

    #[test]
    fn a_word_whose_stem_alone_matched_may_still_be_a_typo() {
        // No document holds `appearent`, but it stems to `appear`, which two shorter documents
        // hold; `apparent` is one vowel away: it is what was meant, and suggested.
        let index = index(&[
            ("appear", "they appear"),
            ("appears", "it appears"),
            ("apparent", "an apparent rise in the level of the sea"),
        ]);
        let r = search(&index, "appearent");
        assert_eq!((first(&r), r.did_you_mean.as_deref()), ("apparent", Some("apparent")));
        // The stem's documents still match, below.
        assert_eq!(r.total, 3);
        // A word the index holds is taken as meant.
        assert_eq!(first(&search(&index, "appear")), "appear");
        // Among four words, still; in a longer question, an unknown form is taken as an
        // inflection of its stem and no walk is made.
        let dym = |q| search(&index, q).did_you_mean;
        assert_eq!(dym("appearent rise level sea").as_deref(), Some("apparent rise level sea"));
        assert_eq!(dym("appearent rise level sea appears"), None);
    }

    #[test]
    fn a_word_whose_stem_matched_finds_the_form_meant() {
        // `becomming` stems to `becom`, as `become` and `becoming` do; within one edit, the form
        // meant is `becoming`, whose document ranks first although `become`'s is shorter.
        let index = index(&[("become", "they become"), ("becoming", "becoming a member of the old club")]);
        let r = search(&index, "becomming");
        assert_eq!(first(&r), "becoming");
        // Its own stem: nothing else to suggest.
        assert_eq!(r.did_you_mean, None);
    }
}
