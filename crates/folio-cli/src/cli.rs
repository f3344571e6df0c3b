//! The command line: every subcommand, argument and flag of `folio`, with its help text.
//!
//! Parsed by `clap` (derive). The index argument, `--limit`, `--json` and the filters have the
//! same names, meanings and help in `folio search` and `folio bench` ([`QueryArgs`]).

use std::path::PathBuf;

use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use folio_core::search::{Sort, MAX_LIMIT};

/// Full-text search for static sites: build a site's search bundle, search it from the terminal.
#[derive(Debug, Parser)]
#[command(name = "folio", version, propagate_version = true)]
#[command(after_help = "Run `folio help <COMMAND>` or `folio <COMMAND> --help` for a command's options.")]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read a site's pages and write its search bundle (index, web files, report).
    #[command(long_about = INDEX_ABOUT)]
    Index(IndexArgs),
    /// Search an index bundle, for one query or for every query of a file (a TREC run).
    #[command(override_usage = SEARCH_USAGE)]
    Search(SearchArgs),
    /// Time every query of a file (with snippets) and print latency percentiles.
    #[command(long_about = BENCH_ABOUT)]
    Bench(BenchArgs),
}

const INDEX_ABOUT: &str = "\
Read a site's pages and write its search bundle.

Reads a site's built HTML pages (and Markdown, text and .jsonl files) and writes a bundle folder:
index.folio (with chunks/ when it is split), the web files a page needs (folio.js,
folio-worker.js, folio-engine.js, folio_bg.wasm, folio.css, folio.d.ts, folio-offline.js for
pages opened from disk, folio-load.js to load either, folio-highlight.js for the pages results
link to) and report.txt. The configuration is --config, else <SITE>/folio.toml
when it exists, else the defaults; the flags below then change it. The report (pages indexed,
skipped with file and reason, warnings, sizes) goes to standard error and into report.txt.
Exit code: 0, or 1 for a real error (or, with --strict, any skipped page or warning), 2 for a
command line error.";

const SEARCH_USAGE: &str = "\
folio search [INDEX] <QUERY> [OPTIONS]
       folio search [INDEX] --queries <TSV> --run <FILE> [OPTIONS]";

const BENCH_ABOUT: &str = "\
Time every query of a file (with snippets) and print latency percentiles.

This measures; it never asserts. Numbers vary with the machine: compare runs made side by side.";

/// `folio index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The site folder, one page, or a .jsonl(.gz) file of documents.
    #[arg(value_name = "SITE")]
    pub source: PathBuf,
    /// The bundle folder [default: <SITE>/folio, or ./folio for a file]. It must be new, empty,
    /// or a bundle Folio wrote: never the site folder, a folder above it, or one with other files.
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The configuration file [default: <SITE>/folio.toml when it exists].
    #[arg(short, long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Exit non-zero when a page is skipped for a problem or there is a warning.
    #[arg(long)]
    pub strict: bool,
    /// Pages to read, instead of site.include (repeat for several), e.g. "docs/**/*.html".
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Files not to read, added to site.exclude (repeat for several), e.g. drafts.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Encoding of pages that declare none (encoding.default), e.g. windows-1251.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Language of pages that declare none (languages.default), e.g. ru.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,
    /// Prefix of result URLs (site.base_url), e.g. /museum/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Add a synonym rule (words.synonyms), e.g. "KWP => Korean Workers' Party".
    #[arg(long, value_name = "RULE")]
    pub synonym: Vec<String>,
    /// Add a stop word (words.stop_words).
    #[arg(long, value_name = "WORD")]
    pub stop_word: Vec<String>,
    /// Split the index into a root and chunks fetched as queries need them: auto splits it when
    /// it passes 1 MiB. A split index has no offline (file://) script.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = Split::Auto)]
    pub split: Split,
    /// How a split index's chunks are published: in a few pack files (chunks/<id>-t<n>.pack, at
    /// most 32 MiB each) that pages read with HTTP range requests, which GitHub Pages, Netlify,
    /// Cloudflare, S3 and CDNs honour, or one file per chunk, which any server serves (python3
    /// -m http.server ignores Range; a page keeps a pack of 8 MiB or less that such a server sends
    /// whole). auto packs them when there would be more than 20,000 chunk files. A packed index
    /// gets the search module for large indexes (5 KB gzip more; the report says which).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = Pack::Auto)]
    pub pack: Pack,
    /// Target size before compression of each term chunk and document chunk [default: term
    /// chunks of 4096 for a corpus under 2 million words, else 8192; document chunks of 4096].
    #[arg(long, value_name = "BYTES[,BYTES]")]
    pub chunk_bytes: Option<String>,
    /// About how much memory the build may use, e.g. 1GiB or 512MiB [default: 1GiB]: past a
    /// share of it the postings go to temporary files in the bundle folder, merged at the end
    /// (the index is the same whatever the size).
    #[arg(long, value_name = "SIZE")]
    pub memory: Option<String>,
    /// How many threads analyse the pages, beside the one that reads them [default: one per
    /// core]; 1 analyses on the reading thread (the index is the same whatever the number).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// A folder of web files to copy in instead of the ones built into this command, e.g.
    /// dist/site/ after scripts/build-web.sh.
    #[arg(long, value_name = "DIR")]
    pub assets: Option<PathBuf>,
}

