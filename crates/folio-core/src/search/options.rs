//! The options of a search, and the filters they resolve to.

use serde::Serialize;

use crate::index::meta::MetaField;
use crate::index::Index;
use crate::{Error, Result};

/// The JavaScript names of the options, in the order of [`SearchOptions`]' fields: the one list
/// the wasm API accepts and names in its errors (`api.js` and `folio.d.ts` are checked against it).
pub const OPTION_NAMES: [&str; 9] =
    ["limit", "offset", "prefixLast", "lang", "type", "dateFrom", "dateTo", "date", "sort"];

/// Options of a search. Every field is optional in JSON/JavaScript; its names are [`OPTION_NAMES`].
/// `Serialize` gives the JavaScript shape (the contract test samples it for `folio.d.ts`); options
/// are read with [`SearchOptions::set`], not deserialised, to keep serde's deserializer out of the wasm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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

/// An option's value as JavaScript gives it, for [`SearchOptions::set`].
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    /// `undefined` or `null`: the option keeps its default.
    Absent,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    Text(String),
    /// An array of strings.
    Texts(Vec<String>),
    /// Anything else (an object, an array with a non-string in it, …).
    Other,
}

/// Why [`SearchOptions::set`] refused an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionError {
    /// No option has that name (see [`OPTION_NAMES`]).
    Unknown,
    /// The value has the wrong type; what it must be ("a whole number from 0 up", …).
    Invalid(&'static str),
}

impl SearchOptions {
    /// Sets the option whose JavaScript name is `name` (one of [`OPTION_NAMES`]) to `value`.
    pub fn set(&mut self, name: &str, value: OptionValue) -> std::result::Result<(), OptionError> {
        use OptionValue::{Absent, Bool, Number, Text, Texts};
        const WHOLE: &str = "a whole number from 0 up";
        let whole = |n: f64| (n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64).then_some(n as usize);
        let invalid = Err(OptionError::Invalid(match name {
            "limit" | "offset" => WHOLE,
            "prefixLast" => "true or false",
            "lang" | "type" => "an array of strings",
            "dateFrom" | "dateTo" | "date" => "a string",
            "sort" => "\"relevance\", \"date\" or \"date-desc\"",
            _ => return Err(OptionError::Unknown),
        }));
        match (name, value) {
            (_, Absent) => {}
            ("limit", Number(n)) if whole(n).is_some() => self.limit = whole(n).unwrap_or_default(),
            ("offset", Number(n)) if whole(n).is_some() => self.offset = whole(n).unwrap_or_default(),
            ("prefixLast", Bool(b)) => self.prefix_last = b,
            ("lang", Texts(list)) => self.lang = Some(list),
            ("type", Texts(list)) => self.kind = Some(list),
            ("dateFrom", Text(s)) => self.date_from = Some(s),
            ("dateTo", Text(s)) => self.date_to = Some(s),
            ("date", Text(s)) => self.date = Some(s),
            ("sort", Text(s)) => {
                self.sort = match s.as_str() {
                    "relevance" => Sort::Relevance,
                    "date" => Sort::Date,
                    "date-desc" => Sort::DateDesc,
                    _ => return invalid,
                }
            }
            _ => return invalid,
        }
        Ok(())
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
    fn every_option_name_is_a_field_and_set_accepts_it() {
        let json = serde_json::to_value(SearchOptions::default()).unwrap_or_default();
        let fields: Vec<&str> = json.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        let mut names = OPTION_NAMES.to_vec();
        names.sort_unstable();
        assert_eq!(fields, names, "OPTION_NAMES and SearchOptions' fields differ");
        let value = |name: &str| match name {
            "limit" | "offset" => OptionValue::Number(7.0),
            "prefixLast" => OptionValue::Bool(false),
            "lang" | "type" => OptionValue::Texts(vec!["en".into()]),
            "sort" => OptionValue::Text("date-desc".into()),
            _ => OptionValue::Text("1956".into()),
        };
        let mut options = SearchOptions::default();
        for name in OPTION_NAMES {
            assert_eq!(options.set(name, value(name)), Ok(()), "{name}");
            assert_eq!(options.set(name, OptionValue::Absent), Ok(()), "{name}");
            assert!(matches!(options.set(name, OptionValue::Other), Err(OptionError::Invalid(_))), "{name}");
        }
        let expected = SearchOptions {
            limit: 7,
            offset: 7,
            prefix_last: false,
            lang: Some(vec!["en".into()]),
            kind: Some(vec!["en".into()]),
            date_from: Some("1956".into()),
            date_to: Some("1956".into()),
            date: Some("1956".into()),
            sort: Sort::DateDesc,
        };
        assert_eq!(options, expected);
        assert_eq!(options.set("limits", OptionValue::Number(1.0)), Err(OptionError::Unknown));
        assert_eq!(options.set("limits", OptionValue::Absent), Err(OptionError::Unknown));
        for bad in [-1.0, 1.5, f64::NAN, 1e10] {
            assert!(options.set("limit", OptionValue::Number(bad)).is_err(), "{bad}");
        }
        assert!(options.set("sort", OptionValue::Text("newest".into())).is_err());
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
