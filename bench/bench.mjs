#!/usr/bin/env node
// Folio performance benchmark: Folio and five peers, side by side, in one run.
//
//   node bench/bench.mjs [corpus ...]      (normally through bench/run.sh, which builds Folio first)
//
// Markdown tables on stdout (also written to bench/out/report.md), progress on stderr, raw
// numbers in bench/out/results.json. See bench/README.md for what each column means.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { BENCH, OUT, SITES, ENGINES_OUT } from './lib/paths.mjs';
import { loadCorpus } from './lib/corpus.mjs';
import { harnessHtml, buildEngines, WASM_HOOK } from './lib/site.mjs';
import { startServer } from './lib/server.mjs';
import { sizes, gzSize } from './lib/sizes.mjs';
import { peersReference } from './lib/peers-ref.mjs';
import { folioSections } from './lib/folio-sections.mjs';

const require = createRequire(import.meta.url);
const T_START = performance.now();
const env = (k, d) => (process.env[k] !== undefined && process.env[k] !== '' ? process.env[k] : d);
const num = (k, d) => Number(env(k, d));

const CFG = {
  corpora: process.argv.slice(2).length ? process.argv.slice(2) : ['seeds', 'cranfield', 'wikipedia-en-leads'],
  engines: env('ENGINES', 'folio,pagefind,lunr,minisearch,flexsearch,orama').split(',').map((s) => s.trim()).filter(Boolean),
  scale: env('SCALE', 'auto'), // auto: when wikipedia-en-leads is among the corpora
  scaleSizes: env('SCALE_SIZES', '1k,10k').split(',').filter(Boolean),
  scaleGen: env('SCALE_GEN', '').split(',').filter(Boolean), // e.g. 100k,300k: generated corpora (gen-corpus.mjs)
  scaleEngines: env('SCALE_ENGINES', 'folio,pagefind,minisearch,flexsearch').split(',').filter(Boolean),
  buildTimeoutMs: num('BENCH_BUILD_TIMEOUT', 300) * 1000,
  pageTimeoutMs: num('BENCH_PAGE_TIMEOUT', 120) * 1000,
  warm: { minPasses: 3, maxPasses: num('BENCH_WARM_MAX_PASSES', 30), minMs: num('BENCH_WARM_MIN_MS', 1000),
    budgetMs: num('BENCH_WARM_BUDGET_MS', 4000) },
  coldRuns: num('BENCH_COLD_RUNS', 3), // fewer for big indexes, see coldRunsFor()
  // Engines too slow or too big at full scale are run on an evenly spaced sample instead (said in the table).
  // 0 = no cap. lunr at 63k: ~80 MB of JSON, 30-120 s to build and 4-13 s to load, a third of the run.
  maxDocs: { orama: num('BENCH_MAX_DOCS_ORAMA', 10000), lunr: num('BENCH_MAX_DOCS_LUNR', 10000) },
  chromium: env('CHROMIUM_PATH', '/usr/bin/chromium'),
};
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const log = (...a) => console.error('[bench]', ...a);
const errMsg = (e) => String((e && e.message) || e).split('\n').find((l) => l.trim()) || 'unknown error';
const version = (pkg) => { try { return JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', pkg, 'package.json'), 'utf8')).version; } catch { return '?'; } };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };
function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timeout after ${Math.round(ms / 1000)} s: ${what}`)), ms); })])
    .finally(() => clearTimeout(t));
}
function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p)); else out.push(p);
  }
  return out;
}
// Deleting a wikipedia-sized pagefind site (126k files) takes 1-2 minutes on this disk (ext4 mounted
// with `discard`), so old sites are renamed into out/trash (instant) and deleted by a detached,
// niced `rm -rf` when the run ends (emptyTrash), outside every measurement.
const TRASH = path.join(OUT, 'trash');
function rmTree(dir) {
  if (!fs.existsSync(dir)) return;
  fs.mkdirSync(TRASH, { recursive: true });
  try {
    fs.renameSync(dir, path.join(TRASH, `${Date.now()}-${Math.random().toString(36).slice(2)}`));
  } catch {
    spawnSync('rm', ['-rf', dir], { timeout: 600_000 });
  }
}
function emptyTrash() {
  if (fs.existsSync(TRASH)) { try { fs.renameSync(TRASH, path.join(OUT, `trash-${Date.now()}`)); } catch { /* left for next time */ } }
  const dead = fs.readdirSync(OUT).filter((f) => /^trash-\d+$/.test(f)).map((f) => path.join(OUT, f));
  if (dead.length) spawn('nice', ['-n', '19', 'rm', '-rf', ...dead], { detached: true, stdio: 'ignore' }).unref();
}
function linkOrCopy(src, dst) { fs.rmSync(dst, { force: true }); try { fs.linkSync(src, dst); } catch { fs.copyFileSync(src, dst); } }

// ------------------------------------------------------------------------------------------------ engines
const FOLIO_BIN = fs.existsSync(path.join(OUT, 'FOLIO_BIN')) ? fs.readFileSync(path.join(OUT, 'FOLIO_BIN'), 'utf8').trim() : '';
const FOLIO_SRC = fs.existsSync(path.join(OUT, 'FOLIO_SRC')) ? fs.readFileSync(path.join(OUT, 'FOLIO_SRC'), 'utf8').trim() : '';
const pkgOk = (d) => fs.existsSync(path.join(d, 'folio_bg.wasm')) && fs.existsSync(path.join(d, 'folio.js'));
// Two builds of the same code, as a site gets them: the seeds row uses the module with the seeds
// index embedded (dist/); every other corpus uses the module without one (dist/site/, what `folio
// index` ships next to a site's index.folio), so its bytes are what such a site downloads.
const FOLIO_PKG = pkgOk(path.join(OUT, 'pkg')) ? path.join(OUT, 'pkg') : null;
const FOLIO_PKG_BARE = pkgOk(path.join(OUT, 'pkg-bare')) ? path.join(OUT, 'pkg-bare') : null;
// The engine bundle (out/engines/<name>) a Folio row of this corpus loads.
const folioBundle = (corpus) => (corpus.folioEmbedded ? 'folio' : 'folio-bare');
const readOr = (f, d) => { try { return fs.readFileSync(f, 'utf8').trim(); } catch { return d; } };

const ENGINES = {
  folio: { label: 'Folio', kind: 'folio', stores: 'yes' },
  pagefind: { label: `Pagefind ${version('pagefind')}`, kind: 'pagefind', stores: 'yes' },
  lunr: { label: `lunr ${version('lunr')}`, kind: 'js', stores: 'no' },
  minisearch: { label: `MiniSearch ${version('minisearch')}`, kind: 'js', stores: 'no' },
  flexsearch: { label: `FlexSearch ${version('flexsearch')}`, kind: 'js', stores: 'no' },
  orama: { label: `Orama ${version('@orama/orama')}`, kind: 'js', stores: 'yes' },
};

function timeCli(cmd, args, reps, timeoutMs) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    if (r.error) throw new Error(r.error.code === 'ETIMEDOUT' ? `timeout after ${timeoutMs / 1000} s` : errMsg(r.error));
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || '').trim().split('\n').pop()}`);
    runs.push(ms);
    if (ms > 1000) break;
  }
  return { buildMs: median(runs), buildRuns: runs };
}

// Builds the site for (corpus, engine). Returns {buildMs, indexFiles, engineFiles, cfg, notes, ...}.
async function buildSite(corpus, id, siteDir, shared) {
  const eng = ENGINES[id];
  const bundle = eng.kind === 'folio' ? folioBundle(corpus) : id;
  const engDir = path.join(ENGINES_OUT, bundle);
  shared.t0 = performance.now();
  rmTree(siteDir);
  fs.mkdirSync(siteDir, { recursive: true });
  const res = { notes: [], cfg: {}, indexFiles: [], engineFiles: [] };
  const installEngine = () => {
    if (!fs.existsSync(path.join(engDir, 'engine.js'))) throw new Error(shared.engineErrors[bundle] || 'engine bundle missing');
    for (const f of fs.readdirSync(engDir)) { linkOrCopy(path.join(engDir, f), path.join(siteDir, f)); res.engineFiles.push(path.join(siteDir, f)); }
  };

  if (eng.kind === 'folio') {
    if (!FOLIO_BIN || !fs.existsSync(FOLIO_BIN)) throw new Error('no folio CLI (cargo build failed; see stderr)');
    if (corpus.folioEmbedded ? !FOLIO_PKG : !FOLIO_PKG_BARE) {
      throw new Error(`no wasm package ${corpus.folioEmbedded ? 'with the seeds index embedded (bench/out/pkg)' : 'without an embedded index (bench/out/pkg-bare)'}: build failed, see stderr`);
    }
    installEngine();
    res.folioModule = corpus.folioEmbedded ? 'seeds index embedded' : 'no embedded index';
    const idxDir = path.join(SITES, corpus.key, '_folio-index');
    if (!shared.folioBuild) {
      rmTree(idxDir);
      const src = corpus.folioEmbedded ? corpus.seedDir : corpus.docsFile;
      shared.folioBuild = timeCli(FOLIO_BIN, ['index', src, '--out', idxDir], 3, CFG.buildTimeoutMs);
    }
    Object.assign(res, shared.folioBuild);
    const idx = path.join(idxDir, 'index.folio');
    if (corpus.folioEmbedded) {
      // The seeds row: the index is inside folio_bg.wasm; nothing else is fetched.
      res.indexFiles = [idx];
      res.cfg = { index: null };
      res.embedded = true;
    } else {
      linkOrCopy(idx, path.join(siteDir, 'index.folio'));
      res.indexFiles = [path.join(siteDir, 'index.folio')];
      // A split index: the root plus chunks/, fetched as queries need them.
      const chunks = path.join(idxDir, 'chunks');
      if (fs.existsSync(chunks)) {
        fs.mkdirSync(path.join(siteDir, 'chunks'));
        for (const f of fs.readdirSync(chunks)) {
          linkOrCopy(path.join(chunks, f), path.join(siteDir, 'chunks', f));
          res.indexFiles.push(path.join(siteDir, 'chunks', f));
        }
        res.notes.push(`split index: root + ${res.indexFiles.length - 1} chunks`);
      }
      res.cfg = { index: 'index.folio' };
    }
  } else if (eng.kind === 'pagefind') {
    const bin = path.join(path.dirname(require.resolve('@pagefind/linux-x64/package.json')), 'bin', 'pagefind_extended');
    if (!fs.existsSync(bin)) throw new Error(`pagefind binary not found at ${bin}`);
    const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const t0 = performance.now();
    if (process.env.BENCH_DEBUG) log(`${corpus.key} pagefind: site cleared in ${((t0 - shared.t0) / 1000).toFixed(1)} s`);
    const docs = fs.readFileSync(corpus.docsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const langs = new Map();
    for (const d of docs) langs.set(d.lang || 'en', (langs.get(d.lang || 'en') || 0) + 1);
    const lang = [...langs.entries()].sort((a, b) => b[1] - a[1])[0][0];
    fs.mkdirSync(path.join(siteDir, 'd'));
    docs.forEach((d, i) => fs.writeFileSync(path.join(siteDir, 'd', `${i}.html`),
      `<!doctype html><html lang="${esc(d.lang || lang)}"><head><meta charset="utf-8"><title>${esc(d.title || '')}</title></head>` +
      `<body><main><h1>${esc(d.title || '')}</h1><p>${esc(d.body || '')}</p></main></body></html>\n`));
    res.htmlMs = performance.now() - t0;
    const b = timeCli(bin, ['--site', siteDir, '--force-language', lang], docs.length > 5000 ? 1 : 3, CFG.buildTimeoutMs);
    Object.assign(res, b);
    const t1 = performance.now();
    res.notes.push(`pagefind: --force-language ${lang}; writing ${docs.length} HTML pages took ${Math.round(res.htmlMs)} ms (not in build)`);
    installEngine();
    const pf = path.join(siteDir, 'pagefind');
    const all = walk(pf);
    res.indexFiles = all.filter((f) => /\.(pf_meta|pf_index|pf_fragment|pf_filter)$/.test(f) || path.basename(f) === 'pagefind-entry.json');
    const wasm = [`wasm.${lang}.pagefind`, 'wasm.unknown.pagefind'].map((f) => path.join(pf, f)).find((f) => fs.existsSync(f));
    const worker = path.join(pf, 'pagefind-worker.js');
    res.engineFiles.push(path.join(pf, 'pagefind.js'), ...(fs.existsSync(worker) ? [worker] : []), ...(wasm ? [wasm] : []));
    const counted = new Set([...res.indexFiles, ...res.engineFiles]);
    const ui = all.filter((f) => !counted.has(f));
    res.uiBytes = ui.reduce((a, f) => a + fs.statSync(f).size, 0);
    if (process.env.BENCH_DEBUG) log(`${corpus.key} pagefind: html ${(res.htmlMs / 1000).toFixed(1)} s, cli ${(b.buildMs / 1000).toFixed(1)} s, files ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } else {
    installEngine();
    const out = path.join(siteDir, 'index.json');
    const r = spawnSync(process.execPath, ['--max-old-space-size=16000', path.join(BENCH, 'lib', 'build-js.mjs'), id, corpus.docsFile, out],
      { encoding: 'utf8', timeout: CFG.buildTimeoutMs, maxBuffer: 64 << 20 });
    if (r.error) throw new Error(r.error.code === 'ETIMEDOUT' ? `build timeout after ${CFG.buildTimeoutMs / 1000} s` : errMsg(r.error));
    if (r.status !== 0) throw new Error(`build failed: ${(r.stderr || '').trim().split('\n').filter(Boolean).pop() || r.signal}`);
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    Object.assign(res, { buildMs: j.buildMs, buildRuns: j.buildRuns, serializeMs: j.serializeMs });
    res.indexFiles = [out];
    res.cfg = { index: 'index.json' };
  }
  fs.writeFileSync(path.join(siteDir, 'index.html'), harnessHtml(res.cfg));
  return res;
}

