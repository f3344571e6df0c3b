//! `.jsonl` and `.jsonl.gz` corpora, streamed one line at a time (a 50 MB corpus is never held
//! whole as text).
//!
//! Each non-blank line is one JSON object:
//! - `id` (string or integer) and `body` (string, may be empty) are required: a missing `body` is
//!   more often a misnamed field (`text`) than an empty document, so it is reported;
//! - `title` is optional: without one (or with a blank one) the title is the first line of the
//!   body, cut near 120 characters at a word boundary, or the id if the body is empty;
//! - `date` (string, or an integer year), `lang`, `type` (stored as the kind), `url` and `summary`
//!   are optional; a `date` that is not a date is an error; without `lang` the script decides;
//! - other fields (`author`, `bib`, `work`, `year`…) are ignored.
//!
//! Errors name the file and line: invalid UTF-8, invalid JSON (with its column), a missing or
//! ill-typed field, and a duplicate id (naming the line that first used it).

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;
use serde_json::{Map, Value};

use super::date::parse_date;
use super::ids::Ids;
use super::metadata::{detect_lang, language_code};
use super::text::title_from_text;
use super::Document;
use folio_core::{Error, Result};

/// Calls `f` with each document of a `.jsonl` (or gzip-compressed `.jsonl.gz`) file, in file
/// order, reading one line at a time, and returns how many documents there were.
///
/// Stops at the first error, from the file or from `f`. Ids must be unique within the file.
pub fn for_each_jsonl_document<F>(path: &Path, mut f: F) -> Result<usize>
where
    F: FnMut(Document) -> Result<()>,
{
    let mut ids = Ids::default();
    for_each_jsonl_line(path, &mut ids, |doc, _| f(doc))
}

/// As [`for_each_jsonl_document`], checking ids against `ids` and passing each document's line.
pub(crate) fn for_each_jsonl_line<F>(path: &Path, ids: &mut Ids, mut f: F) -> Result<usize>
where
    F: FnMut(Document, usize) -> Result<()>,
{
    let file = File::open(path).map_err(|e| Error::corpus(path, None, format!("cannot open the file: {e}")))?;
    let gzip = is_gzip(path);
    let mut reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::new(MultiGzDecoder::new(BufReader::new(file))))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let mut buf = Vec::new();
    let mut line = 0;
    let mut count = 0;
    loop {
        buf.clear();
        let read = reader.read_until(b'\n', &mut buf).map_err(|e| {
            let what = if gzip { "cannot decompress (is it a complete gzip file?)" } else { "cannot read" };
            Error::corpus(path, Some(line + 1), format!("{what}: {e}"))
        })?;
        if read == 0 {
            return Ok(count);
        }
        line += 1;
        let text = std::str::from_utf8(&buf).map_err(|e| {
            let at = e.valid_up_to() + 1;
            Error::corpus(path, Some(line), format!("invalid UTF-8 at byte {at} of the line (the file must be UTF-8)"))
        })?;
        let text = text.trim_end_matches(['\n', '\r']);
        let text = if line == 1 { text.strip_prefix('\u{feff}').unwrap_or(text) } else { text };
        if text.trim().is_empty() {
            continue;
        }
        let doc = parse_line(text).map_err(|message| Error::corpus(path, Some(line), message))?;
        ids.claim(&doc.id, path, Some(line))?;
        f(doc, line)?;
        count += 1;
    }
}

/// Whether `path` names a gzip-compressed file (`.gz`).
fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// Parses one line into a document, or says what is wrong with it.
fn parse_line(text: &str) -> std::result::Result<Document, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        format!("invalid JSON at column {}: {message}", e.column())
    })?;
    let Value::Object(map) = value else {
        return Err(format!("expected a JSON object with \"id\", \"title\" and \"body\", found {}", type_name(&value)));
    };
    let id = match map.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err("\"id\" is empty".to_string()),
        Some(Value::Number(n)) if n.is_u64() || n.is_i64() => n.to_string(),
        None | Some(Value::Null) => return Err("missing \"id\" (every document needs a unique id)".to_string()),
        Some(other) => return Err(format!("\"id\" must be a string or an integer, found {}", type_name(other))),
    };
    let body = string_field(&map, "body")?
        .ok_or_else(|| format!("document {id:?} has no \"body\" (use \"body\": \"\" for a title-only document)"))?;
    let title = string_field(&map, "title")?.filter(|t| !t.trim().is_empty());
    let title = title.or_else(|| title_from_text(&body)).unwrap_or_else(|| id.clone());
    let date = match map.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => {
            Some(parse_date(&n.to_string()).ok_or_else(|| format!("\"date\" {n} is not a year"))?)
        }
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(Value::String(s)) => Some(
            parse_date(s)
                .ok_or_else(|| format!("\"date\" {s:?} is not a date (write it as YYYY-MM-DD, YYYY-MM or YYYY)"))?,
        ),
        Some(other) => return Err(format!("\"date\" must be a string, found {}", type_name(other))),
    };
    let lang = string_field(&map, "lang")?.and_then(|l| language_code(&l));
    let lang = lang.or_else(|| detect_lang(&body)).or_else(|| detect_lang(&title));
    let filters = string_map(&map, "filters", true)?;
    let sort = string_map(&map, "sort", false)?.into_iter().filter_map(|(k, mut v)| Some((k, v.pop()?))).collect();
    let meta = string_map(&map, "meta", false)?.into_iter().filter_map(|(k, mut v)| Some((k, v.pop()?))).collect();
    Ok(Document {
        filters,
        sort,
        meta,
        kind: string_field(&map, "type")?.filter(|t| !t.trim().is_empty()).map(|t| t.trim().to_lowercase()),
        url: string_field(&map, "url")?.filter(|u| !u.trim().is_empty()),
        summary: string_field(&map, "summary")?.unwrap_or_default(),
        id,
        title,
        date,
        lang,
        body,
        ..Document::default()
    })
}

