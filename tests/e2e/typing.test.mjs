// Browser test of what typing costs on a split index, and of how the engine starts: a word typed
// letter by letter (each search given up by the next letter) downloads each chunk once; a chunk
// whose searches were all given up is still kept; the module compiles while it downloads
// (WebAssembly.compileStreaming) and still starts when the server sends another content type.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, launch, makeSite, runCli, watch } from './helpers.mjs';

/** Chunk responses are held this long, so that the next letter comes while they download. */
const CHUNK_DELAY_MS = 150;

describe('typing into a split index', () => {
  let browser;
  let server;
  let site;
  let context;
  let page;
  const problems = [];
  const requests = [];

  before(async () => {
    site = makeSite({ 'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>typing</title><link rel="icon" href="data:,"></head><body></body></html>' });
    const out = mkdtempSync(path.join(tmpdir(), 'folio-seeds-'));
    runCli(['index', path.join(ROOT, 'seeds'), '--out', out, '--split', 'always', '--chunk-bytes', '2048']);
    cpSync(out, path.join(site, 'split'), { recursive: true });
    rmSync(out, { recursive: true, force: true });
    server = await startServer({ root: site, port: 0 });
    browser = await launch();
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch(page, problems);
    context.on('request', (req) => requests.push(new URL(req.url()).pathname));
    await context.route('**/chunks/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS));
      await route.continue().catch(() => {});
    });
    await page.goto(`${server.url}index.html`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  const chunkCounts = (prefix) => {
    const counts = new Map();
    for (const p of requests.filter((x) => x.startsWith(prefix))) counts.set(p, (counts.get(p) || 0) + 1);
    return counts;
  };

  for (const worker of [true, false]) {
    test(`a word typed letter by letter fetches each chunk once (${worker ? 'worker' : 'main thread'})`, async () => {
      requests.length = 0;
      const out = await page.evaluate(async ({ worker, word }) => {
        const { default: Folio } = await import('./folio/folio.js');
        const folio = await Folio.init({ index: `split/index.folio?${worker}`, worker });
        const outcomes = [];
        let last = null;
        let controller = null;
        for (let i = 1; i <= word.length; i++) {
          controller?.abort(); // the next letter gives the previous search up, as the drop-in UI does
          controller = new AbortController();
          last = folio.search(word.slice(0, i), { limit: 5 }, { signal: controller.signal, typing: true });
          last.then(() => outcomes.push('done'), (err) => outcomes.push(err.name));
          await new Promise((resolve) => setTimeout(resolve, 40));
        }
        const res = await last;
        // The same query again: everything it needs is in the engine.
        const again = await folio.search(word, { limit: 5 });
        return { titles: res.hits.map((h) => h.title), same: JSON.stringify(again.hits) === JSON.stringify(res.hits), outcomes };
      }, { worker, word: 'Puzanov' });
      assert.ok(out.titles.length > 0 && out.titles.some((t) => /Puzanov/.test(t)), JSON.stringify(out.titles));
      assert.ok(out.same);
      assert.ok(out.outcomes.includes('AbortError'), JSON.stringify(out.outcomes));
      const counts = chunkCounts(`/split/chunks/`);
      assert.ok(counts.size > 0);
      assert.deepEqual([...counts].filter(([, n]) => n > 1), []);
      assert.deepEqual(problems, []);
    });
  }

  test('a chunk whose search was given up is still downloaded and kept', async () => {
    requests.length = 0;
    const out = await page.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const folio = await Folio.init({ index: 'split/index.folio?given-up' });
      const controller = new AbortController();
      const first = folio.search('Mikoyan', { limit: 3 }, { signal: controller.signal }).then(() => 'done', (err) => err.name);
      await new Promise((resolve) => setTimeout(resolve, 30));
      controller.abort();
      const outcome = await first;
      await new Promise((resolve) => setTimeout(resolve, 600)); // the chunk arrives meanwhile
      const res = await folio.search('Mikoyan', { limit: 3 });
      return { outcome, titles: res.hits.map((h) => h.title) };
    });
    assert.equal(out.outcome, 'AbortError');
    assert.ok(out.titles.length > 0);
    const counts = chunkCounts('/split/chunks/');
    assert.deepEqual([...counts].filter(([, n]) => n > 1), []);
  });

  test('the module compiles as it downloads, and starts from other content types too', async () => {
    const out = await page.evaluate(async () => {
      let streamed = 0;
      const original = WebAssembly.compileStreaming;
      WebAssembly.compileStreaming = function (source) {
        streamed += 1;
        return original.call(this, source);
      };
      try {
        const { default: Folio } = await import('./folio/folio.js');
        const folio = await Folio.init({ index: 'split/index.folio?streamed', worker: false });
        const hits = (await folio.search('Puzanov', { limit: 1 })).hits.length;
        return { streamed, hits };
      } finally {
        WebAssembly.compileStreaming = original;
      }
    });
    assert.deepEqual(out, { streamed: 1, hits: 1 });
    // Served as application/octet-stream: compileStreaming would refuse it; the bytes are compiled instead.
    const otherContext = await browser.newContext();
    const other = await otherContext.newPage();
    watch(other, problems);
    await otherContext.route('**/folio_bg.wasm', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, headers: { ...res.headers(), 'content-type': 'application/octet-stream' } });
    });
    await other.goto(`${server.url}index.html`);
    const hits = await other.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const results = [];
      for (const worker of [true, false]) {
        const folio = await Folio.init({ index: 'split/index.folio?octets', worker });
        results.push((await folio.search('Puzanov', { limit: 1 })).hits.length);
      }
      return results;
    });
    await otherContext.close();
    assert.deepEqual(hits, [1, 1]);
    assert.deepEqual(problems, []);
  });
});
