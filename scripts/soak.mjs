#!/usr/bin/env node
// Soak test of the drop-in UI (issue 19, "Also"): NOT part of CI, run by hand when the engine's
// fetching, the UI's busy/error states or the rebuild detection change.
//
//   bash scripts/build-web.sh              # dist/site/: the bundle around a module without an index
//   nice -n 10 node scripts/soak.mjs [--seed N] [--queries N] [--minutes M] [--timeout MS] [--heap-bound MB]
//
// It indexes Cranfield (../shared/corpora/cranfield/docs.jsonl, or --docs) twice with the CLI as
// split indexes with small chunks (two builds with different build ids: other chunk sizes, same
// documents, so the same answers), mounts the real UI (Folio.mount with Folio.init({ timeout })) in
// headless Chromium and serves it from a server of its own that, at random (seeded by --seed),
// answers chunk requests with HTTP 500, resets the connection, delays them (sometimes beyond the
// engine's fetch timeout) and switches to the other build between queries. It types --queries
// queries (default 10,000) letter by letter at varied speed, drawn from Cranfield's queries.tsv
// words with typos, and once each settles checks that the page shows either the first page of the
// query in the box (its result ids equal those of a fresh engine on a healthy server, and the
// status line names the query; either build's first page is accepted, as on a split index typo
// corrections depend on the chunk layout) or a visible error with a retry button (clicked half of
// the time).
// Every 500 queries it samples the page's JS heap after a forced GC; past the warm-up (the sample
// at query 100) it must grow less than --heap-bound MB. The server's faults depend only on the
// seed, the query number and the request, so a seed and query number reproduce a failure.
// --minutes stops earlier, after that much time, with the counts so far. Exit code 1 on a
// mismatch, a search that never settles (--stuck-ms, default 30 s) or heap growth.
// FOLIO_BIN names the folio binary (default target/release/folio, else cargo run).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from './serve.mjs';
import { DIST, ROOT, checkBuilt, launch, proxy, readHits, runCli, searchBox, statusText } from '../tests/e2e/helpers.mjs';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    queries: { type: 'string', default: '10000' },
    timeout: { type: 'string', default: '3000' },
    'heap-bound': { type: 'string', default: '16' },
    'heap-every': { type: 'string', default: '500' },
    'stuck-ms': { type: 'string', default: '30000' },
    docs: { type: 'string', default: path.join(ROOT, '..', 'shared', 'corpora', 'cranfield', 'docs.jsonl') },
    minutes: { type: 'string', default: '0' },
    keep: { type: 'boolean', default: false },
  },
});
const SEED = Number(args.seed) >>> 0;
const QUERIES = Number(args.queries);
const TIMEOUT = Number(args.timeout);
const HEAP_BOUND = Number(args['heap-bound']) * 2 ** 20;
const HEAP_EVERY = Number(args['heap-every']);
const STUCK_MS = Number(args['stuck-ms']);
const DEADLINE = Number(args.minutes) > 0 ? Date.now() + Number(args.minutes) * 60_000 : Infinity;
const WARM_UP = Math.min(100, HEAP_EVERY);
const SETTLE_MS = 300; // a state must hold this long (longer than the UI's 150 ms busy delay)
const QUERIES_TSV = path.join(path.dirname(args.docs), 'queries.tsv');
// Per chunk request: HTTP 500, connection reset, delay (of which a part beyond the timeout).
const FAIL = 0.02;
const RESET = 0.02;
const SLOW = 0.08;
const BEYOND = 0.25;
const SWITCH = 1 / 100; // per query: serve the other build from now on

/** A seeded PRNG (mulberry32): numbers in [0, 1). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A number in [0, 1) that depends only on `key` (FNV-1a, then one PRNG step). */
function chance(key) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return rng(h)();
}

function words() {
  const set = new Set();
  for (const line of readFileSync(QUERIES_TSV, 'utf8').split('\n')) {
    for (const w of (line.split('\t')[1] || '').split(/[^a-z]+/)) if (w.length >= 3) set.add(w);
  }
  return [...set].sort();
}

