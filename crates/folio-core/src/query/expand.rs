//! Binding parsed clauses to the index: which terms each query word matches, and how.
//!
//! A word matches, in decreasing order of weight: its own stem ([`MatchKind::Exact`]); the stem
//! of its transliteration into the other script ([`MatchKind::Translit`], `Mikoyan` → `Микоян`);
//! longer words it begins ([`MatchKind::Prefix`], for the word being typed or `word*`); stems that
//! differ only by letters OCR confuses ([`MatchKind::Ocr`]); and, when no document holds the word
//! itself, words within one or two edits ([`MatchKind::Fuzzy`]). Every kind is capped so a
//! query's work stays bounded.

use fst::automaton::{Automaton, Str};

use super::fuzzy::{self, OcrSkeleton};
use super::parse::{Occur, Query};
use super::typos::{self, Typos};
use crate::analysis::script::{script_of, Script};
use crate::analysis::{translit, Analyzer};
use crate::index::{Dictionary, Field, Scope, Searcher};
use crate::Result;

/// The most distinct words a query expands to; later words are ignored. (Repeated words count
/// once; stop words are dropped first when a long query has more.)
pub const MAX_GROUPS: usize = 64;
/// The most index terms one prefix expands to (the most frequent are kept).
pub const MAX_PREFIX_EXPANSIONS: usize = 50;
/// The most index terms one word matches by typo or OCR tolerance.
pub const MAX_FUZZY_EXPANSIONS: usize = 20;
/// The most words a query may have for the wider typo walks: a word of it whose stem alone
/// matched tried as a typo, and an unknown word looked for under another first letter before one
/// edit further ([`typos::candidates`]). Site searches are one to four words, while in a longer
/// question (`what similarity laws must be obeyed`) a form no document holds is mostly an
/// inflection or a rare word the other words carry, and the walks would cost a first query more
/// term chunks.
pub const MAX_WIDE_TYPO_WORDS: usize = 4;
/// How many dictionary keys one automaton walk may visit before it stops.
pub(super) const MAX_SCAN: usize = 20_000;
/// An index whose stems in a script are fewer than one in this many holds them as strays (a name
/// quoted in its own script in an English article: 0.34% of the 63k Wikipedia leads' stems are
/// Cyrillic, in 3 of their 2,003 term chunks). Only a query word that may be a typo is
/// transliterated into them: on a split index, looking every word up there would fetch one of
/// their chunks for almost every query, and all but never match.
const STRAY_SCRIPT_SHARE: u64 = 64;

/// How a query word matched an index term; earlier kinds rank above later ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The word's stem is the term.
    Exact,
    /// The word, written in the other script, has the term as its stem.
    Translit,
    /// The word is the beginning of a word form of the term.
    Prefix,
    /// The term differs from the stem only by letters OCR confuses.
    Ocr,
    /// A word form of the term is one or two edits away from the word.
    Fuzzy(u8),
}

impl MatchKind {
    /// The weight a match of this kind gets in ranking.
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Translit => 0.9,
            MatchKind::Prefix => 0.8,
            MatchKind::Ocr => 0.7,
            MatchKind::Fuzzy(1) => 0.5,
            MatchKind::Fuzzy(_) => 0.35,
        }
    }
}

/// One index term a query word matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    /// The term's ordinal.
    pub ordinal: u32,
    /// How it matched (the best way, when several apply).
    pub kind: MatchKind,
    /// Its weight in ranking: the kind's, times how likely a typo correction is against the
    /// likeliest one (1 for the other kinds).
    pub weight: f32,
}

/// One query word, bound to the index terms it matches.
#[derive(Debug, Clone, PartialEq)]
pub struct TermGroup {
    /// Must or must not match.
    pub occur: Occur,
    /// The field the word is limited to, if any.
    pub field: Option<Field>,
    /// The word as folded by the analyser.
    pub word: String,
    /// For words of a quoted phrase: the clause index and the word's place in the phrase.
    pub phrase: Option<(usize, u32)>,
    /// The matched terms (empty when the index has none).
    pub expansions: Vec<Expansion>,
    /// The closest indexed word, when the word itself is not in the index.
    pub suggestion: Option<String>,
    /// A stop word among other words: it is not looked up (no expansions), scores nothing, and
    /// documents need not contain it.
    pub optional: bool,
    /// How many times the word occurs in the query (its score is multiplied by this).
    pub repeats: u32,
    /// The typo corrections matched, as word forms: a document with one of these forms ranks
    /// above one with only another form of its stem ([`crate::rank::form`]).
    pub corrections: Vec<Correction>,
}

