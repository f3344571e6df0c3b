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
            eprintln!("folio: {}", message(&e));
            ExitCode::FAILURE
        }
    }
}

/// The message of a failed run. Under WASI without Rust's "(os error N)": N is WASI's own error
/// number (ENOENT is 44 there, 2 on Linux), which misleads whoever looks it up; the words before
/// it say the same.
fn message(e: &anyhow::Error) -> String {
    let text = format!("{e:#}");
    if cfg!(target_os = "wasi") {
        without_os_error_numbers(&text)
    } else {
        text
    }
}

/// `text` without its " (os error N)" parts.
fn without_os_error_numbers(text: &str) -> String {
    const MARK: &str = " (os error ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let after = &rest[at + MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let end = at + MARK.len() + digits;
        if digits > 0 && rest[end..].starts_with(')') {
            out.push_str(&rest[..at]);
            rest = &rest[end + 1..];
        } else {
            out.push_str(&rest[..at + MARK.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::without_os_error_numbers as strip;

    #[test]
    fn os_error_numbers_are_removed_and_nothing_else() {
        assert_eq!(strip("x: No such file or directory (os error 44)"), "x: No such file or directory");
        assert_eq!(strip("a (os error 2): b (os error 13)"), "a: b");
        assert_eq!(strip("a (os error x) and (os error )"), "a (os error x) and (os error )");
        assert_eq!(strip("plain"), "plain");
    }
}
