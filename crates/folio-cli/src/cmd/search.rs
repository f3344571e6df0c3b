//! `folio search`: query an index bundle, one query or a TREC run over a query file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use folio_core::index::Index;
use folio_core::search::{Hit, KeyFilter, SearchOptions, Sort};
use folio_corpus::TRANSLATIONS_FILTER;

use super::INDEX_FILE;
use crate::cli::{usage_error, QueryArgs, SearchArgs};
use clap::error::ErrorKind;

impl QueryArgs {
    /// The search options these flags ask for, with `limit` hits unless `--limit` says otherwise.
    pub fn options(&self, limit: usize) -> SearchOptions {
        let some = |values: &Vec<String>| (!values.is_empty()).then(|| values.clone());
        let mut filters: BTreeMap<String, KeyFilter> = BTreeMap::new();
        for (pairs, mode) in [(&self.filter, 0), (&self.filter_all, 1), (&self.filter_none, 2)] {
            for (key, value) in pairs {
                let filter = filters.entry(key.clone()).or_default();
                [&mut filter.any, &mut filter.all, &mut filter.none][mode].push(value.clone());
            }
        }
        let sort = match &self.sort_by {
            Some(by) => match by.rsplit_once(':') {
                Some((key, order)) if order == "desc" || order == "asc" => {
                    Sort::Key { key: key.to_string(), descending: order == "desc" }
                }
                _ => Sort::Key { key: by.clone(), descending: false },
            },
            None => self.sort.into(),
        };
        SearchOptions {
            limit: self.limit.map_or(limit, usize::from),
            lang: some(&self.lang),
            kind: some(&self.kind),
            date_from: self.from.clone(),
            date_to: self.to.clone(),
            filters: filters.into_iter().collect(),
            sort,
            ..SearchOptions::default()
        }
    }
}

/// Runs `folio search`.
pub fn run(args: SearchArgs) -> Result<()> {
    let SearchArgs { index, query, offset, queries, run, query_args } = args;
    if let Some(queries) = queries {
        // clap requires --run with --queries, and refuses a QUERY as well.
        let Some(run_file) = run else { bail!("--queries needs --run <FILE>") };
        let mut options = query_args.options(100);
        options.prefix_last = false;
        return trec_run(&open(index.as_deref())?, &queries, &run_file, &options);
    }
    let (index, query) = match (index, query) {
        (Some(index), Some(query)) => (open(Some(&index))?, query),
        (Some(query), None) => (open(None)?, query),
        _ => {
            let message =
                "the following required arguments were not provided:\n  <QUERY> (or --queries <TSV> --run <FILE>)";
            return Err(usage_error("search", ErrorKind::MissingRequiredArgument, message));
        }
    };
    let json = query_args.json;
    let options = SearchOptions { offset, ..query_args.options(10) };
    let response = index.search(&query, &options)?;
    if let Some(warning) = unknown_sort_key(&options.sort, &response.sort_keys) {
        eprintln!("{warning}");
    }
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &response)?;
        writeln!(out)?;
        return Ok(());
    }
    let color = std::io::stdout().is_terminal();
    if response.fallback {
        writeln!(out, "No document has every word; showing partial matches.")?;
    }
    if response.total == 0 {
        writeln!(out, "No document matches \"{}\".", plain(&query))?;
    } else {
        writeln!(out, "{} of {} documents", response.hits.len(), response.total)?;
    }
    if let Some(suggestion) = response.did_you_mean.as_deref().filter(|s| *s != query.trim()) {
        writeln!(out, "Did you mean \"{}\"?", plain(suggestion))?;
    }
    for (rank, hit) in response.hits.iter().enumerate() {
        writeln!(out, "{}", format_hit(rank + options.offset + 1, hit, color))?;
    }
    // The site's own filters: each value's count after the other filters. The reserved filter of
    // pages' versions in other languages (`hreflang`) is named for what it is, not by its key.
    for facet in response.facets.filters.iter().filter(|f| !f.counts.is_empty()) {
        let values: Vec<String> =
            facet.counts.keys().map(|v| format!("{} ({})", plain(v), facet.filtered.get(v).unwrap_or(&0))).collect();
        let name = match facet.key.as_str() {
            TRANSLATIONS_FILTER => "Versions in other languages".to_string(),
            key => plain(key),
        };
        writeln!(out, "{name}: {}", values.join(", "))?;
    }
    Ok(())
}

/// The warning for `--sort-by` naming a key the index does not have (the search then sorts by
/// relevance, as the UI does for a bookmark of an older build), with the keys it has; `None` when
/// the key is known or no key was asked for.
fn unknown_sort_key(sort: &Sort, known: &[String]) -> Option<String> {
    let Sort::Key { key, .. } = sort else { return None };
    if known.contains(key) {
        return None;
    }
    let keys = if known.is_empty() {
        "it has none (a page declares one with data-folio-sort)".to_string()
    } else {
        format!("its sort keys are {}", known.iter().map(|k| plain(k)).collect::<Vec<_>>().join(", "))
    };
    Some(format!("warning: the index has no sort key \"{}\", so the hits are sorted by relevance; {keys}", plain(key)))
}

