// Folio: starting the wasm engine and running calls on it. Shared by the Web Worker
// (folio-worker.js) and the main-thread fallback (folio.js, folio-offline.js), so both give
// exactly the same results and the same error messages.
//
// `glue` is wasm-bindgen's generated module: { default: init, search, loadIndex, info }.

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
 * has none, `fallbackIndex` (URL or bytes) is loaded instead. Resolves to info().
 */
export async function startEngine(glue, wasm, index, fallbackIndex) {
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
  if (index != null) await openIndex(glue, index);
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

/** Loads an index (URL string or bytes) into the engine, replacing the current one. */
export async function openIndex(glue, index) {
  let bytes = index;
  const where = typeof index === 'string' ? ` from ${index}` : '';
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

/** Runs one call of the engine's API; every failure becomes an Error with a clear message. */
export function callEngine(glue, op, args) {
  try {
    if (op === 'search') return glue.search(args[0], args[1] == null ? undefined : args[1]);
    if (op === 'info') return glue.info();
  } catch (err) {
    throw new Error(folioMessage(err));
  }
  throw new Error(`Folio: unknown operation ${op}`);
}