/// A typo correction matched for a query word.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// The word form, as the dictionary holds it.
    pub form: String,
    /// The ordinal of its stem's term.
    pub ordinal: u32,
    /// How likely it is against the likeliest correction (which has 1).
    pub weight: f32,
}

impl TermGroup {
    pub(super) fn add(&mut self, ordinal: u32, kind: MatchKind) {
        self.add_weighted(ordinal, kind, 1.0);
    }

    /// Adds a match whose weight is `kind`'s times `factor`; a term matched several ways keeps
    /// its best kind and its best weight.
    pub(super) fn add_weighted(&mut self, ordinal: u32, kind: MatchKind, factor: f32) {
        let weight = kind.weight() * factor;
        match self.expansions.iter_mut().find(|e| e.ordinal == ordinal) {
            Some(e) => {
                e.kind = e.kind.min(kind);
                e.weight = e.weight.max(weight);
            }
            None => self.expansions.push(Expansion { ordinal, kind, weight }),
        }
    }
}

/// Expands every clause of `query` against `index`.
pub fn expand(index: &Searcher, analyzer: &Analyzer, query: &Query) -> Result<Vec<TermGroup>> {
    let mut groups = Vec::new();
    let mut corrections = Typos::default();
    let analyzed: Vec<_> = query.clauses.iter().map(|clause| analyzer.analyze(&clause.text)).collect();
    // Among other words, a stop word is left out: looking it up would fetch its term chunk (the
    // largest of a split index) and score its long posting list, for no change in which
    // documents match.
    let content_words = |clause: &super::parse::Clause, tokens: &[crate::analysis::Token]| {
        if clause.occur == Occur::Must {
            tokens.iter().filter(|t| !analyzer.is_stopword(&t.form)).count()
        } else {
            0
        }
    };
    let words: usize = query.clauses.iter().zip(&analyzed).map(|(c, t)| content_words(c, t)).sum();
    let has_content = words > 0;
    for ((ci, clause), tokens) in query.clauses.iter().enumerate().zip(analyzed) {
        let last = tokens.len().saturating_sub(1);
        for (ti, token) in tokens.into_iter().enumerate() {
            let same = |g: &&mut TermGroup| {
                g.word == token.form && g.field == clause.field && g.occur == clause.occur && g.phrase.is_none()
            };
            if !(clause.phrase || clause.prefix && ti == last) {
                if let Some(g) = groups.iter_mut().find(same) {
                    g.repeats += 1;
                    continue;
                }
            }
            if groups.len() >= MAX_GROUPS * 2 {
                break;
            }
            let mut group = TermGroup {
                occur: clause.occur,
                field: clause.field,
                word: token.form.clone(),
                phrase: clause.phrase.then_some((ci, ti as u32)),
                expansions: Vec::new(),
                suggestion: None,
                optional: false,
                repeats: 1,
                corrections: Vec::new(),
            };
            if has_content && clause.occur == Occur::Must && !clause.phrase && analyzer.is_stopword(&token.form) {
                group.optional = true;
                groups.push(group);
                continue;
            }
            // Its stem in each of the index's languages; with languages of their own, also the
            // stem of the very word form the index holds (stemmed by its page's language).
            analyzer.for_each_query_term(&clause.text[token.start..token.end], &token.form, &token.stem, |term| {
                add_stem(index, &mut group, term, MatchKind::Exact);
            });
            if analyzer.looks_up_word_forms() {
                if let Some(ordinal) = index.form_ordinal(&token.form) {
                    group.add(ordinal, MatchKind::Exact);
                }
            }
            // Transliterated into the other script when the index holds its stems; into strays
            // only for a word no document holds that matched at most its stem ([`Reach`]).
            let reach = reach(index, &token.form);
            if reach == Reach::Always {
                add_translit(index, analyzer, &mut group, &token.form);
            }
            if !clause.phrase {
                if clause.prefix && ti == last {
                    expand_prefix(index, &mut group, &token.form)?;
                }
                if fuzzy::has_ocr_confusable(&token.stem) && token.stem.chars().count() >= 3 {
                    expand_ocr(index, &mut group, &token.stem);
                }
                // Typos only for words no document holds: a known word, a completion or a
                // transliteration is taken as meant. A word whose stem alone matched (`appearent`
                // stems to `appear`) may still be a typo: its corrections within budget are weighed
                // against that stem ([`typos::Typos::apply`]).
                if index.form_ordinal(&token.form).is_none() {
                    let stem_only = group.expansions.iter().all(|e| e.kind == MatchKind::Exact);
                    // Into strays only once the word is known to match at most its stem: no chunk
                    // is missing (as for the typo walk).
                    let stray = reach == Reach::Stray && stem_only && index.check_missing().is_ok();
                    let found = if group.expansions.is_empty() {
                        Some(typos::candidates(index, &token.form, words <= MAX_WIDE_TYPO_WORDS)?)
                    } else if words <= MAX_WIDE_TYPO_WORDS && stem_only {
                        Some(typos::stem_candidates(index, &token.form)?)
                    } else {
                        None
                    };
                    // After the typo walk, so a split index fetches both in one round.
                    if stray {
                        add_translit(index, analyzer, &mut group, &token.form);
                    }
                    let transliterated = group.expansions.iter().any(|e| e.kind == MatchKind::Translit);
                    if let Some(found) = found.filter(|_| !transliterated) {
                        corrections.push(groups.len(), found);
                    }
                }
            }
            groups.push(group);
        }
    }
    corrections.apply(index, &mut groups)?;
    if groups.len() > MAX_GROUPS {
        groups.retain(|g| !g.optional);
        groups.truncate(MAX_GROUPS);
    }
    Ok(groups)
}

