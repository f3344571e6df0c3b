// Folio: one search engine (a wasm instance and the index it holds), and the calls on it. Shared
// by the Web Worker (folio-worker.js) and the main-thread fallback (folio.js, folio-offline.js),
// so both give exactly the same results and the same error messages.
//
// `makeGlue()` returns a fresh copy of wasm-bindgen's generated glue ({ default: init, initSync,
// Engine }), with its own module state: after a trap the old instance is dropped and a new one is
// started from the same compiled module, so a damaged index or a bug never leaves the engine dead.

import { DEFAULT_TIMEOUT_MS, abortError, folioMessage } from './errors.js';
import { FetchError, compileWasm, fetchChecked } from './fetching.js';
import { PackReads } from './pack-reads.js';
import { PACK_GAP, packRange } from './packs.js';

const bare = (err) => folioMessage(err).replace(/^Folio: /, '');

/** Whether `err` is a WebAssembly trap, after which the instance must not be used again. */
function isTrap(err) {
  return typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError;
}

/** Rejects when `signal` aborts; else settles as `promise` does. */
function unlessAborted(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * How long a search being typed (`query`) waits before fetching `names` (chunks not yet under
 * way): the more it would download, the longer, so that a letter typed meanwhile (which gives the
 * search up) saves the download. A term chunk or two goes at once: it also serves the longer
 * prefixes that follow; so do up to three once the word has five letters (a longer prefix's keys
 * lie in a shorter one's range, so its chunks seldom go to waste, and the last letter finds them
 * at hand instead of waiting a pause before its first paint). More term chunks, and document
 * chunks (the results' text), wait for a pause in the typing; longest, what the next letter all
 * but certainly makes useless: the many term chunks of a one- or two-letter prefix, and anything
 * for a query that ends between two words (a space typed last). `documents`: the round fetches the documents of a ranked page (the
 * search answered with a partial page); a two-level directory's pages (`p<k>`), named alike for
 * term and document chunks, count as what their round fetches.
 */
export function fetchPause(names, query = '', documents = false) {
  const isTerm = (n) => /-t\d+\.(folio|pack#\d+,\d+)$/.test(n) || (!documents && /-p\d+\.(folio|pack#\d+,\d+)$/.test(n));
  const terms = names.filter(isTerm).length; // a chunk file, or a range of a term pack
  const docs = names.length - terms;
  const prefix = [.../(\S*)$/.exec(query)[1]].length; // the word being typed, in letters
  if (docs === 0 && (terms <= TYPING.cheapTermChunks || (prefix >= TYPING.narrowLetters && terms <= TYPING.narrowTermChunks))) return 0;
  if ((query && prefix === 0) || (docs === 0 && prefix > 0 && prefix <= 2)) return TYPING.wordPauseMs;
  return Math.min(TYPING.maxPauseMs, TYPING.pauseMs + TYPING.perChunkMs * names.length);
}

/**
 * The pauses of fetchPause(), in milliseconds (a person types a letter every 120–250 ms), and the
 * term chunks that go at once: `cheapTermChunks` whatever the prefix, `narrowTermChunks` once the
 * word being typed has `narrowLetters` letters. Typing the 50 benchmark queries of the 63k leads
 * (bench/typing-node.mjs), five letters and three chunks took the last letter's pause before its
 * ranking from 23 queries (mean 95 ms) to 7 (37 ms) for 20.94 → 21.20 chunk requests and
 * 139.8 → 141.6 KB per query (four letters: 6 queries, 21.34 requests, 142.6 KB); Cranfield's
 * typed queries fetch the same.
 */
export const TYPING = { cheapTermChunks: 2, narrowLetters: 5, narrowTermChunks: 3, pauseMs: 150, perChunkMs: 10, maxPauseMs: 300, wordPauseMs: 600 };

/** Resolves after `ms` (at once for 0), or rejects with an AbortError when `signal` aborts. */
function pause(ms, signal) {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}

const equalBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * One loaded index: its wasm Engine, the bytes it was opened from (null: the module's own index),
 * where its chunks are fetched from (null: given as bytes), and its chunk fetches in flight.
 */
class Loaded {
  constructor(engine, generation, bytes, url) {
    this.engine = engine;
    this.generation = generation;
    this.bytes = bytes;
    this.url = url;
    this.fetches = new Map(); // chunk URL → { promise } of a fetch under way
    this.packs = new PackReads(); // its packed chunks' reads (a packed index)
    this.users = 0; // searches running on it
    this.retired = false; // replaced by loadIndex or a new build
  }
}

/** A search engine: a wasm instance (restarted after a trap) and the index in use. */
export class Core {
  constructor(makeGlue, { timeout = DEFAULT_TIMEOUT_MS } = {}) {
    this.makeGlue = makeGlue;
    this.timeout = timeout;
    this.module = null; // the compiled WebAssembly.Module
    this.glue = null;
    this.generation = 0; // counts instances: a Loaded of an older one is reopened before use
    this.current = null;
    this.restarting = null; // a promise while the instance is being replaced after a trap
    this.packGap = PACK_GAP; // bytes a Range request may read between two chunks (packRuns())
    this.warmed = 0; // the instance (generation) warmSoon() was last scheduled for
  }

  /**
   * Compiles and starts the wasm (`wasm`: a URL string, the module's bytes, a compiled
   * WebAssembly.Module, or a promise of one of those) and opens the index: a URL string, bytes, or
   * null for the module's own; when the module has none, `fallbackIndex` (URL or bytes) instead.
   * `root`: a promise of the root of `index` fetched by the page ({ url, bytes }, or null: fetch
   * it here). Resolves to info().
   */
  async start(wasm, index, fallbackIndex, root = null) {
    // An index given by URL is fetched while the module downloads and compiles.
    const early = typeof index === 'string' ? (root ? root.then((r) => r || this.fetchRoot(index)) : this.fetchRoot(index)) : null;
    early?.catch(() => {});
    this.module = await compileWasm(await wasm, this.timeout);
    await this.instantiate();
    if (index == null && !this.glue.Engine.hasEmbeddedIndex()) {
      if (fallbackIndex == null) throw new Error('Folio: this search engine has no built-in index; pass one: Folio.init({ index: "index.folio" })');
      index = fallbackIndex;
    }
    await this.loadIndex(index, early);
    return this.info();
  }

  /** Fetches the root of the index at `index` (a URL): { url, bytes }. */
  async fetchRoot(index) {
    const url = new URL(index, globalThis.location ? globalThis.location.href : undefined).href;
    return { url, bytes: await fetchChecked(url, 'the index', { timeout: this.timeout }) };
  }

  /** A fresh wasm instance (and glue) from the compiled module. */
  async instantiate() {
    const glue = this.makeGlue();
    try {
      await glue.default({ module_or_path: this.module });
    } catch (err) {
      throw new Error(`Folio: the search engine (folio_bg.wasm) could not be started: ${err && err.message ? err.message : err}`);
    }
    this.glue = glue;
    this.generation += 1;
  }

  /** Opens an engine on `bytes` (null: the module's own index) in the current instance. */
  open(bytes) {
    return bytes == null ? this.glue.Engine.embedded() : this.glue.Engine.open(bytes);
  }

  /**
   * Runs `f(engine)` on `loaded`'s engine, reopening it first if the instance it lived in was
   * dropped. After a trap the instance is dropped and a fresh one started with the index in use
   * reopened, and the call fails with an Error that says so.
   */
  async call(loaded, f, what) {
    if (this.restarting) await this.restarting;
    try {
      if (loaded.generation !== this.generation) {
        loaded.engine = this.open(loaded.bytes);
        loaded.generation = this.generation;
        loaded.fetches.clear();
      }
      return f(loaded.engine);
    } catch (err) {
      if (!isTrap(err)) throw err;
      await this.restart();
      throw new Error(`Folio: the search engine failed on ${what} (${bare(err)}), which may mean a damaged index; it was restarted. Rebuild the index with folio index if this happens again`);
    }
  }

  /**
   * Drops the instance after a trap: starts a fresh one and reopens the index in use. Calls made
   * meanwhile wait for it (one restart at a time).
   */
  restart() {
    if (!this.restarting) {
      this.restarting = this.reopen().finally(() => {
        this.restarting = null;
      });
    }
    return this.restarting;
  }

  async reopen() {
    await this.instantiate();
    const loaded = this.current;
    if (!loaded) return;
    try {
      loaded.engine = this.open(loaded.bytes);
      loaded.generation = this.generation;
      loaded.fetches.clear();
    } catch (err) {
      // The index that was in use no longer opens: it was opened once, so this is a bug.
      this.current = null;
      throw new Error(`Folio: the search engine was restarted, but the index could not be reopened: ${bare(err)}`);
    }
  }

  /**
   * Loads an index (a URL string, or bytes) in place of the current one (`fetched`: a fetchRoot()
   * of that URL already under way). On failure the current index stays in use; searches running
   * on the old one finish on it.
   */
  async loadIndex(index, fetched = null) {
    let url = null;
    let bytes = index instanceof ArrayBuffer ? new Uint8Array(index) : index;
    if (typeof index === 'string') ({ url, bytes } = await (fetched || this.fetchRoot(index)));
    const where = url ? ` from ${url}` : '';
    let engine;
    try {
      engine = await this.call({ generation: this.generation, engine: null }, () => this.open(bytes), `the index${where}`);
    } catch (err) {
      throw new Error(`Folio: the index${where} could not be opened: ${bare(err)}`);
    }
    this.replace(new Loaded(engine, this.generation, bytes, url));
    this.warmSoon();
    return this.info();
  }

  /**
   * Warms the instance once, in a task of its own: Engine.warm() searches a tiny built-in index, so
   * the functions a first search runs are compiled (a browser compiles each on its first call)
   * while the page waits for a keystroke, or a first search (which issues its fetches first) for
   * its chunks.
   */
  warmSoon() {
    const generation = this.generation;
    if (this.warmed === generation || typeof this.glue?.Engine?.warm !== 'function') return;
    this.warmed = generation;
    setTimeout(() => {
      if (this.generation !== generation || this.restarting) return;
      try {
        this.glue.Engine.warm();
      } catch (err) {
        if (isTrap(err)) this.restart().catch(() => {});
      }
    }, 0);
  }

  /** Makes `loaded` the index in use; the one it replaces is freed once no search uses it. */
  replace(loaded) {
    const old = this.current;
    this.current = loaded;
    if (old && old !== loaded) {
      old.retired = true;
      this.release(old);
    }
  }

  release(loaded) {
    if (!loaded.retired || loaded.users > 0 || !loaded.engine) return;
    if (loaded.generation === this.generation) loaded.engine.free();
    loaded.engine = null;
  }

  async info() {
    if (!this.current) throw new Error('Folio: no index is loaded');
    return this.call(this.current, (engine) => engine.info(), 'info()');
  }

  /**
   * Searches the index in use; on a split index, fetches the chunks the query needs (all of a
   * round in parallel) and searches again until the answer is complete. A chunk that is gone
   * (HTTP 404) makes it fetch the root again once: a new build is loaded and the query retried.
   * `signal` gives the search up (its chunk fetches finish, and the chunks are kept: the next
   * letter typed usually needs them). `typing`: the query is being typed, so a round whose fetch
   * is costly waits for a pause in the typing first (see fetchPause()). `onPartial`: while the
   * documents of the page are fetched, it is given the page answered from the chunks at hand (a
   * PartialResponse: the hits at hand, the places of the others in `pending`), to paint before
   * the complete answer resolves.
   */
  async search(query, options, signal = null, typing = false, onPartial = null) {
    // Typed, the partial answer also tells the rounds apart: one that answers a page fetches its
    // documents (fetchPause()).
    const op = onPartial || typing ? (engine) => engine.searchPartial(query, options) : (engine) => engine.search(query, options);
    return this.withChunks(op, `the query ${JSON.stringify(query)}`, signal, typing && query, onPartial);
  }

  /**
   * The stored text of document `id` with `query`'s matches highlighted (a DocumentView), or null;
   * fetches the chunks it needs as a search does.
   */
  async document(id, query, signal = null) {
    return this.withChunks((engine) => engine.document(id, query), `the document ${JSON.stringify(id)}`, signal);
  }

  /**
   * Runs `op(engine)` (what: for messages) on the index in use, as search() describes; `typing`:
   * false, or the query being typed.
   */
  async withChunks(op, what, signal, typing = false, onPartial = null) {
    if (!this.current) throw new Error('Folio: no index is loaded');
    let loaded = this.current;
    let rebuilt = false;
    for (;;) {
      try {
        return await this.runOn(loaded, op, what, signal, typing, onPartial);
      } catch (err) {
        if (rebuilt || !(err instanceof FetchError) || err.status !== 404 || !loaded.url) throw err;
        rebuilt = true;
        const fresh = await this.newBuild(loaded, signal);
        if (!fresh) throw err;
        loaded = fresh;
      }
    }
  }

  /** Fetches `loaded`'s root again: a Loaded of the new build when it changed, else null. */
  async newBuild(loaded, signal) {
    const bytes = await fetchChecked(loaded.url, 'the index', { timeout: this.timeout, signal, cache: 'no-cache' });
    if (loaded.bytes && equalBytes(bytes, loaded.bytes)) return null;
    const engine = await this.call({ generation: this.generation, engine: null }, () => this.open(bytes), `the index from ${loaded.url}`);
    const fresh = new Loaded(engine, this.generation, bytes, loaded.url);
    if (this.current === loaded) this.replace(fresh);
    else fresh.retired = true; // another index was loaded meanwhile: this search alone uses it
    return fresh;
  }

  async runOn(loaded, op, what, signal, typing, onPartial) {
    loaded.users += 1;
    try {
      // Each round adds every chunk it names, so a few rounds always suffice (words, stems
      // reached through word forms in other chunks, documents); the bound guards against a
      // broken server.
      for (let round = 0; round < 8; round++) {
        if (signal?.aborted) throw abortError();
        const result = await this.call(loaded, op, what);
        if (!result || !Array.isArray(result.needs)) return result;
        // A page from the chunks at hand (searchPartial's { response, pending, needs }): shown
        // while the rest arrive.
        if (onPartial && result.response) onPartial({ ...result.response, pending: result.pending, needs: result.needs });
        if (typing && signal && loaded.url) {
          const missing = result.needs.filter((name) => !loaded.fetches.has(new URL(name, loaded.url).href));
          await pause(fetchPause(missing, typing, Boolean(result.response)), signal);
        }
        await Promise.all(result.needs.map((name) => this.chunk(loaded, name, signal)));
      }
      throw new Error('Folio: the index chunks fetched never completed the search; check that chunks/ matches index.folio');
    } finally {
      loaded.users -= 1;
      this.release(loaded);
    }
  }

  /**
   * Fetches one chunk of `loaded` and adds it to its engine, which keeps it for the session.
   * Searches that need the same chunk at once share one fetch. A fetch whose searches were all
   * given up still finishes and is added: while a word is typed the next letter's search usually
   * needs the same chunk, and cancelling would make it download the chunk again. A failed fetch
   * is forgotten, so a later search asks the server again.
   */
  chunk(loaded, name, signal) {
    if (loaded.url == null) {
      return Promise.reject(new Error('Folio: this index is split into chunks, which are fetched next to it; load it by URL (Folio.init({ index: "folio/index.folio" })), not as bytes'));
    }
    const url = new URL(name, loaded.url).href;
    let entry = loaded.fetches.get(url);
    if (!entry) {
      entry = { promise: null };
      const generation = loaded.generation;
      const range = packRange(url);
      const fetched = range ? loaded.packs.read(range, { gap: this.packGap, timeout: this.timeout }) : fetchChecked(url, 'a chunk of the index', { timeout: this.timeout });
      entry.promise = fetched
        .then((bytes) => {
          if (loaded.generation !== generation) return; // the instance was restarted: ask again
          return this.call(loaded, (engine) => engine.addChunk(bytes), `the index chunk ${url}`).then((added) => {
            if (added !== name) throw new Error(`Folio: ${url} holds the index chunk ${added}, not ${name}; publish the chunks/ folder as folio index wrote it`);
          }, (err) => {
            throw new Error(`Folio: the index chunk ${url} could not be opened: ${bare(err)}`);
          });
        })
        .finally(() => {
          if (loaded.fetches.get(url) === entry) loaded.fetches.delete(url);
        });
      entry.promise.catch(() => {});
      loaded.fetches.set(url, entry);
    }
    return unlessAborted(entry.promise, signal);
  }
}
