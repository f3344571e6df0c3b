//! Compiling a corpus into index bytes at build time, as the build scripts of the wasm module and
//! of the CLI do (both embed the index of the seed documents).
//!
//! The corpus is read exactly as `folio index` reads a site: [`read_site`] with the configuration
//! [`Config::find`] gives (an explicit file, else `folio.toml` in the corpus folder, else the
//! defaults). A build script is one call, [`for_build_script`], so the two scripts cannot drift
//! apart.

use std::path::{Path, PathBuf};
use std::{env, fs};

use crate::config::Config;
use crate::read_site;
use folio_core::{Error, Result};

/// The most report lines shown as cargo warnings; the rest are counted.
const MAX_NOTES: usize = 20;

/// A corpus compiled into a single-file index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// The index, as `IndexWriter::finish` writes it (no split).
    pub bytes: Vec<u8>,
    /// The files and folders the index was built from (the corpus, its entries, the
    /// configuration file): a build script reruns when one changes.
    pub inputs: Vec<PathBuf>,
    /// Pages skipped for a problem and warnings, one line each (`path: message`).
    pub notes: Vec<String>,
    /// The corpus that was read.
    pub source: PathBuf,
}

/// Reads the corpus at `source` (a site folder or one file) with the configuration `config_file`
/// names, else the corpus folder's `folio.toml`, else the defaults, and writes its index.
pub fn compile_corpus(source: &Path, config_file: Option<&Path>) -> Result<Compiled> {
    let mut inputs = vec![source.to_path_buf()];
    if source.is_dir() {
        let listing = |e: std::io::Error| Error::corpus(source, None, format!("cannot list the folder: {e}"));
        for entry in fs::read_dir(source).map_err(listing)? {
            inputs.push(entry.map_err(listing)?.path());
        }
        inputs[1..].sort();
    }
    let config = Config::find(source, config_file)?;
    if let Some(path) = &config.source {
        inputs.push(path.clone());
    }
    let mut writer = config.index_writer()?;
    let report = read_site(source, &config, None, &mut |_, _| {}, |doc| writer.add(doc))?;
    let mut notes = Vec::new();
    for skipped in report.skipped.iter().filter(|s| s.problem) {
        notes.push(format!("{}: skipped: {}", skipped.path.display(), skipped.reason));
    }
    for warning in &report.warnings {
        match &warning.path {
            Some(path) => notes.push(format!("{}: {}", path.display(), warning.message)),
            None => notes.push(warning.message.clone()),
        }
    }
    Ok(Compiled { bytes: writer.finish()?, inputs, notes, source: source.to_path_buf() })
}

/// The whole of a build script that embeds an index: compiles `seeds/`, or the corpus the
/// `FOLIO_CORPUS` environment variable names, with the configuration `FOLIO_CONFIG` names (both
/// relative to `root`), prints cargo's directives and writes the index to `$OUT_DIR/<file_name>`.
/// On an error it prints the error (the file and line at fault) and ends the build script.
pub fn for_build_script(root: &Path, file_name: &str) {
    if let Err(message) = try_build_script(root, file_name) {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

fn try_build_script(root: &Path, file_name: &str) -> std::result::Result<(), String> {
    println!("cargo:rerun-if-env-changed=FOLIO_CORPUS");
    println!("cargo:rerun-if-env-changed=FOLIO_CONFIG");
    let source = root.join(env::var_os("FOLIO_CORPUS").unwrap_or_else(|| "seeds".into()));
    let config = env::var_os("FOLIO_CONFIG").map(|path| root.join(path));
    let compiled = compile_corpus(&source, config.as_deref()).map_err(|e| e.to_string())?;
    for line in compiled.cargo_directives() {
        println!("{line}");
    }
    let out = env::var_os("OUT_DIR").ok_or("OUT_DIR is not set: for_build_script runs in a build script")?;
    let path = PathBuf::from(out).join(file_name);
    fs::write(&path, &compiled.bytes).map_err(|e| format!("{}: cannot write the index: {e}", path.display()))
}

impl Compiled {
    /// The lines a build script prints for cargo: `rerun-if-changed` for every input, and the
    /// notes as warnings (at most twenty, then a count).
    pub fn cargo_directives(&self) -> Vec<String> {
        let mut lines: Vec<String> =
            self.inputs.iter().map(|path| format!("cargo:rerun-if-changed={}", path.display())).collect();
        let source = self.source.display();
        for note in self.notes.iter().take(MAX_NOTES) {
            lines.push(format!("cargo:warning=folio corpus {source}: {note}"));
        }
        let more = self.notes.len().saturating_sub(MAX_NOTES);
        if more > 0 {
            lines.push(format!(
                "cargo:warning=folio corpus: {more} more; run `folio index {source}` for the whole report"
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use folio_core::index::Index;

    #[test]
    fn compiles_a_folder_and_lists_what_it_read() -> Result<()> {
        let dir = std::env::temp_dir().join(format!("folio-compile-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).map_err(|e| Error::corpus(&dir, None, e.to_string()))?;
        let write = |name: &str, text: &str| {
            fs::write(dir.join(name), text).map_err(|e| Error::corpus(&dir, None, e.to_string()))
        };
        write("a.html", "<title>Plenum</title><p>The plenum was convened.</p>")?;
        write("b.html", "<title></title><p>Untitled text.</p>")?;
        let compiled = compile_corpus(&dir, None)?;
        assert_eq!(Index::from_bytes(&compiled.bytes)?.doc_count(), 2);
        assert_eq!(compiled.inputs, [dir.clone(), dir.join("a.html"), dir.join("b.html")]);
        assert!(compiled.notes.iter().any(|n| n.starts_with("b.html: ")), "{:?}", compiled.notes);
        let lines = compiled.cargo_directives();
        assert_eq!(lines[0], format!("cargo:rerun-if-changed={}", dir.display()));
        assert!(lines.iter().any(|l| l.starts_with("cargo:warning=folio corpus ") && l.contains("b.html: ")));
        fs::remove_dir_all(&dir).map_err(|e| Error::corpus(&dir, None, e.to_string()))?;
        Ok(())
    }
}
