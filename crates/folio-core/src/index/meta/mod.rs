//! Per-document metadata (date, language, type, and the site's own filters and sort keys), the
//! data of filters, facets and sorting.
//!
//! On disk it is one section: the document count, then `date`, `lang` and `type` of each
//! document as optional strings, then the site's filters and sort keys ([`custom`]). In memory it is a [`MetaTable`]: one column per value, each
//! distinct value stored once and each document holding a small id, so filtering and counting
//! the facets of tens of thousands of matching documents reads a few bytes per document and
//! allocates nothing (a `String` per document and value made facets half the time of a query).

use std::collections::{BTreeMap, HashMap};

use super::codec::{Decoder, Encoder};
use crate::corpus::Document;
use crate::{Error, Result};

pub mod custom;

pub use custom::{Custom, FilterColumn, SortColumn};

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

/// Encodes every document's metadata.
pub fn encode(metas: &[DocMeta]) -> Vec<u8> {
    encode_with(metas, &[])
}

/// Encodes every document's metadata, the site's filters named in `facets` (name, label) first.
pub fn encode_with(metas: &[DocMeta], facets: &[(String, Option<String>)]) -> Vec<u8> {
    let mut e = Encoder::new();
    e.varint(metas.len() as u64);
    for m in metas {
        e.opt_str(m.date.as_deref());
        e.opt_str(m.lang.as_deref());
        e.opt_str(m.kind.as_deref());
    }
    custom::encode(&mut e, metas, facets);
    e.buf
}

/// A document's metadata, borrowed from a [`MetaTable`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Meta<'a> {
    /// ISO date, if known.
    pub date: Option<&'a str>,
    /// Language code, if known.
    pub lang: Option<&'a str>,
    /// Document type, if known.
    pub kind: Option<&'a str>,
}

/// A column of a [`MetaTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The date.
    Date = 0,
    /// The language code.
    Lang = 1,
    /// The document type.
    Kind = 2,
    /// The year: the date's first four characters.
    Year = 3,
}

/// One column: the distinct values and each document's id among them (0: no value).
#[derive(Debug, Clone, Default)]
struct Column {
    /// Value `id` is `values[id]`; `values[0]` is an unused empty string.
    values: Vec<String>,
    ids: Vec<u32>,
}

impl Column {
    fn new() -> Column {
        Column { values: vec![String::new()], ids: Vec::new() }
    }

    fn push<'a>(&mut self, value: Option<&'a str>, seen: &mut HashMap<&'a str, u32>) {
        let id = match value {
            None => 0,
            Some(v) => match seen.get(v) {
                Some(&id) => id,
                None => {
                    let id = self.values.len() as u32;
                    self.values.push(v.to_string());
                    seen.insert(v, id);
                    id
                }
            },
        };
        self.ids.push(id);
    }

    fn get(&self, doc: usize) -> Option<&str> {
        match self.ids.get(doc) {
            Some(&id) if id > 0 => self.values.get(id as usize).map(String::as_str),
            _ => None,
        }
    }
}

/// Every document's metadata, column by column, each distinct value once.
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    columns: [Column; 4],
    custom: Custom,
}

impl MetaTable {
    /// Decodes the metadata section.
    pub fn decode(bytes: &[u8]) -> Result<MetaTable> {
        let mut d = Decoder::new(bytes, "document metadata");
        let n = d.len()?;
        // Each document's metadata takes at least three bytes: a damaged count cannot reserve more.
        let reserve = n.min(bytes.len() / 3);
        let mut columns = [Column::new(), Column::new(), Column::new(), Column::new()];
        for c in &mut columns {
            c.ids.reserve(reserve);
        }
        let mut seen: [HashMap<&str, u32>; 4] = Default::default();
        for _ in 0..n {
            let date = d.opt_str()?;
            let year = date.and_then(|date| date.get(..4));
            for (f, value) in [date, d.opt_str()?, d.opt_str()?, year].into_iter().enumerate() {
                columns[f].push(value, &mut seen[f]);
            }
        }
        let custom = custom::decode(&mut d, n)?;
        if !d.is_empty() {
            return Err(Error::corrupt("the document metadata has bytes after its end"));
        }
        Ok(MetaTable { columns, custom })
    }

    /// The site's own filters and sort keys.
    pub fn custom(&self) -> &Custom {
        &self.custom
    }

    /// The distinct values of a column, in the order first met.
    pub fn values(&self, field: MetaField) -> impl Iterator<Item = &str> {
        self.columns[field as usize].values.iter().skip(1).map(String::as_str)
    }

