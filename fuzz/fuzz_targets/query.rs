//! Any string as a query against the seeds index: parsing is total, the work per query is capped,
//! and every response keeps its invariants (hit counts, highlight ranges on UTF-16 boundaries).
//!
//! The first byte picks the options (prefix matching, sort, limit, offset, a filter); the rest,
//! read as UTF-8 with invalid bytes replaced by U+FFFD (as wasm-bindgen does with lone
//! surrogates), is the query.
#![no_main]

use folio_core::analysis::Analyzer;
use folio_core::query::{self, MAX_CLAUSES};
use folio_core::search::{SearchOptions, Sort};
use folio_fuzz::{check_groups, check_response, seeds_index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let index = seeds_index();

    let prefix_last = flags & 1 != 0;
    let parsed = query::parse(&text, prefix_last);
    assert!(parsed.clauses.len() <= MAX_CLAUSES);
    // The search truncates long queries first; expansion must be bounded even without that.
    if let Ok(groups) = query::expand(&index.searcher(), &Analyzer::new(), &parsed) {
        check_groups(&groups);
    }

    let options = SearchOptions {
        prefix_last,
        sort: match (flags >> 1) & 3 {
            1 => Sort::Date,
            2 => Sort::DateDesc,
            _ => Sort::Relevance,
        },
        // Hits cost a snippet each, so most runs ask for one.
        limit: if flags & 8 != 0 { 1000 } else { 1 },
        offset: usize::from(flags >> 6),
        kind: (flags & 16 != 0).then(|| vec!["telegram".to_string(), "journal".to_string()]),
        date: (flags & 32 != 0).then(|| "1953..1956-12".to_string()),
        ..SearchOptions::default()
    };
    match index.search(&text, &options) {
        Ok(response) => {
            check_response(&response, &options);
            assert_eq!(response.query, text);
            // `rank` keeps the first `offset + limit` of the same ranking.
            let ranked = index.rank(&text, &options).unwrap_or_else(|e| panic!("search worked but rank failed: {e}"));
            assert_eq!(ranked.len(), response.total.min(options.offset.saturating_add(options.limit)));
            for (hit, &(score, _)) in response.hits.iter().zip(ranked.iter().skip(options.offset)) {
                assert_eq!(hit.score.to_bits(), score.to_bits(), "rank and search disagree on {}", hit.id);
            }
        }
        Err(e) => panic!("a valid query on a valid index failed: {e}"),
    }
});
