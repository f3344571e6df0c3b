//! A copy of the `folio` binary alone in an empty folder (no checkout, no `dist/`, no wasm
//! toolchain beside it) writes the whole web bundle: the files are built into it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The names of the web files, as the binary has them.
#[path = "../src/cmd/index/bundle/assets/files.rs"]
mod files;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The committed web files the binary embeds (written by scripts/build-web.sh).
fn web(name: &str) -> std::io::Result<Vec<u8>> {
    fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("web").join(name))
}

#[test]
fn a_lone_copy_of_the_binary_writes_the_whole_bundle() -> TestResult {
    let base: PathBuf = std::env::temp_dir().join(format!("folio-lone-{}", std::process::id()));
    if base.exists() {
        fs::remove_dir_all(&base)?;
    }
    let (bin_dir, site) = (base.join("bin"), base.join("site"));
    fs::create_dir_all(&bin_dir)?;
    fs::create_dir_all(&site)?;
    let folio = bin_dir.join("folio");
    fs::copy(env!("CARGO_BIN_EXE_folio"), &folio)?;
    fs::write(site.join("index.html"), "<title>Vase</title><main><h1>Vase</h1><p>A Ming vase.</p></main>")?;

    let run = Command::new(&folio).current_dir(&base).args(["index", "site"]).env_clear().output()?;
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let out = site.join("folio");
    for name in files::COPIED {
        assert_eq!(fs::read(out.join(name))?, web(name)?, "{name} is the built-in file");
    }
    let offline = fs::read_to_string(out.join(files::OFFLINE))?;
    let template = String::from_utf8(web(files::OFFLINE)?)?;
    assert!(template.contains("const FOLIO_INDEX = null;"), "the template has the placeholder");
    assert!(!offline.contains("const FOLIO_INDEX = null;"), "the index is inlined");
    assert!(offline.contains("const FOLIO_INDEX = \"Rk9MSU9JRFg"), "inlined as base64 of an index.folio");
    assert!(out.join("index.folio").is_file() && out.join("report.txt").is_file());
    fs::remove_dir_all(&base)?;
    Ok(())
}