    /// How many documents the table describes.
    pub fn len(&self) -> usize {
        self.columns[0].ids.len()
    }

    /// Whether it describes no document.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The metadata of document `doc`, if there is such a document.
    pub fn get(&self, doc: u32) -> Option<Meta<'_>> {
        let doc = doc as usize;
        (doc < self.len()).then(|| Meta {
            date: self.columns[MetaField::Date as usize].get(doc),
            lang: self.columns[MetaField::Lang as usize].get(doc),
            kind: self.columns[MetaField::Kind as usize].get(doc),
        })
    }

    /// For `field`, which of its values `keep` accepts, by value id (id 0, no value, never).
    pub fn accepted(&self, field: MetaField, keep: impl Fn(&str) -> bool) -> Vec<bool> {
        let values = &self.columns[field as usize].values;
        values.iter().enumerate().map(|(id, v)| id > 0 && keep(v)).collect()
    }

    /// Whether document `doc`'s value of `field` is among `accepted` (from [`MetaTable::accepted`]).
    pub fn is_accepted(&self, field: MetaField, doc: u32, accepted: &[bool]) -> bool {
        let ids = &self.columns[field as usize].ids;
        ids.get(doc as usize).is_some_and(|&id| accepted.get(id as usize).copied().unwrap_or(false))
    }

    /// How many of `docs` have each value of `field` (values no document has are left out).
    pub fn count(&self, field: MetaField, docs: &[u32]) -> BTreeMap<String, usize> {
        let column = &self.columns[field as usize];
        let mut counts = vec![0usize; column.values.len()];
        for &doc in docs {
            if let Some(&id) = column.ids.get(doc as usize) {
                counts[id as usize] += 1;
            }
        }
        // Inserted one by one: `collect` would sort first, with a stable sort of its own (code
        // the wasm module has no other use for).
        let mut out = BTreeMap::new();
        for (id, &n) in counts.iter().enumerate().skip(1).filter(|&(_, &n)| n > 0) {
            out.insert(column.values[id].clone(), n);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<DocMeta> {
        let meta = |date: Option<&str>, lang: Option<&str>, kind: Option<&str>| DocMeta {
            date: date.map(Into::into),
            lang: lang.map(Into::into),
            kind: kind.map(Into::into),
            ..DocMeta::default()
        };
        vec![
            meta(Some("1956-09-21"), Some("ru"), Some("telegram")),
            meta(None, None, None),
            meta(Some("1956"), Some("en"), Some("telegram")),
            meta(Some("1953-07"), Some("ru"), None),
        ]
    }

    #[test]
    fn every_value_reads_back() {
        let metas = sample();
        let table = MetaTable::decode(&encode(&metas)).unwrap();
        assert_eq!(table.len(), metas.len());
        for (doc, m) in metas.iter().enumerate() {
            let got = table.get(doc as u32).unwrap();
            assert_eq!(got.date, m.date.as_deref());
            assert_eq!(got.lang, m.lang.as_deref());
            assert_eq!(got.kind, m.kind.as_deref());
        }
        assert_eq!(table.get(4), None);
    }

    #[test]
    fn facets_count_documents_by_value() {
        let table = MetaTable::decode(&encode(&sample())).unwrap();
        let all = [0, 1, 2, 3];
        let pairs = |m: BTreeMap<String, usize>| m.into_iter().collect::<Vec<_>>();
        assert_eq!(pairs(table.count(MetaField::Lang, &all)), [("en".into(), 1), ("ru".into(), 2)]);
        assert_eq!(pairs(table.count(MetaField::Kind, &[1, 2])), [("telegram".into(), 1)]);
        assert_eq!(pairs(table.count(MetaField::Year, &all)), [("1953".into(), 1), ("1956".into(), 2)]);
        assert!(table.count(MetaField::Lang, &[9]).is_empty(), "a document past the end counts nowhere");
    }

    #[test]
    fn filters_accept_values_not_documents_without_one() {
        let table = MetaTable::decode(&encode(&sample())).unwrap();
        let ru = table.accepted(MetaField::Lang, |v| v.eq_ignore_ascii_case("RU"));
        let kept: Vec<u32> = (0..5).filter(|&d| table.is_accepted(MetaField::Lang, d, &ru)).collect();
        assert_eq!(kept, [0, 3]);
    }

    #[test]
    fn damaged_metadata_is_an_error() {
        let bytes = encode(&sample());
        for cut in 0..bytes.len() {
            assert!(MetaTable::decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
