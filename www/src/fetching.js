// Folio's requests: the module (compiled as it downloads), the index's root and its chunks, each
// with a timeout, an abort signal and errors that name the URL and say what to do. Used by the
// engine (engine.js) and its pack reads (pack-reads.js).

import { DEFAULT_TIMEOUT_MS, abortError } from './errors.js';
import { rangeProblem } from './packs.js';

/** A failed request: `status` is the HTTP status, or 0 for a network error or a timeout. */
export class FetchError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/**
 * Fetches `url` and hands the checked Response to `read` (which reads its body), or throws an
 * Error naming the URL and the status. Gives up after `timeout` ms (0: never), body included;
 * `signal` aborts it; `cache` is fetch's cache mode; `range` ({ start, end }, end exclusive)
 * asks for those bytes only, and a server that sends anything else is refused before the body
 * downloads (rangeProblem()), unless it sends the whole file and that is at most `whole` bytes:
 * `read` then gets the 200 and its whole body.
 */
export async function fetchWith(url, what, read, { timeout = DEFAULT_TIMEOUT_MS, signal = null, cache = undefined, range = null, whole = 0 } = {}) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = timeout > 0 ? setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout) : 0;
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let res;
    try {
      const headers = range ? { Range: `bytes=${range.start}-${range.end - 1}` } : undefined;
      res = await fetch(url, { signal: controller.signal, cache, headers });
    } catch (err) {
      if (signal?.aborted) throw abortError();
      if (timedOut) throw new FetchError(`Folio: could not load ${what} from ${url}: the server did not answer within ${timeout / 1000} s`, 0);
      throw new FetchError(`Folio: could not load ${what} from ${url}: ${err && err.message ? err.message : err} (network error, blocked request, or a file:// page: use folio-offline.js there)`, 0);
    }
    if (!res.ok) throw new FetchError(`Folio: could not load ${what} from ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status);
    const problem = range && rangeProblem(res, url, range, whole);
    if (problem) {
      controller.abort(); // never download a large pack whole
      throw new FetchError(problem, 0);
    }
    // The body arrives after the headers: the timeout and the signal cover it too.
    try {
      return await read(res);
    } catch (err) {
      if (signal?.aborted) throw abortError();
      if (timedOut) throw new FetchError(`Folio: could not load ${what} from ${url}: the download did not finish within ${timeout / 1000} s`, 0);
      if (err instanceof CompileError) throw err;
      throw new FetchError(`Folio: could not load ${what} from ${url}: ${err && err.message ? err.message : err}`, 0);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Fetches `url` and returns its bytes, or throws as fetchWith() does. */
export function fetchChecked(url, what, options = {}) {
  return fetchWith(url, what, async (res) => new Uint8Array(await res.arrayBuffer()), options);
}

/** The module's bytes are not WebAssembly (or the browser refuses them). */
class CompileError extends Error {}

async function compileBytes(bytes) {
  try {
    return await WebAssembly.compile(bytes);
  } catch (err) {
    throw new CompileError(`Folio: the search engine (folio_bg.wasm) could not be started: ${err && err.message ? err.message : err}`);
  }
}

/**
 * Compiles the wasm (a URL, or its bytes). From a URL served as application/wasm it compiles
 * while the bytes arrive (WebAssembly.compileStreaming); otherwise (another content type, an
 * older browser) it reads the bytes first. Pages opened from file:// pass the bytes (offline.js).
 */
export function compileWasm(wasm, timeout) {
  if (wasm instanceof WebAssembly.Module) return Promise.resolve(wasm); // compiled by the page
  if (typeof wasm !== 'string') return compileBytes(wasm);
  const what = 'the search engine (folio_bg.wasm)';
  return fetchWith(wasm, what, async (res) => {
    const type = (res.headers.get('content-type') || '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.compileStreaming === 'function') {
      try {
        return await WebAssembly.compileStreaming(res);
      } catch (err) {
        if (err instanceof WebAssembly.CompileError) throw new CompileError(`Folio: the search engine (folio_bg.wasm) could not be started: ${err.message}`);
        throw err;
      }
    }
    return compileBytes(new Uint8Array(await res.arrayBuffer()));
  }, { timeout });
}
