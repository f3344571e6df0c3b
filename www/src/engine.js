// Folio: starting the wasm engine and running calls on it. Shared by the Web Worker
// (folio-worker.js) and the main-thread fallback (folio.js, folio-offline.js), so both give
// exactly the same results and the same error messages.
//
// `glue` is wasm-bindgen's generated module: { default: init, search, loadIndex, addChunk, info }.

/** The message of any thrown value, always prefixed "Folio: ". */
export function folioMessage(err) {
  const text = String(err && err.message !== undefined ? err.message : err);
  return text.startsWith('Folio') ? text : `Folio: ${text}`;
}

/** Fetches `url` and returns the Response, or throws an Error naming the URL and the status. */
export async function fetchChecked(url, what) {
  let res;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new Error(`Folio: could not load ${what} from ${url}: ${err && err.message ? err.message : err} (network error, blocked request, or a file:// page: use folio-offline.js there)`);
  }
  if (!res.ok) throw new Error(`Folio: could not load ${what} from ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  return res;
}

/**
 * Instantiates the wasm (`wasm` is a URL string or the module's bytes) and opens the index:
 * `index` is a URL string, bytes, or null for the index embedded in the module; when the module
 * has none, `fallbackIndex` (URL or bytes) is loaded instead; `indexUrl` is where `index`'s bytes
 * were fetched from, if they were. Resolves to info().
 */
export async function startEngine(glue, wasm, index, fallbackIndex, indexUrl = null) {
  let source = wasm;
  if (typeof wasm === 'string') source = await fetchChecked(wasm, 'the search engine (folio_bg.wasm)');
  try {
    await glue.default({ module_or_path: source });
  } catch (err) {
    throw new Error(`Folio: the search engine (folio_bg.wasm) could not be started: ${err && err.message ? err.message : err}`);
  }
  if (index == null && !hasIndex(glue)) {
    if (fallbackIndex == null) throw new Error('Folio: this search engine has no built-in index; pass one: Folio.init({ index: "index.folio" })');
    index = fallbackIndex;
  }
  if (index != null) await openIndex(glue, index, indexUrl);
  return glue.info();
}

function hasIndex(glue) {
  try {
    const info = glue.info();
    return !!info && info.documents > 0;
  } catch {
    return false;
  }
}

// Where the chunks of the current index (a split one) are fetched from: its root's URL, or null
// when it was given as bytes. Fetches in flight, by URL, so concurrent searches share them.
let chunkBase = null;
const inFlight = new Map();

/**
 * Loads an index (URL string or bytes) into the engine, replacing the current one. `url` is where
 * the bytes came from, when `index` is bytes fetched by the caller: a split index's chunks are
 * fetched relative to it.
 */
export async function openIndex(glue, index, url = null) {
  let bytes = index;
  const where = typeof index === 'string' ? ` from ${index}` : '';
  chunkBase = typeof index === 'string' ? new URL(index, globalThis.location ? globalThis.location.href : undefined).href : url;
  if (typeof index === 'string') {
    const res = await fetchChecked(index, 'the index');
    bytes = new Uint8Array(await res.arrayBuffer());
  } else if (index instanceof ArrayBuffer) {
    bytes = new Uint8Array(index);
  }
  try {
    glue.loadIndex(bytes);
  } catch (err) {
    throw new Error(`Folio: the index${where} could not be opened: ${folioMessage(err).replace(/^Folio: /, '')}`);
  }
  return glue.info();
}

/** Fetches one chunk of the current split index and adds it to the engine (once per URL). */
function loadChunk(glue, name) {
  if (chunkBase == null) {
    return Promise.reject(new Error('Folio: this index is split into chunks, which are fetched next to it; load it by URL (Folio.init({ index: "folio/index.folio" })), not as bytes'));
  }
  const url = new URL(name, chunkBase).href;
  let pending = inFlight.get(url);
  if (!pending) {
    pending = fetchChecked(url, 'a chunk of the index')
      .then((res) => res.arrayBuffer())
      .then((buffer) => {
        let added;
        try {
          added = glue.addChunk(new Uint8Array(buffer));
        } catch (err) {
          throw new Error(`Folio: the index chunk ${url} could not be opened: ${folioMessage(err).replace(/^Folio: /, '')}`);
        }
        if (added !== name) throw new Error(`Folio: ${url} holds the index chunk ${added}, not ${name}; publish the chunks/ folder as folio index wrote it`);
      })
      .finally(() => inFlight.delete(url));
    inFlight.set(url, pending);
  }
  return pending;
}

/**
 * Searches; on a split index, fetches the chunks the query needs (all of a round in parallel)
 * and searches again until the answer is complete: term chunks, then the hits' document chunks.
 */
async function searchLoading(glue, query, options) {
  // Each round adds every chunk it names, so a few rounds always suffice (words, stems reached
  // through word forms in other chunks, documents); the bound only guards against a broken server.
  for (let round = 0; round < 8; round++) {
    const result = glue.search(query, options);
    if (!result || !Array.isArray(result.needs)) return result;
    await Promise.all(result.needs.map((name) => loadChunk(glue, name)));
  }
  throw new Error('Folio: the index chunks fetched never completed the search; check that chunks/ matches index.folio');
}

/** Runs one call of the engine's API; every failure becomes an Error with a clear message. */
export async function callEngine(glue, op, args) {
  try {
    if (op === 'search') return await searchLoading(glue, args[0], args[1] == null ? undefined : args[1]);
    if (op === 'info') return glue.info();
  } catch (err) {
    throw new Error(folioMessage(err));
  }
  throw new Error(`Folio: unknown operation ${op}`);
}
