// Folio's JavaScript API: Folio.init(options) → an engine whose search() runs in a Web Worker
// where it can, and on the main thread otherwise (same module, same results). Every failure is
// a rejected promise with an Error whose message starts with "Folio".
import { DEFAULT_TIMEOUT_MS, abortError, folioMessage } from './errors.js';
import { hasTranslations, pageLanguage, withPageLanguage, withoutTranslations } from './page-lang.js';

export const VERSION = '0.2.0';
const INIT_OPTIONS = ['index', 'worker', 'wasm', 'timeout'];
// OPTION_NAMES of crates/folio-core/src/search/options.rs, checked here as well as in the wasm
// (which refuses unknown options too) so that a misspelt option fails before it crosses to a
// worker. tests/types/api.ts fails the type check when this list and folio.d.ts's SearchOptions
// differ, and tests/types/responses.ts when folio.d.ts and the Rust list differ.
export const SEARCH_OPTIONS = /** @type {const} */ (['limit', 'offset', 'prefixLast', 'lang', 'type', 'dateFrom', 'dateTo', 'date', 'filters', 'sort']);

// How this build finds its parts; set by the entry file (see esm.js and offline.js):
// { wasm: URL | () => bytes, worker: URL | null, glue: () => Promise<{ Core, createGlue }> (the
//   engine, and a function that returns a fresh copy of wasm-bindgen's glue),
//   defaultIndex: URL | null (when the wasm has no index built in), inlineIndex: () => bytes | null,
//   base: URL of the site root for relative hit URLs }
let ENV = null;
export function configure(env) {
  ENV = env;
}

// The engine compiled while the page loads (compileEarly): { url, module: a promise of the
// WebAssembly.Module, or of null when the early compile failed }.
let early = null;

/**
 * Starts downloading and compiling the wasm at `url` now (WebAssembly.compileStreaming: compiled
 * as the bytes arrive), before any search box is used, so that init() finds it compiled: folio.js
 * calls it when it is imported. Does nothing where streaming compilation is missing. The module
 * is handed to the engine's worker; when this compile fails (wrong content type, an error page),
 * the engine compiles from the URL itself and says what is wrong.
 */
export function compileEarly(url) {
  if (early || typeof fetch !== 'function' || typeof WebAssembly !== 'object' || typeof WebAssembly.compileStreaming !== 'function') return;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DEFAULT_TIMEOUT_MS);
  const module = WebAssembly.compileStreaming(fetch(url, { signal: controller.signal }))
    .catch(() => null)
    .finally(() => clearTimeout(timer));
  early = { url, module };
}

/**
 * Fetches the root of the index at `url` on this thread while the worker starts: a promise of
 * { url, bytes }, or of null on any failure (the worker then fetches it and reports the error).
 */
function fetchRoot(url, timeout) {
  const controller = new AbortController();
  const timer = timeout > 0 ? setTimeout(() => controller.abort(), timeout) : 0;
  return fetch(url, { signal: controller.signal })
    .then(async (res) => (res.ok ? { url, bytes: new Uint8Array(await res.arrayBuffer()) } : null))
    .catch(() => null)
    .finally(() => clearTimeout(timer));
}

/** The early compile of `url` (a promise of a Module, or of null), or null when none was started. */
function earlyModule(url) {
  return early && early.url === url ? early.module : null;
}
export function environment() {
  return ENV;
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === 'object' ? `an object (${Object.prototype.toString.call(value).slice(8, -1)})` : `${typeof value} ${String(value)}`;
}

function absolute(url) {
  return new URL(String(url), document.baseURI).href;
}

/** A copy of the index bytes (ours to transfer), or its absolute URL, or null. */
function indexSource(index) {
  if (index == null) return null;
  if (typeof index === 'string' || index instanceof URL) return absolute(index);
  if (index instanceof ArrayBuffer) return new Uint8Array(index.slice(0));
  if (ArrayBuffer.isView(index)) return new Uint8Array(index.buffer.slice(index.byteOffset, index.byteOffset + index.byteLength));
  throw new TypeError(`Folio.init: "index" must be a URL or the bytes of an index.folio file (ArrayBuffer or Uint8Array), got ${describe(index)}`);
}

