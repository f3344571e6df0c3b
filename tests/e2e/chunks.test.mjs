// Browser test of split indexes: the seeds written as one file and as a root plus small chunks
// give the same answers in Chromium, in the worker and on the main thread, while a query fetches
// only the chunks it needs, each once. Typing: a word typed letter by letter (each search given
// up by the next letter) downloads each chunk once, and a chunk whose searches were all given up
// is still kept. Start-up: the module compiles as it downloads (WebAssembly.compileStreaming) and
// still starts when the server sends another content type.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, launch, makeSite, runCli, watch } from './helpers.mjs';

/** Chunk responses held this long (slowChunks()), so that the next letter comes while they download. */
const CHUNK_DELAY_MS = 150;

/** Writes the seeds with the CLI into <site>/<name>/ with the extra flags. */
function indexSeeds(site, name, flags) {
  const out = mkdtempSync(path.join(tmpdir(), 'folio-seeds-'));
  runCli(['index', path.join(ROOT, 'seeds'), '--out', out, ...flags]);
  cpSync(out, path.join(site, name), { recursive: true });
  rmSync(out, { recursive: true, force: true });
}

const QUERIES = [
  'Puzanov', 'prisoners of war', '"prisoners of war"', 'пленум', 'Ким Ир Сен', 'Mikoyan', 'Микоян',
  'korea -soviet', 'title:journal', 'embas', 'delegaton', 'Ivanov citizenship', 'zzzz', '',
];

