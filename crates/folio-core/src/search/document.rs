//! The reader view: a stored document's whole text, with a query's matches highlighted the way a
//! search highlights them, for corpora whose documents have no page of their own (text archives
//! such as the seeds, JSON lines without `url`). Plain text and ranges, never HTML.

use crate::index::hash::FxHashMap;

use serde::Serialize;

use crate::analysis::Analyzer;
use crate::index::{Field, Index, Searcher};
use crate::query;
use crate::snippet::{self, Mark};
use crate::{Error, Result};

use super::hit::{self, FieldMarks};
use super::response::{document_struct, from_stored};

/// A section of a stored document, as the reader view shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentSection {
    /// The heading.
    pub title: String,
    /// The id the source page gives it, if any.
    pub anchor: Option<String>,
    /// Where it starts in the body, in UTF-16 code units.
    pub start: u32,
}

document_struct! {
/// A document's stored text with a query's matches as UTF-16 `[start, end)` ranges.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentView {
    /// The summary or abstract (empty if none).
    pub summary: String,
    /// Matched words in the summary.
    pub summary_highlights: Vec<[u32; 2]>,
    /// The citation block (empty if none).
    pub citation: String,
    /// Matched words in the citation.
    pub citation_highlights: Vec<[u32; 2]>,
    /// The main text.
    pub body: String,
    /// Matched words in the body.
    pub body_highlights: Vec<[u32; 2]>,
    /// Named sections of the body, in order.
    pub sections: Vec<DocumentSection>,
    /// Index into `sections` of the best-matching section, as a hit would rank it; `None` when
    /// the best match is in the summary or before the first section, or nothing matched.
    pub best: Option<usize>,
}
}

impl Index {
    /// The stored document whose id is `id`, with the matches of `query` (parsed as a search
    /// parses it, the last word a prefix) highlighted; `None` when no document has that id.
    /// On a split index it fails with [`Error::MissingChunks`] until the term chunks of the query
    /// and the document chunks it must look through are added.
    pub fn document_view(&self, id: &str, query: &str) -> Result<Option<DocumentView>> {
        self.searcher().document_view(id, query)
    }

    fn view_of(&self, analyzer: &Analyzer, doc: u32, mut positions: FieldMarks) -> Result<DocumentView> {
        let stored = self.stored(doc)?;
        let highlights = |text: &str, marks: &[(u32, Mark)]| {
            snippet::highlight_all(analyzer, text, |p| marks.binary_search_by_key(&p, |m| m.0).is_ok())
        };
        let summary_highlights = highlights(stored.summary, &positions[Field::Summary as usize]);
        let citation_highlights = highlights(stored.citation, &positions[Field::Citation as usize]);
        let body_highlights = highlights(stored.body, &positions[Field::Body as usize]);
        let summary = hit::candidate(&stored, Field::Summary, std::mem::take(&mut positions[Field::Summary as usize]));
        let body = hit::candidate(&stored, Field::Body, std::mem::take(&mut positions[Field::Body as usize]));
        let best = hit::matched_sections(analyzer, &stored, &summary, &body).first().and_then(|m| m.index);
        // Section starts in UTF-16 units, counted as the sections go by.
        let (mut byte, mut units) = (0usize, 0u32);
        let mut sections = Vec::with_capacity(stored.sections.len());
        for s in &stored.sections {
            let to = s.start.min(stored.body.len());
            if let Some(between) = stored.body.get(byte..to) {
                units += between.encode_utf16().count() as u32;
                byte = to;
            }
            sections.push(DocumentSection {
                title: snippet::clip(s.title, snippet::MAX_SECTION_UNITS).into_owned(),
                anchor: s.anchor.map(str::to_string),
                start: units,
            });
        }
        Ok(from_stored!(DocumentView, analyzer, &stored, &positions[Field::Title as usize], {
            summary: stored.summary.to_string(),
            summary_highlights,
            citation: stored.citation.to_string(),
            citation_highlights,
            body: stored.body.to_string(),
            body_highlights,
            sections,
            best,
        }))
    }
}

impl Searcher<'_> {
    /// As [`Index::document_view`].
    pub fn document_view(&self, id: &str, query: &str) -> Result<Option<DocumentView>> {
        self.start();
        let index = self.index();
        let analyzer = index.analyzer();
        let parsed = query::parse(super::truncate(query), true);
        let groups = query::expand(self, &analyzer, &parsed)?;
        self.check_missing()?;
        let Some(doc) = self.find_document(id)? else { return Ok(None) };
        let marks = hit::marks_of(&groups);
        let mut positions = index.match_positions(&marks, &[doc], &FxHashMap::default())?;
        let found = positions.remove(&doc).unwrap_or_default();
        index.view_of(&analyzer, doc, found).map(Some)
    }

    /// The ordinal of the document whose id is `id`: looked for in the documents at hand, and on a
    /// split index, when it is not among them, [`Error::MissingChunks`] for the others (noted with
    /// the chunks this search lacked before).
    fn find_document(&self, id: &str) -> Result<Option<u32>> {
        let mut absent = Vec::new();
        for doc in 0..self.doc_count() {
            match self.index().stored(doc) {
                Ok(stored) if stored.id == id => return Ok(Some(doc)),
                Ok(_) => {}
                Err(Error::MissingChunks(_)) => absent.push(doc),
                Err(e) => return Err(e),
            }
        }
        self.require_documents(absent);
        self.check_missing()?;
        Ok(None)
    }
}