// ------------------------------------------------------------------------------------------------ browser
let browser = null;
let SERVER = null;
async function getBrowser() {
  if (browser && browser.isConnected()) return browser;
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: CFG.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  return browser;
}

// CDP on the page, auto-attached (non-flat) to its workers: each worker is paused at start, gets the
// wasm hook, then runs. Returns {cdp, workers: [send(method, params)]}.
async function instrument(ctx, page) {
  const cdp = await ctx.newCDPSession(page);
  const pending = new Map();
  const workers = [];
  let id = 0;
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    let m;
    try { m = JSON.parse(e.message); } catch { return; }
    const p = pending.get(`${e.sessionId}:${m.id}`);
    if (p) { pending.delete(`${e.sessionId}:${m.id}`); p(m); }
  });
  cdp.on('Target.attachedToTarget', async (e) => {
    const send = (method, params = {}) => new Promise((resolve) => {
      const i = ++id;
      pending.set(`${e.sessionId}:${i}`, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId: e.sessionId, message: JSON.stringify({ id: i, method, params }) }).catch(() => resolve({}));
    });
    try {
      if (/worker/.test(e.targetInfo.type)) {
        workers.push(send);
        await send('Runtime.evaluate', { expression: WASM_HOOK });
      }
    } finally {
      await send('Runtime.runIfWaitingForDebugger');
    }
  });
  if (process.env.BENCH_WORKER_HOOK !== '0') {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  }
  return { cdp, workers };
}

