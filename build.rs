//! Compiles the corpus into the index embedded in the wasm module.
//!
//! The corpus is `seeds/`, or the site folder or file named by the `FOLIO_CORPUS` environment
//! variable. It is read exactly as `folio index` reads a site, with the same configuration: the
//! file `FOLIO_CONFIG` names, else `folio.toml` in the corpus folder when there is one, else the
//! defaults. A configuration error, an unreadable corpus or a corpus with no document stops the
//! build with the file and line; skipped pages and warnings are shown as cargo warnings.

use std::path::PathBuf;
use std::{env, fs};

use folio_core::config::Config;
use folio_core::corpus;

/// The most report lines shown as cargo warnings.
const MAX_WARNINGS: usize = 20;

fn main() {
    if let Err(e) = try_main() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=FOLIO_CORPUS");
    println!("cargo:rerun-if-env-changed=FOLIO_CONFIG");
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let source = match env::var_os("FOLIO_CORPUS") {
        Some(path) => manifest.join(path),
        None => manifest.join("seeds"),
    };
    println!("cargo:rerun-if-changed={}", source.display());
    if source.is_dir() {
        for entry in fs::read_dir(&source)? {
            println!("cargo:rerun-if-changed={}", entry?.path().display());
        }
    }
    let explicit = env::var_os("FOLIO_CONFIG").map(|path| manifest.join(path));
    let config = Config::find(&source, explicit.as_deref())?;
    if let Some(path) = &config.source {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    let mut writer = config.index_writer()?;
    let report = corpus::read_site(&source, &config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    let mut lines = Vec::new();
    for skipped in report.skipped.iter().filter(|s| s.problem) {
        lines.push(format!("{}: skipped: {}", skipped.path.display(), skipped.reason));
    }
    for warning in &report.warnings {
        match &warning.path {
            Some(path) => lines.push(format!("{}: {}", path.display(), warning.message)),
            None => lines.push(warning.message.clone()),
        }
    }
    let more = lines.len().saturating_sub(MAX_WARNINGS);
    for line in lines.iter().take(MAX_WARNINGS) {
        println!("cargo:warning=folio corpus {}: {line}", source.display());
    }
    if more > 0 {
        println!(
            "cargo:warning=folio corpus: {more} more; run `folio index {}` for the whole report",
            source.display()
        );
    }
    let bytes = writer.finish()?;
    let out = PathBuf::from(env::var("OUT_DIR")?).join("folio.idx");
    fs::write(&out, bytes)?;
    Ok(())
}
