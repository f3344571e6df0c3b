//! Compiles the corpus into the index embedded in the wasm module.
//!
//! The corpus is `seeds/`, or the site folder or file named by the `FOLIO_CORPUS` environment
//! variable (relative to this folder). It is read exactly as `folio index` reads a site, by
//! [`folio_core::corpus::compile_corpus`], which the CLI's build script calls too: the file
//! `FOLIO_CONFIG` names, else `folio.toml` in the corpus folder when there is one, else the
//! defaults. A configuration error, an unreadable corpus or a corpus with no document stops the
//! build with the file and line; skipped pages and warnings are shown as cargo warnings.

use std::path::PathBuf;
use std::{env, fs};

use folio_core::corpus::compile_corpus;

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
    let source = manifest.join(env::var_os("FOLIO_CORPUS").unwrap_or_else(|| "seeds".into()));
    let config = env::var_os("FOLIO_CONFIG").map(|path| manifest.join(path));
    let compiled = compile_corpus(&source, config.as_deref())?;
    for line in compiled.cargo_directives() {
        println!("{line}");
    }
    fs::write(PathBuf::from(env::var("OUT_DIR")?).join("folio.idx"), &compiled.bytes)?;
    Ok(())
}
