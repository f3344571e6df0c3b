// lunr 2.3.9 defaults; query = OR of lunr.tokenizer + lunr.trimmer terms (as PEERS.md / eval/peers.mjs).
import lunr from 'lunr';

let idx;
export async function load(cfg) {
  const r = await fetch(cfg.index);
  if (!r.ok) throw new Error(`fetch ${cfg.index}: HTTP ${r.status}`);
  idx = lunr.Index.load(await r.json());
}

export function search(q) {
  const terms = lunr.tokenizer(q).map((t) => lunr.trimmer(t).toString()).filter((s) => s.length > 0);
  if (!terms.length) return [];
  return idx.query((b) => { for (const t of terms) b.term(t); }).slice(0, 10).map((r) => r.ref);
}
