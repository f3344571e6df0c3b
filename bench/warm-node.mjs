#!/usr/bin/env node
// Warm query time of wasm-bindgen packages in Node, side by side, on one index: what a change to
// the module (its response encoding, its allocator, its optimisation) does to a warm search.
//
//   node bench/warm-node.mjs <index.folio> <queries.tsv> <pkg dir> [<pkg dir> ...]
//
// Each package (a folio.js + folio_bg.wasm from wasm-bindgen) opens the index (and the chunks
// of a split index, from the chunks/ folder beside it, as searches ask for them), answers every
// query once to warm up, then the packages take turns, pass after pass, so that machine load
// falls on all alike. Prints wall-clock p50/p95 per query and, steadier on a loaded machine, the
// CPU time per query of the median pass, in ms, and each instance's wasm memory at the end. `search(q, {limit: 10})`, as the
// benchmark's pages call it; the response is read to the end (every hit's snippet) so that a
// lazy encoding cannot look cheaper than it is.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [indexFile, queriesFile, ...pkgs] = process.argv.slice(2);
if (!pkgs.length) {
  console.error('usage: node bench/warm-node.mjs <index.folio> <queries.tsv> <pkg dir> [<pkg dir> ...]');
  process.exit(2);
}
const PASSES = Number(process.env.PASSES || 15);
const queries = readFileSync(queriesFile, 'utf8').split('\n').filter(Boolean)
  .map((l) => l.split('\t').pop().replace(/\s+\.$/, '').trim());
const chunkDir = path.join(path.dirname(indexFile), 'chunks');

async function open(dir) {
  // Each package is its own module instance: a copy of folio.js under a distinct URL.
  const folio = await import(`${pathToFileURL(path.resolve(dir, 'folio.js')).href}?${dir}`);
  const exports = folio.initSync({ module: readFileSync(path.join(dir, 'folio_bg.wasm')) });
  const engine = folio.Engine.open(readFileSync(indexFile));
  const search = (q) => {
    for (;;) {
      const r = engine.search(q, { limit: 10 });
      if (!r.needs) return r;
      for (const name of r.needs) engine.addChunk(readFileSync(path.join(chunkDir, path.basename(name))));
    }
  };
  return { dir, search, samples: [], passCpu: [], sink: 0, memory: () => exports.memory.buffer.byteLength };
}

const engines = [];
for (const dir of pkgs) engines.push(await open(dir));
for (const e of engines) for (const q of queries) e.search(q);
for (let pass = 0; pass < PASSES; pass++) {
  for (const e of engines) {
    const cpu = process.cpuUsage();
    for (const q of queries) {
      const t = performance.now();
      const r = e.search(q);
      for (const h of r.hits) e.sink += h.snippet.text.length + h.title.length;
      e.samples.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    e.passCpu.push((used.user + used.system) / 1000 / queries.length);
  }
}
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
console.log(`| package | p50 ms | p95 ms | mean ms | CPU ms per query (median pass) | wasm memory MiB | queries × passes |`);
console.log(`|---|---:|---:|---:|---:|---:|---:|`);
for (const e of engines) {
  const mean = e.samples.reduce((a, b) => a + b, 0) / e.samples.length;
  console.log(`| ${e.dir} | ${pct(e.samples, 50).toFixed(3)} | ${pct(e.samples, 95).toFixed(3)} | ${mean.toFixed(3)} | ${pct(e.passCpu, 50).toFixed(3)} | ${(e.memory() / 1048576).toFixed(1)} | ${queries.length} × ${PASSES} |`);
}
