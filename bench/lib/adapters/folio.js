// Folio: wasm-bindgen glue + wasm. On seeds the wasm carries the seeds index (bench/out/pkg); for
// other corpora it embeds none (bench/out/pkg-bare, as `folio index` ships it) and the page fetches
// index.folio and opens an Engine on it. A split index (a root plus chunks/) answers {needs}
// until the chunks a query needs are fetched and added, as folio.js does it: each round's chunks
// in parallel.
import init, { Engine } from 'FOLIO_PKG/folio.js';

let base = null;
let engine = null;

export async function load(cfg) {
  await init(); // fetches folio_bg.wasm next to this file
  if (cfg.index) {
    base = new URL(cfg.index, location.href);
    const r = await fetch(base);
    if (!r.ok) throw new Error(`fetch ${cfg.index}: HTTP ${r.status}`);
    engine = Engine.open(new Uint8Array(await r.arrayBuffer()));
  } else {
    engine = Engine.embedded();
  }
  return engine.info();
}

async function fetchChunk(name) {
  const r = await fetch(new URL(name, base));
  if (!r.ok) throw new Error(`fetch ${name}: HTTP ${r.status}`);
  engine.addChunk(new Uint8Array(await r.arrayBuffer()));
}

const ids = (r) => r.hits.map((h) => h.id);

// Top 10 with titles, snippets and highlight ranges: everything a result list needs. Synchronous
// once the chunks are loaded; a promise while they are fetched.
export function search(q) {
  let r = engine.search(q, { limit: 10 });
  if (!r.needs) return ids(r);
  return (async () => {
    while (r.needs) {
      await Promise.all(r.needs.map(fetchChunk));
      r = engine.search(q, { limit: 10 });
    }
    return ids(r);
  })();
}
