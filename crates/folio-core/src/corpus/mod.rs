//! Documents, and (with the `corpus` feature) the readers that load them from disk.
//!
//! A [`Document`] is what the index stores about one searchable unit: an archive page, one entry of
//! a search-results listing, a row of a `.jsonl` file. Readers turn files into documents; they never
//! drop input silently: a file they cannot read is an [`Error::Corpus`](crate::Error::Corpus) naming
//! the file and line.
//!
//! [`read_site`] reads a whole static site (built HTML pages, Markdown with front matter) as
//! `folio index <site dir>` and `build.rs` do, following a [`config::Config`], and returns a
//! [`SiteReport`] of what was indexed, skipped and worth a warning.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[cfg(feature = "corpus")]
mod archive;
#[cfg(feature = "corpus")]
mod compile;
#[cfg(feature = "corpus")]
pub mod config;
#[cfg(feature = "corpus")]
mod date;
#[cfg(feature = "corpus")]
pub(crate) mod encoding;
#[cfg(feature = "corpus")]
pub(crate) mod html;
#[cfg(feature = "corpus")]
mod ids;
#[cfg(feature = "corpus")]
mod jsonl;
#[cfg(feature = "corpus")]
mod listing;
#[cfg(feature = "corpus")]
mod markdown;
#[cfg(feature = "corpus")]
pub(crate) mod metadata;
#[cfg(feature = "corpus")]
mod plain;
#[cfg(all(test, feature = "corpus"))]
mod seed_tests;
#[cfg(feature = "corpus")]
mod site;
#[cfg(feature = "corpus")]
mod text;

#[cfg(feature = "corpus")]
pub use compile::{compile_corpus, for_build_script, Compiled};
#[cfg(feature = "corpus")]
pub use jsonl::for_each_jsonl_document;
#[cfg(feature = "corpus")]
pub use metadata::{MetadataMap, INDEXED_FILTERS};
#[cfg(feature = "corpus")]
pub(crate) use site::file_kind;
#[cfg(feature = "corpus")]
pub use site::{read_site, SiteReport, SkipReason, Skipped, Warning, BUNDLE_MARKER};

/// The largest page file read whole (256 MiB); a larger one is skipped and reported. `.jsonl`
/// files are streamed line by line and have no such limit.
pub const MAX_PAGE_BYTES: u64 = 256 << 20;

/// One searchable document, as the corpus readers produce it and the index stores it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Unique, stable identifier (file stem, `.jsonl` id, or `parent#n` for listing entries).
    pub id: String,
    /// Display title.
    pub title: String,
    /// Link target of the document, if known.
    pub url: Option<String>,
    /// Date as ISO `YYYY-MM-DD` (or `YYYY-MM` / `YYYY` when only that is known).
    pub date: Option<String>,
    /// Language of the text, as a BCP 47 code (`en`, `ru`).
    pub lang: Option<String>,
    /// Language the document was originally written in, when the archive says so.
    pub original_lang: Option<String>,
    /// Document type: `resolution`, `telegram`, `journal`, `report`, `record`, `listing`, …
    pub kind: Option<String>,
    /// The archive's summary or abstract, indexed as its own field.
    pub summary: String,
    /// The citation block, stored for display and indexed with a low weight.
    pub citation: String,
    /// The main text.
    pub body: String,
    /// Named sections of `body`, in order, by byte offset.
    pub sections: Vec<Section>,
    /// Id of the page this document was cut from (listing entries), if any.
    pub parent: Option<String>,
    /// Other metadata the page declares (`data-folio-meta="author"`, `image[src]`, front matter
    /// keys), by key: stored with the document and returned with its hits (`Hit::meta`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meta: BTreeMap<String, String>,
    /// Filter values beyond date, language and type (`data-folio-filter="author:…"`, `filters` in
    /// `.jsonl` and front matter, `<meta>` tags named in the configuration's `[filters]`), by filter
    /// name: the index filters and counts them (`SearchOptions::filters`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub filters: BTreeMap<String, Vec<String>>,
    /// Sort keys (`data-folio-sort="year"`, `sort` in `.jsonl` and front matter): name → value, by
    /// number when every document's value of the key is one, else by text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sort: BTreeMap<String, String>,
}

/// A named part of a document's body: "Original Scan", "Translation - English", "Attachment No. 1".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading as it appears in the text.
    pub title: String,
    /// Byte offset in [`Document::body`] where the section starts.
    pub start: usize,
    /// Anchor for linking to the section (`page.html#anchor`), if the source has one.
    pub anchor: Option<String>,
}

impl Document {
    /// A document with only an id, a title and a body; the other fields empty.
    pub fn new(id: impl Into<String>, title: impl Into<String>, body: impl Into<String>) -> Document {
        Document { id: id.into(), title: title.into(), body: body.into(), ..Document::default() }
    }

    /// The section that contains byte `offset` of the body, if the body has sections.
    pub fn section_at(&self, offset: usize) -> Option<&Section> {
        self.sections.iter().take_while(|s| s.start <= offset).last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_at_finds_the_enclosing_section() {
        let mut doc = Document::new("d", "t", "aaaa bbbb cccc");
        doc.sections = vec![
            Section { title: "A".into(), start: 0, anchor: None },
            Section { title: "C".into(), start: 10, anchor: None },
        ];
        assert_eq!(doc.section_at(3).map(|s| s.title.as_str()), Some("A"));
        assert_eq!(doc.section_at(12).map(|s| s.title.as_str()), Some("C"));
    }
}