/// `text` with control characters (a terminal's escape sequences among them) made spaces: keys
/// and values are the site's data.
fn plain(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// The index of the seed documents, compiled by `build.rs` with the code that compiles the wasm
/// module's built-in index.
static SEEDS_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seeds.folio"));

/// Opens the index bundle at `path` (its folder, its index.folio, or the site folder `folio index`
/// wrote the bundle into, `<site>/folio/`), or the built-in seed index.
pub fn open(path: Option<&str>) -> Result<Index> {
    let Some(path) = path else {
        return Ok(Index::from_bytes(SEEDS_INDEX)?);
    };
    let mut path = PathBuf::from(path);
    if path.is_dir() {
        let in_site = path.join(super::index::DEFAULT_BUNDLE).join(INDEX_FILE);
        path = if !path.join(INDEX_FILE).exists() && in_site.is_file() { in_site } else { path.join(INDEX_FILE) };
    }
    let bytes = super::read_regular(
        &path,
        "the index (its index.folio, the bundle's folder, or the site's folder)",
        super::MAX_INDEX_BYTES,
    )?;
    let mut index = Index::from_vec(bytes).with_context(|| format!("opening {}", path.display()))?;
    // A split index: the CLI reads every chunk up front (a page fetches them as queries need them).
    let dir = path.parent().unwrap_or(Path::new("."));
    index
        .add_all_chunks(|name| super::index::bundle::read_chunk(dir, name))
        .with_context(|| format!("opening the chunks of {}", path.display()))?;
    Ok(index)
}

fn format_hit(rank: usize, hit: &Hit, color: bool) -> String {
    let mut s = String::new();
    let date = hit.date.as_deref().unwrap_or("undated");
    let _ = write!(s, "{rank:>2}. {}  [{date}", mark(&hit.title, &hit.title_highlights, color));
    if let Some(kind) = &hit.kind {
        let _ = write!(s, ", {kind}");
    }
    let _ = writeln!(s, "]  score {:.3}", hit.score);
    let _ = write!(s, "    id {}", hit.id);
    if let Some(section) = &hit.section {
        let _ = write!(s, " · {section}");
    }
    if let Some(anchor) = &hit.anchor {
        let _ = write!(s, " #{anchor}");
    }
    for (key, value) in &hit.meta {
        let _ = write!(s, " · {}: {}", plain(key), plain(value));
    }
    let _ = write!(s, "\n    {}\n", mark(&hit.snippet.text, &hit.snippet.highlights, color));
    // The other sections that matched: sub-results, best first.
    for section in hit.sections.iter().skip(1) {
        let _ = write!(s, "      § {}", section.title.as_deref().unwrap_or(&hit.title));
        if let Some(anchor) = &section.anchor {
            let _ = write!(s, " #{anchor}");
        }
        let _ = write!(s, "\n        {}\n", mark(&section.snippet.text, &section.snippet.highlights, color));
    }
    s
}

/// Wraps the UTF-16 ranges of `text` in bold (on a terminal) or in `[…]`, on one line: a
/// snippet's line breaks (block boundaries) and any other control character become spaces.
fn mark(text: &str, ranges: &[[u32; 2]], color: bool) -> String {
    let (open, close) = if color { ("\x1b[1;33m", "\x1b[0m") } else { ("[", "]") };
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut unit = 0u32;
    let mut next = 0;
    for c in text.chars() {
        if next < ranges.len() && unit == ranges[next][0] {
            out.push_str(open);
        }
        out.push(if c.is_control() { ' ' } else { c });
        unit += c.len_utf16() as u32;
        if next < ranges.len() && unit == ranges[next][1] {
            out.push_str(close);
            next += 1;
        }
    }
    out
}

fn trec_run(index: &Index, queries: &Path, run_file: &Path, options: &SearchOptions) -> Result<()> {
    let text = String::from_utf8(super::read_regular(queries, "the query file", super::MAX_QUERIES_BYTES)?)
        .with_context(|| format!("{}: the query file is not UTF-8 text", queries.display()))?;
    let mut out = String::new();
    let mut answered = 0;
    for (line_no, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((qid, query)) = line.split_once('\t') else {
            bail!("{}:{}: expected qid<TAB>query", queries.display(), line_no + 1)
        };
        let ranked = index.rank(query, options)?;
        answered += usize::from(!ranked.is_empty());
        for (rank, &(score, doc)) in ranked.iter().take(options.limit).enumerate() {
            let id = index.document(doc)?.id;
            let _ = writeln!(out, "{qid} Q0 {id} {} {score:.6} folio", rank + 1);
        }
    }
    std::fs::write(run_file, out).with_context(|| format!("writing {}", run_file.display()))?;
    eprintln!("{answered} queries with results; run written to {}", run_file.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::mark;

    #[test]
    fn marks_utf16_ranges() {
        assert_eq!(mark("об пленуме", &[[3, 10]], false), "об [пленуме]");
        assert_eq!(mark("😀 war", &[[3, 6]], false), "😀 [war]");
        assert_eq!(mark("Firing schedule\nRaise", &[[7, 15]], false), "Firing [schedule] Raise");
    }
}
