//! `folio bench`: native search latency over a query file, as percentiles.
//!
//! This measures; it never asserts. Numbers vary with the machine, so compare runs made side by
//! side, not against a fixed threshold.

use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::search::open;
use crate::cli::BenchArgs;

/// Runs `folio bench`.
pub fn run(args: BenchArgs) -> Result<()> {
    let BenchArgs { index, queries, rounds, query_args } = args;
    let index = open(index.as_deref())?;
    let text = String::from_utf8(super::read_regular(&queries, "the query file", super::MAX_QUERIES_BYTES)?)
        .with_context(|| format!("{}: the query file is not UTF-8 text", queries.display()))?;
    let list: Vec<&str> = text.lines().filter_map(|l| l.split_once('\t').map(|(_, q)| q)).collect();
    if list.is_empty() {
        bail!("{}: no qid<TAB>query lines", queries.display());
    }
    let mut options = query_args.options(10);
    options.prefix_last = false;
    for q in &list {
        index.search(q, &options)?;
    }
    let rounds = rounds as usize;
    let mut micros = Vec::with_capacity(list.len() * rounds);
    for _ in 0..rounds {
        for q in &list {
            let start = Instant::now();
            let response = index.search(q, &options)?;
            micros.push(start.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(response);
        }
    }
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| micros[((micros.len() - 1) as f64 * p).round() as usize] / 1000.0;
    let (searches, limit) = (micros.len(), options.limit);
    if query_args.json {
        let json = serde_json::json!({
            "searches": searches, "queries": list.len(), "rounds": rounds, "limit": limit,
            "p50_ms": pct(0.5), "p95_ms": pct(0.95), "p99_ms": pct(0.99), "max_ms": pct(1.0),
        });
        println!("{json}");
        return Ok(());
    }
    println!(
        "{searches} searches ({} queries x {rounds}, limit {limit}, with snippets): p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        list.len(),
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}