/// When `folio index` splits the index into a root and chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Split {
    /// When postings, positions and stored text pass 1 MiB.
    Auto,
    /// Always.
    Always,
    /// Never (a single index.folio; needed for the offline script).
    Never,
}

/// Whether `folio index` packs a split index's chunks into a few files read by byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Pack {
    /// When a split index would write more than 20,000 chunk files (a static host's cap:
    /// Cloudflare Pages takes 20,000 files a site).
    Auto,
    /// Always (a few dozen files at most, whatever the corpus).
    Always,
    /// Never: one file per chunk (thousands for a large site; for servers that ignore Range).
    Never,
}

/// What `folio search` and `folio bench` share: the index, the hits wanted, the filters.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// How many hits per query, 1 to 1000 [default: 10; 100 for `search --queries`].
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_LIMIT as i64))]
    pub limit: Option<u16>,
    /// Only documents in this language (repeat for several), e.g. en.
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,
    /// Only documents of this type (repeat for several), e.g. telegram.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Vec<String>,
    /// Only documents dated on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only documents dated on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only documents with this value of one of the site's filters, e.g. collection=Photographs
    /// (repeat: any of a key's values, and every key).
    #[arg(long, value_name = "KEY=VALUE", value_parser = key_value)]
    pub filter: Vec<(String, String)>,
    /// Only documents with every such value of the key (repeat for several).
    #[arg(long, value_name = "KEY=VALUE", value_parser = key_value)]
    pub filter_all: Vec<(String, String)>,
    /// Only documents with none of these values of the key (repeat for several).
    #[arg(long, value_name = "KEY=VALUE", value_parser = key_value)]
    pub filter_none: Vec<(String, String)>,
    /// The order of the hits.
    #[arg(long, value_enum, value_name = "ORDER", default_value_t = Order::Relevance)]
    pub sort: Order,
    /// Order by one of the site's sort keys instead (`data-folio-sort`): KEY, or KEY:desc for
    /// largest first.
    #[arg(long, value_name = "KEY[:desc]", conflicts_with = "sort")]
    pub sort_by: Option<String>,
    /// Print JSON instead of text: for `search`, exactly the object the wasm API returns; for
    /// `bench`, the percentiles.
    #[arg(long)]
    pub json: bool,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Order {
    /// Best match first.
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    DateDesc,
}

/// `key=value` of `--filter`: the key as the index stores it (lowercase), the value as written.
fn key_value(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() && !value.is_empty() => {
            Ok((key.trim().to_lowercase(), value.to_string()))
        }
        _ => Err(format!("expected KEY=VALUE, such as collection=Photographs, got {arg:?}")),
    }
}

impl From<Order> for Sort {
    fn from(order: Order) -> Sort {
        match order {
            Order::Relevance => Sort::Relevance,
            Order::Date => Sort::Date,
            Order::DateDesc => Sort::DateDesc,
        }
    }
}

/// `folio search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The index bundle: its folder, its index.folio, or the site folder `folio index` wrote it
    /// into [default: the built-in index of the seed documents].
    #[arg(value_name = "INDEX")]
    pub index: Option<String>,
    /// The query, e.g. "North Korea" or "plenum -august".
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,
    /// Skip this many ranked hits first (paging).
    #[arg(long, value_name = "N", default_value_t = 0, conflicts_with = "queries")]
    pub offset: usize,
    /// Run every query of a qid<TAB>query file instead of one query.
    #[arg(long, value_name = "TSV", requires = "run", conflicts_with_all = ["query", "json"])]
    pub queries: Option<PathBuf>,
    /// With --queries: the TREC run file to write.
    #[arg(long, value_name = "FILE", requires = "queries")]
    pub run: Option<PathBuf>,
    /// The hits wanted and the filters.
    #[command(flatten)]
    pub query_args: QueryArgs,
}

/// `folio bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The index bundle: its folder, its index.folio, or the site folder `folio index` wrote it
    /// into [default: the built-in index of the seed documents].
    #[arg(value_name = "INDEX")]
    pub index: Option<String>,
    /// The qid<TAB>query file of the queries to time.
    #[arg(long, value_name = "TSV")]
    pub queries: PathBuf,
    /// How many times to run every query (after one untimed warm-up round).
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    pub rounds: u32,
    /// The hits wanted and the filters.
    #[command(flatten)]
    pub query_args: QueryArgs,
}

/// A command line error found after parsing (a value clap cannot check alone), formatted as
/// clap formats its own: `error: …`, the subcommand's usage, exit code 2.
pub fn usage_error(subcommand: &str, kind: ErrorKind, message: impl std::fmt::Display) -> anyhow::Error {
    let mut command = Cli::command();
    command.build();
    let error = match command.find_subcommand_mut(subcommand) {
        Some(sub) => sub.error(kind, message),
        None => command.error(kind, message),
    };
    anyhow::Error::new(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