describe('a split index in the browser', () => {
  let browser;
  let server;
  let site;
  let context;
  let page;
  const problems = [];
  const requests = [];

  before(async () => {
    site = makeSite({ 'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>split</title><link rel="icon" href="data:,"></head><body></body></html>' });
    indexSeeds(site, 'single', ['--split', 'never']);
    indexSeeds(site, 'split', ['--split', 'always', '--chunk-bytes', '2048', '--pack', 'never']); // packs: packs.test.mjs
    // A misdeployed copy: every term chunk file holds the first term chunk.
    cpSync(path.join(site, 'split'), path.join(site, 'swapped'), { recursive: true });
    const dir = path.join(site, 'swapped', 'chunks');
    const terms = readdirSync(dir).filter((f) => /-t\d+\.folio$/.test(f)).sort();
    const first = terms.find((f) => f.endsWith('-t0.folio'));
    for (const f of terms) if (f !== first) copyFileSync(path.join(dir, first), path.join(dir, f));
    server = await startServer({ root: site, port: 0 });
    browser = await launch();
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch(page, problems);
    context.on('request', (req) => requests.push(new URL(req.url()).pathname));
    await page.goto(`${server.url}index.html`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test('the split index answers every query exactly as the single file, in the worker and on the main thread', async () => {
    const chunkCount = readdirSync(path.join(site, 'split', 'chunks')).length;
    assert.ok(chunkCount > 20, `only ${chunkCount} chunks`);
    const out = await page.evaluate(async (queries) => {
      const { default: Folio } = await import('./folio/folio.js');
      const single = await Folio.init({ index: 'single/index.folio' });
      const split = await Folio.init({ index: 'split/index.folio', worker: true });
      const main = await Folio.init({ index: 'split/index.folio', worker: false });
      const diffs = [];
      for (const q of queries) {
        for (const options of [{ limit: 10 }, { limit: 3, offset: 2, sort: 'date' }, { lang: ['ru'] }]) {
          const want = JSON.stringify(await single.search(q, options));
          // Two searches at once share their chunk fetches.
          const [a, b] = await Promise.all([split.search(q, options), split.search(q, options)]);
          const c = await main.search(q, options);
          for (const [name, got] of [['worker', a], ['worker, concurrent', b], ['main thread', c]]) {
            if (JSON.stringify(got) !== want) diffs.push(`${name}: ${q} ${JSON.stringify(options)}`);
          }
        }
      }
      return { diffs, modes: [split.mode, main.mode], info: await split.info(), singleInfo: await single.info() };
    }, QUERIES);
    assert.deepEqual(out.diffs, []);
    assert.deepEqual(out.modes, ['worker', 'main']);
    assert.equal(out.info.split, true);
    assert.equal(out.singleInfo.split, false);
    assert.equal(out.info.documents, out.singleInfo.documents);
    assert.deepEqual(problems, []);
    // Each chunk was fetched at most once per engine (the worker and the main-thread engine each
    // fetch their own, so at most twice), and some were never needed.
    const chunkRequests = requests.filter((p) => p.startsWith('/split/chunks/'));
    const counts = new Map();
    for (const p of chunkRequests) counts.set(p, (counts.get(p) || 0) + 1);
    assert.ok([...counts.values()].every((n) => n <= 2), JSON.stringify([...counts].filter(([, n]) => n > 2)));
    assert.ok(counts.size < chunkCount, `all ${chunkCount} chunks were fetched`);
  });

  test('a first query fetches the root and a few chunks, not the index', async () => {
    requests.length = 0;
    const hit = await page.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const folio = await Folio.init({ index: 'split/index.folio?fresh', worker: true });
      return (await folio.search('Puzanov', { limit: 1 })).hits[0]?.title;
    });
    assert.match(hit, /Puzanov/);
    const chunks = requests.filter((p) => p.startsWith('/split/chunks/'));
    assert.ok(chunks.length >= 2 && chunks.length <= 4, JSON.stringify(chunks));
  });

  test('a chunk file that holds another chunk is an error, not an endless fetch loop', async () => {
    const message = await page.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const folio = await Folio.init({ index: 'swapped/index.folio' });
      return folio.search('Puzanov').then(() => 'resolved', (err) => err.message);
    });
    assert.match(message, /^Folio: .*swapped\/chunks\/.*-t\d+\.folio holds the index chunk chunks\/[0-9a-f]+-t0\.folio, not chunks\//);
  });

  test('a split index given as bytes says to load it by URL', async () => {
    const message = await page.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const bytes = await (await fetch('split/index.folio')).arrayBuffer();
      const folio = await Folio.init({ index: bytes });
      return folio.search('Puzanov').then(() => 'resolved', (err) => err.message);
    });
    assert.match(message, /^Folio: this index is split into chunks.*load it by URL/);
  });

  /**
   * A fresh context whose chunk responses are held CHUNK_DELAY_MS, so that the next letter comes
   * while they download: { ctx, page, counts() } (how often each chunk of split/ was requested).
   */
  async function slowChunks() {
    const ctx = await browser.newContext();
    const log = [];
    ctx.on('request', (req) => log.push(new URL(req.url()).pathname));
    await ctx.route('**/chunks/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS));
      await route.continue().catch(() => {});
    });
    const slow = await ctx.newPage();
    slow.setDefaultTimeout(20_000);
    watch(slow, problems);
    await slow.goto(`${server.url}index.html`);
    const counts = () => {
      const n = new Map();
      for (const p of log.filter((x) => x.startsWith('/split/chunks/'))) n.set(p, (n.get(p) || 0) + 1);
      return n;
    };
    return { ctx, page: slow, counts };
  }

  for (const worker of [true, false]) {
    test(`a word typed letter by letter fetches each chunk once (${worker ? 'worker' : 'main thread'})`, async () => {
      const { ctx, page: slow, counts: chunkCounts } = await slowChunks();
      const out = await slow.evaluate(async ({ worker, word }) => {
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
      const counts = chunkCounts();
      await ctx.close();
      assert.ok(counts.size > 0);
      assert.deepEqual([...counts].filter(([, n]) => n > 1), []);
      assert.deepEqual(problems, []);
    });
  }

  test('a chunk whose search was given up is still downloaded and kept', async () => {
    const { ctx, page: slow, counts: chunkCounts } = await slowChunks();
    const out = await slow.evaluate(async () => {
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
    const counts = chunkCounts();
    await ctx.close();
    assert.equal(out.outcome, 'AbortError');
    assert.ok(out.titles.length > 0);
    assert.deepEqual([...counts].filter(([, n]) => n > 1), []);
  });

  test('the module compiles as it downloads, and starts from other content types too', async () => {
    // A fresh page: folio.js starts the streaming compile when it is imported (warm-start.test.mjs),
    // so the count must be in place before that.
    const streamContext = await browser.newContext();
    const streamPage = await streamContext.newPage();
    watch(streamPage, problems);
    await streamPage.addInitScript(() => {
      window.__streamed = 0;
      const original = WebAssembly.compileStreaming;
      WebAssembly.compileStreaming = function (source) {
        window.__streamed += 1;
        return original.call(this, source);
      };
    });
    await streamPage.goto(`${server.url}index.html`);
    const out = await streamPage.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const folio = await Folio.init({ index: 'split/index.folio?streamed', worker: false });
      const hits = (await folio.search('Puzanov', { limit: 1 })).hits.length;
      return { streamed: window.__streamed, hits };
    });
    await streamContext.close();
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
