//! Per-document metadata (date, language, type, and the site's own filters and sort keys), the
//! data of filters, facets and sorting.
//!
//! On disk the root's metadata section holds the tables (each distinct language, type, year,
//! non-ISO date and filter value once, and the sort keys' names) and then either every
//! document's columns ([`block`]: value ids packed by the width they need or as runs, dates as
//! numbers, [`date`]) or, for a large corpus, one [`Summary`] per metadata chunk: a chunk holds
//! the columns of [`MetaTable::docs_per_chunk`] consecutive documents (so a document's chunk is
//! computed, not listed), and its summary counts the documents with each facet value and gives
//! the range of their dates. A search that filters or sorts reads the chunks of its candidate
//! documents; facet counts for documents whose chunk is not at hand are estimated from the
//! summaries ([`Facets::estimated`](crate::search::Facets::estimated)).
//!
//! ```text
//! varint documents · varint documents per chunk (0: the columns follow here)
//! tables: other dates (sorted) · languages · types · years (sorted): varint n · strings
//! the site's filters and sort keys ([`custom`]) · the columns, or a summary per chunk
//! ```
//!
//! In memory it is a [`MetaTable`]: columns of small ids, so filtering and counting the facets of
//! tens of thousands of matching documents reads a few bytes per document and allocates nothing.

use super::codec::{Decoder, Encoder};
use crate::corpus::Document;
use crate::{Error, Result};

mod block;
mod column;
pub mod custom;
mod date;
mod write;

pub use block::Summary;
pub use custom::{Custom, FilterColumn, SortColumn};
pub use write::Encoded;

use block::Block;
pub use block::{FILTERS, KIND, LANG, YEAR};

/// The most documents whose columns a split index's root holds itself; more always go to chunks
/// (so a damaged count cannot make the root claim billions of documents packed in a few runs).
pub const MAX_ROOT_DOCS: u32 = 1 << 21;
/// The most documents of one metadata chunk.
const MAX_CHUNK_DOCS: u32 = 1 << 20;
/// Past this many bytes of columns, a split index's root leaves them to metadata chunks.
pub const ROOT_COLUMN_BYTES: usize = 8 * 1024;

/// A document's metadata, as the writer collects it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocMeta {
    /// ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), if known.
    pub date: Option<String>,
    /// Language code of the text, if known.
    pub lang: Option<String>,
    /// Document type, if known.
    pub kind: Option<String>,
    /// The site's own filters: name → values.
    pub filters: Vec<(String, Vec<String>)>,
    /// The site's own sort keys: name → value.
    pub sort: Vec<(String, String)>,
}

impl DocMeta {
    /// The metadata of `doc`.
    pub fn of(doc: &Document) -> DocMeta {
        DocMeta {
            date: doc.date.clone(),
            lang: doc.lang.clone(),
            kind: doc.kind.clone(),
            filters: doc.filters.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            sort: doc.sort.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

/// The value tables every search needs, always in the root.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tables {
    /// Dates that are not ISO, sorted; a date code of [`date::OTHER`] + i is `others[i]`.
    others: Vec<String>,
    langs: Vec<String>,
    kinds: Vec<String>,
    /// Sorted.
    years: Vec<String>,
    custom: Custom,
}

impl Tables {
    fn encode(&self, e: &mut Encoder) {
        for table in [&self.others, &self.langs, &self.kinds, &self.years] {
            e.varint(table.len() as u64);
            for v in table {
                e.str(v);
            }
        }
        self.custom.encode(e);
    }

    fn decode(d: &mut Decoder) -> Result<Tables> {
        let mut tables: [Vec<String>; 4] = Default::default();
        for table in &mut tables {
            for _ in 0..d.len()? {
                table.push(d.str()?.to_string());
            }
        }
        let [others, langs, kinds, years] = tables;
        let sorted = |t: &[String]| t.windows(2).all(|w| w[0] < w[1]);
        if !sorted(&others) || !sorted(&years) || others.len() >= (u32::MAX - date::OTHER) as usize {
            return Err(Error::corrupt("the document metadata's tables are out of order"));
        }
        Ok(Tables { others, langs, kinds, years, custom: Custom::decode(d)? })
    }

    /// The text of date code `c`.
    fn date_text(&self, c: u32) -> Option<String> {
        match c {
            0 => None,
            c if c < date::OTHER => Some(date::text(c)),
            c => self.others.get((c - date::OTHER) as usize).cloned(),
        }
    }

    /// 1 + the id of date code `c`'s year (0 for none).
    fn year_of(&self, c: u32) -> Result<u32> {
        let year = match c {
            0 => return Ok(0),
            c if c < date::OTHER => date::year(c),
            c => match self.others.get((c - date::OTHER) as usize).and_then(|d| d.get(..4)) {
                Some(year) => year.to_string(),
                None => return Ok(0),
            },
        };
        match self.years.binary_search(&year) {
            Ok(id) => Ok(id as u32 + 1),
            Err(_) => Err(Error::corrupt(format!("the document metadata lacks the year {year} of a date"))),
        }
    }

    /// The values of facet column `col`.
    fn facet_values(&self, col: usize) -> &[String] {
        match col {
            LANG => &self.langs,
            KIND => &self.kinds,
            YEAR => &self.years,
            _ => self.custom.filters.get(col - FILTERS).map_or(&[], |f| f.values()),
        }
    }

    fn columns(&self) -> usize {
        FILTERS + self.custom.filters.len()
    }
}

/// Encodes every document's metadata in one section (a single file's).
pub fn encode(metas: &[DocMeta]) -> Vec<u8> {
    Encoded::new(metas, &[]).inline()
}

/// A document's metadata, from a [`MetaTable`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta<'a> {
    /// ISO date, if known.
    pub date: Option<String>,
    /// Language code, if known.
    pub lang: Option<&'a str>,
    /// Document type, if known.
    pub kind: Option<&'a str>,
}

/// A column of a [`MetaTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The date (its table holds only the dates that are not ISO).
    Date = 0,
    /// The language code.
    Lang = 1,
    /// The document type.
    Kind = 2,
    /// The year: the date's first four characters.
    Year = 3,
}

