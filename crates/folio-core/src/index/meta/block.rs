//! The per-document columns of a run of documents (all of them in the root, or one metadata
//! chunk's), and each run's [`Summary`], which the root of a chunked layout keeps.
//!
//! ```text
//! block:   dates · langs · kinds (packed columns, [`column`](super::column)) ·
//!          per filter: value counts · value ids · per sort key: ranks
//! summary: varint dated · varint other dates · varint least date · varint greatest date ·
//!          per facet column (lang, type, year, each filter): varint n · (varint id step · varint docs) × n
//! ```

use super::super::codec::{Decoder, Encoder};
use super::{column, date, Tables};
use crate::{Error, Result};

/// The facet column of the language.
pub const LANG: usize = 0;
/// The facet column of the type.
pub const KIND: usize = 1;
/// The facet column of the year.
pub const YEAR: usize = 2;
/// The first facet column of the site's filters (one each, in the order of the tables).
pub const FILTERS: usize = 3;

/// A facet column of a block, as [`Block::facet`] and [`Block::tally`] read it.
enum FacetColumn<'a> {
    /// One value id per document, 0 for none, else the id + 1.
    Single(&'a [u32]),
    /// A site filter's values.
    Multi(&'a Multi),
    /// A site filter the block does not have.
    Absent,
}

/// A multi-valued column: document `d`'s ids are `ids[starts[d]..starts[d + 1]]`.
#[derive(Debug, Clone, Default)]
pub(super) struct Multi {
    pub(super) starts: Vec<u32>,
    pub(super) ids: Vec<u32>,
}

impl Multi {
    /// Document `doc`'s ids (of this run), ascending.
    pub(super) fn of(&self, doc: usize) -> &[u32] {
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&from), Some(&to)) => self.ids.get(from as usize..to as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// A column of `lists`.
    pub(super) fn of_lists(lists: &[Vec<u32>]) -> Multi {
        let mut m = Multi { starts: vec![0], ids: Vec::new() };
        for list in lists {
            m.ids.extend_from_slice(list);
            m.starts.push(m.ids.len() as u32);
        }
        m
    }
}

/// The metadata of a run of documents, column by column.
#[derive(Debug, Clone, Default)]
pub(super) struct Block {
    /// Date codes ([`date`]).
    pub(super) dates: Vec<u32>,
    /// 1 + the id of the language (0: none).
    pub(super) langs: Vec<u32>,
    /// 1 + the id of the type (0: none).
    pub(super) kinds: Vec<u32>,
    /// 1 + the id of the year (0: none); not stored, derived from the dates.
    pub(super) years: Vec<u32>,
    pub(super) filters: Vec<Multi>,
    /// Per sort key, each document's rank (0: no value).
    pub(super) sorts: Vec<Vec<u32>>,
    /// Per built-in facet column (language, type, year), the entry every document has, when
    /// they all have the same (known when read: `None` otherwise).
    pub(super) uniform: [Option<u32>; FILTERS],
}

/// The entry every one of `ids` is, if they are all one.
fn uniform(ids: &[u32]) -> Option<u32> {
    let first = *ids.first()?;
    ids.iter().all(|&id| id == first).then_some(first)
}

impl Block {
    /// How many documents the run has.
    pub(super) fn len(&self) -> usize {
        self.dates.len()
    }

    /// Writes documents `range` of the run.
    pub(super) fn encode(&self, e: &mut Encoder, range: std::ops::Range<usize>) {
        column::encode(e, &self.dates[range.clone()]);
        column::encode(e, &self.langs[range.clone()]);
        column::encode(e, &self.kinds[range.clone()]);
        for f in &self.filters {
            let (from, to) = (f.starts[range.start], f.starts[range.end]);
            let counts: Vec<u32> = f.starts[range.clone()]
                .iter()
                .zip(&f.starts[range.start + 1..=range.end])
                .map(|(a, b)| b - a)
                .collect();
            column::encode(e, &counts);
            column::encode(e, &f.ids[from as usize..to as usize]);
        }
        for ranks in &self.sorts {
            column::encode(e, &ranks[range.clone()]);
        }
    }

    /// Reads the columns of `n` documents, checked against `tables`.
    pub(super) fn decode(d: &mut Decoder, n: usize, tables: &Tables) -> Result<Block> {
        let dates = column::decode(d, n, date::OTHER + tables.others.len() as u32 - 1, "dates")?;
        if let Some(c) = dates.iter().find(|&&c| !date::is_well_formed(c)) {
            return Err(Error::corrupt(format!("the document metadata has a date code {c} that is no date")));
        }
        let langs = column::decode(d, n, tables.langs.len() as u32, "languages")?;
        let kinds = column::decode(d, n, tables.kinds.len() as u32, "types")?;
        let mut filters = Vec::with_capacity(tables.custom.filters.len());
        for f in &tables.custom.filters {
            let counts = column::decode(d, n, f.values().len() as u32, "filter value counts")?;
            let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
            // Generous for any real site (a document's ids are distinct, so packed they take bits
            // or runs of their own); it keeps a forged count from allocating without bound.
            if total > n as u64 * 256 + d.remaining() as u64 * 8 {
                return Err(Error::corrupt("the document metadata claims more filter values than it holds"));
            }
            let ids = column::decode(d, total as usize, f.values().len().saturating_sub(1) as u32, "filter values")?;
            let mut starts = Vec::with_capacity(n + 1);
            starts.push(0u32);
            for &c in &counts {
                let from = *starts.last().unwrap_or(&0) as usize;
                let mine = &ids[from..from + c as usize];
                if mine.windows(2).any(|w| w[0] >= w[1]) {
                    return Err(Error::corrupt(format!("filter '{}' has a document's values out of order", f.key())));
                }
                starts.push((from + c as usize) as u32);
            }
            filters.push(Multi { starts, ids });
        }
        let mut sorts = Vec::with_capacity(tables.custom.sorts.len());
        for _ in &tables.custom.sorts {
            sorts.push(column::decode(d, n, u32::MAX, "sort ranks")?);
        }
        let years = dates.iter().map(|&c| tables.year_of(c)).collect::<Result<Vec<u32>>>()?;
        let uniform = [uniform(&langs), uniform(&kinds), uniform(&years)];
        Ok(Block { dates, langs, kinds, years, filters, sorts, uniform })
    }

    /// Facet column `col`: a column of one value id per document (0 for none, else the id + 1),
    /// or a site filter's values.
    fn facet_column(&self, col: usize) -> FacetColumn<'_> {
        match col {
            LANG => FacetColumn::Single(&self.langs),
            KIND => FacetColumn::Single(&self.kinds),
            YEAR => FacetColumn::Single(&self.years),
            _ => self.filters.get(col - FILTERS).map_or(FacetColumn::Absent, FacetColumn::Multi),
        }
    }

    /// Calls `f` with each value id (0-based, in the column's table) document `doc` of the run
    /// has in facet column `col`.
    pub(super) fn facet(&self, col: usize, doc: usize, mut f: impl FnMut(u32)) {
        match self.facet_column(col) {
            FacetColumn::Single(ids) => {
                if let Some(&id) = ids.get(doc).filter(|&&id| id > 0) {
                    f(id - 1);
                }
            }
            FacetColumn::Multi(m) => m.of(doc).iter().for_each(|&id| f(id)),
            FacetColumn::Absent => {}
        }
    }

    /// Adds to `counts` the values in facet column `col` of each of `docs` (documents of this
    /// run, which starts at document `start`): [`Block::facet`] for many documents, with the
    /// column chosen once.
    pub(super) fn tally(&self, col: usize, docs: &[u32], start: u32, counts: &mut [f64]) {
        // Every document of the run has the same entry (one language, say): counted at once.
        if let Some(&Some(entry)) = self.uniform.get(col) {
            if let Some(n) = entry.checked_sub(1).and_then(|id| counts.get_mut(id as usize)) {
                *n += docs.len() as f64;
            }
            return;
        }
        let mut add = |id: u32| {
            if let Some(n) = counts.get_mut(id as usize) {
                *n += 1.0;
            }
        };
        match self.facet_column(col) {
            FacetColumn::Single(ids) => {
                for &d in docs {
                    match ids.get((d - start) as usize) {
                        Some(&id) if id > 0 => add(id - 1),
                        _ => {}
                    }
                }
            }
            FacetColumn::Multi(m) => {
                for &d in docs {
                    m.of((d - start) as usize).iter().for_each(|&id| add(id));
                }
            }
            FacetColumn::Absent => {}
        }
    }

    /// How many documents have each value, and the range of the dates.
    pub(super) fn summary(&self, columns: usize) -> Summary {
        let mut s = Summary { len: self.len() as u32, ..Summary::default() };
        for &c in &self.dates {
            if date::is_iso(c) {
                s.least = if s.dated == 0 { c } else { s.least.min(c) };
                s.greatest = s.greatest.max(c);
                s.dated += 1;
            } else if c > 0 {
                s.others += 1;
            }
        }
        // Each value's count, in value order: the ids sorted and counted by runs (a map here
        // would be one more map type in the wasm module, which checks summaries as chunks arrive).
        let mut ids = Vec::new();
        for col in 0..columns {
            ids.clear();
            for doc in 0..self.len() {
                self.facet(col, doc, |id| ids.push(id));
            }
            ids.sort_unstable();
            let mut counts: Vec<(u32, u32)> = Vec::new();
            for &id in &ids {
                match counts.last_mut() {
                    Some((last, n)) if *last == id => *n += 1,
                    _ => counts.push((id, 1)),
                }
            }
            s.counts.push(counts);
        }
        s
    }
}

