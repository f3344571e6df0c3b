#!/usr/bin/env node
// What a first query fetches from a split or packed index, in Node, through the page code itself
// (www/src/engine.js's Core: its rounds, its merging of a round's pack reads into Range requests),
// with a fetch that serves the bundle's files from disk and counts each request: per query from a
// fresh root (the root, the chunk requests, the bytes on the wire, the rounds). No browser and no
// clock, so the load of the machine changes nothing. Bytes: a chunk file counts gzip -9 (as a
// host compresses it), a Range of a pack its raw bytes (each chunk in it is compressed already).
//
//   node bench/first-query-node.mjs <index.folio> <queries file> <pkg dir>
//
// The queries file has a query a line (a .tsv: the last column); <pkg dir> holds a folio.js and
// folio_bg.wasm from wasm-bindgen (target/web-pkg-bare, say). PACK_GAP=<bytes> sets the most
// bytes one Range request reads between two chunks (default packs.js's PACK_GAP; 0: chunks lying
// end to end only); GAPS=1 also prints, per round and pack, the gaps between the requests made.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { Core } from '../www/src/engine.js';
import { PACK_GAP } from '../www/src/packs.js';

const [indexFile, queriesFile, pkg] = process.argv.slice(2);
if (!pkg) {
  console.error('usage: node bench/first-query-node.mjs <index.folio> <queries file> <pkg dir>');
  process.exit(2);
}
const queries = readFileSync(queriesFile, 'utf8').split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => l.split('\t').pop());
const base = pathToFileURL(path.resolve(indexFile)).href;
const gzipped = new Map();
const gz = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(readFileSync(file), { level: 9 }).length);
  return gzipped.get(file);
};

/** The requests made through `fetch` while the current query runs. */
let log = [];
let round = 0;
globalThis.fetch = async (url, init = {}) => {
  const file = new URL(url).pathname;
  const range = init.headers?.Range;
  const bytes = readFileSync(file);
  if (!range) {
    log.push({ file, bytes: gz(file) });
    return new Response(bytes, { status: 200, headers: { 'Content-Length': String(bytes.length) } });
  }
  const m = /^bytes=(\d+)-(\d+)$/.exec(range);
  if (!m) throw new Error(`unexpected Range ${range}`);
  const [start, end] = [Number(m[1]), Number(m[2]) + 1];
  log.push({ file, bytes: end - start, range: [start, end], round });
  return new Response(bytes.subarray(start, end), {
    status: 206,
    headers: { 'Content-Range': `bytes ${start}-${end - 1}/${bytes.length}`, 'Content-Length': String(end - start) },
  });
};

const glue = await import(pathToFileURL(path.resolve(pkg, 'folio.js')).href);
const wasm = readFileSync(path.join(pkg, 'folio_bg.wasm'));
const module = await WebAssembly.compile(wasm);

const rows = [];
const gaps = [];
/** The bytes between consecutive Range requests of one pack in one round. */
function gapsOf(requests) {
  const out = [];
  const groups = new Map();
  for (const r of requests.filter((x) => x.range)) {
    const key = `${r.round} ${r.file}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const sorted = group.map((r) => r.range).sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) out.push(sorted[i][0] - sorted[i - 1][1]);
  }
  return out;
}
for (const query of queries) {
  const core = new Core(() => glue, { timeout: 0 });
  core.packGap = Number(process.env.PACK_GAP ?? PACK_GAP);
  log = [];
  await core.start(module, base, null);
  const root = log.reduce((s, r) => s + r.bytes, 0);
  log = [];
  let rounds = 0;
  round = 0;
  const search = core.current.engine.search.bind(core.current.engine);
  core.current.engine.search = (...args) => {
    rounds += 1;
    round = rounds;
    return search(...args);
  };
  await core.search(query, { limit: 10 });
  gaps.push(...gapsOf(log));
  rows.push({ query, requests: log.length, bytes: log.reduce((s, r) => s + r.bytes, 0), root, rounds: rounds - 1 });
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const col = (k) => rows.map((r) => r[k]);
console.log(`${queries.length} queries, each from a fresh root (${(rows[0].root / 1024).toFixed(1)} KB, 1 request)`);
console.log('| after the root | mean | p50 | p90 | max |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| requests | ${mean(col('requests')).toFixed(1)} | ${pct(col('requests'), 0.5)} | ${pct(col('requests'), 0.9)} | ${Math.max(...col('requests'))} |`);
const kb = (x) => (x / 1024).toFixed(1);
console.log(`| KB | ${kb(mean(col('bytes')))} | ${kb(pct(col('bytes'), 0.5))} | ${kb(pct(col('bytes'), 0.9))} | ${kb(Math.max(...col('bytes')))} |`);
console.log(`| rounds | ${mean(col('rounds')).toFixed(2)} | ${pct(col('rounds'), 0.5)} | ${pct(col('rounds'), 0.9)} | ${Math.max(...col('rounds'))} |`);
if (process.env.VERBOSE) for (const r of rows) console.log(`${r.requests}\t${r.bytes}\t${r.rounds}\t${r.query}`);
if (process.env.GAPS) {
  const g = [...gaps].sort((a, b) => a - b);
  const under = (n) => g.filter((x) => x <= n).length;
  console.log(`gaps between a round's requests in one pack: ${g.length}; p10 ${pct(g, 0.1)}, p50 ${pct(g, 0.5)}, p90 ${pct(g, 0.9)}; ` +
    `≤1 KB ${under(1024)}, ≤2 KB ${under(2048)}, ≤4 KB ${under(4096)}, ≤16 KB ${under(16384)}, ≤64 KB ${under(65536)}`);
}
