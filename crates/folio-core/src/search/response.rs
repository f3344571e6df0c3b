//! What a search answers: the response, its hits and their sections.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::snippet::Snippet;

/// The answer to a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    /// The query as received.
    pub query: String,
    /// How many documents matched in all (not just this page).
    pub total: usize,
    /// How many of them contain every required word; they rank first, and the rest (documents
    /// with only some of the words) follow.
    pub complete: usize,
    /// True when no document has every word, so all hits are partial matches.
    pub fallback: bool,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// Each query word, and whether any matching document contains it.
    pub terms: Vec<TermMatch>,
    /// The query with unknown words replaced by the closest indexed words, when there are any.
    pub did_you_mean: Option<String>,
    /// Counts of the matching documents (before filters) by language, type and year, and by
    /// each of the site's own filters.
    pub facets: Facets,
    /// The site's own sort keys (`data-folio-sort`), for the `sort` option, in the order first met.
    pub sort_keys: Vec<String>,
}

/// The answer to a search from the chunks at hand ([`Searcher::search_partial`]): a page to show
/// while the rest of the chunks arrive. Serialised as `{ response, pending, needs }` (not
/// flattened: the response goes through the one serialiser a search's uses); the JavaScript API
/// hands it on flat, as `folio.d.ts`'s `PartialResponse`.
///
/// [`Searcher::search_partial`]: crate::index::Searcher::search_partial
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartialResponse {
    /// The response, its `hits` without those whose documents are not at hand.
    pub response: SearchResponse,
    /// The places in the page (0: its first hit) of the hits left out, ascending.
    pub pending: Vec<usize>,
    /// The chunks (file names relative to the root) that the whole page needs; empty when the
    /// response is complete.
    pub needs: Vec<String>,
}

/// Whether one query word matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TermMatch {
    /// The word, folded.
    pub term: String,
    /// Whether any matching document contains it (in any form); always true for a stop word
    /// among other words, which is left out of the search.
    pub matched: bool,
    /// True for an excluded word (`-word`).
    pub excluded: bool,
}

/// Facet counts: value → number of matching documents.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// By language code.
    pub lang: BTreeMap<String, usize>,
    /// By document type.
    #[serde(rename = "type")]
    pub kind: BTreeMap<String, usize>,
    /// By year (the first four characters of the date).
    pub year: BTreeMap<String, usize>,
    /// The site's own filters (`data-folio-filter`), in the order the index first met them.
    pub filters: Vec<FilterFacet>,
    /// True when some counts are estimates: on a large split index the metadata of documents
    /// whose chunk a search did not need is not fetched for the counts, which are then taken
    /// from the root's per-chunk summaries (in the proportions of each chunk's values).
    pub estimated: bool,
}

/// The counts of one of the site's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FilterFacet {
    /// The filter's name, as the site writes it (lowercased).
    pub key: String,
    /// Its label from the configuration (`[filters]`), if any.
    pub label: Option<String>,
    /// Value → matching documents with it, before any filter (as `lang`, `type` and `year`).
    pub counts: BTreeMap<String, usize>,
    /// Value → matching documents with it that pass every other filter (this key's own aside):
    /// how many documents choosing the value would add.
    pub filtered: BTreeMap<String, usize>,
}

/// Declares a struct that begins with the fields every view of one stored document begins with
/// (`id`, `title`, `titleHighlights`, `url`, `date`, `lang`, `type`, `parent`), then the fields
/// given (built with [`from_stored!`]): written once for [`Hit`] and
/// [`DocumentView`](super::DocumentView). A shared struct
/// under `#[serde(flatten)]` would be serialised through a map (keys that are not `&'static str`,
/// more code in the wasm); declared here, each stays a plain struct that serde writes field by
/// field, so their JSON, and `folio.d.ts`'s `DocumentView extends Pick<Hit, …>`, are unchanged.
macro_rules! document_struct {
    ($(#[$attr:meta])* pub struct $name:ident { $($rest:tt)* }) => {
        $(#[$attr])*
        pub struct $name {
            /// The document's id.
            pub id: String,
            /// The document's title.
            pub title: String,
            /// Matched words in the title, as UTF-16 `[start, end)` ranges.
            pub title_highlights: Vec<[u32; 2]>,
            /// Link to the document, if known.
            pub url: Option<String>,
            /// ISO date, if known.
            pub date: Option<String>,
            /// Language of the text, if known.
            pub lang: Option<String>,
            /// Document type, if known.
            #[serde(rename = "type")]
            pub kind: Option<String>,
            /// Id of the page this document is part of (listing entries), if any.
            pub parent: Option<String>,
            $($rest)*
        }
    };
}
pub(super) use document_struct;

/// Builds a struct declared by [`document_struct!`]: the fields every view of a document begins
/// with from the stored document `stored` (its title clipped at
/// [`MAX_TITLE_UNITS`](crate::snippet::MAX_TITLE_UNITS), the words at `title_marks`
/// highlighted), then the other fields as given, `{ field: value, field }`.
macro_rules! from_stored {
    ($name:ident, $analyzer:expr, $stored:expr, $title_marks:expr, { $($field:ident $(: $value:expr)?),* $(,)? }) => {{
        let stored: &$crate::index::docs::DocView = $stored;
        let title_marks: &[(u32, $crate::snippet::Mark)] = $title_marks;
        let title = $crate::snippet::clip(stored.title, $crate::snippet::MAX_TITLE_UNITS);
        let is_match = |position: u32| title_marks.binary_search_by_key(&position, |m| m.0).is_ok();
        let title_highlights = $crate::snippet::highlight_all($analyzer, &title, is_match);
        let owned = |s: Option<&str>| s.map(str::to_string);
        $name {
            id: stored.id.to_string(),
            title: title.into_owned(),
            title_highlights,
            url: owned(stored.url),
            date: owned(stored.date),
            lang: owned(stored.lang),
            kind: owned(stored.kind),
            parent: owned(stored.parent),
            $($field $(: $value)?),*
        }
    }};
}
pub(super) use from_stored;

document_struct! {
/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The metadata the page declares for display (`data-folio-meta`: `image`, `image_alt`,
    /// `author`, a `date` as the page writes it, …), by key.
    pub meta: BTreeMap<String, String>,
    /// Relevance score (higher is better; comparable within one response only).
    pub score: f32,
    /// The section the snippet comes from ("Original Scan", "Summary", …), if any.
    pub section: Option<String>,
    /// The id of that section's heading, for linking to `url#anchor`, if the source has one.
    pub anchor: Option<String>,
    /// The best passage, with matched words highlighted.
    pub snippet: Snippet,
    /// The sections that matched, best first (at most [`MAX_SECTIONS`]): the first is the one
    /// `section`, `anchor` and `snippet` describe, the others are sub-results. Empty when only
    /// the title or the citation matched.
    pub sections: Vec<SectionHit>,
}
}

/// The most sections a hit lists.
pub const MAX_SECTIONS: usize = 5;

/// A section of a document that matched: a sub-result to link to `url#anchor`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SectionHit {
    /// The section's heading ("Original Scan", "Installation", …); `None` for the text before
    /// the first heading.
    pub title: Option<String>,
    /// The id to link to, if the source gives the section one.
    pub anchor: Option<String>,
    /// The section's best passage, with matched words highlighted.
    pub snippet: Snippet,
    /// How well the section matched (higher is better; comparable within one hit only).
    pub score: f32,
}
