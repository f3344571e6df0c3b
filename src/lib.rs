//! Folio in the browser: the WebAssembly API over [`folio_core`].
//!
//! The index of the corpus compiled by `build.rs` is embedded in the module, so search works with
//! no network request (and from `file://`). Everything here is glue: options come in as plain
//! JavaScript objects, responses go out as plain objects ([`folio_core::search::SearchResponse`]),
//! and every failure is a thrown `Error` with a message, never a trap.

use std::cell::RefCell;
use std::rc::Rc;

use folio_core::index::Index;
use folio_core::search::{SearchOptions, SearchResponse};
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
    static CURRENT: RefCell<Option<Rc<Index>>> = const { RefCell::new(None) };
}

fn current() -> Result<Rc<Index>, JsError> {
    CURRENT.with(|cell| {
        let mut slot = cell.borrow_mut();
        if let Some(index) = slot.as_ref() {
            return Ok(Rc::clone(index));
        }
        if EMBEDDED_INDEX.is_empty() {
            return Err(no_index());
        }
        let index = Rc::new(embedded_index().map_err(to_js)?);
        *slot = Some(Rc::clone(&index));
        Ok(index)
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
/// `options` is an optional object `{ limit, offset, prefixLast, lang, type, dateFrom, dateTo }`.
/// Returns `{ query, total, fallback, hits: [...] }`; throws an `Error` on invalid options.
#[wasm_bindgen]
pub fn search(query: &str, options: JsValue) -> Result<JsValue, JsError> {
    let options = options_from(options)?;
    let response: SearchResponse = current()?.search(query, &options).map_err(to_js)?;
    to_value(&response)
}

/// Replaces the current index with one loaded from `bytes` (a `.folio` file written by
/// `folio index`). Throws, leaving the current index in place, when the bytes are not a valid index.
#[wasm_bindgen(js_name = loadIndex)]
pub fn load_index(bytes: Vec<u8>) -> Result<(), JsError> {
    let index = Index::from_vec(bytes).map_err(to_js)?;
    CURRENT.with(|cell| *cell.borrow_mut() = Some(Rc::new(index)));
    Ok(())
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
}

/// Returns `{ documents, terms, bytes, version }` for the current index.
#[wasm_bindgen]
pub fn info() -> Result<JsValue, JsError> {
    let index = current()?;
    to_value(&Info {
        documents: index.doc_count(),
        terms: index.term_count(),
        bytes: index.byte_len(),
        version: folio_core::index::format::VERSION,
    })
}
