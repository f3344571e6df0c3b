//! `folio`: build Folio index bundles and search them from the terminal.
//!
//! ```text
//! folio index <SITE> [--out <DIR>] [--config <FILE>] [--strict] [--split auto|always|never] …
//! folio search [INDEX] <QUERY> [--limit N] [--offset N] [--json] [--lang L] [--type T] [--from D] [--to D]
//! folio search [INDEX] --queries <TSV> --run <FILE> [--limit N]
//! folio bench [INDEX] --queries <TSV> [--rounds N] [--limit N] [--json]
//! folio help [COMMAND] · folio --version
//! ```
//!
//! The command line is defined in [`cli`]. The CLI uses the same `folio-core` code as the build
//! script and the wasm module, so its results are the browser's results. It builds for
//! `wasm32-wasip1` too (the npm package runs it under Node's `node:wasi`).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    #[cfg(target_os = "wasi")]
    if let Err(e) = wasi_cwd() {
        eprintln!("folio: {e:#}");
        return ExitCode::FAILURE;
    }
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => exit(&e),
    };
    let result = match cli.command {
        cli::Command::Index(args) => cmd::index::run(args),
        cli::Command::Search(args) => cmd::search::run(args),
        cli::Command::Bench(args) => cmd::bench::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(usage) = e.downcast_ref::<clap::Error>() {
                exit(usage);
            }
            // `folio search … | head`: the reader left; that is not a failure.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("folio: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a clap error (or the help or version it stands for) and exits: 0 for help and
/// version, 2 for a command line error.
fn exit(error: &clap::Error) -> ! {
    error.exit()
}

/// Under WASI the process starts in the preopened root: the npm launcher passes the caller's
/// folder in `FOLIO_CWD`, and relative paths are taken from there.
#[cfg(target_os = "wasi")]
fn wasi_cwd() -> anyhow::Result<()> {
    use anyhow::Context;
    if let Some(dir) = std::env::var_os("FOLIO_CWD") {
        std::env::set_current_dir(&dir)
            .with_context(|| format!("FOLIO_CWD={}: cannot make it the current folder", dir.to_string_lossy()))?;
    }
    Ok(())
}
