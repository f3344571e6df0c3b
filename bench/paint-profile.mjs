// Where the drop-in UI's keystroke-to-paint time goes: types the typed queries of a corpus
// (queries/typed.tsv) into the benchmark's typing page (bench/run.sh with TYPING=1 writes it), as
// lib/typing.mjs does, and splits the last key's time to the frame that shows its results into:
// key → the search sent to the worker → its answer back → the results painted (the first mutation of
// the results area after it) → the animation frame.
//
//   node bench/paint-profile.mjs [corpus=seeds] [rounds=2] [site=folio]
//
// `site`: the folder under bench/out/sites/<corpus>/ whose typing.html is loaded (a copy of folio/
// with another ui/ compares two builds of the UI).
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { SITES, BENCH } from './lib/paths.mjs';
import { startServer } from './lib/server.mjs';
import { closeBrowser, getBrowser } from './lib/browser.mjs';
import { readQueries } from './lib/corpus.mjs';
import { median, pct } from './lib/util.mjs';

const corpus = process.argv[2] || 'seeds';
const rounds = Number(process.argv[3] || 2);
const site = process.argv[4] || 'folio';
const siteDir = path.join(SITES, corpus, site);
if (!fs.existsSync(path.join(siteDir, 'typing.html'))) throw new Error(`no typing page in ${siteDir}: run TYPING=1 bench/run.sh ${corpus} first`);
const typed = readQueries(path.join(BENCH, 'queries', 'typed.tsv')).filter((q) => q.qid === corpus).map((q) => q.text);

// In the page (and its worker, through the Worker wrapper): timestamps of every step.
const PROBE = () => {
  const t = { keys: [], sends: [], recvs: [], muts: [], frames: [] };
  window.__p = t;
  const key = (e) => t.keys.push(e.timeStamp);
  document.addEventListener('keydown', key, true);
  const Orig = window.Worker;
  window.Worker = function (...a) {
    const w = new Orig(...a);
    const post = w.postMessage.bind(w);
    w.postMessage = (m, tr) => { if (m && m.op === 'search') t.sends.push(performance.now()); return post(m, tr); };
    w.addEventListener('message', (e) => { if (e.data && ('ok' in e.data || e.data.partial)) t.recvs.push(performance.now()); });
    return w;
  };
  window.Worker.prototype = Orig.prototype;
  new MutationObserver(() => {
    t.muts.push(performance.now());
    const q = document.querySelector('.folio')?.dataset.query;
    requestAnimationFrame(() => t.frames.push({ t: performance.now(), q }));
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
};

const srv = await startServer(path.join(SITES, corpus));
const base = srv.url.replace(/\/$/, '');
const rows = [];
const load0 = os.loadavg()[0];
for (let r = 0; r < rounds; r++) {
  for (const query of typed) {
    const b = await getBrowser();
    const ctx = await b.newContext();
    const page = await ctx.newPage();
    await page.addInitScript(PROBE);
    await page.goto(`${base}/${site}/typing.html`);
    const input = page.locator('.folio-input');
    await input.waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    await input.click();
    for (let i = 0; i < query.length; i++) {
      await page.keyboard.type(query[i]);
      if (i < query.length - 1) await page.waitForTimeout(120 + ((i * 37) % 60));
    }
    await page.waitForFunction((q) => document.querySelector(`.folio[data-query="${q}"]:not([aria-busy])`), query, { timeout: 20_000 });
    await page.waitForTimeout(200);
    const t = await page.evaluate(() => window.__p);
    await ctx.close();
    const k = Math.max(...t.keys);
    const after = (xs, from) => xs.find((x) => x >= from) ?? NaN;
    const send = after(t.sends, k), recv = after(t.recvs, send), mut = after(t.muts, recv), frame = after(t.frames.map((f) => f.t), mut);
    // The first frame after the key that shows the query's results (on the main thread, without a
    // worker, the only column).
    const shown = t.frames.find((f) => f.t >= k && f.q === query)?.t ?? NaN;
    rows.push({ query, toSend: send - k, worker: recv - send, render: mut - recv, toFrame: frame - mut, total: shown - k });
  }
}
await closeBrowser();
await srv.close();
const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
console.log(`${corpus} (${site}): ${rows.length} typed queries (${rounds} rounds), load ${load0.toFixed(2)} → ${os.loadavg()[0].toFixed(2)}`);
console.log('| query | key → search sent | worker round trip | answer → painted | painted → frame | key → frame |');
console.log('|---|--:|--:|--:|--:|--:|');
for (const r of rows) console.log(`| ${r.query} | ${f(r.toSend)} | ${f(r.worker)} | ${f(r.render)} | ${f(r.toFrame)} | ${f(r.total)} |`);
for (const [name, q] of [['p50', 50], ['p95', 95]]) {
  const col = (k) => f(q === 50 ? median(rows.map((r) => r[k])) : pct(rows.map((r) => r[k]), q));
  console.log(`| ${name} | ${col('toSend')} | ${col('worker')} | ${col('render')} | ${col('toFrame')} | ${col('total')} |`);
}
