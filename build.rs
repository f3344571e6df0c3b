//! Compiles the corpus into the index embedded in the wasm module: `seeds/`, or the site folder or
//! file `FOLIO_CORPUS` names with the configuration `FOLIO_CONFIG` names (both relative to this
//! folder), read exactly as `folio index` reads a site. The CLI's build script makes the same call
//! (see [`folio_corpus::for_build_script`]).

fn main() {
    folio_corpus::for_build_script(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), "folio.idx");
}
