//! The index-time vocabulary: the synonym rules and stop words of a site's configuration
//! (`[words]` in `folio.toml`), analysed with the one [`Analyzer`] and applied by the index writer.
//!
//! # Synonyms
//!
//! Synonyms are applied when the index is built, so the search module needs no configuration:
//! where a document's text matches one side of a rule, the words of the other side are indexed
//! too, at the same positions (the first word of each side at the same position, the next ones
//! after it). Words are compared after analysis, so `Korean Workers' Parties` matches `Korean
//! Workers' Party`.
//!
//! - Two-way, `a, b, c` (or `a = b = c`): the phrases are equivalent. A search for any of them
//!   finds the documents that say any of them.
//! - One-way, `a => b`: text that says `a` is also indexed as `b`. A search for `b` finds the
//!   documents that say `a` as well as those that say `b`; a search for `a` finds only those that
//!   say `a`. Read it as "a means b": `KWP => Korean Workers' Party` lets a reader who types the
//!   full name find the pages that use the abbreviation. Either side may list several phrases.
//!
//! Rules do not chain (`a => b` and `b => c` do not index `a` as `c`). A phrase query that spans
//! a synonym of a different length may not match, as in other engines that flatten synonyms.
//!
//! # Stop words
//!
//! Configured stop words are not indexed; the words after them keep their positions, so phrases
//! around them still line up. They are compared after case folding, not stemming (`museum` does
//! not remove `museums`). A search for a configured stop word finds nothing: use them for words
//! nobody searches for. (Folio's built-in English and Russian stop words are different: they stay
//! in the index and are merely optional in queries.)

use std::collections::{HashMap, HashSet};

use super::{Analyzer, Token};

/// The longest synonym phrase, in words.
pub const MAX_SYNONYM_WORDS: usize = 16;

/// A synonym rule, as written in `[words] synonyms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Synonym {
    /// `a, b, c` or `a = b = c`: equivalent phrases.
    TwoWay(Vec<String>),
    /// `a => b`: text with a phrase of `from` is also indexed as every phrase of `to`.
    OneWay {
        /// The phrases found in the text.
        from: Vec<String>,
        /// The phrases also indexed.
        to: Vec<String>,
    },
}

impl Synonym {
    /// Parses a rule: `a, b` / `a = b` (two-way) or `a => b` (one-way); each side may list several
    /// phrases separated by commas. Says what is wrong otherwise.
    pub fn parse(rule: &str) -> Result<Synonym, String> {
        let phrases = |side: &str, two_way: bool| -> Result<Vec<String>, String> {
            let list: Vec<String> = side
                .split(|c| c == ',' || (two_way && c == '='))
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            if list.iter().any(String::is_empty) {
                return Err(format!("synonym rule {rule:?} has an empty phrase (check the commas and `=` signs)"));
            }
            Ok(list)
        };
        let parts: Vec<&str> = rule.split("=>").collect();
        match parts.as_slice() {
            [all] => {
                let list = phrases(all, true)?;
                if list.len() < 2 {
                    return Err(format!(
                        "synonym rule {rule:?} names only one phrase: write \"a, b\" (two-way) or \"a => b\" (one-way)"
                    ));
                }
                Ok(Synonym::TwoWay(list))
            }
            [from, to] => Ok(Synonym::OneWay { from: phrases(from, false)?, to: phrases(to, false)? }),
            _ => Err(format!("synonym rule {rule:?} has more than one `=>`")),
        }
    }
}

/// Index-time vocabulary: synonym rules and stop words, analysed with the one [`Analyzer`].
///
/// [`crate::index::IndexWriter`] applies it in its token loop, so queries need no change.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    rules: Vec<Rule>,
    by_first: HashMap<String, Vec<usize>>,
    stop_words: HashSet<String>,
}

/// One direction of a synonym: the stems to find, and the words to add.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    /// The stems of the phrase found in the text.
    from: Vec<String>,
    /// The words of the phrase added, in order.
    to: Vec<Added>,
}

/// A word a synonym adds: its stem (indexed) and its word form (for prefixes, typos, highlights).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Added {
    stem: String,
    form: String,
}

