//! `folio index`: read a corpus, write an index bundle.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use folio_core::corpus;
use folio_core::index::IndexWriter;

use super::INDEX_FILE;

/// Runs `folio index <corpus> [--out <dir>]`.
pub fn run(args: Vec<OsString>) -> Result<()> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut source: Option<PathBuf> = None;
    let mut out = PathBuf::from("folio");
    while let Some(arg) = parser.next()? {
        match arg {
            Long("out") | Short('o') => out = parser.value()?.into(),
            Value(v) if source.is_none() => source = Some(v.into()),
            _ => return Err(arg.unexpected().into()),
        }
    }
    let Some(source) = source else { bail!("folio index needs a corpus path: folio index <corpus> [--out <dir>]") };

    let started = Instant::now();
    let corpus = corpus::read_corpus(&source).with_context(|| format!("reading {}", source.display()))?;
    let mut writer = IndexWriter::new();
    let count = corpus.documents.len();
    for doc in corpus.documents {
        writer.add(doc).with_context(|| format!("indexing {}", source.display()))?;
    }
    let bytes = writer.finish()?;
    std::fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let path = out.join(INDEX_FILE);
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;

    let skipped: Vec<_> = corpus.files.iter().filter(|f| f.skipped.is_some()).collect();
    eprintln!(
        "indexed {count} documents from {} files in {:.2?}; {} skipped",
        corpus.files.len(),
        started.elapsed(),
        skipped.len()
    );
    for file in skipped {
        eprintln!("  skipped {}: {}", file.path.display(), file.skipped.as_deref().unwrap_or(""));
    }
    eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    Ok(())
}
