//! Searching an index: query string and options in, ranked hits with snippets out.
//!
//! [`Index::search`] runs the whole pipeline: [`query::parse`], [`query::expand`],
//! [`rank::score_groups`], phrase and exclusion checks, filters, ordering, and [`snippet`]s for
//! the page of hits returned. Its [`SearchResponse`] is what the wasm API hands to JavaScript and
//! what `folio search --json` prints.

use serde::{Deserialize, Serialize};

use crate::analysis::Analyzer;
use crate::index::Index;
use crate::query::{self, Occur, TermGroup};
use crate::rank::{self, phrase};
use crate::snippet::{self, Snippet};
use crate::{Error, Result};

/// The most hits one call returns.
pub const MAX_LIMIT: usize = 1000;
/// The longest query, in bytes, that is read; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 1024;

/// Options of a search. Every field is optional in JSON/JavaScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchOptions {
    /// How many hits to return (1 to 1000; default 10).
    pub limit: usize,
    /// How many ranked hits to skip first (paging).
    pub offset: usize,
    /// Match the last word as a prefix too, for results while typing (default true).
    pub prefix_last: bool,
    /// Only documents in these languages (`en`, `ru`).
    pub lang: Option<Vec<String>>,
    /// Only documents of these types (`telegram`, `journal`, …).
    #[serde(rename = "type")]
    pub kind: Option<Vec<String>>,
    /// Only documents dated on or after this ISO date.
    pub date_from: Option<String>,
    /// Only documents dated on or before this ISO date.
    pub date_to: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            prefix_last: true,
            lang: None,
            kind: None,
            date_from: None,
            date_to: None,
        }
    }
}

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    /// The query as received.
    pub query: String,
    /// How many documents matched in all (not just this page).
    pub total: usize,
    /// True when no document had every word, and these are partial matches ranked by score.
    pub fallback: bool,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The document's id.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Matched words in the title, as UTF-16 `[start, end)` ranges.
    pub title_highlights: Vec<[u32; 2]>,
    /// Link to the document, if known.
    pub url: Option<String>,
    /// ISO date, if known.
    pub date: Option<String>,
    /// Language of the text, if known.
    pub lang: Option<String>,
    /// Document type, if known.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Id of the page this document is part of (listing entries), if any.
    pub parent: Option<String>,
    /// Relevance score (higher is better; comparable within one response only).
    pub score: f32,
    /// The section the snippet comes from ("Original Scan", "Summary", …), if any.
    pub section: Option<String>,
    /// The best passage, with matched words highlighted.
    pub snippet: Snippet,
}

impl Index {
    /// Searches the index. Words must all match (AND); when no document has them all, documents
    /// with some of them are returned and [`SearchResponse::fallback`] is set.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<SearchResponse> {
        if options.limit == 0 || options.limit > MAX_LIMIT {
            return Err(Error::Options(format!("limit must be between 1 and {MAX_LIMIT}, got {}", options.limit)));
        }
        let mut cut = query.len().min(MAX_QUERY_BYTES);
        while !query.is_char_boundary(cut) {
            cut -= 1;
        }
        let analyzer = Analyzer::new();
        let parsed = query::parse(&query[..cut], options.prefix_last);
        let groups = query::expand(self, &analyzer, &parsed)?;
        let scores = rank::score_groups(self, &groups)?;

        let must: u64 = mask(&groups, |g| g.occur == Occur::Must);
        let must_not: u64 = mask(&groups, |g| g.occur == Occur::MustNot);
        let allowed = |doc: &u32| self.passes_filters(*doc, options);
        let mut docs: Vec<u32> = scores
            .iter()
            .filter(|(doc, s)| s.matched & must == must && s.matched & must_not == 0 && allowed(doc))
            .map(|(&doc, _)| doc)
            .collect();
        docs.sort_unstable();
        docs = self.check_phrases(&groups, docs)?;
        let mut fallback = false;
        if docs.is_empty() && must.count_ones() > 1 {
            fallback = true;
            docs = scores
                .iter()
                .filter(|(doc, s)| s.matched & must != 0 && s.matched & must_not == 0 && allowed(doc))
                .map(|(&doc, _)| doc)
                .collect();
        }
        let mut ranked: Vec<(f32, u32)> = docs.iter().map(|d| (scores[d].score, *d)).collect();
        ranked.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

        let total = ranked.len();
        let mut hits = Vec::new();
        for &(score, doc) in ranked.iter().skip(options.offset).take(options.limit) {
            hits.push(self.hit(&analyzer, &groups, doc, score)?);
        }
        Ok(SearchResponse { query: query.to_string(), total, fallback, hits })
    }

    fn passes_filters(&self, doc: u32, options: &SearchOptions) -> bool {
        let Some(meta) = self.meta(doc) else { return false };
        let one_of = |value: &Option<String>, allowed: &Option<Vec<String>>| match allowed {
            None => true,
            Some(list) => value.as_ref().is_some_and(|v| list.iter().any(|a| a.eq_ignore_ascii_case(v))),
        };
        let date = meta.date.as_deref();
        one_of(&meta.lang, &options.lang)
            && one_of(&meta.kind, &options.kind)
            && options.date_from.as_deref().is_none_or(|from| date.is_some_and(|d| d >= from))
            && options.date_to.as_deref().is_none_or(|to| date.is_some_and(|d| d <= to || d.starts_with(to)))
    }

    fn check_phrases(&self, groups: &[TermGroup], mut docs: Vec<u32>) -> Result<Vec<u32>> {
        let mut clauses: Vec<usize> = groups.iter().filter_map(|g| g.phrase.map(|(c, _)| c)).collect();
        clauses.dedup();
        for clause in clauses {
            let words: Vec<&TermGroup> = groups.iter().filter(|g| g.phrase.is_some_and(|(c, _)| c == clause)).collect();
            let excluded = words.first().is_some_and(|g| g.occur == Occur::MustNot);
            let matching = phrase::filter(self, &words, &docs)?;
            if excluded {
                docs.retain(|d| matching.binary_search(d).is_err());
            } else {
                docs = matching;
            }
        }
        Ok(docs)
    }

    fn hit(&self, analyzer: &Analyzer, groups: &[TermGroup], doc: u32, score: f32) -> Result<Hit> {
        let document = self.document(doc)?;
        let is_match = |token: &crate::analysis::Token| {
            groups.iter().position(|g| g.occur == Occur::Must && g.matches(&token.term, &token.word))
        };
        let title_highlights = snippet::highlight_all(analyzer, &document.title, is_match);
        let texts = [document.summary.as_str(), document.body.as_str()];
        let window = snippet::best_window(analyzer, &texts, is_match);
        let (section, snippet) = match window {
            Some(w) if w.source == 0 => (Some("Summary".to_string()), w.snippet),
            Some(w) => (document.section_at(w.start).map(|s| s.title.clone()), w.snippet),
            None => (None, Snippet::default()),
        };
        Ok(Hit {
            id: document.id,
            title: document.title,
            title_highlights,
            url: document.url,
            date: document.date,
            lang: document.lang,
            kind: document.kind,
            parent: document.parent,
            score,
            section,
            snippet,
        })
    }
}

fn mask(groups: &[TermGroup], keep: impl Fn(&TermGroup) -> bool) -> u64 {
    groups.iter().take(64).enumerate().filter(|(_, g)| keep(g)).fold(0, |m, (i, _)| m | (1 << i))
}
