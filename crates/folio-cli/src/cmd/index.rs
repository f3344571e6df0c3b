//! `folio index`: read a site (or a corpus file), write a search bundle next to it.
//!
//! ```text
//! folio index <SITE> [--out <DIR>] [--config <FILE>] [--strict] [--split auto|always|never]
//!             [--include <GLOB>]… [--exclude <GLOB>]… [--encoding <LABEL>] [--lang <CODE>]
//!             [--base-url <URL>] [--synonym <RULE>]… [--stop-word <WORD>]… [--chunk-bytes <N[,M]>] [--assets <DIR>]
//!             [--memory <SIZE>] [--threads <N>]
//! ```
//!
//! The configuration is `--config`, else `<site dir>/folio.toml` if there is one, else the
//! defaults; the flags then change it. The bundle goes to `--out`, else `<site dir>/folio/` (for
//! a single file, `./folio/`). The report (pages indexed, skipped with file and reason, warnings,
//! index size) goes to standard error and into the bundle as `report.txt`. The exit code is
//! non-zero only for real errors (a site or configuration that cannot be read, nothing to index,
//! a bundle that cannot be written), or with `--strict` for any skipped page or warning too.

pub mod bundle;
mod platform;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::error::ErrorKind;
use folio_core::index::{ChunkSizes, Index, Written};
use folio_corpus::config::{Config, CONFIG_FILE};
use folio_corpus::{read_site, SiteReport};

use crate::cli::{usage_error, IndexArgs, Pack, Split};

/// Runs `folio index`.
pub fn run(args: IndexArgs) -> Result<()> {
    let IndexArgs {
        source, out, config: config_path, strict, assets, split, pack, chunk_bytes, memory, threads, ..
    } = args;
    let memory = match &memory {
        Some(value) => parse_size(value)?,
        None => DEFAULT_MEMORY,
    };
    let sizes = match &chunk_bytes {
        Some(value) => parse_chunk_bytes(value)?,
        None => ChunkSizes::default(),
    };
    let flags = Flags {
        include: args.include,
        exclude: args.exclude,
        encoding: args.encoding,
        lang: args.lang,
        base_url: args.base_url,
        synonyms: args.synonym,
        stop_words: args.stop_word,
    };
    if !source.exists() {
        bail!("{}: no such folder or file", source.display());
    }
    let explicit = out.is_some();
    let out =
        out.unwrap_or_else(
            || if source.is_dir() { source.join(DEFAULT_BUNDLE) } else { PathBuf::from(DEFAULT_BUNDLE) },
        );
    bundle::guard::check_out(&source, &out, explicit)?;

    let mut config = Config::find(&source, config_path.as_deref())?;
    if flags.apply(&mut config)? {
        config.check()?;
    }
    let started = Instant::now();
    let existed = out.exists();
    // Analysis on a thread per core, beside the thread that reads the pages and inverts.
    let threads = threads.map_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()), usize::from);
    let built = build(&source, &config, &out, Budget { memory, threads }, (split, pack), sizes);
    if built.is_err() && !existed {
        // Nothing was written but the temporary files, removed: leave no empty bundle folder.
        let _ = std::fs::remove_dir(&out);
    }
    let (report, written, runs) = built?;
    let (index, bytes) =
        read_back(&written, &out).context("the index just written does not read back (a bug in Folio)")?;
    let mut text = render(&source, &config, &report, (&index, bytes), &written, &out, started);
    if runs > 0 {
        let _ = writeln!(
            text,
            "memory: {runs} runs of postings spilled to temporary files and merged (--memory {})",
            human_size(memory)
        );
    }
    let module = bundle::choose(&index, !matches!(written, Written::Single(_)));
    let _ = writeln!(text, "search module: {} ({})", module.module.name(), module.reason);
    let assets = assets.map_or(bundle::Assets::Embedded, bundle::Assets::Dir);
    let bundle = bundle::write(&out, &written, &text, &assets, module.module)?;
    eprint!("{text}");
    eprintln!(
        "bundle: {} ({}): {} in all; ready to serve with the site",
        out.display(),
        bundle.files.join(", "),
        human_size(usize::try_from(bundle.bytes).unwrap_or(usize::MAX))
    );
    let problems = report.problem_count();
    if strict && problems > 0 {
        bail!("--strict: {problems} skipped {} or warnings (see the report above)", plural(problems, "page", "pages"));
    }
    Ok(())
}

