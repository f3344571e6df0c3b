//! The options of a search, and the filters they resolve to.

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::response::Map;

/// The JavaScript names of the options, in the order of [`SearchOptions`]' fields: the one list
/// the wasm API accepts and names in its errors (`api.js` and `folio.d.ts` are checked against it).
pub const OPTION_NAMES: [&str; 10] =
    ["limit", "offset", "prefixLast", "lang", "type", "dateFrom", "dateTo", "date", "filters", "sort"];

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
    /// The site's own filters (`data-folio-filter`): filter name → the values a document must
    /// have any of, all of, or none of. In JavaScript a name may map to an array, meaning `any`.
    pub filters: Map<KeyFilter>,
    /// Order of the hits: by relevance (default), by date ascending or descending, or by one of the
    /// site's sort keys (`{ year: "asc" }`).
    pub sort: Sort,
}

/// How one of the site's filters narrows a search. Values are compared exactly, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KeyFilter {
    /// Documents with at least one of these values (none given: no condition).
    pub any: Vec<String>,
    /// Documents with every one of these values.
    pub all: Vec<String>,
    /// Documents with none of these values.
    pub none: Vec<String>,
}

impl KeyFilter {
    /// Whether it asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.any.is_empty() && self.all.is_empty() && self.none.is_empty()
    }
}

/// How hits are ordered. In JavaScript: `"relevance"`, `"date"`, `"date-desc"`, or a sort key
/// of the site with its direction, `{ year: "asc" }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Oldest first; undated documents last.
    Date,
    /// Newest first; undated documents last.
    DateDesc,
    /// By one of the site's sort keys (`data-folio-sort`); documents without a value last.
    Key {
        /// The sort key's name.
        key: String,
        /// Largest first.
        descending: bool,
    },
}

impl Serialize for Sort {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Sort::Relevance => s.serialize_str("relevance"),
            Sort::Date => s.serialize_str("date"),
            Sort::DateDesc => s.serialize_str("date-desc"),
            Sort::Key { key, descending } => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry(key, if *descending { "desc" } else { "asc" })?;
                map.end()
            }
        }
    }
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
            filters: Map::new(),
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
    /// A plain object: its own properties, in order.
    Fields(Vec<(String, OptionValue)>),
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
        use OptionValue::{Absent, Bool, Fields, Number, Text, Texts};
        const WHOLE: &str = "a whole number from 0 up";
        let whole = |n: f64| (n >= 0.0 && n.fract() == 0.0 && n <= u32::MAX as f64).then_some(n as usize);
        let invalid = Err(OptionError::Invalid(match name {
            "limit" | "offset" => WHOLE,
            "prefixLast" => "true or false",
            "lang" | "type" => "an array of strings",
            "dateFrom" | "dateTo" | "date" => "a string",
            "filters" => "an object of filter names to arrays of values, or to { any, all, none } arrays",
            "sort" => "\"relevance\", \"date\", \"date-desc\" or a sort key and its order, { year: \"asc\" }",
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
            ("filters", Fields(entries)) => match filters_of(entries) {
                Some(filters) => self.filters = filters,
                None => return invalid,
            },
            ("sort", Fields(entries)) => match entries.as_slice() {
                [(key, Text(order))] if order == "asc" || order == "desc" => {
                    self.sort = Sort::Key { key: key.clone(), descending: order == "desc" }
                }
                _ => return invalid,
            },
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

/// The `filters` option from its JavaScript object; `None` when it is not one.
fn filters_of(entries: Vec<(String, OptionValue)>) -> Option<Map<KeyFilter>> {
    let list = |value: OptionValue| match value {
        OptionValue::Texts(list) => Some(list),
        OptionValue::Text(s) => Some(vec![s]),
        OptionValue::Absent => Some(Vec::new()),
        _ => None,
    };
    let mut filters = Map::new();
    for (key, value) in entries {
        let mut filter = KeyFilter::default();
        match value {
            OptionValue::Fields(modes) => {
                for (mode, values) in modes {
                    let values = list(values)?;
                    match mode.as_str() {
                        "any" => filter.any = values,
                        "all" => filter.all = values,
                        "none" => filter.none = values,
                        _ => return None,
                    }
                }
            }
            other => filter.any = list(other)?,
        }
        if !filter.is_empty() {
            filters.insert(key, filter);
        }
    }
    Some(filters)
}

#[cfg(test)]
mod tests {
    use super::super::filter::date_range;
    use super::*;
    use crate::Result;

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
            "filters" => OptionValue::Fields(vec![
                ("collection".into(), OptionValue::Texts(vec!["Prints".into()])),
                ("room".into(), OptionValue::Fields(vec![("none".into(), OptionValue::Text("2".into()))])),
            ]),
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
            filters: Map::from([
                ("collection".into(), KeyFilter { any: vec!["Prints".into()], ..KeyFilter::default() }),
                ("room".into(), KeyFilter { none: vec!["2".into()], ..KeyFilter::default() }),
            ]),
            sort: Sort::DateDesc,
        };
        assert_eq!(options, expected);
        let sort = |entries| {
            let mut o = SearchOptions::default();
            o.set("sort", OptionValue::Fields(entries)).map(|()| o.sort)
        };
        let year = |order: &str| vec![("year".to_string(), OptionValue::Text(order.into()))];
        assert_eq!(sort(year("desc")), Ok(Sort::Key { key: "year".into(), descending: true }));
        assert!(sort(year("down")).is_err() && sort(vec![]).is_err());
        let bad_mode = vec![("a".to_string(), OptionValue::Fields(vec![("some".into(), OptionValue::Texts(vec![]))]))];
        assert!(options.set("filters", OptionValue::Fields(bad_mode)).is_err(), "an unknown mode is refused");
        let bad_value = vec![("a".to_string(), OptionValue::Number(1.0))];
        assert!(options.set("filters", OptionValue::Fields(bad_value)).is_err());
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
