// MiniSearch 7.2.0 defaults; fields title,body; search(text) = OR, no prefix, no fuzzy.
import MiniSearch from 'minisearch';

let ms;
export async function load(cfg) {
  const r = await fetch(cfg.index);
  if (!r.ok) throw new Error(`fetch ${cfg.index}: HTTP ${r.status}`);
  ms = MiniSearch.loadJSON(await r.text(), { fields: ['title', 'body'] });
}

export function search(q) {
  return ms.search(q).slice(0, 10).map((r) => r.id);
}
