//! Documents: what the corpus readers produce and the index stores.
//!
//! A [`Document`] is what the index stores about one searchable unit: an archive page, one entry of
//! a search-results listing, a row of a `.jsonl` file. The readers that turn files into documents
//! live in the `folio-corpus` crate (build script and CLI only), so no file-reading code, and none
//! of its dependencies, can reach the wasm module.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
