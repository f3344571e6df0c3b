// Folio: wasm-bindgen glue + wasm. The wasm always carries the embedded seeds index; for other
// corpora the page fetches index.folio and swaps it in with loadIndex().
import init, { search as folioSearch, loadIndex, info } from 'FOLIO_PKG/folio.js';

export async function load(cfg) {
  await init(); // fetches folio_bg.wasm next to this file
  if (cfg.index) {
    const r = await fetch(cfg.index);
    if (!r.ok) throw new Error(`fetch ${cfg.index}: HTTP ${r.status}`);
    loadIndex(new Uint8Array(await r.arrayBuffer()));
  }
  return info();
}

// Top 10 with titles, snippets and highlight ranges: everything a result list needs.
export function search(q) {
  return folioSearch(q, { limit: 10 }).hits.map((h) => h.id);
}
