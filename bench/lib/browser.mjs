// The browser side: one headless Chromium (playwright-core), CDP instrumentation of pages and their
// workers, the cold first result and warm latency of one site.
import { createRequire } from 'node:module';
import { CFG, CHROMIUM_ARGS, errMsg, log, median, pct, withTimeout } from './util.mjs';
import { WASM_HOOK } from './site.mjs';
import { gzSize } from './sizes.mjs';

const require = createRequire(import.meta.url);
let SERVER = null;
/** The static server whose request log counts a page's requests (workers' included). */
export function useServer(server) { SERVER = server; }
export const server = () => SERVER;
let browser = null;
/** Closes the browser (it is started again on next use). */
export async function closeBrowser() { if (browser) await browser.close().catch(() => {}); browser = null; }
export async function getBrowser() {
  if (browser && browser.isConnected()) return browser;
  const { chromium } = require('playwright-core');
  browser = await chromium.launch({ executablePath: CFG.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  return browser;
}

// CDP on the page, auto-attached (non-flat) to its workers: each worker is paused at start, gets the
// wasm hook, then runs. Returns {cdp, workers: [send(method, params)]}.
export async function instrument(ctx, page) {
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
export async function memoryOf(inst, page) {
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

/** A cold load of `rel`'s page searching `q`; `init`: a function run in the page before its scripts, or [function, argument]. */
export async function coldLoad(base, rel, q, init = null) {
  const b = await getBrowser();
  const ctx = await b.newContext(); // fresh profile state: empty HTTP cache
  try {
    const page = await ctx.newPage();
    if (init) await (Array.isArray(init) ? page.addInitScript(init[0], init[1]) : page.addInitScript(init));
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

export async function measureSite(base, rel, siteDir, queries, { coldRuns }) {
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
      gz += r.range ? r.bytes : await gzSize(r.file); // a range of a pack is compressed already
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