/// An optional object of strings (`"sort": {"year": "1956"}`; numbers are written as text), or
/// with `lists`, of strings or arrays of strings (`"filters": {"collection": ["Prints", "Maps"]}`):
/// key → values, empty values left out.
fn string_map(
    map: &Map<String, Value>,
    key: &str,
    lists: bool,
) -> std::result::Result<std::collections::BTreeMap<String, Vec<String>>, String> {
    let mut out = std::collections::BTreeMap::new();
    let object = match map.get(key) {
        None | Some(Value::Null) => return Ok(out),
        Some(Value::Object(object)) => object,
        Some(other) => return Err(format!("{key:?} must be an object, found {}", type_name(other))),
    };
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    for (name, value) in object {
        let values = match value {
            Value::Array(items) if lists => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
            other => scalar(other).map(|v| vec![v]),
        };
        let what = if lists { "a string or an array of strings" } else { "a string or a number" };
        let values = values.ok_or_else(|| format!("\"{key}.{name}\" must be {what}, found {}", type_name(value)))?;
        let values: Vec<String> = values.into_iter().filter(|v| !v.is_empty()).collect();
        let name = name.trim().to_lowercase();
        if !values.is_empty() && !name.is_empty() {
            out.entry(name).or_insert_with(Vec::new).extend(values);
        }
    }
    Ok(out)
}

/// An optional string field: `None` when absent or null, an error when it is not a string.
fn string_field(map: &Map<String, Value>, key: &str) -> std::result::Result<Option<String>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("{key:?} must be a string, found {}", type_name(other))),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_sort_keys_and_meta() -> std::result::Result<(), String> {
        let doc = parse_line(
            r#"{"id": 1, "body": "", "filters": {"Collection": ["Prints", "<i>x</i>"], "room": "2"},
                "sort": {"year": 1956}, "meta": {"image": "a.jpg"}}"#,
        )?;
        assert_eq!(doc.filters.get("collection"), Some(&vec!["Prints".to_string(), "<i>x</i>".to_string()]));
        assert_eq!(doc.filters.get("room"), Some(&vec!["2".to_string()]));
        assert_eq!(doc.sort.get("year").map(String::as_str), Some("1956"));
        assert_eq!(doc.meta.get("image").map(String::as_str), Some("a.jpg"));
        let err = parse_line(r#"{"id": 1, "body": "", "filters": {"a": {"b": 1}}}"#).err().unwrap_or_default();
        assert!(err.contains("\"filters.a\" must be a string or an array of strings"), "{err}");
        Ok(())
    }

    #[test]
    fn fields_defaults_and_fallbacks() -> std::result::Result<(), String> {
        let doc = parse_line(
            r#"{"id": 7, "body": "first line\nsecond", "date": "March 19, 1953", "type": "Abstract", "author": "x"}"#,
        )?;
        assert_eq!(doc.id, "7");
        assert_eq!(doc.title, "first line");
        assert_eq!(doc.date.as_deref(), Some("1953-03-19"));
        assert_eq!(doc.kind.as_deref(), Some("abstract"));
        assert_eq!(doc.lang.as_deref(), Some("en"));
        let doc = parse_line(r#"{"id": "a", "title": "", "body": ""}"#)?;
        assert_eq!(doc.title, "a");
        Ok(())
    }

    #[test]
    fn bad_lines_say_what_is_wrong() {
        let err = |line: &str| parse_line(line).map(|_| ()).unwrap_err();
        assert!(err(r#"{"title": "t", "body": "b"}"#).contains("missing \"id\""));
        assert!(err(r#"{"id": "a", "title": "t"}"#).contains("no \"body\""));
        assert!(err(r#"{"id": "a", "body": 3}"#).contains("\"body\" must be a string"));
        assert!(err(r#"{"id": 1.5, "body": ""}"#).contains("\"id\" must be"));
        assert!(err(r#"{"id": "a", "body": "", "date": "soon"}"#).contains("not a date"));
        assert!(err(r#"["a"]"#).contains("expected a JSON object"));
        let e = err(r#"{"id": "a", "body": "x""#);
        assert!(e.starts_with("invalid JSON at column"), "{e}");
    }
}