impl Vocabulary {
    /// An empty vocabulary: no synonyms, no stop words.
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.stop_words.is_empty()
    }

    /// How many one-way rules the synonyms compiled to (a two-way rule of n phrases is n·(n−1)).
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Adds a synonym rule. Fails, saying why, when a phrase has no words or too many.
    pub fn add_synonym(&mut self, synonym: &Synonym) -> Result<(), String> {
        let analyzer = Analyzer::new();
        let analyse = |phrase: &str| -> Result<Vec<Token>, String> {
            let tokens = analyzer.analyze(phrase);
            if tokens.is_empty() {
                return Err(format!("synonym phrase {phrase:?} has no words"));
            }
            if tokens.len() > MAX_SYNONYM_WORDS {
                return Err(format!("synonym phrase {phrase:?} is longer than {MAX_SYNONYM_WORDS} words"));
            }
            Ok(tokens)
        };
        let pairs: Vec<(&String, &String)> = match synonym {
            Synonym::TwoWay(list) => {
                list.iter().flat_map(|a| list.iter().map(move |b| (a, b))).filter(|(a, b)| a != b).collect()
            }
            Synonym::OneWay { from, to } => from.iter().flat_map(|a| to.iter().map(move |b| (a, b))).collect(),
        };
        let mut rules = Vec::with_capacity(pairs.len());
        for (from, to) in pairs {
            let from: Vec<String> = analyse(from)?.into_iter().map(|t| t.stem).collect();
            let to: Vec<Added> = analyse(to)?.into_iter().map(|t| Added { stem: t.stem, form: t.form }).collect();
            if to.iter().map(|added| &added.stem).eq(from.iter()) {
                continue; // the same words after analysis: nothing to add
            }
            rules.push(Rule { from, to });
        }
        for rule in rules {
            if self.rules.contains(&rule) {
                continue;
            }
            self.by_first.entry(rule.from[0].clone()).or_default().push(self.rules.len());
            self.rules.push(rule);
        }
        Ok(())
    }

    /// Adds a stop word. Fails when `word` is not exactly one word.
    pub fn add_stop_word(&mut self, word: &str) -> Result<(), String> {
        let tokens = Analyzer::new().analyze(word);
        match tokens.as_slice() {
            [token] => {
                self.stop_words.insert(token.form.clone());
                Ok(())
            }
            [] => Err(format!("stop word {word:?} has no letters or digits")),
            _ => Err(format!("stop word {word:?} is more than one word; list each word on its own")),
        }
    }

    /// Whether the word form `form` (a [`Token::form`]) is a configured stop word.
    pub fn is_stop_word(&self, form: &str) -> bool {
        !self.stop_words.is_empty() && self.stop_words.contains(form)
    }

    /// Whether any synonym rule was added.
    pub fn has_synonyms(&self) -> bool {
        !self.rules.is_empty()
    }

    /// Calls `emit(stem, form, position)` for every word a synonym adds to `tokens` (one field's
    /// tokens, in order), skipping added words that are configured stop words.
    pub fn for_each_synonym(&self, tokens: &[Token], mut emit: impl FnMut(&str, &str, u32)) {
        if self.rules.is_empty() {
            return;
        }
        for (i, token) in tokens.iter().enumerate() {
            let Some(candidates) = self.by_first.get(&token.stem) else { continue };
            for &r in candidates {
                let rule = &self.rules[r];
                let Some(window) = tokens.get(i..i + rule.from.len()) else { continue };
                if !window.iter().map(|t| &t.stem).eq(rule.from.iter()) {
                    continue;
                }
                for (k, added) in rule.to.iter().enumerate() {
                    if !self.is_stop_word(&added.form) {
                        emit(&added.stem, &added.form, token.position.saturating_add(k as u32));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(vocabulary: &Vocabulary, text: &str) -> Vec<(String, u32)> {
        let tokens = Analyzer::new().analyze(text);
        let mut out = Vec::new();
        vocabulary.for_each_synonym(&tokens, |term, _, position| out.push((term.to_string(), position)));
        out
    }

    fn vocabulary(rules: &[&str]) -> Vocabulary {
        let mut v = Vocabulary::new();
        for rule in rules {
            let parsed = Synonym::parse(rule).unwrap_or_else(|e| panic!("{e}"));
            v.add_synonym(&parsed).unwrap_or_else(|e| panic!("{e}"));
        }
        v
    }

    #[test]
    fn rules_parse_into_two_way_and_one_way() {
        assert_eq!(
            Synonym::parse("DPRK, North  Korea"),
            Ok(Synonym::TwoWay(vec!["DPRK".into(), "North Korea".into()]))
        );
        assert_eq!(Synonym::parse("a = b = c").map(|s| matches!(s, Synonym::TwoWay(l) if l.len() == 3)), Ok(true));
        assert_eq!(
            Synonym::parse("KWP, WPK => Korean Workers' Party"),
            Ok(Synonym::OneWay { from: vec!["KWP".into(), "WPK".into()], to: vec!["Korean Workers' Party".into()] })
        );
        for bad in ["DPRK", "a => b => c", "a, , b", " => b"] {
            assert!(Synonym::parse(bad).is_err(), "{bad}");
        }
        let mut v = Vocabulary::new();
        assert!(v.add_synonym(&Synonym::TwoWay(vec!["—".into(), "x".into()])).is_err_and(|e| e.contains("no words")));
    }

    #[test]
    fn one_way_adds_the_right_side_where_the_left_side_is() {
        let v = vocabulary(&["KWP => Korean Workers' Party"]);
        assert_eq!(added(&v, "the KWP plenum"), [("korean".into(), 1), ("worker".into(), 2), ("parti".into(), 3)]);
        assert!(added(&v, "the Korean Workers' Party").is_empty(), "one-way: nothing added the other way");
    }

    #[test]
    fn two_way_adds_both_directions_and_multi_word_sides_match_whole() {
        let v = vocabulary(&["DPRK, North Korea"]);
        assert_eq!(added(&v, "DPRK"), [("north".into(), 0), ("korea".into(), 1)]);
        assert_eq!(added(&v, "from North Korea today"), [("dprk".into(), 1)]);
        assert!(added(&v, "North Dakota and South Korea").is_empty());
        assert_eq!(v.rule_count(), 2);
    }

    #[test]
    fn stop_words_are_single_folded_words() {
        let mut v = Vocabulary::new();
        assert!(v.add_stop_word("Museum").is_ok());
        assert!(v.is_stop_word("museum") && !v.is_stop_word("museums"));
        assert!(v.add_stop_word("of the").is_err_and(|e| e.contains("more than one word")));
        assert!(v.add_stop_word("…").is_err());
    }
}