// Memory after GC: JS heap + ArrayBuffer backing stores + wasm memories, of the page and its workers.
async function memoryOf(inst, page) {
  const { cdp, workers } = inst;
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  const m = { js: h.usedSize, buffers: h.backingStorageSize || 0, wasm: 0, workers: workers.length };
  m.wasm = await page.evaluate(() => [...new Set(globalThis.__wasmMemories || [])].reduce((a, x) => a + x.buffer.byteLength, 0));
  for (const send of workers) {
    await send('HeapProfiler.collectGarbage');
    const wh = (await send('Runtime.getHeapUsage')).result || {};
    m.js += wh.usedSize || 0;
    m.buffers += wh.backingStorageSize || 0;
    const ev = await send('Runtime.evaluate', { returnByValue: true,
      expression: '[...new Set(globalThis.__wasmMemories || [])].reduce((a, x) => a + x.buffer.byteLength, 0)' });
    m.wasm += (ev.result && ev.result.result && ev.result.result.value) || 0;
  }
  m.total = m.js + m.buffers + m.wasm;
  return m;
}

async function coldLoad(base, rel, q) {
  const b = await getBrowser();
  const ctx = await b.newContext(); // fresh profile state: empty HTTP cache
  try {
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(errMsg(e)));
    const inst = await instrument(ctx, page);
    const from = SERVER.requests.length;
    await page.goto(`${base}/${rel}/index.html#q=${encodeURIComponent(q)}`, { timeout: CFG.pageTimeoutMs });
    await page.waitForFunction(() => window.__cold, null, { timeout: CFG.pageTimeoutMs, polling: 20 });
    const cold = await page.evaluate(() => window.__cold);
    if (!cold.ok) throw new Error(cold.error + (errors.length ? ` (${errors[0]})` : ''));
    // Requests before the first result, as the server saw them (workers included), the page itself excluded.
    cold.resources = SERVER.requests.slice(from).filter((r) => r.path.startsWith(`/${rel}/`) && !r.path.endsWith('/index.html'));
    return { ctx, page, inst, cold };
  } catch (e) {
    await ctx.close().catch(() => {});
    throw e;
  }
}

