//! Folio in the browser: the WebAssembly API over [`folio_core`].
//!
//! The index of the corpus compiled by `build.rs` is embedded in the module, so search works with
//! no network request (and from `file://`). Each [`Engine`] holds its own index, so engines on one
//! page (or in one module instance) never see each other's. Everything here is glue: options come
//! in as plain JavaScript objects, responses go out as plain objects
//! ([`folio_core::search::SearchResponse`]), and every failure is a thrown `Error` with a message.
//! A trap (a bug, or a damaged index the checks missed) leaves the instance unusable: the
//! JavaScript side drops the instance and starts a fresh one.

use folio_core::index::Index;
use folio_core::search::{OptionError, OptionValue, SearchOptions, SearchResponse, OPTION_NAMES};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod to_js;

// The few JavaScript built-ins the options are read with, declared here rather than taken from
// js-sys (see to_js.rs).
#[wasm_bindgen]
extern "C" {
    /// A JavaScript object (`instanceof Object`).
    #[wasm_bindgen(js_name = Object)]
    type PlainObject;
    #[wasm_bindgen(js_namespace = Object, js_name = keys)]
    fn object_keys(object: &PlainObject) -> Vec<JsValue>;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &PlainObject, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Vec<JsValue>;
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The module's allocator: TLSF (two-level segregated fit; constant-time allocation and freeing,
/// neighbouring free blocks and memory pages coalesced), about a quarter of the code of the
/// standard library's dlmalloc (bench/size-table.md).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: rlsf::GlobalTlsf = rlsf::GlobalTlsf::new();

/// The index compiled from the corpus at build time.
#[cfg(feature = "embedded-index")]
pub static EMBEDDED_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/folio.idx"));
/// Empty: this build embeds no index (the `embedded-index` feature is off).
#[cfg(not(feature = "embedded-index"))]
pub static EMBEDDED_INDEX: &[u8] = &[];

/// A tiny index of two documents (`src/warm.jsonl`, compiled by `build.rs`) that [`Engine::warm`]
/// searches, in every module: all but its first 8 bytes, the magic `FOLIOIDX`, so that only a
/// module that embeds a site's index holds those ([`warm_index`] puts them back).
static WARM_INDEX_TAIL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/warm.tail"));

/// The index magic as a number: a constant the code writes, where the bytes of
/// [`MAGIC`](folio_core::index::format::MAGIC) would lie in the module's data.
const MAGIC_WORD: u64 = u64::from_le_bytes(*folio_core::index::format::MAGIC);

/// The bytes of the tiny index [`Engine::warm`] searches.
pub fn warm_index() -> Vec<u8> {
    let mut bytes = Vec::with_capacity(8 + WARM_INDEX_TAIL.len());
    bytes.extend_from_slice(&MAGIC_WORD.to_le_bytes());
    bytes.extend_from_slice(WARM_INDEX_TAIL);
    bytes
}

/// Runs on [`warm_index`] what a first search runs: a query with a misspelt word, ranked, with
/// snippets and highlights, and a document's reader view; returns the search's response.
pub fn warm_up() -> folio_core::Result<SearchResponse> {
    let index = Index::from_vec(warm_index())?;
    let options = SearchOptions::default();
    let answer = index.searcher().search_partial("similarity heated models spead", &options)?;
    index.document_view("warm-1", "heat transfer")?;
    Ok(answer.response)
}

/// Opens the embedded index.
pub fn embedded_index() -> folio_core::Result<Index> {
    Index::from_bytes(EMBEDDED_INDEX)
}

fn to_js(e: folio_core::Error) -> JsError {
    JsError::new(&format!("Folio: {e}"))
}

fn options_from(value: JsValue) -> Result<SearchOptions, JsError> {
    let mut options = SearchOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    let Some(object) = value.dyn_ref::<PlainObject>() else {
        return Err(invalid("expected an object such as { limit: 10 }".to_string()));
    };
    // Read by hand rather than through serde: serde's error paths bring float formatting and a
    // generic deserializer into the module, about 10 KB of every page's download.
    for key in object_keys(object).iter().filter_map(|k| k.as_string()) {
        let v = reflect_get(object, &JsValue::from_str(&key)).unwrap_or(JsValue::UNDEFINED);
        match options.set(&key, option_value(&v)) {
            Ok(()) => {}
            // A misspelt option must not silently do nothing.
            Err(OptionError::Unknown) => {
                // Listed by hand: a `join` would be the module's only one (about 0.9 KB).
                let mut names = String::new();
                for name in OPTION_NAMES {
                    if !names.is_empty() {
                        names.push_str(", ");
                    }
                    names.push_str(name);
                }
                return Err(JsError::new(&format!("Folio: unknown search option '{key}'; the options are {names}")));
            }
            Err(OptionError::Invalid(expected)) => {
                return Err(invalid(format!("{key} must be {expected}, got {}", shown(&v))))
            }
        }
    }
    Ok(options)
}

/// A JavaScript value as [`SearchOptions::set`] takes it.
fn option_value(v: &JsValue) -> OptionValue {
    value_at(v, 0)
}

/// How deep objects are read: `filters` → a filter → its `any`/`all`/`none`. Deeper (or cyclic)
/// objects are `Other`, never recursed into without end.
const OBJECT_DEPTH: usize = 2;

fn value_at(v: &JsValue, depth: usize) -> OptionValue {
    if v.is_undefined() || v.is_null() {
        OptionValue::Absent
    } else if let Some(b) = v.as_bool() {
        OptionValue::Bool(b)
    } else if let Some(n) = v.as_f64() {
        OptionValue::Number(n)
    } else if let Some(s) = v.as_string() {
        OptionValue::Text(s)
    } else if is_array(v) {
        array_from(v)
            .iter()
            .map(|v| v.as_string())
            .collect::<Option<_>>()
            .map_or(OptionValue::Other, OptionValue::Texts)
    } else if v.is_object() && !v.is_function() && depth < OBJECT_DEPTH {
        // A plain object (`filters`, `sort: { year: "asc" }`): its own properties, each converted.
        let object: &PlainObject = v.unchecked_ref();
        let field = |key: &JsValue| {
            let value = reflect_get(object, key).ok()?;
            Some((key.as_string()?, value_at(&value, depth + 1)))
        };
        object_keys(object).iter().map(field).collect::<Option<_>>().map_or(OptionValue::Other, OptionValue::Fields)
    } else {
        OptionValue::Other
    }
}

fn invalid(message: String) -> JsError {
    JsError::new(&format!("Folio: invalid search options: {message}"))
}

/// A value as an error message shows it: as JSON, else by its type.
fn shown(value: &JsValue) -> String {
    json_stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| value.js_typeof().as_string().unwrap_or_default())
}

