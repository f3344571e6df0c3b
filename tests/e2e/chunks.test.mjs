// Browser test of split indexes: the seeds written as one file and as a root plus small chunks
// give the same answers in Chromium, in the worker and on the main thread, while a query fetches
// only the chunks it needs, each once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, launch, makeSite, runCli, watch } from './helpers.mjs';

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
    indexSeeds(site, 'split', ['--split', 'always', '--chunk-bytes', '2048']);
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
      const split = await Folio.init({ index: 'split/index.folio' });
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
});