async function measureSite(base, rel, siteDir, queries, { coldRuns }) {
  const q0 = queries[0].text;
  const colds = [];
  const phases = [];
  let tp = performance.now();
  const phase = (name) => { const now = performance.now(); phases.push(`${name} ${((now - tp) / 1000).toFixed(1)}`); tp = now; };
  let last;
  for (let i = 0; i < coldRuns; i++) {
    if (last) { await last.ctx.close().catch(() => {}); phase('close'); }
    last = await coldLoad(base, rel, q0);
    colds.push(last.cold);
    phase('cold');
  }
  const { ctx, page, inst } = last;
  try {
    const mem = await withTimeout(memoryOf(inst, page), 60_000, 'memory');
    phase('memory');
    const warm = await withTimeout(page.evaluate(({ qs, o }) => window.__warm(qs, o), { qs: queries.map((x) => x.text), o: CFG.warm }),
      CFG.warm.budgetMs + CFG.pageTimeoutMs, 'warm queries');
    phase('warm');
    if (process.env.BENCH_DEBUG) log(`${rel}: browser phases (s): ${phases.join(', ')}`);
    // Bytes before the first result: every resource that finished before it, the page itself excluded.
    const c = colds[colds.length - 1];
    let raw = 0, gz = 0;
    for (const r of c.resources) {
      raw += r.bytes;
      gz += await gzSize(r.file);
    }
    return {
      ttfrMs: median(colds.map((x) => x.ttfrMs)), ttfrRuns: colds.map((x) => x.ttfrMs),
      importMs: median(colds.map((x) => x.importMs)), loadMs: median(colds.map((x) => x.loadMs)), queryMs: median(colds.map((x) => x.queryMs)),
      coi: c.crossOriginIsolated, firstHits: c.nHits,
      requests: c.resources.length, firstRaw: raw, firstGz: gz,
      mem, p50: pct(warm.samples, 50), p95: pct(warm.samples, 95), passes: warm.passes, zero: warm.zero, nq: queries.length,
      slowest: queries.map((q, i) => ({ q: q.text, ms: median(warm.samples.filter((_, j) => j % queries.length === i)) }))
        .sort((a, b) => b.ms - a.ms).slice(0, 3),
      warmupMs: warm.warmupMs,
    };
  } finally {
    await ctx.close().catch(() => {});
  }
}