fn to_value<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    to_js::to_js(value).map_err(|e| JsError::new(&format!("Folio: could not build the response: {e}")))
}

/// One search engine: an index (embedded, or loaded from bytes) and the chunks added to it.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
}

#[wasm_bindgen]
impl Engine {
    /// Whether this module embeds an index ([`Engine::embedded`] can open it).
    #[wasm_bindgen(js_name = hasEmbeddedIndex)]
    pub fn has_embedded_index() -> bool {
        !EMBEDDED_INDEX.is_empty()
    }

    /// An engine on the index embedded in the module. Throws when the module embeds none.
    pub fn embedded() -> Result<Engine, JsError> {
        if EMBEDDED_INDEX.is_empty() {
            return Err(JsError::new(
                "Folio: this module was built without an embedded index; load an index.folio with Engine.open(bytes)",
            ));
        }
        Ok(Engine { index: embedded_index().map_err(to_js)? })
    }

    /// An engine on the index in `bytes` (a `.folio` file written by `folio index`: a whole index,
    /// or the root of a split one). Throws when the bytes are not a valid index.
    pub fn open(bytes: Vec<u8>) -> Result<Engine, JsError> {
        Ok(Engine { index: Index::from_vec(bytes).map_err(to_js)? })
    }

    /// Searches the index.
    ///
    /// `options` is an optional object `{ limit, offset, prefixLast, lang, type, dateFrom, dateTo,
    /// date, sort }`. Returns `{ query, total, complete, fallback, hits, terms, didYouMean, facets }`;
    /// throws an `Error` on invalid options. On a split index whose chunks the query needs are not
    /// loaded yet, returns `{ needs: [file names relative to the root] }` instead: fetch them, pass
    /// each to [`Engine::add_chunk`], and search again.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        self.respond(query, options, false)
    }

    /// Searches the index with the chunks at hand, for a page to paint while the rest arrive: as
    /// [`Engine::search`], except that once the query's term chunks are added, a page whose
    /// documents' chunks are not all added answers `{ response, pending, needs }`: the response
    /// with the hits at hand, the places in the page of those left out, and the chunks to fetch
    /// before searching again.
    #[wasm_bindgen(js_name = searchPartial)]
    pub fn search_partial(&self, query: &str, options: JsValue) -> Result<JsValue, JsError> {
        self.respond(query, options, true)
    }

    /// The stored text of the document whose id is `id`, with the matches of `query` highlighted:
    /// `{ id, title, titleHighlights, url, date, lang, type, parent, summary, summaryHighlights,
    /// citation, citationHighlights, body, bodyHighlights, sections, best }`, or `null` when the
    /// index has no such document. On a split index, returns `{ needs: [...] }` as
    /// [`Engine::search`] does until the chunks it needs are added.
    pub fn document(&self, id: &str, query: &str) -> Result<JsValue, JsError> {
        match self.index.document_view(id, query) {
            Ok(Some(view)) => to_value(&view),
            Ok(None) => Ok(JsValue::NULL),
            Err(folio_core::Error::MissingChunks(needs)) => to_value(&Needs { needs }),
            Err(e) => Err(to_js(e)),
        }
    }

    /// Adds a chunk of a split index (the bytes of a file a search said it `needs`); returns the
    /// chunk's file name. Throws when the bytes are damaged or belong to another index.
    #[wasm_bindgen(js_name = addChunk)]
    pub fn add_chunk(&mut self, bytes: Vec<u8>) -> Result<String, JsError> {
        self.index.add_chunk(bytes).map_err(to_js)
    }

    /// Runs a search and a document view on a tiny built-in index, so that the code a first
    /// search runs is compiled before it is needed (a browser compiles each of the module's
    /// functions the first time it is called): call it while the page waits. Returns how many
    /// hits it found (2); touches no engine's index.
    pub fn warm() -> Result<u32, JsError> {
        let response = warm_up().map_err(to_js)?;
        to_value(&response)?;
        Ok(response.hits.len() as u32)
    }

    /// Returns `{ documents, terms, bytes, version, split }` (`bytes`: what is loaded so far).
    pub fn info(&self) -> Result<JsValue, JsError> {
        to_value(&Info::of(&self.index))
    }
}

