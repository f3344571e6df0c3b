#!/usr/bin/env node
// What whole queries fetch from a split index, in Node, without a browser or a clock: each query
// is searched in a fresh engine (from the root alone) and each round fetches every chunk the
// engine names, until it needs nothing more. Made for misspelt queries, whose typo walk may read
// term chunks beyond the word's own (issue 22: a misspelling on the 63k leads fetched about 120
// chunks, 1 MB gzip, before the walk's regions were narrowed). Prints, per package, the chunk
// requests (mean, p50, p90, max), their gzip -9 bytes (mean, max) and the rounds, then the
// costliest queries, so two modules compare on the same index whatever the machine's load.
//
//   node bench/typo-fetch.mjs <index.folio> <queries.tsv> <set> <pkg dir> [<pkg dir> ...]
//
// <queries.tsv>: `<set><TAB>query` lines (bench/queries/misspelt.tsv, whose sets are corpus
// names) or `<qid><TAB>query` lines, where a qid is the set followed by digits (the known-item
// queries of eval/known_items.py: `tm` is tm0001, tm0002, …; `t` is t0001, not tm0001). A
// package is a folio.js + folio_bg.wasm from wasm-bindgen (target/web-pkg-bare, say). Chunks are
// read from the chunks/ folder beside the index; a packed index's chunks are cut from their packs
// and inflated, and counted as one request each (what they cost unmerged).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { packRange } from '../www/src/packs.js';

const [indexFile, queriesFile, set, ...pkgs] = process.argv.slice(2);
if (!pkgs.length) {
  console.error('usage: node bench/typo-fetch.mjs <index.folio> <queries.tsv> <set> <pkg dir> [<pkg dir> ...]');
  process.exit(2);
}
/** Rounds after which a query is given up (the engine's own bound is the chunk count). */
const MAX_ROUNDS = 12;
const inSet = (id) => id === set || (id.startsWith(set) && /^\d+$/.test(id.slice(set.length)));
const queries = readFileSync(queriesFile, 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'))
  .filter(([id, q]) => q && inSet(id))
  .map(([, q]) => q);
if (!queries.length) {
  console.error(`no queries of set ${set} in ${queriesFile}`);
  process.exit(2);
}
const dir = path.dirname(indexFile);
const root = readFileSync(indexFile);
const chunks = new Map(); // chunk name → { bytes, gzip }

/** The chunk `name` names (a file under chunks/, or a range of a pack) and its gzip -9 size. */
function chunk(name) {
  if (!chunks.has(name)) {
    const range = packRange(name);
    let bytes;
    let gzip;
    if (range) {
      const packed = readFileSync(path.join(dir, 'chunks', path.basename(range.file))).subarray(range.start, range.end);
      bytes = zlib.inflateSync(packed);
      gzip = packed.length;
    } else {
      bytes = readFileSync(path.join(dir, 'chunks', path.basename(name)));
      gzip = zlib.gzipSync(bytes, { level: 9 }).length;
    }
    chunks.set(name, { bytes, gzip });
  }
  return chunks.get(name);
}

/** Searches `query` in a fresh engine of `folio` until it needs nothing more. */
function fetchesOf(folio, query) {
  const engine = folio.Engine.open(root);
  let requests = 0;
  let bytes = 0;
  let rounds = 0;
  try {
    for (; rounds < MAX_ROUNDS; rounds++) {
      const r = engine.search(query, { limit: 10 });
      if (!r.needs) break;
      for (const name of r.needs) {
        const c = chunk(name);
        requests++;
        bytes += c.gzip;
        engine.addChunk(c.bytes);
      }
    }
  } finally {
    engine.free();
  }
  return { query, requests, kb: bytes / 1024, rounds };
}

const at = (rows, p) => rows[Math.min(rows.length - 1, Math.floor(p * rows.length))];
const mean = (rows, k) => rows.reduce((s, r) => s + r[k], 0) / rows.length;

console.log(`Misspelt queries, each from a fresh root: ${queries.length} of set ${set} on ${indexFile}\n`);
console.log('| package | requests mean | p50 | p90 | max | gzip KB mean | max | rounds max |');
console.log('|---|---|---|---|---|---|---|---|');
const worst = [];
for (const pkg of pkgs) {
  const folio = await import(pathToFileURL(path.resolve(pkg, 'folio.js')).href);
  folio.initSync({ module: readFileSync(path.join(pkg, 'folio_bg.wasm')) });
  const rows = queries.map((q) => fetchesOf(folio, q)).sort((a, b) => a.requests - b.requests);
  console.log(`| ${pkg} | ${mean(rows, 'requests').toFixed(1)} | ${at(rows, 0.5).requests} | ${at(rows, 0.9).requests} | `
    + `${rows.at(-1).requests} | ${mean(rows, 'kb').toFixed(1)} | ${Math.max(...rows.map((r) => r.kb)).toFixed(0)} | `
    + `${Math.max(...rows.map((r) => r.rounds))} |`);
  worst.push([pkg, rows.slice(-3).reverse()]);
}
console.log('\nCostliest queries:');
for (const [pkg, rows] of worst) {
  console.log(`- ${pkg}: ${rows.map((r) => `"${r.query}" ${r.requests} req, ${r.kb.toFixed(0)} KB, ${r.rounds} rounds`).join('; ')}`);
}