// ------------------------------------------------------------------------------------------------ formatting
const KB = 1024, MB = 1024 * 1024;
const fb = (n) => (n == null || Number.isNaN(n) ? '–' : n >= MB ? `${(n / MB).toFixed(2)} MB` : n >= KB ? `${(n / KB).toFixed(1)} KB` : `${n} B`);
const fms = (n) => (n == null || Number.isNaN(n) ? '–' : n >= 100 ? `${Math.round(n)}` : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3));
const fs_ = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${fms(ms)} ms`);

function row(r) {
  const label = r.label + (r.sampleNote ? ` (${r.sampleNote})` : '');
  if (r.error) return `| ${label} | error: ${r.error.replace(/\|/g, '/')} |||||||||| ${r.ref || ''} |`;
  const m = r.measure || {};
  const memTxt = m.mem ? `${(Math.max(0, m.mem.total - (r.baseline || 0)) / MB).toFixed(1)} MB` : '–';
  const idx = r.idx ? `${fb(r.idx.raw)} / ${fb(r.idx.gz)} / ${r.idx.brEst ? '≈' : ''}${fb(r.idx.br)}` : '–';
  const embedded = r.embedded ? ' (in wasm)' : '';
  return `| ${label} | ${r.buildMs != null ? fs_(r.buildMs) : '–'} | ${idx}${embedded} | ${r.eng ? fb(r.eng.gz) : '–'} | ` +
    `${m.requests ?? '–'} · ${fb(m.firstGz)} (${fb(m.firstRaw)}) | ${m.ttfrMs != null ? fs_(m.ttfrMs) : r.measureError ? 'error' : '–'} | ` +
    `${m.p50 != null ? `${fms(m.p50)} / ${fms(m.p95)}` : r.measureError ? 'error' : '–'} | ${m.zero != null ? `${m.zero}/${m.nq}` : '–'} | ${memTxt} | ${r.stores} | ${r.ref || ''} |`;
}

function table(corpus, rows) {
  const lines = [];
  lines.push(`### ${corpus.label} (${corpus.nDocs.toLocaleString('en')} docs, ${corpus.queries.length} queries from ${path.relative(BENCH, corpus.queriesFile).startsWith('..') ? corpus.queriesFile : 'bench/' + path.relative(BENCH, corpus.queriesFile)})`);
  lines.push('');
  lines.push('| engine | build | index raw / gz / br | engine gz | before 1st result: req · gz (raw) | cold 1st result | warm p50 / p95 ms | 0-hit | memory | text in index | PEERS.md ref: build · idx gz · cold q · p95 |');
  lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|--:|');
  for (const r of rows) lines.push(row(r));
  lines.push('');
  const notes = [];
  for (const r of rows) {
    const m = r.measure;
    const bits = [];
    if (r.error) continue;
    if (m) bits.push(`cold = import ${fms(m.importMs)} + load ${fms(m.loadMs)} + 1st query ${fms(m.queryMs)} ms (median of ${m.ttfrRuns.length}; runs ${m.ttfrRuns.map((x) => Math.round(x)).join(', ')})`);
    if (m) bits.push(`${m.passes} warm passes`);
    if (m && r.id.startsWith('folio')) bits.push(`slowest warm: ${m.slowest.map((x) => `"${x.q}" ${fms(x.ms)} ms`).join(', ')}`);
    if (r.serializeMs != null) bits.push(`serialize ${fms(r.serializeMs)} ms`);
    if (r.buildRuns && r.buildRuns.length > 1) bits.push(`builds ${r.buildRuns.map((x) => fms(x)).join(', ')} ms`);
    if (r.eng && r.engDetail) bits.push(r.engDetail);
    if (r.uiBytes) bits.push(`UI assets not counted: ${fb(r.uiBytes)}`);
    if (r.idx && r.idx.files > 1) bits.push(`index = ${r.idx.files} files`);
    for (const n of r.notes || []) bits.push(n);
    if (r.measureError) bits.push(`browser: error: ${r.measureError}`);
    if (m && m.mem) bits.push(`memory = JS heap ${fb(m.mem.js)} + ArrayBuffers ${fb(m.mem.buffers)} + wasm ${fb(m.mem.wasm)}${m.mem.workers ? ` (incl. ${m.mem.workers} worker)` : ""} − blank page ${fb(r.baseline)}`);
    notes.push(`- ${r.label}: ${bits.join('; ')}`);
  }
  lines.push(...notes);
  return lines.join('\n');
}