impl Engine {
    /// [`Engine::search`] (`partial` false) and [`Engine::search_partial`]: both run the one
    /// partial search, so the module carries one copy of the search (a page with hits pending
    /// answers `{ needs }` to a whole search: the same chunks its `MissingChunks` would name).
    fn respond(&self, query: &str, options: JsValue, partial: bool) -> Result<JsValue, JsError> {
        let options = options_from(options)?;
        match self.index.searcher().search_partial(query, &options) {
            Ok(answer) if answer.needs.is_empty() => to_value(&answer.response),
            Ok(answer) if partial => to_value(&answer),
            Ok(answer) => to_value(&Needs { needs: answer.needs }),
            Err(folio_core::Error::MissingChunks(needs)) => to_value(&Needs { needs }),
            Err(e) => Err(to_js(e)),
        }
    }
}

/// The chunks a search needs before it can answer.
#[derive(Debug, Serialize)]
struct Needs {
    needs: Vec<String>,
}

/// Facts about an engine's index.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
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

impl Info {
    /// The facts about `index` that [`Engine::info`] returns.
    pub fn of(index: &Index) -> Info {
        Info {
            documents: index.doc_count(),
            terms: index.term_count(),
            bytes: index.byte_len(),
            version: folio_core::index::format::VERSION,
            split: index.is_split(),
        }
    }
}