/// When a query word is looked up transliterated into the other script (Latin and Cyrillic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// Never: the word is in neither script, or the index holds no stem in the other.
    Never,
    /// As a typo would be: only for a word no document holds that matched at most its stem,
    /// since the other script's stems are strays ([`STRAY_SCRIPT_SHARE`]).
    Stray,
    /// Always, beside the word's own stems.
    Always,
}

/// How far `word` reaches into the other script, from the index's settings alone, so a single file
/// and a split index decide alike without fetching a chunk.
fn reach(index: &Searcher, word: &str) -> Reach {
    let other = match script_of(word) {
        Script::Latin => Script::Cyrillic,
        Script::Cyrillic => Script::Latin,
        Script::Other => return Reach::Never,
    };
    let (stems, all) = (index.index().stems_in(other), index.index().term_count() as u64);
    match stems {
        0 => Reach::Never,
        _ if stems.saturating_mul(STRAY_SCRIPT_SHARE) < all => Reach::Stray,
        _ => Reach::Always,
    }
}

/// Adds the stem of `word` written in the other script, if the index has it.
fn add_translit(index: &Searcher, analyzer: &Analyzer, group: &mut TermGroup, word: &str) {
    let other = match script_of(word) {
        Script::Latin => translit::to_cyrillic(word),
        _ => translit::to_latin(word),
    };
    if let Some((_, stem)) = other.and_then(|w| analyzer.term_of(&w)) {
        add_stem(index, group, &stem, MatchKind::Translit);
    }
}

fn add_stem(index: &Searcher, group: &mut TermGroup, stem: &str, kind: MatchKind) {
    if let Some(ordinal) = index.stem_ordinal(stem) {
        group.add(ordinal, kind);
    }
}

/// Keeps the `cap` most frequent of `ordinals` (ties by ordinal), as (doc_freq, ordinal).
fn most_frequent(index: &Searcher, mut ordinals: Vec<u32>, cap: usize) -> Result<Vec<(u32, u32)>> {
    ordinals.sort_unstable();
    ordinals.dedup();
    let mut by_freq = Vec::with_capacity(ordinals.len());
    for ordinal in ordinals {
        by_freq.push((index.term_info(ordinal)?.doc_freq, ordinal));
    }
    by_freq.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    by_freq.truncate(cap);
    Ok(by_freq)
}

fn expand_prefix(index: &Searcher, group: &mut TermGroup, prefix: &str) -> Result<()> {
    let found = index.walk(Dictionary::Words, Scope::Prefix(prefix), &Str::new(prefix).starts_with(), MAX_SCAN);
    let kept = most_frequent(index, found.iter().map(|m| m.ordinal).collect(), MAX_PREFIX_EXPANSIONS)?;
    for (_, ordinal) in kept {
        group.add(ordinal, MatchKind::Prefix);
    }
    Ok(())
}

fn expand_ocr(index: &Searcher, group: &mut TermGroup, stem: &str) {
    let found = index.walk(Dictionary::Terms, Scope::Near(stem), &OcrSkeleton::new(stem), MAX_SCAN);
    for m in found.into_iter().take(MAX_FUZZY_EXPANSIONS) {
        group.add(m.ordinal, MatchKind::Ocr);
    }
}
