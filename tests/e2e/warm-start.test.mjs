// Browser tests of a sooner first result (issue 21, item 2): folio.js starts compiling the engine
// when it is imported, before any search box is used, and hands the compiled module (and the
// index's root, fetched while the worker starts) to the worker, so each is downloaded once;
// preload() loads the engine, and a query's chunks, before the search that needs them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, makeSite, runCli, startSite, watch } from './helpers.mjs';

// Counts WebAssembly.compileStreaming calls in the page, from before its scripts run.
const COUNT_STREAMING = () => {
  const original = WebAssembly.compileStreaming;
  window.__streamed = [];
  WebAssembly.compileStreaming = function (source) {
    window.__streamed.push(performance.now());
    return original.call(this, source);
  };
};

describe('a warm start', () => {
  let browser;
  let server;
  let site;
  const problems = [];

  before(async () => {
    site = makeSite({ 'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>warm</title><link rel="icon" href="data:,"></head><body></body></html>' });
    const out = mkdtempSync(path.join(tmpdir(), 'folio-seeds-'));
    runCli(['index', path.join(ROOT, 'seeds'), '--out', out, '--split', 'always', '--chunk-bytes', '2048', '--pack', 'never']);
    cpSync(out, path.join(site, 'split'), { recursive: true });
    rmSync(out, { recursive: true, force: true });
    server = await startSite(site);
    browser = server.browser;
  });

  after(async () => {
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  /** A fresh context and page on index.html, with its requests (the worker's too) in `requests`. */
  async function open() {
    const context = await browser.newContext();
    const requests = [];
    context.on('request', (req) => requests.push(new URL(req.url()).pathname));
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch(page, problems);
    await page.addInitScript(COUNT_STREAMING);
    await page.goto(`${server.url}index.html`);
    return { context, page, requests };
  }

  test('importing folio.js starts compiling the engine, before any init()', async () => {
    const { context, page, requests } = await open();
    try {
      await page.evaluate(() => import('./folio/folio.js'));
      await page.waitForFunction(() => window.__streamed.length > 0, null, { timeout: 5000 }).catch(() => {});
      assert.equal(await page.evaluate(() => window.__streamed.length), 1, 'one streaming compile at import');
      assert.deepEqual(requests.filter((r) => r.endsWith('.wasm')), ['/folio/folio_bg.wasm']);
      assert.ok(!requests.some((r) => r.endsWith('folio-worker.js') || r.endsWith('.folio')), `no engine started yet: ${requests.join(' ')}`);
    } finally {
      await context.close();
    }
  });

  for (const worker of [true, false]) {
    test(`the engine compiled at import is the one started, the wasm and the root downloaded once (${worker ? 'worker' : 'main thread'})`, async () => {
      const { context, page, requests } = await open();
      try {
        const out = await page.evaluate(async (useWorker) => {
          const { default: Folio } = await import('./folio/folio.js');
          const folio = await Folio.init({ index: 'split/index.folio', worker: useWorker });
          const res = await folio.search('Puzanov', { limit: 3 });
          return { mode: folio.mode, titles: res.hits.map((h) => h.title), streamed: window.__streamed.length };
        }, worker);
        assert.equal(out.mode, worker ? 'worker' : 'main');
        assert.ok(out.titles.some((t) => /Puzanov/.test(t)), JSON.stringify(out.titles));
        assert.equal(out.streamed, 1, 'compiled once, at import');
        assert.equal(requests.filter((r) => r.endsWith('/folio_bg.wasm')).length, 1, requests.join(' '));
        assert.equal(requests.filter((r) => r.endsWith('/split/index.folio')).length, 1, requests.join(' '));
      } finally {
        await context.close();
      }
    });
  }

  test('engine.preload(query) fetches what the search needs: the search then makes no request', async () => {
    const { context, page, requests } = await open();
    try {
      const preloaded = await page.evaluate(async () => {
        const { default: Folio } = await import('./folio/folio.js');
        window.__folio = await Folio.init({ index: 'split/index.folio' });
        return (await window.__folio.preload('prisoners of war', { limit: 5 })) === undefined;
      });
      assert.ok(preloaded, 'preload resolves to undefined');
      const chunks = requests.filter((r) => r.includes('/split/chunks/'));
      assert.ok(chunks.some((r) => /-t\d+\.folio$/.test(r)) && chunks.some((r) => /-d\d+\.folio$/.test(r)),
        `the words' and the first page's documents' chunks were fetched: ${chunks.join(' ')}`);
      const n = requests.length;
      const titles = await page.evaluate(async () => (await window.__folio.search('prisoners of war', { limit: 5 })).hits.map((h) => h.title));
      assert.ok(titles.length > 0, "the search finds documents");
      assert.deepEqual(requests.slice(n), [], 'the search found everything loaded');
      await assert.rejects(page.evaluate(() => window.__folio.preload('x', { limt: 1 })), /unknown option "limt"/);
    } finally {
      await context.close();
    }
  });

  test('Folio.preload() starts the default engine, which Folio.search() then uses', async () => {
    const { context, page, requests } = await open();
    try {
      const out = await page.evaluate(async () => {
        const { default: Folio } = await import('./folio/folio.js');
        const preloaded = await Folio.preload();
        const res = await Folio.search('Puzanov', { limit: 3 });
        await Folio.preload('Mikoyan');
        return { preloaded: preloaded === undefined, titles: res.hits.map((h) => h.title) };
      });
      assert.ok(out.preloaded);
      assert.ok(out.titles.some((t) => /Puzanov/.test(t)), JSON.stringify(out.titles));
      // One engine: on the page's thread for this small index (its glue, folio-engine.js), no worker.
      assert.equal(requests.filter((r) => r.endsWith('folio-engine.js') || r.endsWith('folio-worker.js')).length, 1, `one engine: ${requests.join(' ')}`);
      assert.equal(requests.filter((r) => r.endsWith('.wasm')).length, 1, requests.join(' '));
    } finally {
      await context.close();
    }
  });

  test('the engine is warmed once, in a task of its own, and answers as one never warmed', async () => {
    const { context, page } = await open();
    try {
      const out = await page.evaluate(async () => {
        const { Core, createGlue } = await import('./folio/folio-engine.js');
        const warms = [];
        // The glue, its Engine.warm() counted (with what it returns).
        const counted = () => {
          const glue = createGlue();
          const Engine = new Proxy(glue.Engine, {
            get: (target, key) => (key === 'warm' ? () => {
              const hits = target.warm();
              warms.push({ hits });
              return hits;
            } : Reflect.get(target, key)),
          });
          return { ...glue, default: glue.default, Engine };
        };
        const warmed = new Core(counted);
        await warmed.start('./folio/folio_bg.wasm', 'split/index.folio');
        // A search started at once runs (and issues its fetches) before the warm-up, not after it.
        const first = warmed.search('prisoners of war', { limit: 5 });
        const queued = warms.length;
        const a = await first;
        await new Promise((r) => setTimeout(r, 50));
        const plain = new Core(createGlue);
        await plain.start('./folio/folio_bg.wasm', 'split/index.folio');
        const b = await plain.search('prisoners of war', { limit: 5 });
        return { queued, warms, same: JSON.stringify(a) === JSON.stringify(b), hits: a.hits.length };
      });
      assert.equal(out.queued, 0, 'not warmed before the first search ran');
      assert.equal(out.warms.length, 1, `warmed once: ${JSON.stringify(out.warms)}`);
      assert.equal(out.warms[0].hits, 2, 'the warm-up search found both documents of the built-in index');
      assert.ok(out.hits > 0 && out.same, `the warmed engine answers as the other: ${JSON.stringify(out)}`);
    } finally {
      await context.close();
    }
  });

  test('no console errors or failed requests', () => {
    assert.deepEqual(problems, []);
  });
});