function checkSearch(query, options) {
  if (typeof query !== 'string') throw new TypeError(`Folio: search(query, options): the query must be a string, got ${describe(query)}`);
  if (options != null && (typeof options !== 'object' || Array.isArray(options))) {
    throw new TypeError(`Folio: invalid search options: expected an object such as { limit: 10 }, got ${describe(options)}`);
  }
  for (const key of Object.keys(options || {})) {
    if (!(/** @type {readonly string[]} */ (SEARCH_OPTIONS)).includes(key)) {
      throw new TypeError(`Folio: invalid search options: unknown option "${key}"; the options are ${SEARCH_OPTIONS.join(', ')}`);
    }
  }
}

class WorkerUnavailable extends Error {}
/** folio-engine.js (the engine's code for the page's thread) could not be loaded. */
class GlueUnavailable extends Error {}

/**
 * Indexes of at most this many documents are searched on the page's own thread unless `worker`
 * says otherwise. A worker's answer arrives in a task of its own, after the frame that follows the
 * key, so each keystroke's results showed a frame late: key to first painted results p50 / p95 in
 * the drop-in UI (bench/run.sh, typed queries) went from 13.2 / 21.7 ms to 6.2 / 9.8 on the seeds,
 * 11.5 / 18.9 to 4.1 / 5.7 on Cranfield and 15.2 / 19.9 to 5.3 / 9.4 on the 63k Wikipedia leads.
 * Past this size the longest searches (a word in most documents) take tens of milliseconds, which
 * would make typing stutter: a worker keeps the page responsive.
 */
export const PAGE_THREAD_DOCUMENTS = 100_000;
/** A whole index file larger than this is opened in a worker without being opened on the page. */
export const PAGE_THREAD_BYTES = 8 * 1024 * 1024;

/**
 * Where an engine whose `worker` option is not given runs: 'main' (the page's thread) or
 * 'worker', from the index's documents (once opened; null before) and its bytes as fetched (the
 * root of a split index, the whole of a single file; null when not known).
 * @param {number | null} documents
 * @param {number | null} bytes
 * @returns {'main' | 'worker'}
 */
export function defaultThread(documents, bytes) {
  if (bytes != null && bytes > PAGE_THREAD_BYTES) return 'worker';
  return documents != null && documents > PAGE_THREAD_DOCUMENTS ? 'worker' : 'main';
}

/** The engine in a Web Worker. */
class WorkerBackend {
  constructor(worker) {
    this.mode = 'worker';
    this.worker = worker;
    this.seq = 0;
    this.pending = new Map();
    worker.addEventListener('message', (event) => {
      const { id, ok, value, error, name, partial } = event.data || {};
      const call = this.pending.get(id);
      if (!call) return;
      if (partial !== undefined) {
        call.onPartial?.(partial);
        return;
      }
      this.pending.delete(id);
      if (ok) call.resolve(value);
      else call.reject(name === 'AbortError' ? abortError() : new Error(error));
    });
    worker.addEventListener('error', (event) => {
      this.failAll(`Folio: the search worker stopped: ${event.message || 'script error'}`);
    });
  }

  static start(url, init) {
    return new Promise((resolve, reject) => {
      let worker;
      try {
        worker = new Worker(url);
      } catch (err) {
        reject(new WorkerUnavailable(String(err && err.message)));
        return;
      }
      let settled = false;
      // A worker whose script cannot load fires "error" before answering anything.
      worker.addEventListener('error', (event) => {
        if (settled) return;
        settled = true;
        event.preventDefault();
        worker.terminate();
        reject(new WorkerUnavailable(event.message || 'the worker script did not load'));
      });
      const backend = new WorkerBackend(worker);
      const { module, root, ...args } = init;
      const transfer = args.index instanceof Uint8Array ? [args.index.buffer] : [];
      // The wasm compiled and the root fetched on this thread while the worker's script loads are
      // handed over as they come (null: the worker fetches it itself, and reports any failure).
      args.given = { module: !!module, root: !!root };
      backend.call('init', args, transfer).then(
        (info) => {
          settled = true;
          resolve({ backend, info });
        },
        (err) => {
          if (settled) return;
          settled = true;
          worker.terminate();
          reject(err);
        },
      );
      const give = (op, value, transferList = []) => {
        try {
          worker.postMessage({ id: 0, op, args: [value] }, transferList);
        } catch {
          worker.postMessage({ id: 0, op, args: [null] }); // a browser that cannot send a Module
        }
      };
      module?.then((m) => give('module', m));
      root?.then((r) => give('root', r, r ? [r.bytes.buffer] : []));
    });
  }

