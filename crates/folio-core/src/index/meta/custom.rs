//! The site's own filters and sort keys, the second part of the metadata section.
//!
//! ```text
//! varint filter count · per filter: key · label (empty: none) · varint value count · values ·
//!     per document: varint n · n value ids
//! varint sort key count · per sort key: key · per document: varint rank (0: no value)
//! ```
//!
//! A filter is a table of its distinct values (each stored once, in the order first met) and, per
//! document, the ids of its values (ascending, none repeated), so the root holds each value once
//! however many documents share it. A sort key holds no values at all: only each document's rank
//! among them (equal values, equal ranks), numeric when every value of the key is a number, else
//! by text, so the order is decided once, when the index is written.

use std::collections::{BTreeMap, HashMap};

use super::super::codec::{Decoder, Encoder};
use super::DocMeta;
use crate::{Error, Result};

/// One filter of the site (`data-folio-filter="collection:…"`): its values and each document's.
#[derive(Debug, Clone, Default)]
pub struct FilterColumn {
    key: String,
    label: Option<String>,
    values: Vec<String>,
    /// Document `d`'s value ids are `ids[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl FilterColumn {
    /// The filter's name.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The label the configuration gives the filter, if any.
    pub fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }

    /// The distinct values, in the order first met; a value's id is its place here.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// The id of `value`, if any document has it.
    pub fn id_of(&self, value: &str) -> Option<u32> {
        self.values.iter().position(|v| v == value).map(|i| i as u32)
    }

    /// Document `doc`'s value ids, ascending (empty for a document past the end).
    pub fn ids_of(&self, doc: u32) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&from), Some(&to)) => self.ids.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Adds document `doc`'s values to `counts` (one slot per value id).
    pub fn tally(&self, doc: u32, counts: &mut [usize]) {
        for &id in self.ids_of(doc) {
            if let Some(n) = counts.get_mut(id as usize) {
                *n += 1;
            }
        }
    }

    /// `counts` (one per value id) as value → count, leaving out zeros.
    pub fn named(&self, counts: &[usize]) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for (id, &n) in counts.iter().enumerate().filter(|&(_, &n)| n > 0) {
            if let Some(value) = self.values.get(id) {
                out.insert(value.clone(), n);
            }
        }
        out
    }
}

/// One sort key of the site (`data-folio-sort="year"`): each document's rank by it.
#[derive(Debug, Clone, Default)]
pub struct SortColumn {
    key: String,
    /// Per document: 0 for no value, else 1 + the place of its value among the key's distinct
    /// values in order.
    ranks: Vec<u32>,
}

impl SortColumn {
    /// The sort key's name.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Document `doc`'s rank (lower sorts first), or `None` when it has no value.
    pub fn rank(&self, doc: u32) -> Option<u32> {
        self.ranks.get(doc as usize).copied().filter(|&r| r > 0)
    }
}

/// Every site filter and sort key.
#[derive(Debug, Clone, Default)]
pub struct Custom {
    pub(super) filters: Vec<FilterColumn>,
    pub(super) sorts: Vec<SortColumn>,
}

