// Weighs the engine's warm-up (Engine.warm(), engine.js's Core.warmSoon()) in Chromium: the cold
// first result of one benchmark site loaded again and again in fresh contexts, with and without the
// warm-up in alternation (the adapter skips it when the page sets __benchNoWarm), so that both
// halves see the same load. Run after bench/run.sh has built the site:
//
//   [PAUSE=300] node bench/warm-ab.mjs [corpus=cranfield] [pairs=15]
//
// Prints the median and p90 of the cold first result and of its parts (load, first query, and the
// first query's search calls in the wasm, without their fetches) for each half, and the machine load.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { BENCH, SITES } from './lib/paths.mjs';
import { CORPORA_DIR, readQueries } from './lib/corpus.mjs';
import { startServer } from './lib/server.mjs';
import { closeBrowser, coldLoad, useServer } from './lib/browser.mjs';
import { median, pct } from './lib/util.mjs';

const corpus = process.argv[2] || 'cranfield';
const pairs = Number(process.argv[3] || 15);
// PAUSE=<ms>: the first query starts that long after the index is open (a visitor types a while
// after the page loads), so the warm-up has run before it; the load column then includes it.
const PAUSE_MS = Number(process.env.PAUSE || 0);
const siteDir = path.join(SITES, corpus, 'folio');
if (!fs.existsSync(path.join(siteDir, 'index.html'))) throw new Error(`no site at ${siteDir}: run bench/run.sh ${corpus} first`);
const q0 = readQueries(corpus === 'seeds' ? path.join(BENCH, 'queries', 'seeds.tsv') : path.join(CORPORA_DIR, corpus, 'queries.tsv'))[0].text;

const srv = await startServer(path.join(SITES, corpus));
useServer(srv);
const base = srv.url.replace(/\/$/, '');
const runs = { warm: [], cold: [] };
const load0 = os.loadavg()[0];
for (let i = 0; i < pairs; i++) {
  const order = i % 2 ? ['cold', 'warm'] : ['warm', 'cold'];
  for (const kind of order) {
    const init = ([noWarm, pauseMs]) => {
      globalThis.__benchNoWarm = noWarm;
      globalThis.__benchPauseMs = pauseMs;
    };
    const { ctx, page, cold } = await coldLoad(base, 'folio', q0, [init, [kind === 'cold', PAUSE_MS]]);
    cold.wasmMs = await page.evaluate(() => globalThis.__benchWasmMs);
    runs[kind].push(cold);
    await ctx.close().catch(() => {});
  }
}
await closeBrowser();
await srv.close?.();
const f = (x) => x.toFixed(1);
console.log(`${corpus}, first query ${JSON.stringify(q0)}, ${pairs} pairs alternating, pause ${PAUSE_MS} ms, load ${load0.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`);
console.log('| warm-up | cold 1st result p50 / p90 ms | load p50 | 1st query p50 / p90 ms | its search calls (wasm) p50 / p90 ms |');
console.log('|---|--:|--:|--:|--:|');
for (const kind of ['warm', 'cold']) {
  const r = runs[kind];
  const t = r.map((x) => x.ttfrMs), l = r.map((x) => x.loadMs), q = r.map((x) => x.queryMs), w = r.map((x) => x.wasmMs);
  console.log(`| ${kind === 'warm' ? 'with' : 'without'} | ${f(median(t))} / ${f(pct(t, 90))} | ${f(median(l))} | ${f(median(q))} / ${f(pct(q, 90))} | ${f(median(w))} / ${f(pct(w, 90))} |`);
}
