//! Compiles the seed documents into the index `folio search` uses when given no index: the same
//! corpus and the same call as the wasm module's built-in index (the workspace's `build.rs`,
//! [`folio_corpus::for_build_script`]), so the CLI needs neither the wasm crate nor
//! wasm-bindgen. `FOLIO_CORPUS` and `FOLIO_CONFIG` are relative to the workspace root.

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    folio_corpus::for_build_script(&root, "seeds.folio");
}