/// Keys in the order first met, each document's values by key.
fn keys_in_order<'a, I: Iterator<Item = &'a str>>(per_doc: impl Iterator<Item = I>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for doc in per_doc {
        for key in doc {
            if seen.insert(key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// Writes the site's filters and sort keys of `metas`; the filters `facets` names (with their
/// labels) first, in its order, then the others in the order first met.
pub(super) fn encode(e: &mut Encoder, metas: &[DocMeta], facets: &[(String, Option<String>)]) {
    let met = keys_in_order(metas.iter().map(|m| m.filters.iter().map(|(k, _)| k.as_str())));
    let configured = facets.iter().map(|(k, _)| k.as_str()).filter(|k| met.contains(k));
    let mut keys: Vec<&str> = configured.collect();
    keys.dedup();
    keys.extend(met.iter().filter(|k| !facets.iter().any(|(f, _)| f == *k)));
    e.varint(keys.len() as u64);
    for key in keys {
        let label = facets.iter().find(|(k, _)| k == key).and_then(|(_, l)| l.as_deref());
        let mut values: Vec<&str> = Vec::new();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut per_doc: Vec<Vec<u32>> = Vec::with_capacity(metas.len());
        for m in metas {
            let mut mine: Vec<u32> = Vec::new();
            for (_, list) in m.filters.iter().filter(|(k, _)| k == key) {
                for v in list {
                    let id = *ids.entry(v.as_str()).or_insert_with(|| {
                        values.push(v.as_str());
                        values.len() as u32 - 1
                    });
                    mine.push(id);
                }
            }
            mine.sort_unstable();
            mine.dedup();
            per_doc.push(mine);
        }
        e.str(key);
        e.str(label.unwrap_or(""));
        e.varint(values.len() as u64);
        for v in &values {
            e.str(v);
        }
        for mine in per_doc {
            e.varint(mine.len() as u64);
            for id in mine {
                e.varint(u64::from(id));
            }
        }
    }
    let keys = keys_in_order(metas.iter().map(|m| m.sort.iter().map(|(k, _)| k.as_str())));
    e.varint(keys.len() as u64);
    for key in keys {
        let value_of = |m: &'_ DocMeta| m.sort.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_string());
        let values: Vec<Option<String>> = metas.iter().map(value_of).collect();
        let ranks = ranks(&values);
        e.str(key);
        for r in ranks {
            e.varint(u64::from(r));
        }
    }
}

/// Each value's rank among the distinct values (1 up; 0 for none): by number when every value is
/// one, else by text (case aside first, then as written).
fn ranks(values: &[Option<String>]) -> Vec<u32> {
    let numbers: Option<Vec<f64>> =
        values.iter().flatten().map(|v| v.parse::<f64>().ok().filter(|n| n.is_finite())).collect();
    let mut distinct: Vec<&str> = values.iter().flatten().map(String::as_str).collect();
    match &numbers {
        Some(_) => distinct.sort_by(|a, b| {
            let (x, y) = (a.parse::<f64>().unwrap_or(0.0), b.parse::<f64>().unwrap_or(0.0));
            x.total_cmp(&y).then_with(|| a.cmp(b))
        }),
        None => distinct.sort_by(|a, b| a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b))),
    }
    distinct.dedup();
    // Numerically equal values ("1956", "1956.0") share a rank.
    let mut rank_of: HashMap<&str, u32> = HashMap::new();
    let mut rank = 0u32;
    let mut last: Option<f64> = None;
    for v in &distinct {
        let n = v.parse::<f64>().ok();
        if numbers.is_none() || last.is_none() || n != last {
            rank += 1;
        }
        last = n;
        rank_of.insert(v, rank);
    }
    values.iter().map(|v| v.as_deref().and_then(|v| rank_of.get(v).copied()).unwrap_or(0)).collect()
}

/// Reads the site's filters and sort keys of `docs` documents.
pub(super) fn decode(d: &mut Decoder, docs: usize) -> Result<Custom> {
    let mut custom = Custom::default();
    let count = d.len()?;
    for _ in 0..count {
        let key = d.str()?.to_string();
        let label = Some(d.str()?.to_string()).filter(|l| !l.is_empty());
        let n = d.len()?;
        let mut values = Vec::with_capacity(n);
        for _ in 0..n {
            values.push(d.str()?.to_string());
        }
        let mut starts = Vec::with_capacity(docs.min(d.remaining()) + 1);
        let mut ids = Vec::new();
        starts.push(0);
        for _ in 0..docs {
            let k = d.len()?;
            let mut last: Option<u32> = None;
            for _ in 0..k {
                let id = d.varint_u32()?;
                if id as usize >= values.len() || last.is_some_and(|l| id <= l) {
                    return Err(Error::corrupt(format!("filter '{key}' has a bad value id {id}")));
                }
                last = Some(id);
                ids.push(id);
            }
            starts.push(u32::try_from(ids.len()).map_err(|_| Error::corrupt("too many filter values"))?);
        }
        if custom.filters.iter().any(|f| f.key == key) {
            return Err(Error::corrupt(format!("filter '{key}' is stored twice")));
        }
        custom.filters.push(FilterColumn { key, label, values, starts, ids });
    }
    let count = d.len()?;
    for _ in 0..count {
        let key = d.str()?.to_string();
        let mut ranks = Vec::with_capacity(docs.min(d.remaining()));
        for _ in 0..docs {
            ranks.push(d.varint_u32()?);
        }
        if custom.sorts.iter().any(|s| s.key == key) {
            return Err(Error::corrupt(format!("sort key '{key}' is stored twice")));
        }
        custom.sorts.push(SortColumn { key, ranks });
    }
    Ok(custom)
}

impl Custom {
    /// The site's filters, in the order first met.
    pub fn filters(&self) -> &[FilterColumn] {
        &self.filters
    }

    /// The filter named `key`, if the index has it.
    pub fn filter(&self, key: &str) -> Option<&FilterColumn> {
        self.filters.iter().find(|f| f.key == key)
    }

    /// The site's sort keys, in the order first met.
    pub fn sorts(&self) -> &[SortColumn] {
        &self.sorts
    }

    /// The sort key named `key`, if the index has it.
    pub fn sort(&self, key: &str) -> Option<&SortColumn> {
        self.sorts.iter().find(|s| s.key == key)
    }
}
