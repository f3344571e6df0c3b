//! `folio`: build Folio index bundles and search them from the terminal.
//!
//! ```text
//! folio index <site dir | page | corpus.jsonl> [--out <dir>] [--config <folio.toml>] [--strict]
//! folio search [<index>] <query> [--limit N] [--offset N] [--json] [--lang L] [--type T] [--from D] [--to D]
//! folio search <index> --queries <queries.tsv> --run <out.trec> [--limit N]
//! folio bench [<index>] --queries <queries.tsv> [--rounds N]
//! ```
//!
//! The CLI uses the same `folio-core` code as the build script and the wasm module, so its results
//! are the browser's results.

mod cmd;

use std::process::ExitCode;

const USAGE: &str = "\
usage:
  folio index <site dir | page | corpus.jsonl(.gz)> [--out <dir>] [--config folio.toml] [--strict] …
      Build a search bundle (index.folio and report.txt) from a site's built HTML/Markdown pages,
      a folder of archive .txt pages, or a .jsonl file; default <site dir>/folio.
      `folio index --help` lists every option.
  folio search [<index>] <query> [--limit N] [--offset N] [--json]
               [--lang L] [--type T] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
      Search an index bundle (a directory or an index.folio file); without <index>, the
      built-in index of the seed documents. --json prints the object the wasm API returns.
  folio search <index> --queries <queries.tsv> --run <out.trec> [--limit N]
      Run every query of a qid<TAB>text file and write a TREC run file (default depth 100).
  folio bench [<index>] --queries <queries.tsv> [--rounds N] [--limit N]
      Time every query (with snippets) and print latency percentiles.
";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let command = args.next().and_then(|a| a.into_string().ok());
    let rest: Vec<std::ffi::OsString> = args.collect();
    let result = match command.as_deref() {
        Some("index") => cmd::index::run(rest),
        Some("search") => cmd::search::run(rest),
        Some("bench") => cmd::bench::run(rest),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("folio: {e:#}");
            ExitCode::FAILURE
        }
    }
}
