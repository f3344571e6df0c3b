//! What a search answers: the response, its hits and their sections.

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

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
    pub lang: Map<usize>,
    /// By document type.
    #[serde(rename = "type")]
    pub kind: Map<usize>,
    /// By year (the first four characters of the date).
    pub year: Map<usize>,
    /// The site's own filters (`data-folio-filter`), in the order the index first met them.
    pub filters: Vec<FilterFacet>,
    /// True when some counts are estimates: on a large split index the metadata of documents
    /// whose chunk a search did not need is not fetched for the counts, which are then taken
    /// from the root's per-chunk summaries (in the proportions of each chunk's values); and
    /// when a long posting list was pruned (`rank::prune`), the documents of its blocks left
    /// unread are counted in the proportions of the documents in their range.
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
    pub counts: Map<usize>,
    /// Value → matching documents with it that pass every other filter (this key's own aside):
    /// how many documents choosing the value would add.
    pub filtered: Map<usize>,
}

/// Names to values, sorted by name: the facet counts, a hit's metadata and the site's filters of
/// the options. Serialised as a map (a JSON or JavaScript object), as a `BTreeMap` would be; a
/// sorted `Vec` is enough for maps of a few entries, and instantiating the B-tree for each value
/// type cost the wasm module about 16 KB before wasm-opt (`bench/size-table.md`).
#[derive(Clone, PartialEq, Eq)]
pub struct Map<V> {
    /// Sorted by name, each name once.
    entries: Vec<(String, V)>,
}

impl<V> Map<V> {
    /// An empty map.
    pub const fn new() -> Self {
        Map { entries: Vec::new() }
    }

    /// Sets `key`'s value to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.entries.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`, if it has one.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().map(|i| &self.entries[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// How many names have a value.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no name has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The names and their values, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in the order of their names.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map::new()
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for Map<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Entries inserted one by one: a later value of a name replaces an earlier one, as in a `BTreeMap`.
impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(entries: I) -> Self {
        let mut map = Map::new();
        for (key, value) in entries {
            map.insert(key, value);
        }
        map
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Map<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V, Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for Map<V> {
    type Output = V;

    /// The value of `key`; panics when it has none, as a `BTreeMap` does.
    fn index(&self, key: &Q) -> &V {
        let key = key.as_ref();
        match self.get(key) {
            Some(value) => value,
            None => panic!("no entry named {key:?}"),
        }
    }
}

/// Equal to a `BTreeMap` with the same entries (for tests written against one).
impl<V: PartialEq> PartialEq<BTreeMap<String, V>> for Map<V> {
    fn eq(&self, other: &BTreeMap<String, V>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl<V: Serialize> Serialize for Map<V> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
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
    pub meta: Map<String>,
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

#[cfg(test)]
mod tests {
    use super::Map;
    use std::collections::BTreeMap;

    #[test]
    fn a_map_orders_replaces_and_serialises_as_a_btree_map_does() {
        let entries = [("year", 3), ("Zeta", 1), ("alpha", 2), ("year", 5), ("", 0), ("éclair", 4)];
        let owned = || entries.iter().map(|&(k, v)| (k.to_string(), v));
        let map: Map<usize> = owned().collect();
        let tree: BTreeMap<String, usize> = owned().collect();
        assert_eq!(map, tree);
        assert_eq!(serde_json::to_string(&map).ok(), serde_json::to_string(&tree).ok());
        assert_eq!(format!("{map:?}"), format!("{tree:?}"));
        assert_eq!(map.keys().collect::<Vec<_>>(), tree.keys().collect::<Vec<_>>());
        assert_eq!((map.get("year"), map.get("yea"), map["alpha"]), (Some(&5), None, 2));
        let mut map = map;
        assert_eq!(map.insert("alpha".into(), 7), Some(2));
        assert_eq!(map.insert("beta".into(), 8), None);
        assert_eq!(
            map.iter().map(|(k, &v)| (k.as_str(), v)).collect::<Vec<_>>()[..4],
            [("", 0), ("Zeta", 1), ("alpha", 7), ("beta", 8)]
        );
        assert!(Map::<u8>::default().is_empty() && !map.contains_key("gamma") && map.len() == 6);
    }
}
