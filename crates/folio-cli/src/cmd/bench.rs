//! `folio bench`: native search latency over a query file, as percentiles.
//!
//! This measures; it never asserts. Numbers vary with the machine, so compare runs made side by
//! side, not against a fixed threshold.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use folio_core::search::SearchOptions;

use super::search::open;

/// Runs `folio bench <index> --queries <tsv> [--rounds N] [--limit N]`.
pub fn run(args: Vec<OsString>) -> Result<()> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let (mut index, mut queries, mut rounds, mut limit) = (None::<String>, None::<PathBuf>, 5usize, 10usize);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("queries") => queries = Some(parser.value()?.into()),
            Long("rounds") => rounds = parser.value()?.parse()?,
            Long("limit") => limit = parser.value()?.parse()?,
            Value(v) if index.is_none() => index = Some(v.string()?),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let Some(queries) = queries else { bail!("usage: folio bench [<index>] --queries <tsv> [--rounds N]") };
    let index = open(index.as_deref())?;
    let text = std::fs::read_to_string(&queries).with_context(|| format!("reading {}", queries.display()))?;
    let list: Vec<&str> = text.lines().filter_map(|l| l.split_once('\t').map(|(_, q)| q)).collect();
    if list.is_empty() {
        bail!("{}: no qid<TAB>query lines", queries.display());
    }
    let options = SearchOptions { limit, prefix_last: false, ..SearchOptions::default() };
    for q in &list {
        index.search(q, &options)?;
    }
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
    println!(
        "{} searches ({} queries x {rounds}, limit {limit}, with snippets): p50 {:.3} ms  p95 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
        micros.len(),
        list.len(),
        pct(0.5),
        pct(0.95),
        pct(0.99),
        pct(1.0)
    );
    Ok(())
}