/// What the root knows of a metadata chunk's documents without fetching it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// How many documents the chunk has.
    pub len: u32,
    /// How many have an ISO date.
    pub dated: u32,
    /// How many have a date that is not ISO.
    pub others: u32,
    /// The least ISO date code (0 when none is dated).
    pub least: u32,
    /// The greatest ISO date code (0 when none is dated).
    pub greatest: u32,
    /// Per facet column, (value id, documents with it), ascending by id, no zeros.
    counts: Vec<Vec<(u32, u32)>>,
}

impl Summary {
    /// Facet column `col`'s (value id, documents with it), ascending by id.
    pub(super) fn entries(&self, col: usize) -> &[(u32, u32)] {
        self.counts.get(col).map_or(&[][..], Vec::as_slice)
    }

    /// How many of the chunk's documents have value `id` in facet column `col` (language, type,
    /// year, then each site filter).
    pub fn count(&self, col: usize, id: u32) -> u32 {
        let counts = self.entries(col);
        counts.binary_search_by_key(&id, |&(i, _)| i).map_or(0, |at| counts[at].1)
    }

    pub(super) fn encode(&self, e: &mut Encoder) {
        for v in [self.dated, self.others, self.least, self.greatest] {
            e.varint(u64::from(v));
        }
        for counts in &self.counts {
            e.varint(counts.len() as u64);
            let mut last = 0;
            for &(id, n) in counts {
                e.varint(u64::from(id - last));
                e.varint(u64::from(n));
                last = id;
            }
        }
    }

    /// Reads the summary of a chunk of `len` documents, checked against `tables`.
    pub(super) fn decode(d: &mut Decoder, len: u32, tables: &Tables) -> Result<Summary> {
        let bad = || Error::corrupt("a summary of the document metadata is damaged");
        let mut s = Summary { len, ..Summary::default() };
        s.dated = d.varint_u32()?;
        s.others = d.varint_u32()?;
        s.least = d.varint_u32()?;
        s.greatest = d.varint_u32()?;
        if u64::from(s.dated) + u64::from(s.others) > u64::from(len) || s.least > s.greatest {
            return Err(bad());
        }
        for col in 0..FILTERS + tables.custom.filters.len() {
            let size = tables.facet_values(col).len() as u64;
            let mut counts = Vec::new();
            let mut id = 0u64;
            for i in 0..d.len()? {
                let step = d.varint()?;
                id += step;
                let n = d.varint_u32()?;
                if (i > 0 && step == 0) || id >= size || n == 0 || n > len {
                    return Err(bad());
                }
                counts.push((id as u32, n));
            }
            s.counts.push(counts);
        }
        Ok(s)
    }
}
