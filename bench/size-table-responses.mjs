#!/usr/bin/env node
// Whether two builds of the site module answer alike: JSON.stringify of every response, compared.
//
//   node bench/size-table-responses.mjs <pkg A> <pkg B> <cranfield queries.tsv> <bundle dir>...
//
// Each pkg is a wasm-bindgen package (folio.js + folio_bg.wasm, e.g. target/web-pkg-bare/ of two
// builds); each bundle dir holds an index.folio written by `folio index` (and chunks/ when split).
// Runs on every bundle: the Cranfield queries (the first 60 on a split index) and the lines of
// bench/queries' misspelt, typed and seeds lists with a few odd ones, under 15 option sets for
// the short ones (invalid ones included), the reader view of the top three hits, searchPartial, info, and the errors of cut and flipped index and chunk bytes. Prints how
// many responses differ (the first five in full) and exits 1 if any does: the check each cut in
// bench/size-table.md was kept by.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
const [A, B, cranfieldQueries, ...bundles] = process.argv.slice(2);
if (!bundles.length) {
  console.error('usage: node bench/size-table-responses.mjs <pkg A> <pkg B> <cranfield queries.tsv> <bundle dir>...');
  process.exit(2);
}
const tsv = (f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t').pop().replace(/\s+\.$/, '').trim());
const Q = new URL('queries/', import.meta.url).pathname;
const cran = tsv(cranfieldQueries);
const extra = [...tsv(Q + 'misspelt.tsv'), ...tsv(Q + 'typed.tsv'), ...tsv(Q + 'seeds.tsv'), '', '   ', '"boundary layer"', '-heat transfer', 'heat -transfer', 'OR', 'a', 'the of', 'ПЛЕНУМ', 'пленум партии', 'Kim Il-Sung', 'sextant*', '"unterminated', '🙂 emoji', 'x'.repeat(300)];
const optionSets = [undefined, { limit: 10 }, { limit: 3, offset: 5 }, { prefixLast: true }, { limit: 0 }, { sort: { date: 'desc' } },
  { lang: 'en' }, { limit: 'x' }, { nope: 1 }, { filters: { type: { any: ['a'] } } }, { dateFrom: '2000-01-01' }, 7, 'str', { limit: -1 }, { offset: 1e12 }];
async function load(dir) {
  const folio = await import(`${pathToFileURL(path.resolve(dir, 'folio.js')).href}?${dir}`);
  folio.initSync({ module: readFileSync(path.join(dir, 'folio_bg.wasm')) });
  return folio;
}
const call = (f) => { try { return JSON.stringify(f()); } catch (e) { return 'ERR ' + String(e?.message ?? e); } };
function run(folio) {
  const out = [];
  out.push(call(() => folio.Engine.warm()));
  for (const dir of bundles) {
    const split = existsSync(path.join(dir, 'chunks'));
    const qs = split ? [...cran.slice(0, 60), ...extra] : [...cran, ...extra];
    const bytes = readFileSync(path.join(dir, 'index.folio'));
    const e = folio.Engine.open(bytes);
    const search = (q, o, partial) => { for (let i = 0; i < 50; i++) { const r = partial ? e.searchPartial(q, o) : e.search(q, o); if (!r || !r.needs || !(r.needs.length)) return r; out.push('needs ' + JSON.stringify(r.needs)); for (const n of r.needs) e.addChunk(readFileSync(path.join(dir, n))); } return 'loop'; };
    out.push(call(() => e.info()));
    for (const q of qs) {
      for (const o of (q === qs[0] || q.length < 12 ? optionSets : [undefined, { limit: 10 }])) {
        const r = call(() => search(q, o, false)); out.push(r);
        const rr = JSON.parse(r.startsWith('ERR') ? 'null' : r);
        if (rr && rr.hits) for (const h of rr.hits.slice(0, 3)) out.push(call(() => { for (;;) { const d = e.document(h.id, q); if (!d || !d.needs) return d; for (const n of d.needs) e.addChunk(readFileSync(path.join(dir, n))); } }));
      }
      out.push(call(() => search(q, { limit: 5 }, true)));
    }
    out.push(call(() => e.document('no-such-id', 'x')));
    out.push(call(() => e.info()));
    // damaged bytes
    for (const cut of [0, 4, 8, 20, 100, bytes.length - 1]) out.push(call(() => folio.Engine.open(bytes.subarray(0, cut))));
    for (const at of [9, 30, 200, bytes.length >> 1, bytes.length - 2]) { const b = Buffer.from(bytes); b[at] ^= 0x55; out.push(call(() => folio.Engine.open(b))); }
    if (split) { const c = readdirSync(path.join(dir, 'chunks'))[0]; const cb = readFileSync(path.join(dir, 'chunks', c)); const b = Buffer.from(cb); b[b.length >> 1] ^= 1; out.push(call(() => e.addChunk(b))); out.push(call(() => e.addChunk(cb.subarray(0, 10)))); out.push(call(() => e.addChunk(cb))); }
  }
  return out;
}
const [a, b] = [run(await load(A)), run(await load(B))];
let diff = 0;
for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) { if (diff++ < 5) console.log('DIFF', i, '\n A', String(a[i]).slice(0, 300), '\n B', String(b[i]).slice(0, 300)); }
const h = (x) => createHash('sha256').update(x.join('\n')).digest('hex').slice(0, 16);
console.log(`responses ${a.length} / ${b.length}, differing ${diff}, errors ${a.filter((x) => x.startsWith('ERR')).length}, sha ${h(a)} ${h(b)}`);
process.exit(diff || a.length !== b.length ? 1 : 0);