// ------------------------------------------------------------------------------------------------ main
async function runCorpus(spec, base, opts = {}) {
  let corpus;
  try { corpus = loadCorpus(spec); } catch (e) { return { spec, error: errMsg(e) }; }
  log(`== ${corpus.key}: ${corpus.nDocs} docs, ${corpus.queries.length} queries`);
  const shared = { engineErrors: opts.engineErrors || {} };
  const rows = [];
  const sizeJobs = [];
  const ref = peersReference(corpus.key);
  for (const id of opts.engines) {
    const eng = ENGINES[id];
    if (!eng) { rows.push({ label: id, error: 'unknown engine' }); continue; }
    const r = { id, label: eng.label, stores: eng.stores, ref: ref[id] || '' };
    rows.push(r);
    const t0 = performance.now();
    // Engines with a doc cap run on an evenly spaced sample of the corpus.
    let c = corpus;
    const cap = CFG.maxDocs[id];
    if (cap && corpus.nDocs > cap && !corpus.sample) {
      try { c = loadCorpus(`${corpus.key}@${cap % 1000 === 0 ? `${cap / 1000}k` : cap}`); r.sampleNote = `${c.nDocs.toLocaleString('en')}-doc sample`; } catch (e) { r.error = errMsg(e); continue; }
    }
    const rel = `${corpus.key}/${id}`;
    const siteDir = path.join(SITES, rel);
    try {
      const b = await withTimeout(buildSite(c, id, siteDir, c === corpus ? shared : { engineErrors: shared.engineErrors }), CFG.buildTimeoutMs * 4, 'build');
      Object.assign(r, b);
    } catch (e) {
      r.error = `build: ${errMsg(e)}`;
      log(`${corpus.key} ${id}: ${r.error}`);
      continue;
    }
    const tb = performance.now();
    // A bundle over 5 MB gets one cold load (the others would only repeat a multi-second parse).
    const idxRaw = r.indexFiles.reduce((a, f) => a + fs.statSync(f).size, 0);
    const coldRuns = idxRaw > 5 * MB ? 1 : CFG.coldRuns;
    try {
      r.measure = await withTimeout(measureSite(base, rel, siteDir, c.queries, { coldRuns }),
        coldRuns * CFG.pageTimeoutMs + CFG.warm.budgetMs + 3 * CFG.pageTimeoutMs, 'browser measurement');
      r.baseline = opts.baseline;
      if (!r.measure.coi) r.notes.push('page was not cross-origin isolated (timer resolution 100 µs)');
    } catch (e) {
      r.measureError = errMsg(e);
      log(`${corpus.key} ${id}: browser: ${r.measureError}`);
      if (/Target.*closed|crash|disconnected/i.test(r.measureError) && browser) { await browser.close().catch(() => {}); browser = null; }
    }
    // Sizes are computed after every engine of the corpus has been timed, all at once (zlib runs on
    // the thread pool), so that compression neither disturbs a timing nor waits for one.
    sizeJobs.push(async () => {
      const ts = performance.now();
      try {
        r.idx = await sizes(r.indexFiles, { brotli: !opts.noBrotli });
        r.eng = await sizes(r.engineFiles, { brotli: false });
        if (id.startsWith('folio') && r.engineFiles.length) {
          const w = r.engineFiles.find((f) => f.endsWith('.wasm'));
          const j = r.engineFiles.find((f) => f.endsWith('engine.js'));
          r.engDetail = `engine = wasm (${r.folioModule}) ${fb(fs.statSync(w).size)} raw / ${fb(await gzSize(w))} gz + JS ${fb(await gzSize(j))} gz`;
        }
        if (id === 'folio' && r.indexFiles.length === 1) {
          const secs = await folioSections(r.indexFiles[0]);
          if (secs) r.notes.push(`index sections raw/gz: ${secs.filter((x) => x.raw >= 1024).map((x) => `${x.name} ${fb(x.raw)}/${fb(x.gz)}`).join(', ')}`);
        }
      } catch (e) { r.notes.push(`sizes: error: ${errMsg(e)}`); }
      r.sizesMs = performance.now() - ts;
    });
    log(`${corpus.key} ${id}: build+browser ${((performance.now() - t0) / 1000).toFixed(1)} s (browser ${((performance.now() - tb) / 1000).toFixed(1)} s)` +
      (r.measure ? `: build ${Math.round(r.buildMs)} ms, cold ${Math.round(r.measure.ttfrMs)} ms, p50/p95 ${fms(r.measure.p50)}/${fms(r.measure.p95)} ms` : ''));
  }
  const ts = performance.now();
  await Promise.all(sizeJobs.map((j) => j()));
  log(`${corpus.key}: sizes ${((performance.now() - ts) / 1000).toFixed(1)} s`);
  return { corpus, rows };
}

