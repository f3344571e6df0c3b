//! Folio's corpus readers: the files of a site (archive pages, `.jsonl`, HTML, Markdown) read into
//! [`Document`]s, and `folio.toml` read into a [`config::Config`].
//!
//! Used by `build.rs` and the CLI, never by the wasm module: that this code and its dependencies
//! (toml, globset, encoding_rs, flate2, serde_json, html5ever) stay out of the module is a property
//! of the crate graph, since only this crate depends on them and nothing in the wasm depends on it.
//! [`Document`] itself is `folio_core`'s, re-exported here. Readers never drop input silently: a
//! file they cannot read is an [`Error::Corpus`](folio_core::Error::Corpus) naming the file and
//! line.
//!
//! [`read_site`] reads a whole static site (built HTML pages, Markdown with front matter) as
//! `folio index <site dir>` and `build.rs` do, following a [`config::Config`], and returns a
//! [`SiteReport`] of what was indexed, skipped and worth a warning.

#![deny(missing_docs)]

pub use folio_core::corpus::{Document, Section};

mod archive;
mod compile;
pub mod config;
mod date;
pub(crate) mod encoding;
pub(crate) mod html;
mod ids;
mod jsonl;
mod listing;
mod markdown;
pub(crate) mod metadata;
mod plain;
#[cfg(test)]
mod seed_tests;
mod site;
mod text;

pub use compile::{compile_corpus, for_build_script, Compiled};
pub use jsonl::for_each_jsonl_document;
pub use metadata::{MetadataMap, INDEXED_FILTERS, TRANSLATIONS_FILTER};
pub(crate) use site::file_kind;
pub use site::{read_site, SiteReport, SkipReason, Skipped, Warning, BUNDLE_MARKER};

/// The largest page file read whole (256 MiB); a larger one is skipped and reported. `.jsonl`
/// files are streamed line by line and have no such limit.
pub const MAX_PAGE_BYTES: u64 = 256 << 20;
