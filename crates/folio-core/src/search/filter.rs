//! The filters of a search resolved against the index, and the facet counts they qualify.
//!
//! A document's metadata may be in a chunk not yet added. A filter then first asks the chunk's
//! summary in the root: when it shows that every document of the chunk passes, or none does
//! (no document of the chunk has the language asked for, all its dates lie in the range, …),
//! no fetch is needed; otherwise the chunk is noted, and the search asks for it. Facet counts
//! never fetch: the documents whose chunk is not at hand are counted from the summaries, in the
//! proportions of their chunk, and the counts say they are estimates.

use super::options::{KeyFilter, SearchOptions};
use super::response::{Facets, FilterFacet};
use crate::index::meta::{FilterColumn, MetaField, MetaTable, Summary, FILTERS, KIND, LANG, YEAR};
use crate::index::Searcher;
use crate::{Error, Result};

/// What a chunk's summary tells of a filter over all its documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    All,
    No,
    Unknown,
}

impl Verdict {
    fn of(all: bool, none: bool) -> Verdict {
        match (all, none) {
            (true, _) => Verdict::All,
            (_, true) => Verdict::No,
            _ => Verdict::Unknown,
        }
    }

    fn and(self, other: Verdict) -> Verdict {
        match (self, other) {
            (Verdict::No, _) | (_, Verdict::No) => Verdict::No,
            (Verdict::All, Verdict::All) => Verdict::All,
            _ => Verdict::Unknown,
        }
    }
}

/// The filters of a search, resolved once against the index's metadata values.
pub(super) struct Filter<'a> {
    metas: &'a MetaTable,
    lang: Option<Vec<bool>>,
    kind: Option<Vec<bool>>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    /// The site's filters asked for, by key.
    site: Vec<SiteCheck>,
    /// Per metadata chunk: the built-in filters' verdict, then each site filter's.
    verdicts: Vec<Vec<Verdict>>,
}

/// One of the site's filters, resolved: by value id, which values are wanted and how.
struct SiteCheck {
    /// Its place among the index's filters; `None` when the index has no such filter: no
    /// document has any of its values.
    place: Option<usize>,
    /// Per value id, whether it is among `any` (`None`: `any` is not asked).
    any: Option<Vec<bool>>,
    /// The ids of `all`'s values; `all_impossible` when one of them no document has.
    all: Vec<u32>,
    all_impossible: bool,
    /// Per value id, whether it is among `none` (empty: `none` is not asked).
    none: Vec<bool>,
}

impl SiteCheck {
    fn new(filter: &KeyFilter, place: Option<usize>, column: Option<&FilterColumn>) -> SiteCheck {
        let n = column.map_or(0, |c| c.values().len());
        let marks = |wanted: &[String]| {
            let mut marks = vec![false; n];
            for id in wanted.iter().filter_map(|v| column.and_then(|c| c.id_of(v))) {
                marks[id as usize] = true;
            }
            marks
        };
        let ids: Vec<Option<u32>> = filter.all.iter().map(|v| column.and_then(|c| c.id_of(v))).collect();
        let mut all: Vec<u32> = ids.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        SiteCheck {
            place,
            any: (!filter.any.is_empty()).then(|| marks(&filter.any)),
            all,
            all_impossible: ids.contains(&None),
            none: if filter.none.is_empty() { Vec::new() } else { marks(&filter.none) },
        }
    }

    /// Whether a document with value ids `have` passes.
    fn passes(&self, have: &[u32]) -> bool {
        let marked = |marks: &[bool]| have.iter().any(|&id| marks.get(id as usize).copied().unwrap_or(false));
        self.any.as_ref().is_none_or(|any| marked(any))
            && !self.all_impossible
            && self.all.iter().all(|id| have.binary_search(id).is_ok())
            && !marked(&self.none)
    }

    /// What a chunk's summary tells of this filter over all its documents.
    fn verdict(&self, s: &Summary) -> Verdict {
        let Some(place) = self.place else {
            let passes = self.passes(&[]);
            return Verdict::of(passes, !passes);
        };
        let col = FILTERS + place;
        let count = |id: usize| s.count(col, id as u32);
        // The counts of the values `marks` marks.
        let marked = |marks: &[bool]| -> Vec<u32> {
            marks.iter().enumerate().filter(|(_, &m)| m).map(|(id, _)| count(id)).collect()
        };
        let any = match &self.any {
            None => Verdict::All,
            Some(any) => Verdict::of(marked(any).contains(&s.len), marked(any).iter().all(|&n| n == 0)),
        };
        let all = Verdict::of(
            self.all.iter().all(|&id| count(id as usize) == s.len),
            self.all_impossible || self.all.iter().any(|&id| count(id as usize) == 0),
        );
        let none = marked(&self.none);
        let none = Verdict::of(none.iter().all(|&n| n == 0), none.contains(&s.len));
        any.and(all).and(none)
    }
}

