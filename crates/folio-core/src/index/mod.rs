//! The index: how it is laid out in bytes, written, and read.
//!
//! One file holds everything ([`format`](mod@format)): a header with magic number and version, a table of
//! sections, the sections, and a CRC-32 of all that precedes it. The sections are:
//!
//! - the [`dictionary`], one `fst` map over the stems and the folded word forms, whose values
//!   give stem ordinals (prefix and typo matching [`walk`] it);
//! - [`postings`]: per term, the documents with per-field term frequencies and lengths, and separately the
//!   word positions (queries without phrases never decode them);
//! - the [`Settings`] BM25F needs (field lengths, one byte each, are in the postings: [`lengths`]);
//! - [`docs`]: per-document metadata for filters, and the stored text snippets are cut from.
//!
//! A large index can instead be split into a small root and [`chunks`] a query fetches as it
//! needs them ([`IndexWriter::finish_split`]), their chunks packed into a few files read by byte
//! range ([`pack`]).
//!
//! [`IndexWriter`] produces the bytes; [`Index`] opens and verifies them. Both use the same
//! encode/decode pair of each structure.

mod assemble;
pub mod checksum;
pub mod chunks;
pub mod codec;
pub mod dictionary;
pub mod docs;
pub mod fields;
mod file_slice;
pub mod format;
pub mod fst_check;
pub mod hash;
mod ingest;
mod layout;
pub mod lengths;
mod loading;
mod lookup;
pub mod meta;
pub mod pack;
pub mod pages;
pub mod postings;
mod reader;
mod runs;
pub mod scripts;
mod searcher;
mod spool;
mod term_chunk;
pub mod walk;
mod writer;

pub use fields::{Field, Settings};
pub use lookup::{Dictionary, Scope};
pub use pages::Paging;
pub use reader::{Index, Pruning, TermInfo};
pub use searcher::Searcher;
pub use walk::KeyMatch;
pub use writer::{ChunkSink, ChunkSizes, IndexWriter, Progress, SplitIndex, Written};
