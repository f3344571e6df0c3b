//! The names of a bundle's web files: the one list, which `tests/lone_binary.rs` also reads
//! (it includes this file) to check that a lone binary writes every one of them.

/// The web files copied into a bundle as they are.
pub const COPIED: [&str; 8] = [
    "folio.js",
    "folio-worker.js",
    "folio-engine.js",
    "folio_bg.wasm",
    "folio.css",
    "folio.d.ts",
    "folio-highlight.js",
    "folio-load.js",
];
/// The single-file script for `file://` pages, into which the index is inlined.
pub const OFFLINE: &str = "folio-offline.js";