/// Reads the site and writes its index, spilling postings past a share of `memory` bytes to
/// temporary files in `out` (removed when done, whether the build succeeds or fails).
fn build(
    source: &Path,
    config: &Config,
    out: &Path,
    Budget { memory, threads }: Budget,
    (split, pack): (Split, Pack),
    sizes: ChunkSizes,
) -> Result<(SiteReport, Written, usize)> {
    let mut writer = config.index_writer()?.with_memory(memory / RUN_SHARE, out)?.with_threads(threads);
    if let Some(bar) = platform::merge_progress() {
        writer = writer.with_progress(bar);
    }
    let progress = platform::Progress::start(source);
    let site = read_site(source, config, Some(out), &mut |done, total| progress.update(done, total), |doc| {
        progress.document();
        writer.add(doc)
    });
    let site = site.and_then(|report| writer.flush().map(|()| report));
    progress.finish();
    let report = site?;
    let runs = writer.spilled_runs();
    // A split index's chunks go into the bundle as they are written, not held until the end.
    // Packed, they go into pack files as they are written instead (bundle::packed).
    let mut put = |name: String, bytes: Vec<u8>| {
        bundle::put_chunk(out, &name, &bytes)
            .map_err(|e| folio_core::Error::TempFile { path: out.join(&name), message: format!("{e:#}") })
    };
    let threshold = match split {
        Split::Auto => SPLIT_THRESHOLD,
        Split::Always => 0,
        Split::Never => return Ok((report, Written::Single(writer.finish()?), runs)),
    };
    let written = match pack {
        Pack::Never => writer.finish_auto_into(threshold, sizes, &mut put)?,
        Pack::Always => bundle::packed(&mut put, |put| writer.finish_auto_into(threshold, sizes, put))?,
        Pack::Auto => match writer.finish_auto_into(threshold, sizes, &mut put)? {
            Written::Streamed { root, chunks, .. } if chunks.len() > PACK_FILES => {
                bundle::pack_chunk_files(out, &root, &chunks, &mut put)?
            }
            written => written,
        },
    };
    Ok((report, written, runs))
}

/// `--pack auto` packs a split index that would write more chunk files than this: Cloudflare
/// Pages takes at most 20,000 files a site, and a site of ordinary size keeps one file per chunk,
/// which every static server serves (`python3 -m http.server` ignores Range). Small split sites
/// are not packed: on Cranfield (1.2 MB of chunks) packing took the first result's requests from
/// 20 to 17 but made it slower in Chromium (cold first result 390 -> 565 ms, the same run).
const PACK_FILES: usize = 20_000;

/// What a build may use: about `memory` bytes, and `threads` threads of analysis.
struct Budget {
    memory: usize,
    threads: usize,
}

/// `--memory` when it is not given: 1 GiB.
const DEFAULT_MEMORY: usize = 1 << 30;

/// The postings of the documents read since the last spill get `1/RUN_SHARE` of `--memory`; the
/// rest is for what grows with the corpus beside them and for the merge.
const RUN_SHARE: usize = 4;

/// The bytes a size such as `1GiB`, `512MiB`, `2G`, `800MB` or `65536` stands for (K, M and G
/// with or without B are powers of 1000; KiB, MiB and GiB powers of 1024).
fn parse_size(value: &str) -> Result<usize> {
    let text = value.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let scale: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => f64::NAN,
    };
    match number.parse::<f64>().map(|n| n * scale) {
        Ok(bytes) if bytes >= 1.0 && bytes < usize::MAX as f64 => Ok(bytes as usize),
        _ => Err(usage_error(
            "index",
            ErrorKind::ValueValidation,
            format!("--memory {value}: expected a size such as 1GiB, 512MiB or 800MB"),
        )),
    }
}