  call(op, args, transfer = [], signal = null, onPartial = null) {
    return new Promise((resolve, reject) => {
      if (!this.worker) {
        reject(new Error('Folio: this engine was closed'));
        return;
      }
      if (signal?.aborted) {
        reject(abortError());
        return;
      }
      const id = ++this.seq;
      this.pending.set(id, { resolve, reject, onPartial });
      try {
        this.worker.postMessage({ id, op, args }, transfer);
      } catch (err) {
        this.pending.delete(id);
        reject(new Error(`Folio: invalid search options: they cannot be copied to the search worker (${err && err.message})`));
        return;
      }
      // A search given up: the worker stops it, and its answer, if any, is dropped.
      signal?.addEventListener('abort', () => {
        if (!this.pending.delete(id)) return;
        this.worker?.postMessage({ id: 0, op: 'abort', args: [id] });
        reject(abortError());
      }, { once: true });
    });
  }

  failAll(message) {
    for (const call of this.pending.values()) call.reject(new Error(message));
    this.pending.clear();
  }

  close() {
    this.worker?.terminate();
    this.worker = null;
    this.failAll('Folio: this engine was closed');
  }
}

/** The engine on the main thread: its own wasm instance and index, like a worker's. */
class MainBackend {
  constructor(core) {
    this.mode = 'main';
    this.core = core;
  }

  static async start(init) {
    let engine;
    try {
      engine = await ENV.glue();
    } catch (err) {
      throw new GlueUnavailable(`Folio: could not load the search engine's code (folio-engine.js): ${err && err.message ? err.message : err}`);
    }
    let fallback = init.fallbackIndex;
    if (typeof fallback === 'function') fallback = fallback();
    const core = new engine.Core(engine.createGlue, { timeout: init.timeout });
    const wasm = typeof init.wasm === 'function' ? init.wasm() : init.wasm;
    const info = await core.start(init.module ? init.module.then((m) => m || wasm) : wasm, init.index, fallback, init.root ?? null);
    return { backend: new MainBackend(core), info };
  }

  async call(op, args, _transfer, signal = null, onPartial = null) {
    if (!this.core) throw new Error('Folio: this engine was closed');
    try {
      if (op === 'search') return await this.core.search(args[0], args[1] == null ? undefined : args[1], signal, args[2] === true, onPartial);
      if (op === 'document') return await this.core.document(args[0], args[1], signal);
      if (op === 'info') return await this.core.info();
      if (op === 'loadIndex') return await this.core.loadIndex(args[0]);
    } catch (err) {
      if (err && err.name === 'AbortError') throw err;
      throw new Error(folioMessage(err));
    }
    throw new Error(`Folio: unknown operation ${op}`);
  }

  close() {
    this.core = null;
  }
}

/** What Folio.init() resolves to. */
export class FolioEngine {
  constructor(backend, info) {
    this._backend = backend;
    /** 'worker' when searches run in a Web Worker, 'main' on the main thread. */
    this.mode = backend.mode;
    /** Facts about the index: { documents, terms, bytes, version }. */
    this.index = info;
    // Whether the index holds the languages pages declare versions in (page-lang.js); null until
    // a response says. Without them, searches need not ask to leave those versions out.
    this._translations = null;
  }