async function main() {
  fs.mkdirSync(SITES, { recursive: true });
  const load0 = os.loadavg();
  log(`corpora: ${CFG.corpora.join(', ')}; engines: ${CFG.engines.join(', ')}`);
  log(`folio: ${FOLIO_BIN || 'no CLI'} (${FOLIO_SRC || 'not built'}); pkg ${FOLIO_PKG ? 'ok' : 'missing'}; pkg-bare ${FOLIO_PKG_BARE ? 'ok' : 'missing'}`);
  const built = await buildEngines({ folioPkgs: { folio: FOLIO_PKG, 'folio-bare': FOLIO_PKG_BARE } });
  const engineErrors = Object.fromEntries(Object.entries(built).filter(([, v]) => v.error).map(([k, v]) => [k, v.error]));

  // A blank harness page: its memory is subtracted from every engine's.
  const blankDir = path.join(SITES, '_blank');
  fs.mkdirSync(blankDir, { recursive: true });
  fs.writeFileSync(path.join(blankDir, 'engine.js'), 'export async function load(){}\nexport function search(){return []}\n');
  fs.writeFileSync(path.join(blankDir, 'index.html'), harnessHtml({}));
  const server = await startServer(SITES);
  SERVER = server;
  let baseline = 0;
  let chromiumVersion = '?';
  try {
    const b = await getBrowser();
    chromiumVersion = b.version();
    const { ctx, page, inst } = await coldLoad(server.url, '_blank', 'x');
    baseline = (await memoryOf(inst, page)).total;
    await ctx.close();
  } catch (e) { log(`chromium: ${errMsg(e)} (browser columns will show errors)`); }

  const out = [];
  const results = [];
  const emit = (s) => { process.stdout.write(s + '\n\n'); out.push(s); };
  emit(`## Folio benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const wantScale = CFG.scale === '1' || (CFG.scale === 'auto' && (CFG.corpora.includes('wikipedia-en-leads') || CFG.scaleGen.length > 0));
  let fullWiki = null;
  for (const spec of CFG.corpora) {
    const res = await runCorpus(spec, server.url, { engines: CFG.engines, engineErrors, baseline });
    results.push(res);
    if (res.error) { emit(`### ${spec}\n\nerror: ${res.error}`); continue; }
    emit(table(res.corpus, res.rows));
    if (res.corpus.key === 'wikipedia-en-leads') fullWiki = res;
  }

  if (wantScale) {
    const scaleRows = [];
    for (const size of CFG.scaleSizes) {
      const res = await runCorpus(`wikipedia-en-leads@${size}`, server.url, { engines: CFG.scaleEngines, engineErrors, baseline, noBrotli: true });
      results.push(res);
      if (res.error) { scaleRows.push({ size, error: res.error }); continue; }
      for (const r of res.rows) scaleRows.push({ size, n: res.corpus.nDocs, r });
    }
    if (!fullWiki && CFG.scale !== '0') {
      const res = await runCorpus('wikipedia-en-leads', server.url, { engines: CFG.scaleEngines, engineErrors, baseline, noBrotli: true });
      results.push(res);
      if (!res.error) fullWiki = res;
    }
    if (fullWiki) for (const r of fullWiki.rows) if (CFG.scaleEngines.includes(r.id)) scaleRows.push({ size: 'full', n: fullWiki.corpus.nDocs, r });
    for (const size of CFG.scaleGen) {
      const res = await runCorpus(`gen@${size}`, server.url, { engines: CFG.scaleEngines, engineErrors, baseline, noBrotli: true });
      results.push(res);
      if (res.error) { scaleRows.push({ size: `gen@${size}`, error: res.error }); continue; }
      for (const r of res.rows) scaleRows.push({ size: `gen@${size}`, n: res.corpus.nDocs, r, gen: true });
    }
    emit(scaleTable(scaleRows));
  }

  const secs = ((performance.now() - T_START) / 1000).toFixed(0);
  emit(`Run: ${secs} s in bench.mjs (Folio cargo builds not included); ${os.cpus().length} cores; load average ${load0.map((x) => x.toFixed(1)).join(' ')} at start, ` +
    `${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at end; Chromium ${chromiumVersion}; Node ${process.version}; Folio ${FOLIO_SRC || 'not built'}` +
    `${folioOpt()}. Units: KB = 1024 B, MB = 1024² B.`);
  fs.writeFileSync(path.join(OUT, 'report.md'), out.join('\n\n') + '\n');
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results.map((x) => ({
    corpus: x.corpus ? { key: x.corpus.key, nDocs: x.corpus.nDocs, queries: x.corpus.queries.length } : x.spec, error: x.error,
    rows: (x.rows || []).map((r) => ({ ...r, indexFiles: undefined, engineFiles: r.engineFiles && r.engineFiles.map((f) => path.relative(SITES, f)), cfg: undefined })),
  })), null, 1));
  if (browser) await browser.close().catch(() => {});
  await server.close();
  emptyTrash();
}