/// The bundle's folder when `--out` is not given: `<site>/folio/` (`./folio/` for a file).
pub const DEFAULT_BUNDLE: &str = "folio";

/// Above this many bytes of postings, positions and stored text, `--split auto` splits the index.
const SPLIT_THRESHOLD: usize = 1 << 20;

/// The sizes `--chunk-bytes <terms>[,<docs>]` asks for.
fn parse_chunk_bytes(value: &str) -> Result<ChunkSizes> {
    let (terms, docs) = value.split_once(',').unwrap_or((value, value));
    let bytes = |n: &str| n.trim().parse::<usize>().ok().filter(|&n| n > 0);
    match (bytes(terms), bytes(docs)) {
        (Some(terms), Some(docs)) => Ok(ChunkSizes { terms, docs }),
        _ => Err(usage_error(
            "index",
            ErrorKind::ValueValidation,
            format!("--chunk-bytes {value}: expected <bytes> or <term bytes>,<document bytes>, e.g. 8192,4096"),
        )),
    }
}

/// Opens what was written, every chunk included, as a check; returns the root (with the chunks
/// for an index held in memory) and the bytes of the whole index. Chunks already written to
/// `out` are read back a batch at a time, so the check does not hold the whole index.
fn read_back(written: &Written, out: &Path) -> folio_core::Result<(Index, usize)> {
    match written {
        Written::Single(bytes) => Ok((Index::from_bytes(bytes)?, bytes.len())),
        Written::Split(split) => {
            let mut index = Index::from_bytes(&split.root)?;
            index.add_all_chunks(|name| {
                let chunk = split.chunks.iter().find(|(n, _)| n == name);
                chunk
                    .map(|(_, bytes)| bytes.clone())
                    .ok_or_else(|| folio_core::Error::corrupt(format!("chunk {name} was not written")))
            })?;
            let bytes = index.byte_len();
            Ok((index, bytes))
        }
        Written::Streamed { root, chunks, chunk_bytes } => {
            let read = |name: &str| {
                bundle::read_chunk(out, name)
                    .map_err(|e| folio_core::Error::corrupt(format!("chunk {name} cannot be read back: {e:#}")))
            };
            // A two-level directory's pages first: they name the other chunks' places.
            let mut index = Index::from_bytes(root)?;
            index.add_chunks(index.page_names(), read)?;
            let names = index.chunk_names();
            if bundle::files_of(&names) != *chunks {
                return Err(folio_core::Error::corrupt("the root does not name the chunk files written"));
            }
            for batch in names.chunks(READ_BACK_BATCH) {
                let mut check = Index::from_bytes(root)?;
                check.add_chunks(check.page_names(), read)?;
                check.add_chunks(batch.iter().cloned(), read)?;
            }
            Ok((index, root.len() + usize::try_from(*chunk_bytes).unwrap_or(usize::MAX)))
        }
    }
}

/// How many chunks the check of a streamed index holds at once.
const READ_BACK_BATCH: usize = 2048;

/// Configuration values given as flags.
#[derive(Debug, Default)]
struct Flags {
    include: Vec<String>,
    exclude: Vec<String>,
    encoding: Option<String>,
    lang: Option<String>,
    base_url: Option<String>,
    synonyms: Vec<String>,
    stop_words: Vec<String>,
}

