//! Folio in the browser: the WebAssembly API over [`folio_core`].
//!
//! The index of the corpus compiled by `build.rs` is embedded in the module, so search works with
//! no network request (and from `file://`). Everything here is glue: options come in as plain
//! JavaScript objects, responses go out as plain objects ([`folio_core::search::SearchResponse`]),
//! and every failure is a thrown `Error` with a message, never a trap.

use std::cell::RefCell;

use folio_core::index::Index;
use folio_core::search::SearchOptions;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The index compiled from the corpus at build time.
#[cfg(feature = "embedded-index")]
pub static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/folio.idx"));
/// Empty: this build embeds no index (the `embedded-index` feature is off).
#[cfg(not(feature = "embedded-index"))]
pub static EMBEDDED_INDEX: &[u8] = &[];

/// Opens the embedded index.
pub fn embedded_index() -> folio_core::Result<Index> {
    Index::from_bytes(EMBEDDED_INDEX)
}

fn no_index() -> JsError {
    JsError::new(
        "Folio: this module was built without an embedded index; call loadIndex(bytes) with an index.folio first",
    )
}

thread_local! {
    static CURRENT: RefCell<Option<Index>> = const { RefCell::new(None) };
}

/// Runs `f` on the current index, opening the embedded one on first use.
fn with_index<T>(f: impl FnOnce(&mut Index) -> Result<T, JsError>) -> Result<T, JsError> {
    CURRENT.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            if EMBEDDED_INDEX.is_empty() {
                return Err(no_index());
            }
            *slot = Some(embedded_index().map_err(to_js)?);
        }
        match slot.as_mut() {
            Some(index) => f(index),
            None => Err(no_index()),
        }
    })
}

fn to_js(e: folio_core::Error) -> JsError {
    JsError::new(&format!("Folio: {e}"))
}

/// The option names `search` accepts (the JSON names of [`SearchOptions`]' fields).
const OPTION_NAMES: [&str; 9] = ["limit", "offset", "prefixLast", "lang", "type", "dateFrom", "dateTo", "date", "sort"];

fn options_from(value: JsValue) -> Result<SearchOptions, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(SearchOptions::default());
    }
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        // serde-wasm-bindgen skips fields a struct does not name; a misspelt option must not
        // silently do nothing.
        for key in js_sys::Object::keys(object).iter().filter_map(|k| k.as_string()) {
            if !OPTION_NAMES.contains(&key.as_str()) {
                return Err(JsError::new(&format!(
                    "Folio: unknown search option '{key}'; the options are {}",
                    OPTION_NAMES.join(", ")
                )));
            }
        }
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let message = e.to_string();
        let message = message.strip_prefix("Error: ").unwrap_or(&message);
        JsError::new(&format!("Folio: invalid search options: {message}"))
    })
}

fn to_value<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("Folio: could not build the response: {e}")))
}

/// Searches the current index (the embedded one unless [`load_index`] replaced it).
///
/// `options` is an optional object `{ limit, offset, prefixLast, lang, type, dateFrom, dateTo,
/// date, sort }`. Returns `{ query, total, complete, fallback, hits, terms, didYouMean, facets }`;
/// throws an `Error` on invalid options. On a split index whose chunks the query needs are not
/// loaded yet, returns `{ needs: [file names relative to the root] }` instead: fetch them, pass
/// each to [`add_chunk`], and search again.
#[wasm_bindgen]
pub fn search(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    with_index(|index| match index.search(query, &options) {
        Ok(response) => to_value(&response),
        Err(folio_core::Error::MissingChunks(needs)) => to_value(&Needs { needs }),
        Err(e) => Err(to_js(e)),
    })
}

/// The chunks a search needs before it can answer.
#[derive(Debug, Serialize)]
struct Needs {
    needs: Vec<String>,
}

/// Replaces the current index with one loaded from `bytes` (a `.folio` file written by
/// `folio index`: a whole index, or the root of a split one). Throws, leaving the current index in
/// place, when the bytes are not a valid index.
#[wasm_bindgen(js_name = loadIndex)]
pub fn load_index(bytes: Vec<u8>) -> Result<(), JsError> {
    let index = Index::from_vec(bytes).map_err(to_js)?;
    CURRENT.with(|cell| *cell.borrow_mut() = Some(index));
    Ok(())
}

/// Adds a chunk of the current split index (the bytes of a file a search said it `needs`);
/// returns the chunk's file name. Throws when the bytes are damaged or belong to another index.
#[wasm_bindgen(js_name = addChunk)]
pub fn add_chunk(bytes: Vec<u8>) -> Result<String, JsError> {
    with_index(|index| index.add_chunk(bytes).map_err(to_js))
}

/// Facts about the current index.
#[derive(Debug, Serialize)]
pub struct Info {
    /// Documents in the index.
    pub documents: u32,
    /// Distinct terms in the index.
    pub terms: usize,
    /// Size of the index in bytes.
    pub bytes: usize,
    /// The index format version.
    pub version: u16,
    /// Whether the index is split into chunks fetched as queries need them.
    pub split: bool,
}

/// Returns `{ documents, terms, bytes, version, split }` for the current index (`bytes`: what
/// is loaded so far).
#[wasm_bindgen]
pub fn info() -> Result<JsValue, JsError> {
    with_index(|index| {
        to_value(&Info {
            documents: index.doc_count(),
            terms: index.term_count(),
            bytes: index.byte_len(),
            version: folio_core::index::format::VERSION,
            split: index.is_split(),
        })
    })
}
