//! The site's own filters and sort keys: their tables, which the root always holds.
//!
//! ```text
//! varint filter count · per filter: key · label (empty: none) · varint value count · values
//! varint sort key count · per sort key: key
//! ```
//!
//! A filter is a table of its distinct values (each stored once, in the order first met); each
//! document's ids among them are in the per-document columns ([`Block`](super::block::Block)). A
//! sort key holds no values at all: each document has its rank among them (equal values, equal
//! ranks), numeric when every value of the key is a number, else by text, so the order is decided
//! once, when the index is written.

use std::collections::{HashMap, HashSet};

use super::super::codec::{Decoder, Encoder};
use super::block::Multi;
use super::DocMeta;
use crate::{Error, Result};

/// One filter of the site (`data-folio-filter="collection:…"`): its name, label and values.
#[derive(Debug, Clone, Default)]
pub struct FilterColumn {
    key: String,
    label: Option<String>,
    values: Vec<String>,
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
}

/// One sort key of the site (`data-folio-sort="year"`); each document's rank by it is in the
/// per-document columns.
#[derive(Debug, Clone, Default)]
pub struct SortColumn {
    key: String,
}

impl SortColumn {
    /// The sort key's name.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Every site filter and sort key.
#[derive(Debug, Clone, Default)]
pub struct Custom {
    pub(super) filters: Vec<FilterColumn>,
    pub(super) sorts: Vec<SortColumn>,
}

impl Custom {
    /// The site's filters, configured ones first, then in the order first met.
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

    /// The place of the sort key named `key` among [`Custom::sorts`], if the index has it.
    pub fn sort_place(&self, key: &str) -> Option<usize> {
        self.sorts.iter().position(|s| s.key == key)
    }

    /// Writes the tables.
    pub(super) fn encode(&self, e: &mut Encoder) {
        e.varint(self.filters.len() as u64);
        for f in &self.filters {
            e.str(&f.key);
            e.str(f.label.as_deref().unwrap_or(""));
            e.varint(f.values.len() as u64);
            for v in &f.values {
                e.str(v);
            }
        }
        e.varint(self.sorts.len() as u64);
        for s in &self.sorts {
            e.str(&s.key);
        }
    }

    /// Reads the tables.
    pub(super) fn decode(d: &mut Decoder) -> Result<Custom> {
        let mut custom = Custom::default();
        for _ in 0..d.len()? {
            let key = d.str()?.to_string();
            let label = Some(d.str()?.to_string()).filter(|l| !l.is_empty());
            let n = d.len()?;
            let mut values = Vec::with_capacity(n);
            for _ in 0..n {
                values.push(d.str()?.to_string());
            }
            if custom.filter(&key).is_some() {
                return Err(Error::corrupt(format!("filter '{key}' is stored twice")));
            }
            custom.filters.push(FilterColumn { key, label, values });
        }
        for _ in 0..d.len()? {
            let key = d.str()?.to_string();
            if custom.sort_place(&key).is_some() {
                return Err(Error::corrupt(format!("sort key '{key}' is stored twice")));
            }
            custom.sorts.push(SortColumn { key });
        }
        Ok(custom)
    }
}

/// Keys in the order first met, each document's values by key.
fn keys_in_order<'a, I: Iterator<Item = &'a str>>(per_doc: impl Iterator<Item = I>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for doc in per_doc {
        for key in doc {
            if seen.insert(key) {
                keys.push(key);
            }
        }
    }
    keys
}

/// The site's filters and sort keys of `metas` as tables, and per document each filter's value
/// ids (ascending) and each sort key's rank: the filters `facets` names (with their labels)
/// first, in its order, then the others in the order first met.
pub(super) fn columns(metas: &[DocMeta], facets: &[(String, Option<String>)]) -> (Custom, Vec<Multi>, Vec<Vec<u32>>) {
    let met = keys_in_order(metas.iter().map(|m| m.filters.iter().map(|(k, _)| k.as_str())));
    let configured = facets.iter().map(|(k, _)| k.as_str()).filter(|k| met.contains(k));
    let mut keys: Vec<&str> = configured.collect();
    keys.dedup();
    keys.extend(met.iter().filter(|k| !facets.iter().any(|(f, _)| f == *k)));
    let mut custom = Custom::default();
    let mut filter_ids = Vec::new();
    for key in keys {
        let label = facets.iter().find(|(k, _)| k == key).and_then(|(_, l)| l.clone());
        let mut values: Vec<String> = Vec::new();
        let mut ids: HashMap<&str, u32> = HashMap::new();
        let mut per_doc: Vec<Vec<u32>> = Vec::with_capacity(metas.len());
        for m in metas {
            let mut mine: Vec<u32> = Vec::new();
            for (_, list) in m.filters.iter().filter(|(k, _)| k == key) {
                for v in list {
                    let id = *ids.entry(v.as_str()).or_insert_with(|| {
                        values.push(v.clone());
                        values.len() as u32 - 1
                    });
                    mine.push(id);
                }
            }
            mine.sort_unstable();
            mine.dedup();
            per_doc.push(mine);
        }
        custom.filters.push(FilterColumn { key: key.to_string(), label, values });
        filter_ids.push(Multi::of_lists(&per_doc));
    }
    let mut sort_ranks = Vec::new();
    for key in keys_in_order(metas.iter().map(|m| m.sort.iter().map(|(k, _)| k.as_str()))) {
        let value_of = |m: &'_ DocMeta| m.sort.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim().to_string());
        let values: Vec<Option<String>> = metas.iter().map(value_of).collect();
        sort_ranks.push(ranks(&values));
        custom.sorts.push(SortColumn { key: key.to_string() });
    }
    (custom, filter_ids, sort_ranks)
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

/// `counts` (one per value id) as value → count, rounded, leaving out zeros.
pub(super) fn named(values: &[String], counts: &[f64]) -> crate::search::Map<usize> {
    let mut out = crate::search::Map::new();
    for (value, &n) in values.iter().zip(counts) {
        let n = n.round() as usize;
        if n > 0 {
            out.insert(value.clone(), n);
        }
    }
    out
}