impl<'a> Filter<'a> {
    pub(super) fn new(
        metas: &'a MetaTable,
        options: &'a SearchOptions,
        from: Option<&'a str>,
        to: Option<&'a str>,
    ) -> Filter<'a> {
        let accepted = |field, allowed: &Option<Vec<String>>| {
            allowed.as_ref().map(|list| metas.accepted(field, |v| list.iter().any(|a| a.eq_ignore_ascii_case(v))))
        };
        let custom = metas.custom();
        let site = options
            .filters
            .iter()
            .filter(|(_, f)| !f.is_empty())
            .map(|(key, f)| {
                let place = custom.filters().iter().position(|c| c.key() == key);
                SiteCheck::new(f, place, custom.filter(key))
            })
            .collect();
        let mut filter = Filter {
            metas,
            lang: accepted(MetaField::Lang, &options.lang),
            kind: accepted(MetaField::Kind, &options.kind),
            from,
            to,
            site,
            verdicts: Vec::new(),
        };
        if filter.is_active() {
            filter.verdicts = (0..metas.chunk_count())
                .filter_map(|k| metas.summary(k))
                .map(|s| {
                    let mut v = vec![filter.built_in_verdict(s)];
                    v.extend(filter.site.iter().map(|c| c.verdict(s)));
                    v
                })
                .collect();
        }
        filter
    }

    /// What a chunk's summary tells of the language, type and date filters.
    fn built_in_verdict(&self, s: &Summary) -> Verdict {
        let one_of = |col: usize, accepted: &Option<Vec<bool>>| match accepted {
            None => Verdict::All,
            Some(a) => {
                let n: u32 = a.iter().enumerate().filter(|(_, &ok)| ok).map(|(id, _)| s.count(col, id as u32)).sum();
                Verdict::of(n == s.len, n == 0)
            }
        };
        let dates = if self.from.is_none() && self.to.is_none() {
            Verdict::All
        } else if s.others > 0 {
            Verdict::Unknown
        } else {
            let (low, high) = MetaTable::date_bounds(self.from, self.to);
            let all = s.dated == s.len && s.least >= low && s.greatest <= high;
            Verdict::of(all, s.dated == 0 || s.greatest < low || s.least > high)
        };
        one_of(LANG, &self.lang).and(one_of(KIND, &self.kind)).and(dates)
    }

    /// Whether the search filters at all.
    pub(super) fn is_active(&self) -> bool {
        self.lang.is_some() || self.kind.is_some() || self.from.is_some() || self.to.is_some() || !self.site.is_empty()
    }

    /// Whether document `doc` passes every filter. When its metadata chunk is not at hand and its
    /// summary does not decide, the chunk is noted for `searcher` and the answer is no.
    pub(super) fn passes(&self, searcher: &Searcher, doc: u32) -> bool {
        if let Some(k) = self.metas.lacking(doc) {
            let verdict = self
                .verdicts
                .get(k as usize)
                .map_or(Verdict::Unknown, |v| v.iter().fold(Verdict::All, |a, &b| a.and(b)));
            if verdict == Verdict::Unknown {
                searcher.require_meta_chunk(k);
            }
            return verdict == Verdict::All;
        }
        self.passes_built_in(doc) && self.site.iter().all(|s| s.passes(self.site_ids(s, doc)))
    }

    fn site_ids(&self, check: &SiteCheck, doc: u32) -> &'a [u32] {
        check.place.and_then(|p| self.metas.filter_ids(p, doc)).unwrap_or(&[])
    }

    /// The language, type and date filters of a document whose metadata is at hand.
    fn passes_built_in(&self, doc: u32) -> bool {
        let metas = self.metas;
        let one_of = |field, accepted: &Option<Vec<bool>>| {
            accepted.as_ref().is_none_or(|a| metas.is_accepted(field, doc, a).unwrap_or(false))
        };
        if !one_of(MetaField::Lang, &self.lang) || !one_of(MetaField::Kind, &self.kind) {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        metas.date_code(doc).is_some_and(|c| metas.date_within(c, self.from, self.to))
    }

    /// The facets of `docs` (the matches, before filters): the counts of each language, type
    /// and year, and of each site filter's values before any filter and after every filter but
    /// the key's own, in the index's order. `unseen`: runs of documents `(first, last, count)`
    /// that match but are not in `docs` (a pruned list's, `rank::prune`, only ever without an
    /// active filter), whose counts are estimated from the documents in their range.
    pub(super) fn facets(&self, docs: &[u32], unseen: &[(u32, u32, u32)]) -> Facets {
        let metas = self.metas;
        let columns = metas.facet_columns();
        let mut before: Vec<Vec<f64>> = (0..columns).map(|c| vec![0.0; metas.facet_values(c).len()]).collect();
        let mut after: Vec<Vec<f64>> = before[FILTERS..].to_vec();
        let chunks = metas.chunk_count() as usize;
        // Per chunk not at hand: how many of `docs` it holds, in all and after the filters.
        let mut missing = vec![0u32; chunks];
        let mut missing_after = vec![vec![0u32; chunks]; after.len()];
        let active = self.is_active();
        if !active {
            // No filter: every document counts after the filters as before, so the counts are
            // taken once, in one pass by runs of a chunk's documents, estimated once, and copied
            // to the counts after the filters at the end.
            metas.tally_all(docs, &mut before, &mut missing);
        }
        // With no filter, the pass above counted every document.
        let one_by_one = if active { docs } else { &[] };
        for &doc in one_by_one {
            // Which site filters the document fails (by the first failed and how many), if it
            // passes the built-in ones: failing one filter, it counts for that filter's values
            // only; failing two, for none. Nothing is allocated per document.
            let lacking = metas.lacking(doc).map(|k| k as usize);
            let verdict = |k: usize, i: usize| {
                self.verdicts.get(k).and_then(|v| v.get(i)).copied().unwrap_or(Verdict::All) == Verdict::All
            };
            let passes_built_in = match lacking {
                Some(k) => {
                    missing[k] += 1;
                    verdict(k, 0)
                }
                None => {
                    for (col, counts) in before.iter_mut().enumerate() {
                        metas.tally(col, doc, counts);
                    }
                    self.passes_built_in(doc)
                }
            };
            if !passes_built_in {
                continue;
            }
            let passes = |i: usize, s: &SiteCheck| match lacking {
                Some(k) => verdict(k, i + 1),
                None => s.passes(self.site_ids(s, doc)),
            };
            let mut failed = self.site.iter().enumerate().filter(|&(i, s)| !passes(i, s)).map(|(i, _)| i);
            let counted = match (failed.next(), failed.next()) {
                (None, _) => 0..after.len(),
                (Some(i), None) => self.site[i].place.map_or(0..0, |c| c..c + 1),
                _ => 0..0,
            };
            for c in counted {
                match lacking {
                    Some(k) => missing_after[c][k] += 1,
                    None => {
                        metas.tally(FILTERS + c, doc, &mut after[c]);
                    }
                }
            }
        }
        for (k, &n) in missing.iter().enumerate().filter(|(_, &n)| n > 0) {
            for (col, counts) in before.iter_mut().enumerate() {
                metas.estimate(col, k as u32, n, counts);
            }
            if active {
                for (c, counts) in after.iter_mut().enumerate() {
                    metas.estimate(FILTERS + c, k as u32, missing_after[c][k], counts);
                }
            }
        }
        // Only a pruned search leaves documents unseen (a module without pruning has none), and
        // only without an active filter: their estimates reach the counts after the filters
        // with the copy below.
        let unseen = if cfg!(feature = "large") { unseen } else { &[] };
        for &(first, last, n) in unseen {
            for (col, counts) in before.iter_mut().enumerate() {
                metas.estimate_range(col, (first, last), n, counts);
            }
        }
        if !active {
            for (c, counts) in after.iter_mut().enumerate() {
                counts.clone_from(&before[FILTERS + c]);
            }
        }
        let filters = metas
            .custom()
            .filters()
            .iter()
            .enumerate()
            .map(|(c, column)| FilterFacet {
                key: column.key().to_string(),
                label: column.label().map(str::to_string),
                counts: metas.named(FILTERS + c, &before[FILTERS + c]),
                filtered: metas.named(FILTERS + c, &after[c]),
            })
            .collect();
        Facets {
            lang: metas.named(LANG, &before[LANG]),
            kind: metas.named(KIND, &before[KIND]),
            year: metas.named(YEAR, &before[YEAR]),
            filters,
            estimated: missing.iter().any(|&n| n > 0) || !unseen.is_empty(),
        }
    }
}

/// The date bounds of `options`, from `dateFrom`/`dateTo` or a `from..to` range.
pub(super) fn date_range(options: &SearchOptions) -> Result<(Option<&str>, Option<&str>)> {
    let mut from = options.date_from.as_deref();
    let mut to = options.date_to.as_deref();
    if let Some(range) = options.date.as_deref() {
        let Some((a, b)) = range.split_once("..") else {
            return Err(Error::Options(format!("date must be a range like 1955-12-01..1956-09-30, got '{range}'")));
        };
        from = from.or(Some(a).filter(|a| !a.is_empty()));
        to = to.or(Some(b).filter(|b| !b.is_empty()));
    }
    for bound in [from, to].into_iter().flatten() {
        if !crate::date::is_iso_date(bound) {
            return Err(Error::Options(format!(
                "'{bound}' is not a date; use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists"
            )));
        }
    }
    Ok((from, to))
}