/// Every document's metadata: the tables, and the columns of the documents at hand.
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    doc_count: u32,
    /// Documents per metadata chunk; 0 when the root holds every document's columns.
    per_chunk: u32,
    tables: Tables,
    /// The columns: one block for every document, or one per chunk (`None` until added).
    blocks: Vec<Option<Block>>,
    summaries: Vec<Summary>,
}

impl MetaTable {
    /// Decodes the metadata section. A root may hold the columns of at most `root_docs`
    /// documents itself (a count checked elsewhere, or [`MAX_ROOT_DOCS`]).
    pub fn decode(bytes: &[u8], root_docs: u32) -> Result<MetaTable> {
        let mut d = Decoder::new(bytes, "document metadata");
        let doc_count = d.varint_u32()?;
        let per_chunk = d.varint_u32()?;
        let tables = Tables::decode(&mut d)?;
        let mut table = MetaTable { doc_count, per_chunk, tables, ..MetaTable::default() };
        if per_chunk == 0 {
            if doc_count > root_docs {
                return Err(Error::corrupt(format!("the document metadata claims {doc_count} documents in the root")));
            }
            table.blocks.push(Some(Block::decode(&mut d, doc_count as usize, &table.tables)?));
        } else {
            if per_chunk > MAX_CHUNK_DOCS {
                return Err(Error::corrupt("the document metadata's chunks are too large"));
            }
            for start in (0..doc_count).step_by(per_chunk as usize) {
                let len = per_chunk.min(doc_count - start);
                table.summaries.push(Summary::decode(&mut d, len, &table.tables)?);
            }
            table.blocks = table.summaries.iter().map(|_| None).collect();
        }
        if !d.is_empty() {
            return Err(Error::corrupt("the document metadata has bytes after its end"));
        }
        Ok(table)
    }

    /// Adds metadata chunk `number` (its section's bytes), checked against the root's summary.
    pub(crate) fn add_chunk(&mut self, number: u32, bytes: &[u8]) -> Result<bool> {
        let k = number as usize;
        let Some(summary) = self.summaries.get(k) else {
            return Err(Error::corrupt(format!("the index has no metadata chunk {k}")));
        };
        if self.blocks[k].is_some() {
            return Ok(false);
        }
        let mut d = Decoder::new(bytes, "document metadata chunk");
        let block = Block::decode(&mut d, summary.len as usize, &self.tables)?;
        if !d.is_empty() || block.summary(self.tables.columns()) != *summary {
            return Err(Error::corrupt(format!("metadata chunk {k} does not hold what the root says it holds")));
        }
        self.blocks[k] = Some(block);
        Ok(true)
    }

    /// How many documents each metadata chunk holds; 0 when the root holds every document's.
    pub fn docs_per_chunk(&self) -> u32 {
        self.per_chunk
    }

    /// How many metadata chunks there are (0 when the root holds every document's columns).
    pub fn chunk_count(&self) -> u32 {
        self.summaries.len() as u32
    }

    /// The metadata chunk holding document `doc` (0 when the root holds them all).
    pub fn chunk_of(&self, doc: u32) -> u32 {
        doc.checked_div(self.per_chunk).unwrap_or(0)
    }

