//! Queries: from the string a user typed to the index terms each of its words matches.
//!
//! [`parse`] turns a query string into [`Query`] clauses (words, phrases, exclusions, field
//! scopes, prefixes); it is total: every string parses, and the worst it does is ignore
//! characters that carry no words. [`expand`] binds each clause to the index, turning each word
//! into a [`TermGroup`]: the index terms it matches, with the kind of each match. [`fuzzy`] holds
//! the automata for typo and OCR tolerance; the typo automaton itself is in `levenshtein`.

mod expand;
pub mod fuzzy;
pub mod levenshtein;
mod parse;
mod regions;
pub mod spelling;
mod typos;

pub use expand::{
    expand, Correction, Expansion, MatchKind, TermGroup, MAX_FUZZY_EXPANSIONS, MAX_GROUPS, MAX_PREFIX_EXPANSIONS,
};
pub use parse::{parse, Clause, Occur, Query, MAX_CLAUSES};
