// Orama 3.1.18 defaults; schema title,body; save() output (includes the stored documents).
import { create, load as oramaLoad, search as oramaSearch } from '@orama/orama';

let db;
export async function load(cfg) {
  const r = await fetch(cfg.index);
  if (!r.ok) throw new Error(`fetch ${cfg.index}: HTTP ${r.status}`);
  const raw = await r.json();
  db = create({ schema: { title: 'string', body: 'string' } });
  oramaLoad(db, raw);
}

export function search(q) {
  const res = oramaSearch(db, { term: q, limit: 10 });
  const ids = (x) => x.hits.map((h) => h.id);
  return res && typeof res.then === 'function' ? res.then(ids) : ids(res);
}
