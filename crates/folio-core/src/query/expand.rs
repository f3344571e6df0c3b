//! Binding parsed clauses to the index: which terms each query word matches.

use std::collections::BTreeSet;

use fst::automaton::{Automaton, Str};
use fst::{IntoStreamer, Streamer};

use super::parse::{Occur, Query};
use crate::analysis::Analyzer;
use crate::index::{Field, Index};
use crate::Result;

/// The most word groups a query expands to; later words are ignored.
pub const MAX_GROUPS: usize = 32;
/// The most index terms one prefix expands to (the most frequent are kept).
pub const MAX_PREFIX_EXPANSIONS: usize = 50;
/// How many word forms a prefix walk looks at before it stops.
const MAX_PREFIX_SCAN: usize = 20_000;

/// How a query word matched an index term; exact matches rank above the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The word's stem is the term.
    Exact,
    /// The word is the beginning of a word form of the term.
    Prefix,
}

impl MatchKind {
    /// The weight a match of this kind gets in ranking.
    pub fn weight(self) -> f32 {
        match self {
            MatchKind::Exact => 1.0,
            MatchKind::Prefix => 0.8,
        }
    }
}

/// One index term a query word matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Expansion {
    /// The term's ordinal.
    pub ordinal: u32,
    /// How it matched.
    pub kind: MatchKind,
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
    /// The word's stem.
    pub stem: String,
    /// For words of a quoted phrase: the clause index and the word's place in the phrase.
    pub phrase: Option<(usize, u32)>,
    /// The matched terms (empty when the index has none).
    pub expansions: Vec<Expansion>,
    /// Word forms matched other than through the stem (prefix completions), for highlighting.
    pub forms: BTreeSet<String>,
}

impl TermGroup {
    /// Whether an analysed token of a document's text is a match of this group.
    pub fn matches(&self, term: &str, word: &str) -> bool {
        (!self.expansions.is_empty() && term == self.stem) || self.forms.contains(word)
    }
}

/// Expands every clause of `query` against `index`.
pub fn expand(index: &Index, analyzer: &Analyzer, query: &Query) -> Result<Vec<TermGroup>> {
    let mut groups = Vec::new();
    for (ci, clause) in query.clauses.iter().enumerate() {
        let tokens = analyzer.analyze(&clause.text);
        let last = tokens.len().saturating_sub(1);
        for (ti, token) in tokens.into_iter().enumerate() {
            if groups.len() >= MAX_GROUPS {
                return Ok(groups);
            }
            let mut expansions = Vec::new();
            let mut forms = BTreeSet::new();
            if let Some(ordinal) = index.term_ordinal(&token.term) {
                expansions.push(Expansion { ordinal, kind: MatchKind::Exact });
            }
            if clause.prefix && ti == last && !clause.phrase {
                expand_prefix(index, &token.word, &mut expansions, &mut forms)?;
            }
            groups.push(TermGroup {
                occur: clause.occur,
                field: clause.field,
                word: token.word,
                stem: token.term,
                phrase: clause.phrase.then_some((ci, ti as u32)),
                expansions,
                forms,
            });
        }
    }
    Ok(groups)
}

fn expand_prefix(
    index: &Index,
    prefix: &str,
    expansions: &mut Vec<Expansion>,
    forms: &mut BTreeSet<String>,
) -> Result<()> {
    let mut found: Vec<(String, u32)> = Vec::new();
    let mut stream = index.words().search(Str::new(prefix).starts_with()).into_stream();
    while let Some((word, ordinal)) = stream.next() {
        if found.len() >= MAX_PREFIX_SCAN {
            break;
        }
        if let (Ok(word), Ok(ordinal)) = (std::str::from_utf8(word), u32::try_from(ordinal)) {
            found.push((word.to_string(), ordinal));
        }
    }
    let mut ordinals: Vec<u32> = found.iter().map(|(_, o)| *o).collect();
    ordinals.sort_unstable();
    ordinals.dedup();
    ordinals.retain(|o| !expansions.iter().any(|e| e.ordinal == *o));
    let mut by_freq = Vec::with_capacity(ordinals.len());
    for ordinal in ordinals {
        by_freq.push((index.term_info(ordinal)?.doc_freq, ordinal));
    }
    by_freq.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    by_freq.truncate(MAX_PREFIX_EXPANSIONS);
    for &(_, ordinal) in &by_freq {
        expansions.push(Expansion { ordinal, kind: MatchKind::Prefix });
    }
    for (word, ordinal) in found {
        if by_freq.iter().any(|&(_, o)| o == ordinal) {
            forms.insert(word);
        }
    }
    Ok(())
}
