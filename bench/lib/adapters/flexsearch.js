// FlexSearch 0.8.212 Document defaults; fields title,body; search {suggest:true, merge:true}.
// The index is the export() key/value pairs collected into one JSON object.
import { Document } from 'flexsearch';

let doc;
export async function load(cfg) {
  const r = await fetch(cfg.index);
  if (!r.ok) throw new Error(`fetch ${cfg.index}: HTTP ${r.status}`);
  const data = await r.json();
  doc = new Document({ document: { id: 'id', index: ['title', 'body'] } });
  for (const [k, v] of Object.entries(data)) await doc.import(k, v);
}

export function search(q) {
  return doc.search(q, { suggest: true, merge: true, limit: 10 }).slice(0, 10).map((r) => r.id);
}
