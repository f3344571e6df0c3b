//! The options of a search, and the filters they resolve to.

use serde::{Deserialize, Serialize};

use crate::index::meta::MetaField;
use crate::index::Index;
use crate::{Error, Result};

/// Options of a search. Every field is optional in JSON/JavaScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SearchOptions {
    /// How many hits to return (1 to 1000; default 10).
    pub limit: usize,
    /// How many ranked hits to skip first (paging).
    pub offset: usize,
    /// Match the last word as a prefix too, for results while typing (default true).
    pub prefix_last: bool,
    /// Only documents in these languages (`en`, `ru`).
    pub lang: Option<Vec<String>>,
    /// Only documents of these types (`telegram`, `journal`, …).
    #[serde(rename = "type")]
    pub kind: Option<Vec<String>>,
    /// Only documents dated on or after this ISO date.
    pub date_from: Option<String>,
    /// Only documents dated on or before this ISO date.
    pub date_to: Option<String>,
    /// A date range `from..to` (either side may be empty), the same as `dateFrom` and `dateTo`.
    pub date: Option<String>,
    /// Order of the hits: by relevance (default), by date ascending, or by date descending.
    pub sort: Sort,
}

/// How hits are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Oldest first; undated documents last.
    Date,
    /// Newest first; undated documents last.
    DateDesc,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            prefix_last: true,
            lang: None,
            kind: None,
            date_from: None,
            date_to: None,
            date: None,
            sort: Sort::Relevance,
        }
    }
}

/// The filters of a search, resolved once against the index's metadata values.
pub(super) struct Filter<'a> {
    lang: Option<Vec<bool>>,
    kind: Option<Vec<bool>>,
    from: Option<&'a str>,
    to: Option<&'a str>,
}

impl<'a> Filter<'a> {
    pub(super) fn new(
        index: &Index,
        options: &SearchOptions,
        from: Option<&'a str>,
        to: Option<&'a str>,
    ) -> Filter<'a> {
        let accepted = |field, allowed: &Option<Vec<String>>| {
            allowed
                .as_ref()
                .map(|list| index.metas().accepted(field, |v| list.iter().any(|a| a.eq_ignore_ascii_case(v))))
        };
        Filter {
            lang: accepted(MetaField::Lang, &options.lang),
            kind: accepted(MetaField::Kind, &options.kind),
            from,
            to,
        }
    }

    pub(super) fn passes(&self, index: &Index, doc: u32) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn range(from: Option<&str>, to: Option<&str>, date: Option<&str>) -> Result<(Option<String>, Option<String>)> {
        let owned = |s: Option<&str>| s.map(str::to_string);
        let options =
            SearchOptions { date_from: owned(from), date_to: owned(to), date: owned(date), ..SearchOptions::default() };
        date_range(&options).map(|(a, b)| (owned(a), owned(b)))
    }

    #[test]
    fn impossible_dates_are_refused_with_a_message_that_says_so() {
        for (from, to, date) in
            [(Some("2023-02-31"), None, None), (None, Some("1900-02-29"), None), (None, None, Some("1953-13..1954"))]
        {
            let err = range(from, to, date).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains("a day that exists"), "{from:?} {to:?} {date:?}: {err}");
        }
        let ok = range(Some("2024-02-29"), None, None).ok();
        assert_eq!(ok, Some((Some("2024-02-29".to_string()), None)));
        assert_eq!(range(None, None, Some("1955..")).ok(), Some((Some("1955".to_string()), None)));
    }
}
