//! The subcommands.

pub mod bench;
pub mod index;
pub mod search;

/// The file name of the index inside a bundle directory.
pub const INDEX_FILE: &str = "index.folio";
