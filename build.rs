//! Compiles the corpus into the index embedded in the wasm module.
//!
//! The corpus is `seeds/`, or the file or directory named by the `FOLIO_CORPUS` environment
//! variable. A file that cannot be read stops the build with its name and line.

use std::path::PathBuf;
use std::{env, fs};

use folio_core::corpus;
use folio_core::index::IndexWriter;

fn main() {
    if let Err(e) = try_main() {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn try_main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-env-changed=FOLIO_CORPUS");
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
    let corpus = corpus::read_corpus(&source)?;
    let mut writer = IndexWriter::new();
    for doc in corpus.documents {
        writer.add(doc)?;
    }
    let bytes = writer.finish()?;
    let out = PathBuf::from(env::var("OUT_DIR")?).join("folio.idx");
    fs::write(&out, bytes)?;
    Ok(())
}
