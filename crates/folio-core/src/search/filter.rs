//! The filters of a search resolved against the index, and the facet counts they qualify.

use super::options::{KeyFilter, SearchOptions};
use super::response::FilterFacet;
use crate::index::meta::{FilterColumn, MetaField};
use crate::index::Index;
use crate::{Error, Result};

/// The filters of a search, resolved once against the index's metadata values.
pub(super) struct Filter<'a> {
    lang: Option<Vec<bool>>,
    kind: Option<Vec<bool>>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    /// The site's filters asked for, by key.
    site: Vec<SiteCheck<'a>>,
}

/// One of the site's filters, resolved: by value id, which values are wanted and how.
struct SiteCheck<'a> {
    key: &'a str,
    /// `None` when the index has no such filter: no document has any of its values.
    column: Option<&'a FilterColumn>,
    /// Per value id, whether it is among `any` (`None`: `any` is not asked).
    any: Option<Vec<bool>>,
    /// The ids of `all`'s values; `all_impossible` when one of them no document has.
    all: Vec<u32>,
    all_impossible: bool,
    /// Per value id, whether it is among `none` (empty: `none` is not asked).
    none: Vec<bool>,
}

impl<'a> SiteCheck<'a> {
    fn new(key: &'a str, filter: &KeyFilter, column: Option<&'a FilterColumn>) -> SiteCheck<'a> {
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
            key,
            column,
            any: (!filter.any.is_empty()).then(|| marks(&filter.any)),
            all,
            all_impossible: ids.contains(&None),
            none: if filter.none.is_empty() { Vec::new() } else { marks(&filter.none) },
        }
    }

    fn passes(&self, doc: u32) -> bool {
        let have = self.column.map_or(&[][..], |c| c.ids_of(doc));
        let marked = |marks: &[bool]| have.iter().any(|&id| marks.get(id as usize).copied().unwrap_or(false));
        self.any.as_ref().is_none_or(|any| marked(any))
            && !self.all_impossible
            && self.all.iter().all(|id| have.binary_search(id).is_ok())
            && !marked(&self.none)
    }
}

impl<'a> Filter<'a> {
    pub(super) fn new(
        index: &'a Index,
        options: &'a SearchOptions,
        from: Option<&'a str>,
        to: Option<&'a str>,
    ) -> Filter<'a> {
        let accepted = |field, allowed: &Option<Vec<String>>| {
            allowed
                .as_ref()
                .map(|list| index.metas().accepted(field, |v| list.iter().any(|a| a.eq_ignore_ascii_case(v))))
        };
        let custom = index.metas().custom();
        let site = options
            .filters
            .iter()
            .filter(|(_, f)| !f.is_empty())
            .map(|(key, f)| SiteCheck::new(key, f, custom.filter(key)))
            .collect();
        Filter {
            lang: accepted(MetaField::Lang, &options.lang),
            kind: accepted(MetaField::Kind, &options.kind),
            from,
            to,
            site,
        }
    }

    /// Whether the search filters at all.
    pub(super) fn is_active(&self) -> bool {
        self.lang.is_some() || self.kind.is_some() || self.from.is_some() || self.to.is_some() || !self.site.is_empty()
    }

    /// Whether document `doc` passes every filter.
    pub(super) fn passes(&self, index: &Index, doc: u32) -> bool {
        self.passes_built_in(index, doc) && self.site.iter().all(|s| s.passes(doc))
    }

    fn passes_built_in(&self, index: &Index, doc: u32) -> bool {
        let metas = index.metas();
        let one_of =
            |field, accepted: &Option<Vec<bool>>| accepted.as_ref().is_none_or(|a| metas.is_accepted(field, doc, a));
        if !one_of(MetaField::Lang, &self.lang) || !one_of(MetaField::Kind, &self.kind) {
            return false;
        }
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let date = index.meta(doc).and_then(|m| m.date);
        self.from.is_none_or(|from| date.is_some_and(|d| d >= from))
            && self.to.is_none_or(|to| date.is_some_and(|d| d <= to || d.starts_with(to)))
    }

    /// The facets of the site's filters over `docs` (the matches, before filters), in the index's
    /// order: each value's count before any filter, and after every filter but the key's own.
    pub(super) fn site_facets(&self, index: &Index, docs: &[u32]) -> Vec<FilterFacet> {
        let columns = index.metas().custom().filters();
        if columns.is_empty() {
            return Vec::new();
        }
        let mut before: Vec<Vec<usize>> = columns.iter().map(|c| vec![0; c.values().len()]).collect();
        let mut after = before.clone();
        // Which of `columns` each asked-for filter is.
        let place: Vec<Option<usize>> =
            self.site.iter().map(|s| columns.iter().position(|c| s.key == c.key())).collect();
        for &doc in docs {
            for (column, counts) in columns.iter().zip(&mut before) {
                column.tally(doc, counts);
            }
            if !self.passes_built_in(index, doc) {
                continue;
            }
            // A document failing one filter counts for that filter's values only; failing two, for none.
            let mut failed = self.site.iter().enumerate().filter(|(_, s)| !s.passes(doc)).map(|(i, _)| i);
            match (failed.next(), failed.next()) {
                (None, _) => {
                    for (column, counts) in columns.iter().zip(&mut after) {
                        column.tally(doc, counts);
                    }
                }
                (Some(i), None) => {
                    if let Some(c) = place[i] {
                        columns[c].tally(doc, &mut after[c]);
                    }
                }
                _ => {}
            }
        }
        columns
            .iter()
            .zip(before.iter().zip(&after))
            .map(|(column, (before, after))| FilterFacet {
                key: column.key().to_string(),
                label: column.label().map(str::to_string),
                counts: column.named(before),
                filtered: column.named(after),
            })
            .collect()
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
