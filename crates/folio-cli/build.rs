//! Compiles the seed documents into the index `folio search` uses when given no index.
//!
//! The same corpus and the same code as the wasm module's built-in index (the workspace's
//! `build.rs`): `seeds/`, or `FOLIO_CORPUS` (relative to the workspace root) with `FOLIO_CONFIG`,
//! compiled by [`folio_core::corpus::compile_corpus`]. The CLI so needs neither the wasm crate
//! nor wasm-bindgen.

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
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?).join("../..");
    let source = root.join(env::var_os("FOLIO_CORPUS").unwrap_or_else(|| "seeds".into()));
    let config = env::var_os("FOLIO_CONFIG").map(|path| root.join(path));
    let compiled = compile_corpus(&source, config.as_deref())?;
    for line in compiled.cargo_directives() {
        println!("{line}");
    }
    fs::write(PathBuf::from(env::var("OUT_DIR")?).join("seeds.folio"), &compiled.bytes)?;
    Ok(())
}