    /// The metadata chunk of document `doc` when it is not at hand.
    pub fn lacking(&self, doc: u32) -> Option<u32> {
        let k = self.chunk_of(doc);
        matches!(self.blocks.get(k as usize), Some(None)).then_some(k)
    }

    /// What the root knows of metadata chunk `number` (none when the root holds every column).
    pub fn summary(&self, number: u32) -> Option<&Summary> {
        self.summaries.get(number as usize)
    }

    /// Document `doc`'s block and its place in it, if at hand.
    fn at(&self, doc: u32) -> Option<(&Block, usize)> {
        if doc >= self.doc_count {
            return None;
        }
        let k = self.chunk_of(doc);
        let local = doc - k * self.per_chunk;
        self.blocks.get(k as usize)?.as_ref().map(|b| (b, local as usize))
    }

    /// The site's own filters and sort keys.
    pub fn custom(&self) -> &Custom {
        &self.tables.custom
    }

    /// The distinct values of a column: languages and types in the order first met, years in
    /// order; for [`MetaField::Date`], the dates that are not ISO.
    pub fn values(&self, field: MetaField) -> impl Iterator<Item = &str> {
        let t = &self.tables;
        let table = match field {
            MetaField::Date => &t.others,
            MetaField::Lang => &t.langs,
            MetaField::Kind => &t.kinds,
            MetaField::Year => &t.years,
        };
        table.iter().map(String::as_str)
    }

    /// How many documents the table describes.
    pub fn len(&self) -> usize {
        self.doc_count as usize
    }

    /// Whether it describes no document.
    pub fn is_empty(&self) -> bool {
        self.doc_count == 0
    }

