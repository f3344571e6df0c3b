// Folio: wasm-bindgen glue + wasm. On seeds the wasm carries the seeds index (bench/out/pkg); for
// other corpora it embeds none (bench/out/pkg-bare, as `folio index` ships it) and the page fetches
// index.folio (while the wasm compiles, as folio.js does) and opens an Engine on it. A split index (a root plus chunks/) answers {needs}
// until the chunks a query needs are fetched and added, as folio.js does it: each round's chunks
// in parallel. A packed index's chunks (pack#offset,length) are read as folio.js reads them: one
// Range request per run of chunks lying end to end in a pack, each chunk decompressed.
import init, { Engine } from 'FOLIO_PKG/folio.js';
import { inflate, packRange, packRuns, rangeProblem } from '../../../www/src/packs.js';

let base = null;
let engine = null;

async function fetchRoot(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`fetch ${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

export async function load(cfg) {
  // The root is fetched while the wasm downloads and compiles, as folio.js does it.
  base = cfg.index ? new URL(cfg.index, location.href) : null;
  const root = base ? fetchRoot(base) : null;
  root?.catch(() => {});
  await init(); // fetches folio_bg.wasm next to this file (streaming compilation)
  if (root) {
    engine = Engine.open(await root);
  } else {
    engine = Engine.embedded();
  }
  // Warmed in a task of its own once the index is open, as engine.js's Core.warmSoon() does: a
  // search started at once issues its fetches first, and the warm-up runs while they are out.
  // (bench/warm-ab.mjs sets __benchNoWarm in some page loads, to weigh the warm-up.)
  if (!globalThis.__benchNoWarm) setTimeout(() => Engine.warm(), 0);
  // (warm-ab.mjs's PAUSE: a visitor types a while after the page loads.)
  if (globalThis.__benchPauseMs) await new Promise((resolve) => setTimeout(resolve, globalThis.__benchPauseMs));
  return engine.info();
}

async function fetchChunk(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`fetch ${url}: HTTP ${r.status}`);
  engine.addChunk(new Uint8Array(await r.arrayBuffer()));
}

async function fetchRun(run) {
  const r = await fetch(run.file, { headers: { Range: `bytes=${run.start}-${run.end - 1}` } });
  const problem = r.ok ? rangeProblem(r, run.file, run) : `fetch ${run.file}: HTTP ${r.status}`;
  if (problem) throw new Error(problem);
  const bytes = new Uint8Array(await r.arrayBuffer());
  for (const part of run.parts) engine.addChunk(await inflate(bytes.subarray(part.start - run.start, part.end - run.start)));
}

/** Fetches and adds one round's chunks, in parallel. */
function fetchRound(names) {
  const urls = names.map((name) => new URL(name, base).href);
  const packed = urls.map(packRange).filter(Boolean);
  return Promise.all([...urls.filter((u) => !packRange(u)).map(fetchChunk), ...packRuns(packed).map(fetchRun)]);
}

const ids = (r) => r.hits.map((h) => h.id);

// Top 10 with titles, snippets and highlight ranges: everything a result list needs. Synchronous
// once the chunks are loaded; a promise while they are fetched.
export function search(q) {
  let r = timed(q);
  if (!r.needs) return ids(r);
  return (async () => {
    while (r.needs) {
      await fetchRound(r.needs);
      r = timed(q);
    }
    return ids(r);
  })();
}

/** One search call, its time added to globalThis.__benchWasmMs (the wasm's share of a query: bench/warm-ab.mjs). */
function timed(q) {
  const t = performance.now();
  const r = engine.search(q, { limit: 10 });
  globalThis.__benchWasmMs = (globalThis.__benchWasmMs || 0) + performance.now() - t;
  return r;
}