/** A query of 1 to 3 words, sometimes with a typo (a letter dropped, doubled, swapped or replaced). */
function makeQuery(random, vocab) {
  const n = 1 + Math.floor(random() * random() * 3);
  const out = [];
  for (let i = 0; i < n; i++) {
    let w = vocab[Math.floor(random() * vocab.length)];
    if (random() < 0.2 && w.length > 3) {
      const at = 1 + Math.floor(random() * (w.length - 2));
      const kind = Math.floor(random() * 4);
      const letter = String.fromCharCode(97 + Math.floor(random() * 26));
      if (kind === 0) w = w.slice(0, at) + w.slice(at + 1);
      else if (kind === 1) w = w.slice(0, at) + w[at] + w.slice(at);
      else if (kind === 2) w = w.slice(0, at - 1) + w[at] + w[at - 1] + w.slice(at + 1);
      else w = w.slice(0, at) + letter + w.slice(at + 1);
    }
    out.push(w);
  }
  return out.join(' ');
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>soak</title><link rel="icon" href="data:,"></head>
<body><main><div id="box"></div></main><script type="module">
import Folio from '/folio/folio.js';
Folio.mount(document.getElementById('box'), { engine: Folio.init({ index: '/folio/index.folio', timeout: ${TIMEOUT} }), urlState: false });
</script></body></html>`;

/**
 * The faulty server: /page.html, and /folio/* from the build in use (`state.build`), whose chunk
 * requests fail or are delayed as `chance(seed|query|path|n)` says.
 */
async function startFaultyServer(root, state, counts) {
  const inner = await startServer({ root, port: 0 });
  const seen = new Map(); // path -> requests of it during this query
  const forward = (req, res, pathname) => proxy(req, res, new URL(pathname, inner.url));
  const server = createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    if (pathname === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
      return;
    }
    if (!pathname.startsWith('/folio/')) {
      res.writeHead(404).end();
      return;
    }
    const target = `/${state.build}/${pathname.slice('/folio/'.length)}`;
    if (pathname === '/folio/index.folio') counts.rootRequests += 1;
    else if (pathname.startsWith('/folio/chunks/') && !existsSync(path.join(root, target))) counts.gone += 1; // of the other build
    if (!pathname.startsWith('/folio/chunks/') || !state.faults) {
      forward(req, res, target);
      return;
    }
    counts.chunkRequests += 1;
    const k = `${state.query}|${pathname}`;
    seen.set(k, (seen.get(k) || 0) + 1);
    const r = chance(`${SEED}|${k}|${seen.get(k)}`);
    if (r < FAIL) {
      counts.failed500 += 1;
      res.writeHead(500, { 'content-type': 'text/plain' }).end('soak: injected failure');
    } else if (r < FAIL + RESET) {
      counts.reset += 1;
      req.socket.destroy();
    } else if (r < FAIL + RESET + SLOW) {
      const s = (r - FAIL - RESET) / SLOW; // uniform in [0, 1)
      const ms = s < BEYOND ? TIMEOUT * (1.1 + s) : 200 + (TIMEOUT * 0.8 - 200) * ((s - BEYOND) / (1 - BEYOND));
      counts.slowed += 1;
      if (ms > TIMEOUT) counts.beyondTimeout += 1;
      const timer = setTimeout(() => forward(req, res, target), ms);
      res.on('close', () => clearTimeout(timer));
    } else {
      forward(req, res, target);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    healthyUrl: inner.url,
    newQuery() {
      seen.clear();
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      await inner.close();
    },
  };
}

/**
 * Waits until the widget has settled on the query in the box: its results (data-query) or an
 * error with a retry, not busy, for SETTLE_MS in a row. Returns 'ok', 'error' or 'stuck'.
 */
async function settle(page) {
  const start = Date.now();
  let since = 0;
  let last = '';
  while (Date.now() - start < STUCK_MS) {
    const now = await page.evaluate(() => {
      const root = document.querySelector('.folio');
      const box = document.querySelector('.folio-input');
      const error = document.querySelector('.folio-error');
      const retry = document.querySelector('.folio-retry');
      if (!root || !box || root.getAttribute('aria-busy') === 'true') return 'busy';
      if (error && !error.hidden && retry && !retry.hidden && root.dataset.query === '') return `error|${box.value}`;
      if ((!error || error.hidden) && root.dataset.query === box.value && root.dataset.state === 'ready') return `ok|${box.value}`;
      return 'busy';
    });
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (now !== 'busy' && Date.now() - since >= SETTLE_MS) {
      return now.slice(0, now.indexOf('|'));
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return 'stuck';
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { nodes } = await cdp.send('Memory.getDOMCounters');
  return { used: usedSize, nodes };
}

async function main() {
  checkBuilt();
  if (!existsSync(args.docs) || !existsSync(QUERIES_TSV)) throw new Error(`soak: ${args.docs} or its queries.tsv is missing (--docs)`);
  const site = path.join(DIST, 'site');
  if (!existsSync(path.join(site, 'folio.js'))) throw new Error('soak: dist/site/ is missing: run `bash scripts/build-web.sh`');
  const release = path.join(ROOT, 'target', 'release', 'folio');
  if (!process.env.FOLIO_BIN && existsSync(release)) process.env.FOLIO_BIN = release;
  const tmp = mkdtempSync(path.join(tmpdir(), 'folio-soak-'));
  // Two builds of the same documents: other chunk sizes give another build id and chunk names.
  runCli(['index', args.docs, '--out', path.join(tmp, 'a'), '--split', 'always', '--chunk-bytes', '2048,1024', '--assets', site]);
  runCli(['index', args.docs, '--out', path.join(tmp, 'b'), '--split', 'always', '--chunk-bytes', '3072,1024', '--assets', site]);

  const counts = { chunkRequests: 0, failed500: 0, reset: 0, slowed: 0, beyondTimeout: 0, rootRequests: 0, gone: 0 };
  const state = { build: 'a', query: 0, faults: true };
  const server = await startFaultyServer(tmp, state, counts);
  const browser = await launch();
  const random = rng(SEED);
  const vocab = words();
  const expected = new Map();
  const result = { queries: 0, ok: 0, errors: 0, retries: 0, retriedOk: 0, mismatches: [], stuck: [], layoutDependent: 0, layoutExamples: [], switches: 0, heap: [], pageErrors: [] };
  let exit = 0;
  try {
    // The reference: fresh engines of both builds on the healthy server. (Their answers may differ:
    // on a split index, typo corrections depend on the chunk layout; the UI may be on either.)
    const refContext = await browser.newContext();
    const ref = await refContext.newPage();
    await ref.goto(`${server.healthyUrl}a/report.txt`);
    await ref.evaluate(async () => {
      const { default: Folio } = await import('/a/folio.js');
      window.refs = [await Folio.init({ index: '/a/index.folio', timeout: 0 }), await Folio.init({ index: '/b/index.folio', timeout: 0 })];
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(STUCK_MS);
    page.on('pageerror', (err) => result.pageErrors.push(`query ${state.query}: ${err.message}`));
    const open = async () => {
      await page.goto(`${server.url}page.html`);
      await page.locator('.folio[data-state="ready"]').waitFor();
    };
    await open();
    const pageSize = await page.evaluate(() => document.querySelector('#box').folioSearch.ui.pageSize);
    const cdp = await context.newCDPSession(page);
    const box = searchBox(page);
    await box.click();

    const check = async (n, query, outcome) => {
      if (outcome === 'error') {
        result.errors += 1;
        return;
      }
      if (!expected.has(query)) {
        const both = await ref.evaluate(([q, limit]) => Promise.all(window.refs.map(async (r) => (await r.search(q, { limit })).hits.map((h) => h.id))), [query, pageSize]);
        expected.set(query, both);
        if (JSON.stringify(both[0]) !== JSON.stringify(both[1])) {
          result.layoutDependent += 1;
          if (result.layoutExamples.length < 5) result.layoutExamples.push({ text: query, a: both[0], b: both[1] });
        }
      }
      const want = expected.get(query);
      const got = (await readHits(page)).filter((h) => !h.sub).map((h) => h.docId);
      const status = await statusText(page);
      if (!want.some((w) => JSON.stringify(w) === JSON.stringify(got)) || !status.includes(`“${query.trim()}”`)) {
        const m = { seed: SEED, query: n, text: query, shown: got, expected: want, status, build: state.build };
        result.mismatches.push(m);
        process.stderr.write(`soak: mismatch ${JSON.stringify(m)}\n`);
      } else {
        result.ok += 1;
      }
    };

    for (let n = 1; n <= QUERIES && Date.now() < DEADLINE; n++) {
      state.query = n;
      server.newQuery();
      if (random() < SWITCH) {
        state.build = state.build === 'a' ? 'b' : 'a';
        result.switches += 1;
      }
      const query = makeQuery(random, vocab);
      // Mostly a new query over the old one; sometimes the old one edited from its end.
      await box.focus(); // a retry button clicked may have kept it
      const old = await box.inputValue();
      let keep = 0;
      if (random() < 0.3) {
        keep = Math.floor(random() * old.length);
        while (keep > 0 && old.slice(0, keep) !== query.slice(0, keep)) keep--;
        for (let i = old.length; i > keep; i--) await page.keyboard.press('Backspace', { delay: Math.floor(random() * 40) });
      } else {
        await page.keyboard.press('ControlOrMeta+a');
      }
      const fast = random() < 0.5;
      for (const ch of query.slice(keep)) {
        await page.keyboard.type(ch);
        const pause = fast ? random() * 30 : random() * random() * 250;
        if (pause >= 5) await page.waitForTimeout(pause);
      }
      result.queries += 1;
      let outcome = await settle(page);
      const shown = await box.inputValue();
      if (shown !== query) throw new Error(`soak: the box holds ${JSON.stringify(shown)}, not ${JSON.stringify(query)} (query ${n})`);
      if (outcome === 'error' && random() < 0.5) {
        await check(n, query, outcome);
        result.retries += 1;
        await page.locator('.folio-retry').click();
        outcome = await settle(page);
        if (outcome === 'ok') result.retriedOk += 1;
      }
      if (outcome === 'stuck') {
        const seen = await page.evaluate(() => {
          const root = document.querySelector('.folio');
          return { dataQuery: root?.dataset.query, busy: root?.getAttribute('aria-busy'), status: document.querySelector('.folio-status')?.textContent, error: document.querySelector('.folio-error')?.hidden === false ? document.querySelector('.folio-error-text')?.textContent : null };
        }).catch((err) => ({ failed: String(err) }));
        result.stuck.push({ seed: SEED, query: n, text: query, build: state.build, ...seen });
        await open();
        await box.click();
      } else {
        await check(n, query, outcome);
      }
      if (n % 100 === 0) process.stderr.write(`soak: ${n} queries, ${result.ok} ok, ${result.errors} errors, ${result.mismatches.length} mismatches, ${result.stuck.length} stuck, ${result.switches} switches\n`);
      if (n === WARM_UP || n % HEAP_EVERY === 0) {
        result.heap.push({ query: n, ...(await heapUsed(cdp)) });
        process.stderr.write(`soak: heap ${(result.heap.at(-1).used / 2 ** 20).toFixed(1)} MB at query ${n}\n`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    if (!args.keep) rmSync(tmp, { recursive: true, force: true });
  }

  const base = result.heap.find((h) => h.query === WARM_UP);
  const growth = base ? Math.max(...result.heap.map((h) => h.used)) - base.used : 0;
  const mb = (b) => `${(b / 2 ** 20).toFixed(1)} MB`;
  console.log(`soak: seed ${SEED}, fetch timeout ${TIMEOUT} ms`);
  console.log(`queries: ${result.queries}; settled ok: ${result.ok}; errors shown: ${result.errors} (retried ${result.retries}, ${result.retriedOk} of them then ok); mismatches: ${result.mismatches.length}; stuck: ${result.stuck.length}`);
  console.log(`chunk requests: ${counts.chunkRequests}; failed: ${counts.failed500} HTTP 500 + ${counts.reset} reset; slowed: ${counts.slowed} (${counts.beyondTimeout} beyond the timeout); build switches: ${result.switches} (chunks asked of the other build: ${counts.gone}; index.folio fetched ${counts.rootRequests} times, page loads included)`);
  console.log(`heap samples (query: used, DOM nodes): ${result.heap.map((h) => `${h.query}: ${mb(h.used)}, ${h.nodes}`).join('; ')}; growth after warm-up ${mb(growth)} (bound ${mb(HEAP_BOUND)})`);
  console.log(`queries whose first page differs between builds a and b (split typo corrections depend on the chunk layout): ${result.layoutDependent}`);
  for (const l of result.layoutExamples) console.log(`  ${JSON.stringify(l)}`);
  for (const m of result.mismatches.slice(0, 5)) console.log(`mismatch: ${JSON.stringify(m)}`);
  for (const s of result.stuck.slice(0, 5)) console.log(`stuck: ${JSON.stringify(s)}`);
  for (const e of result.pageErrors.slice(0, 5)) console.log(`page error: ${e}`);
  if (result.mismatches.length || result.stuck.length) exit = 1;
  if (growth > HEAP_BOUND) {
    console.log(`soak: the heap grew by ${mb(growth)} after warm-up, more than ${mb(HEAP_BOUND)}`);
    exit = 1;
  }
  process.exitCode = exit;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 2;
});
