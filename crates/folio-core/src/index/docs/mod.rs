//! The document store: every document's fields, for hits and snippets.
//!
//! ```text
//! u32 count · u32 records length · varint text base · u32 record offset × count · records · text
//! ```
//!
//! The text of every string field of every document lies in one UTF-8 block at the end, so it is
//! checked once, when the store is loaded ([`StoreBuf`], which keeps it in the index file's
//! buffer), and a hit borrows its text from it instead of copying its own. A record holds where the document's text starts in
//! the block (counted from the text base, so that a chunk of the store keeps its records as they
//! were written), the length of each field in order, then for each indexed field the byte offset
//! of every [`CHECKPOINT_WORDS`]th word, so a snippet can start analysing the text at the word it
//! needs instead of at the top of a long document. A hit decodes only its own record.
//! Metadata for filters and sorting (date, language, type, the site's own filters and sort keys)
//! is a separate, small section decoded once at load
//! ([`meta`](super::meta)).

use super::fields::Field;
use crate::corpus::{Document, Section};

pub mod group;
mod read;
mod write;

pub use read::{DocStore, StoreBuf};
pub use write::{EncodedDoc, StoreWriter};

#[cfg(test)]
mod tests;

/// Every how many words a field's byte offset is recorded.
pub const CHECKPOINT_WORDS: u32 = 32;

/// A stored document with the word checkpoints of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredDocument {
    /// The document.
    pub doc: Document,
    /// Per [`Field`]: the byte offset of word `k * CHECKPOINT_WORDS`, for k = 0, 1, …
    pub checkpoints: [Vec<u32>; Field::COUNT],
}

/// The text of `field` in `doc`.
pub fn field_text(doc: &Document, field: Field) -> &str {
    match field {
        Field::Title => &doc.title,
        Field::Summary => &doc.summary,
        Field::Body => &doc.body,
        Field::Citation => &doc.citation,
    }
}

/// A stored section of a document's body, borrowed from the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionView<'a> {
    /// The heading as it appears in the text.
    pub title: &'a str,
    /// Byte offset in the body where the section starts.
    pub start: usize,
    /// The fragment that links to it, if any.
    pub anchor: Option<&'a str>,
}

/// A stored document, borrowed from the store, with the word checkpoints of its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocView<'a> {
    /// Unique identifier.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// Link target, if known.
    pub url: Option<&'a str>,
    /// ISO date, if known.
    pub date: Option<&'a str>,
    /// Language code, if known.
    pub lang: Option<&'a str>,
    /// Original language code, if known.
    pub original_lang: Option<&'a str>,
    /// Document type, if known.
    pub kind: Option<&'a str>,
    /// The summary field.
    pub summary: &'a str,
    /// The citation field.
    pub citation: &'a str,
    /// The main text.
    pub body: &'a str,
    /// Named sections of `body`, in order.
    pub sections: Vec<SectionView<'a>>,
    /// Id of the page the document was cut from, if any.
    pub parent: Option<&'a str>,
    /// The metadata returned with a hit (`image`, `author`, …): key, value, by key.
    pub meta: Vec<(&'a str, &'a str)>,
    /// Per [`Field`]: the byte offset of word `k * CHECKPOINT_WORDS`, for k = 0, 1, …
    pub checkpoints: [Vec<u32>; Field::COUNT],
}

impl<'a> DocView<'a> {
    /// The text of `field`.
    pub fn field(&self, field: Field) -> &'a str {
        match field {
            Field::Title => self.title,
            Field::Summary => self.summary,
            Field::Body => self.body,
            Field::Citation => self.citation,
        }
    }

    /// The section that contains byte `offset` of the body, if any.
    pub fn section_at(&self, offset: usize) -> Option<&SectionView<'a>> {
        self.sections.iter().take_while(|s| s.start <= offset).last()
    }

    /// The document and its checkpoints, owned.
    pub fn to_stored(&self) -> StoredDocument {
        let owned = |s: Option<&str>| s.map(str::to_owned);
        let doc = Document {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            url: owned(self.url),
            date: owned(self.date),
            lang: owned(self.lang),
            original_lang: owned(self.original_lang),
            kind: owned(self.kind),
            summary: self.summary.to_owned(),
            citation: self.citation.to_owned(),
            body: self.body.to_owned(),
            sections: self
                .sections
                .iter()
                .map(|s| Section { title: s.title.to_owned(), start: s.start, anchor: owned(s.anchor) })
                .collect(),
            parent: owned(self.parent),
            ..Document::default()
        };
        let mut doc = doc;
        // One by one: `collect` would sort first, with a stable sort the wasm has no other use for.
        for &(key, value) in &self.meta {
            doc.meta.insert(key.to_owned(), value.to_owned());
        }
        StoredDocument { doc, checkpoints: self.checkpoints.clone() }
    }
}