// How the wasm packages were made (bench/out/pkg*/OPT), for the footer.
function folioOpt() {
  const opts = [FOLIO_PKG, FOLIO_PKG_BARE].filter(Boolean).map((d) => readOr(path.join(d, 'OPT'), '?'));
  if (!opts.length) return '';
  if (opts.length === 2 && opts[0] !== opts[1]) return `, wasm: with index ${opts[0]}, without ${opts[1]}`;
  return `, wasm ${opts[0]}`;
}

function scaleTable(rows) {
  const gen = CFG.scaleGen.length ? `; generated (bench/gen-corpus.mjs) at ${CFG.scaleGen.join(', ')}, 50 queries each drawn from its documents` : '';
  const lines = [`### Scale: wikipedia-en-leads at ${CFG.scaleSizes.join(', ')} and all docs (evenly spaced samples; same 50 queries)${gen}`, '',
    '| engine | docs | build | index raw / gz | cold 1st result | warm p50 / p95 ms | memory |', '|---|--:|--:|--:|--:|--:|--:|'];
  const order = CFG.scaleEngines;
  rows.sort((a, b) => order.indexOf(a.r?.id) - order.indexOf(b.r?.id));
  for (const { size, n, r, error } of rows) {
    if (error) { lines.push(`| – | ${size} | error: ${error} ||||| `); continue; }
    const label = r.label + (r.sampleNote ? ` (${r.sampleNote})` : '') + (String(size).startsWith('gen@') ? `, ${size}` : '');
    if (r.error) { lines.push(`| ${label} | ${n.toLocaleString('en')} | error: ${r.error} |||||`); continue; }
    const m = r.measure || {};
    const mem = m.mem ? `${(Math.max(0, m.mem.total - (r.baseline || 0)) / MB).toFixed(1)} MB` : '–';
    lines.push(`| ${label} | ${n.toLocaleString('en')} | ${fs_(r.buildMs)} | ${r.idx ? `${fb(r.idx.raw)} / ${fb(r.idx.gz)}` : '–'} | ` +
      `${m.ttfrMs != null ? fs_(m.ttfrMs) : 'error'} | ${m.p50 != null ? `${fms(m.p50)} / ${fms(m.p95)}` : `error${r.measureError ? `: ${r.measureError}` : ''}`} | ${mem} |`);
  }
  return lines.join('\n');
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    Promise.resolve(browser && browser.close()).catch(() => {}).finally(() => process.exit(130));
    setTimeout(() => process.exit(130), 3000).unref();
  });
}

main().catch((e) => { console.error('[bench] fatal:', e && e.stack ? e.stack : e); process.exit(1); });
