//! Compiles the corpus into the index embedded in the wasm module: `seeds/`, or the site folder or
//! file `FOLIO_CORPUS` names with the configuration `FOLIO_CONFIG` names (both relative to this
//! folder), read exactly as `folio index` reads a site. The CLI's build script makes the same call
//! (see [`folio_corpus::for_build_script`]).

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    folio_corpus::for_build_script(root, "folio.idx");
    warm_index(root);
}

/// Compiles `src/warm.jsonl`, two documents, into `warm.tail`: the tiny index `Engine::warm`
/// searches (src/lib.rs), embedded in every module, with or without the corpus's index. Its first
/// 8 bytes, the index magic `FOLIOIDX`, are left out (lib.rs puts them back), so that a module's
/// bytes still say whether it embeds a site's index.
fn warm_index(root: &std::path::Path) {
    let source = root.join("src/warm.jsonl");
    println!("cargo:rerun-if-changed={}", source.display());
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("warm.tail");
    let written = folio_corpus::compile_corpus(&source, None).map_err(|e| e.to_string()).and_then(|compiled| {
        let tail = compiled.bytes.get(8..).ok_or("the index is shorter than its magic")?;
        std::fs::write(&out, tail).map_err(|e| format!("{}: {e}", out.display()))
    });
    if let Err(message) = written {
        eprintln!("error: the warm-up index: {message}");
        std::process::exit(1);
    }
}