  /**
   * Searches; resolves to a SearchResponse, rejects with an Error on bad options or a failed
   * fetch. `control.signal` (an AbortSignal) gives the search up: it rejects with an AbortError.
   * `control.typing`: the query is being typed (with a signal), so costly chunk fetches wait for a pause.
   * `control.onPartial`: on a split index, called with the page answered from the chunks at hand
   * (the hits whose documents are loaded; `pending`: the places of the others) while the rest are
   * fetched; the promise then resolves to the complete response, as without it.
   * @param {string} query
   * @param {import('./folio.d.ts').SearchOptions} [options]
   * @param {import('./folio.d.ts').SearchControl} [control]
   * @returns {Promise<import('./folio.d.ts').SearchResponse>}
   */
  async search(query, options, control = {}) {
    checkSearch(query, options);
    const signal = control && control.signal ? control.signal : null;
    const given = control && typeof control.onPartial === 'function' ? control.onPartial : null;
    const onPartial = given && ((partial) => given(withoutTranslations(partial)));
    // From a page of a translated site, the other languages' versions of its pages are left out.
    const asked = withPageLanguage(options ?? undefined, this._translations === false ? null : pageLanguage());
    const response = await this._backend.call('search', [query, asked, !!(control && control.typing), !!onPartial], [], signal, onPartial);
    this._translations = hasTranslations(response) ?? this._translations;
    return withoutTranslations(response);
  }

  /**
   * Fetches what a search of `query` needs (the chunks of its words and of its first page's
   * documents, on a split index) without showing anything, so that the search, when it comes,
   * answers from memory. Resolves once they are loaded; rejects as search() does.
   * @param {string} query
   * @param {import('./folio.d.ts').SearchOptions} [options]
   * @returns {Promise<void>}
   */
  async preload(query, options) {
    await this.search(query, options);
  }

  /**
   * The stored text of document `id` (a hit's id) with `query`'s matches highlighted, for a
   * reader view; resolves to null when the index has no such document.
   * @param {string} id
   * @param {string} [query]
   * @param {import('./folio.d.ts').SearchControl} [control]
   * @returns {Promise<import('./folio.d.ts').DocumentView | null>}
   */
  async document(id, query = '', control = {}) {
    if (typeof id !== 'string') throw new TypeError(`Folio: document(id, query): the id must be a string, got ${describe(id)}`);
    if (typeof query !== 'string') throw new TypeError(`Folio: document(id, query): the query must be a string, got ${describe(query)}`);
    const signal = control && control.signal ? control.signal : null;
    return this._backend.call('document', [id, query], [], signal);
  }

  /**
   * Resolves to { documents, terms, bytes, version, split } of the current index.
   * @returns {Promise<import('./folio.d.ts').IndexInfo>}
   */
  async info() {
    return this._backend.call('info', []);
  }

  /**
   * Replaces the index (URL or bytes of an index.folio); resolves to the new info().
   * @param {import('./folio.d.ts').IndexSource} index
   * @returns {Promise<import('./folio.d.ts').IndexInfo>}
   */
  async loadIndex(index) {
    const source = indexSource(index);
    if (source == null) throw new TypeError('Folio: loadIndex(index) needs a URL or the bytes of an index.folio file');
    const info = await this._backend.call('loadIndex', [source], source instanceof Uint8Array ? [source.buffer] : []);
    this.index = info;
    this._translations = null;
    return info;
  }

  /** Stops the worker (if any); later calls reject. */
  close() {
    this._backend.close();
  }
}

/**
 * Loads the engine and the index. Options: index (URL or bytes; default: the index built into
 * the module, else index.folio next to folio.js), worker (default true), wasm (URL of
 * folio_bg.wasm; default: next to folio.js), timeout (ms one request may take; default 20000,
 * 0: never give up).
 * @param {import('./folio.d.ts').InitOptions} [options]
 * @returns {Promise<FolioEngine>}
 */
