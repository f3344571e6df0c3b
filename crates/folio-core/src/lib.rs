//! Folio's engine: everything between a corpus on disk and a ranked, highlighted hit.
//!
//! Data flows one way through one module per stage:
//!
//! 1. [`corpus`] holds the [`corpus::Document`]s that the `folio-corpus` crate reads from archive
//!    pages, `.jsonl`, HTML and Markdown (build script and CLI only, never the wasm).
//! 2. [`analysis`] turns text into normalised, stemmed tokens that keep their byte offsets. The same
//!    [`analysis::Analyzer`] runs at index time and at query time.
//! 3. [`index`] writes and reads the versioned binary index: an `fst` dictionary of stems and word
//!    forms, postings with positions and per-field term frequencies, field lengths and a document
//!    store.
//! 4. [`query`] parses a query string and expands its words against the dictionary.
//! 5. [`rank`] scores matching documents with BM25F and keeps the top hits.
//! 6. [`snippet`] cuts the best window of a hit's text and marks the matched words, with offsets
//!    in UTF-16 code units for JavaScript.
//! 7. [`search`] ties the stages together into the response the wasm API and the CLI return.
//!
//! ```
//! use folio_core::{corpus::Document, index::IndexWriter, index::Index, search::SearchOptions};
//!
//! let mut writer = IndexWriter::new();
//! writer.add(Document::new("a", "Telegram from Mikoyan", "The plenum was convened.")).unwrap();
//! writer.add(Document::new("b", "Journal of Puzanov", "A meeting about the armistice.")).unwrap();
//! let bytes = writer.finish().unwrap();
//! let index = Index::from_bytes(&bytes).unwrap();
//! let response = index.search("plenum", &SearchOptions::default()).unwrap();
//! assert_eq!(response.hits[0].id, "a");
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod corpus;
pub mod date;
pub mod error;
pub mod index;
pub mod query;
pub mod rank;
pub mod search;
pub mod snippet;

pub use error::{Error, Result};