impl Flags {
    /// Applies the flags to `config`; returns whether anything changed.
    fn apply(self, config: &mut Config) -> Result<bool> {
        let mut changed = false;
        if !self.include.is_empty() {
            config.include = self.include;
            changed = true;
        }
        if !self.exclude.is_empty() {
            config.exclude.extend(self.exclude);
            changed = true;
        }
        if let Some(label) = self.encoding {
            config.encoding = Some(label);
            changed = true;
        }
        if let Some(lang) = self.lang {
            config.default_language = Some(lang.trim().to_lowercase());
            changed = true;
        }
        if let Some(base) = self.base_url {
            config.base_url = base;
            changed = true;
        }
        for rule in self.synonyms {
            config.add_synonym(&rule).map_err(|m| anyhow::anyhow!("--synonym: {m}"))?;
            changed = true;
        }
        if !self.stop_words.is_empty() {
            config.stop_words.extend(self.stop_words);
            changed = true;
        }
        Ok(changed)
    }
}

/// The whole report: what was read, the site report, and the index.
fn render(
    source: &Path,
    config: &Config,
    report: &SiteReport,
    (index, bytes): (&Index, usize),
    written: &Written,
    out: &Path,
    started: Instant,
) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "folio index {}", source.display());
    match &config.source {
        Some(path) => {
            let _ = writeln!(text, "configuration: {}", path.display());
        }
        None => {
            let _ = writeln!(text, "configuration: defaults (no {CONFIG_FILE} in the site folder, no --config)");
        }
    }
    text.push_str(&report.render());
    let _ = writeln!(
        text,
        "index: {} documents, {} terms, {} ({bytes} bytes) in {}, built in {:.2?}",
        index.doc_count(),
        index.term_count(),
        human_size(bytes),
        out.join(super::INDEX_FILE).display(),
        started.elapsed(),
    );
    if let Some(line) = platform::memory_line() {
        let _ = writeln!(text, "{line}");
    }
    let (root, files) = match written {
        Written::Single(_) => (0, 0),
        Written::Split(split) => (split.root.len(), split.chunks.len()),
        Written::Streamed { root, chunks, .. } => (root.len(), chunks.len()),
    };
    if files > 0 {
        let (terms, docs) = index.chunk_counts();
        let packed =
            if files < terms + docs { format!(", packed in {files} files read by byte range") } else { String::new() };
        let _ = writeln!(
            text,
            "split: root {} + {terms} term chunks + {docs} document chunks in {}{packed} (fetched as queries need them)",
            human_size(root),
            out.join("chunks").display(),
        );
    }
    if let Some(why) = bundle::no_offline(written) {
        let _ = writeln!(text, "offline script: not written: {why}");
    }
    text
}

fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KiB", b as f64 / 1024.0),
        b => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_change_the_configuration() -> Result<()> {
        let mut config = Config::default();
        let flags = Flags {
            exclude: vec!["drafts".into()],
            lang: Some("RU".into()),
            synonyms: vec!["DPRK, North Korea".into()],
            ..Flags::default()
        };
        assert!(flags.apply(&mut config)?);
        assert_eq!(config.exclude, ["drafts"]);
        assert_eq!(config.default_language.as_deref(), Some("ru"));
        assert_eq!(config.synonyms, ["DPRK, North Korea"]);
        config.check()?;
        assert!(!Flags::default().apply(&mut config)?);
        let bad = Flags { synonyms: vec!["KWP".into()], ..Flags::default() };
        assert!(bad.apply(&mut config).is_err_and(|e| e.to_string().starts_with("--synonym:")));
        Ok(())
    }

    #[test]
    fn memory_sizes_parse() -> Result<()> {
        assert_eq!(parse_size("1GiB")?, 1 << 30);
        assert_eq!(parse_size("512MiB")?, 512 << 20);
        assert_eq!(parse_size("800MB")?, 800_000_000);
        assert_eq!(parse_size(" 4k ")?, 4000);
        assert_eq!(parse_size("1.5GiB")?, 3 << 29);
        assert_eq!(parse_size("65536")?, 65536);
        for bad in ["", "GiB", "1 TiB", "-1GiB", "0", "lots"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
        Ok(())
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(2048), "2.0 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB");
    }
}