    /// The metadata of document `doc`, if there is such a document and its chunk is at hand.
    pub fn get(&self, doc: u32) -> Option<Meta<'_>> {
        let (b, i) = self.at(doc)?;
        fn name(table: &[String], id: u32) -> Option<&str> {
            id.checked_sub(1).and_then(|id| table.get(id as usize)).map(String::as_str)
        }
        Some(Meta {
            date: self.tables.date_text(b.dates[i]),
            lang: name(&self.tables.langs, b.langs[i]),
            kind: name(&self.tables.kinds, b.kinds[i]),
        })
    }

    /// For `field` (language or type), which of its values `keep` accepts, by value id.
    pub fn accepted(&self, field: MetaField, keep: impl Fn(&str) -> bool) -> Vec<bool> {
        self.values(field).map(keep).collect()
    }

    /// Whether document `doc`'s value of `field` (language or type) is among `accepted` (from
    /// [`MetaTable::accepted`]); `None` when its chunk is not at hand.
    pub fn is_accepted(&self, field: MetaField, doc: u32, accepted: &[bool]) -> Option<bool> {
        let (b, i) = self.at(doc)?;
        let id = if field == MetaField::Lang { b.langs[i] } else { b.kinds[i] };
        Some(id.checked_sub(1).is_some_and(|id| accepted.get(id as usize).copied().unwrap_or(false)))
    }

    /// Document `doc`'s date code (0: none); `None` when its chunk is not at hand.
    pub fn date_code(&self, doc: u32) -> Option<u32> {
        self.at(doc).map(|(b, i)| b.dates[i])
    }

    /// Whether date code `c` lies within `from` and `to` (ISO bounds, as the search checked
    /// them): for an ISO date by number, for another by its text as before.
    pub fn date_within(&self, c: u32, from: Option<&str>, to: Option<&str>) -> bool {
        if date::is_iso(c) {
            let low = from.and_then(date::code).unwrap_or(0);
            let high = to.and_then(date::last_code).unwrap_or(u32::MAX);
            return c >= low && c <= high;
        }
        let Some(d) = self.tables.date_text(c) else { return false };
        from.is_none_or(|from| d.as_str() >= from) && to.is_none_or(|to| d.as_str() <= to || d.starts_with(to))
    }

    /// The codes bounding `from` and `to`, for deciding a chunk from its summary.
    pub fn date_bounds(from: Option<&str>, to: Option<&str>) -> (u32, u32) {
        (from.and_then(date::code).unwrap_or(0), to.and_then(date::last_code).unwrap_or(u32::MAX))
    }

    /// Document `doc`'s value ids of the site's filter number `filter` (ascending); `None` when
    /// its chunk is not at hand.
    pub fn filter_ids(&self, filter: usize, doc: u32) -> Option<&[u32]> {
        let (b, i) = self.at(doc)?;
        Some(b.filters.get(filter).map_or(&[][..], |m| m.of(i)))
    }

    /// Document `doc`'s rank by the site's sort key number `sort` (0: no value); `None` when its
    /// chunk is not at hand.
    pub fn sort_rank(&self, sort: usize, doc: u32) -> Option<u32> {
        let (b, i) = self.at(doc)?;
        Some(b.sorts.get(sort).map_or(0, |r| r[i]))
    }

    /// How many facet columns there are: language, type, year, then each site filter.
    pub fn facet_columns(&self) -> usize {
        self.tables.columns()
    }

    /// The values of facet column `col` (language, type, year, then each site filter).
    pub fn facet_values(&self, col: usize) -> &[String] {
        self.tables.facet_values(col)
    }

    /// Adds to `counts` (one per value of facet column `col`) document `doc`'s values; false,
    /// adding nothing, when its chunk is not at hand.
    pub fn tally(&self, col: usize, doc: u32, counts: &mut [f64]) -> bool {
        let Some((b, i)) = self.at(doc) else { return false };
        b.facet(col, i, |id| {
            if let Some(n) = counts.get_mut(id as usize) {
                *n += 1.0;
            }
        });
        true
    }

    /// [`MetaTable::tally`] of every facet column (`counts`, one per column) for each of `docs`
    /// (ascending) at hand, and per metadata chunk not at hand, in `missing`, how many of `docs`
    /// it holds. The chunk is found once per run of its documents, not once per document and
    /// column: a frequent word's query counts the facets of most of the index.
    pub fn tally_all(&self, docs: &[u32], counts: &mut [Vec<f64>], missing: &mut [u32]) {
        let mut i = 0;
        while i < docs.len() {
            let k = self.chunk_of(docs[i]);
            let start = k.saturating_mul(self.per_chunk);
            let end = if self.per_chunk == 0 { u32::MAX } else { start.saturating_add(self.per_chunk) };
            let end = end.min(self.doc_count);
            let run = docs[i..].iter().take_while(|&&d| d < end).count();
            if run == 0 {
                // Past the documents: at hand nowhere, missing nowhere.
                i += 1;
                continue;
            }
            let run_docs = &docs[i..i + run];
            match self.blocks.get(k as usize) {
                Some(Some(b)) => {
                    for (col, c) in counts.iter_mut().enumerate() {
                        b.tally(col, run_docs, start, c);
                    }
                }
                Some(None) => {
                    if let Some(m) = missing.get_mut(k as usize) {
                        *m += run as u32;
                    }
                }
                None => {}
            }
            i += run;
        }
    }

    /// Adds to `counts` what `docs` documents of metadata chunk `number`, whose columns are not at
    /// hand, would add if they had its values in the proportions of the whole chunk.
    pub fn estimate(&self, col: usize, number: u32, docs: u32, counts: &mut [f64]) {
        self.estimate_share(col, number, f64::from(docs), counts);
    }

    fn estimate_share(&self, col: usize, number: u32, docs: f64, counts: &mut [f64]) {
        let Some(s) = self.summaries.get(number as usize) else { return };
        let share = docs / f64::from(s.len.max(1));
        for &(id, n) in s.entries(col) {
            if let Some(c) = counts.get_mut(id as usize) {
                *c += f64::from(n) * share;
            }
        }
    }

    /// Adds to `counts` what `docs` documents somewhere in `first..=last` would add if they had
    /// the values of the documents there in their proportions: from the summaries of the
    /// metadata chunks the range spans, or, when the root holds the columns, from 64 documents
    /// spread over it.
    pub fn estimate_range(&self, col: usize, (first, last): (u32, u32), docs: u32, counts: &mut [f64]) {
        let last = last.min(self.doc_count.saturating_sub(1));
        if first > last || docs == 0 {
            return;
        }
        let span = u64::from(last - first) + 1;
        if self.summaries.is_empty() || self.per_chunk == 0 {
            let samples = span.min(64);
            let mut seen = vec![0.0; counts.len()];
            for i in 0..samples {
                self.tally(col, first + (i * span / samples) as u32, &mut seen);
            }
            let scale = f64::from(docs) / samples as f64;
            counts.iter_mut().zip(seen).for_each(|(c, n)| *c += n * scale);
            return;
        }
        for k in self.chunk_of(first)..=self.chunk_of(last) {
            let start = u64::from(k) * u64::from(self.per_chunk);
            let end = start + u64::from(self.per_chunk) - 1;
            let overlap = end.min(u64::from(last)) + 1 - start.max(u64::from(first));
            self.estimate_share(col, k, f64::from(docs) * overlap as f64 / span as f64, counts);
        }
    }

    /// `counts` of facet column `col` as value → count, rounded, leaving out zeros.
    pub fn named(&self, col: usize, counts: &[f64]) -> crate::search::Map<usize> {
        custom::named(self.tables.facet_values(col), counts)
    }
}

#[cfg(test)]
mod tests;
