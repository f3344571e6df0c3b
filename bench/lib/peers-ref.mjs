// Reads the peers' reference figures from PEERS.md (printed beside our numbers as reference only:
// they were measured on another day, and pagefind's and the JS libraries' latencies were taken in
// Node there, except pagefind's). Returns {peerId: "build · index gz · cold q · p95"} for a corpus.
import fs from 'node:fs';

const PEERS_MD = process.env.PEERS_MD || '/work/shared/PEERS.md';

export function peersReference(corpusKey) {
  let text;
  try { text = fs.readFileSync(PEERS_MD, 'utf8'); } catch { return {}; }
  const sections = text.split(/^## /m);
  const sec = sections.find((s) => s.startsWith(`${corpusKey} (`));
  if (!sec) return {};
  const out = {};
  // Only the first table of the section (the performance one; a quality table may follow).
  const all = sec.split('\n');
  const first = all.findIndex((l) => l.startsWith('|'));
  const lines = [];
  for (let i = first; i >= 0 && i < all.length && all[i].startsWith('|'); i++) lines.push(all[i]);
  const header = lines[0] && lines[0].split('|').map((s) => s.trim());
  if (!header) return {};
  const col = (name) => header.indexOf(name);
  for (const l of lines.slice(2)) {
    const c = l.split('|').map((s) => s.trim());
    const peer = c[1];
    if (!peer || col('build ms') < 0) continue;
    const ms = (v) => (v && v !== '–' ? `${v} ms` : '–');
    out[peer] = `${ms(c[col('build ms')])} · ${c[col('index gz')]} · ${ms(c[col('cold q ms')])} · ${ms(c[col('q p95 ms')])}`;
  }
  return out;
}