export async function init(options = {}) {
  if (ENV == null) throw new Error('Folio: not configured (load folio.js or folio-offline.js)');
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`Folio.init: options must be an object such as { index: "index.folio" }, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!INIT_OPTIONS.includes(key)) throw new TypeError(`Folio.init: unknown option "${key}"; the options are ${INIT_OPTIONS.join(', ')}`);
  }
  if (options.worker !== undefined && typeof options.worker !== 'boolean') {
    throw new TypeError(`Folio.init: "worker" must be true or false, got ${describe(options.worker)}`);
  }
  const timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (typeof timeout !== 'number' || !(timeout >= 0) || timeout === Infinity) {
    throw new TypeError(`Folio.init: "timeout" must be a number of milliseconds (0: never give up), got ${describe(options.timeout)}`);
  }
  // An index inlined into folio-offline.js is the default there.
  const index = indexSource(options.index) ?? (ENV.inlineIndex ? ENV.inlineIndex() : null);
  const wasm = options.wasm != null ? absolute(options.wasm) : ENV.wasm;
  const useWorker = options.worker !== false && ENV.worker && typeof Worker === 'function' && typeof wasm === 'string';
  const module = typeof wasm === 'string' ? earlyModule(wasm) : null;
  let root = typeof index === 'string' && useWorker ? fetchRoot(index, timeout) : null;
  if (useWorker && options.worker === undefined) {
    // Opened on this thread first, and moved to a worker only when the index proves large.
    const glue = ENV.glue();
    glue.catch(() => {});
    const given = root ? await root : null;
    const bytes = given ? given.bytes.length : index instanceof Uint8Array ? index.length : null;
    root = given && Promise.resolve(given);
    if (defaultThread(null, bytes) === 'main') {
      let onPage = null;
      try {
        onPage = await MainBackend.start({ wasm, index, fallbackIndex: ENV.defaultIndex, timeout, module, root });
      } catch (err) {
        // A site that serves folio.js, the worker and the wasm but not folio-engine.js (copied by
        // hand before the page's thread was the default) still searches, in the worker.
        if (!(err instanceof GlueUnavailable)) throw err;
      }
      if (onPage && defaultThread(onPage.info.documents, null) === 'main') return new FolioEngine(onPage.backend, onPage.info);
      // Closed before its bytes (the root, or the index given) are handed to the worker.
      onPage?.backend.close();
    }
  }
  let started = null;
  if (useWorker) {
    const fallbackIndex = typeof ENV.defaultIndex === 'string' ? ENV.defaultIndex : null;
    try {
      started = await WorkerBackend.start(ENV.worker, { wasm, index, fallbackIndex, timeout, module, root });
    } catch (err) {
      if (!(err instanceof WorkerUnavailable)) throw new Error(folioMessage(err));
      // No usable worker here (old browser, cross-origin bundle, file:// page): main thread.
    }
  }
  // (The root fetched here may have gone to the worker that failed: fetched again.)
  if (!started) started = await MainBackend.start({ wasm, index, fallbackIndex: ENV.defaultIndex, timeout, module });
  return new FolioEngine(started.backend, started.info);
}

let defaultEngine = null;

/** The engine that Folio.search() and the drop-in UI use unless given their own. */
export function defaultFolio() {
  if (!defaultEngine) {
    defaultEngine = init();
    defaultEngine.catch(() => {
      defaultEngine = null;
    });
  }
  return defaultEngine;
}

/**
 * Searches with the default engine (started on first use).
 * @param {string} query
 * @param {import('./folio.d.ts').SearchOptions} [options]
 * @returns {Promise<import('./folio.d.ts').SearchResponse>}
 */
export async function search(query, options) {
  checkSearch(query, options);
  return (await defaultFolio()).search(query, options);
}

/**
 * Starts the default engine now (the one Folio.search() and the drop-in UI use): its worker, the
 * compiled wasm and the index's root, and with `query` the chunks that query needs, so that the
 * first search finds them ready. Call it when a search box gets focus or comes into view.
 * Resolves once loaded; rejects as init() and search() do.
 * @param {string} [query]
 * @param {import('./folio.d.ts').SearchOptions} [options]
 * @returns {Promise<void>}
 */
export async function preload(query, options) {
  if (query !== undefined) checkSearch(query, options);
  const engine = await defaultFolio();
  if (query !== undefined) await engine.preload(query, options);
}
