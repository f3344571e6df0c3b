// Browser test of packed indexes (issue 23, item 2): the seeds split into small chunks and packed
// into a few files give in Chromium exactly the answers of the single file and of the chunk
// files, every pack read is a Range request, the chunks one round needs that lie end to end go
// in one request, and on a server that ignores Range (as python3 -m http.server does) a small
// pack, sent whole, is kept and sliced: the same answers, each pack downloaded in the first round
// that needs it and never again. (A large pack sent whole is refused at its headers with what to
// do: tests/unit/packs.test.mjs.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { DIST, ROOT, launch, makeSite, runCli, watch } from './helpers.mjs';

function indexSeeds(site, name, flags) {
  const out = mkdtempSync(path.join(tmpdir(), 'folio-seeds-'));
  runCli(['index', path.join(ROOT, 'seeds'), '--out', out, '--assets', path.join(DIST, 'site'), ...flags]);
  cpSync(out, path.join(site, name), { recursive: true });
  rmSync(out, { recursive: true, force: true });
}

/** A static server that ignores Range, as python3 -m http.server does: always 200, whole file. */
function rangeIgnoringServer(root) {
  const requests = [];
  const server = createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root + path.sep)) return res.writeHead(403).end();
    let st;
    try { st = statSync(file); } catch { return res.writeHead(404).end(); }
    if (!st.isFile()) return res.writeHead(404).end();
    requests.push({ path: req.url, range: req.headers.range ?? null });
    const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': st.size });
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  })));
}

const QUERIES = [
  'Puzanov', 'prisoners of war', '"prisoners of war"', 'пленум', 'Ким Ир Сен', 'Mikoyan', 'korea -soviet',
  'title:journal', 'embas', 'p', 'delegaton', 'zzzz', '',
];

describe('a packed index in the browser', () => {
  let browser;
  let server;
  let ignoring;
  let site;
  let context;
  let page;
  const problems = [];
  const requests = []; // { path, range } of every request the page made

  before(async () => {
    site = makeSite({ 'index.html': '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>packs</title><link rel="icon" href="data:,"></head><body></body></html>' });
    indexSeeds(site, 'single', ['--split', 'never']);
    indexSeeds(site, 'packed', ['--split', 'always', '--chunk-bytes', '2048', '--pack', 'always']);
    indexSeeds(site, 'files', ['--split', 'always', '--chunk-bytes', '2048', '--pack', 'never']);
    server = await startServer({ root: site, port: 0 });
    ignoring = await rangeIgnoringServer(site);
    browser = await launch();
    context = await browser.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch(page, problems);
    context.on('request', (req) => requests.push({ path: new URL(req.url()).pathname, range: req.headers().range ?? null }));
    await page.goto(`${server.url}index.html`);
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    await ignoring?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  test('the packs answer every query exactly as the single file and the chunk files, in the worker and on the main thread', async () => {
    const packs = readdirSync(path.join(site, 'packed', 'chunks'));
    const files = readdirSync(path.join(site, 'files', 'chunks'));
    assert.ok(packs.length <= 2 && packs.every((f) => f.endsWith('.pack')), JSON.stringify(packs));
    assert.ok(files.length > 20, `only ${files.length} chunk files`);
    const out = await page.evaluate(async (queries) => {
      const { default: Folio } = await import('./folio/folio.js');
      // The packed bundle's own files: `folio index` gave it the module that reads packs.
      const { default: Large } = await import('./packed/folio.js');
      const single = await Folio.init({ index: 'single/index.folio' });
      const files = await Folio.init({ index: 'files/index.folio' });
      const packed = await Large.init({ index: 'packed/index.folio' });
      const main = await Large.init({ index: 'packed/index.folio', worker: false });
      const diffs = [];
      for (const q of queries) {
        for (const options of [{ limit: 10 }, { limit: 3, offset: 2, sort: 'date' }, { limit: 50 }]) {
          const want = JSON.stringify(await single.search(q, options));
          const [a, b] = await Promise.all([packed.search(q, options), packed.search(q, options)]);
          const c = await main.search(q, options);
          const d = await files.search(q, options);
          for (const [name, got] of [['packed', a], ['packed, concurrent', b], ['packed, main thread', c], ['chunk files', d]]) {
            if (JSON.stringify(got) !== want) diffs.push(`${name}: ${q} ${JSON.stringify(options)}`);
          }
        }
      }
      return { diffs, info: await packed.info() };
    }, QUERIES);
    assert.deepEqual(out.diffs, []);
    assert.equal(out.info.split, true);
    assert.deepEqual(problems, []);
    const packReads = requests.filter((r) => r.path.startsWith('/packed/chunks/'));
    assert.ok(packReads.length > 0);
    assert.ok(packReads.every((r) => /^bytes=\d+-\d+$/.test(r.range ?? '')), JSON.stringify(packReads.filter((r) => !r.range)));
  });

  test('the bundle of a packed index holds a module that reads packs, and the English/Russian one refuses them, saying what to serve', async () => {
    const wasm = (dir) => readFileSync(path.join(dir, 'folio_bg.wasm'));
    // The seeds, in English and Russian (their Greek words too), packed: the English/Russian
    // module for large indexes, which reads packs.
    assert.deepEqual(wasm(path.join(site, 'packed')), wasm(path.join(DIST, 'site', 'large')));
    // An English catalogue, packed: the English/Russian module for large indexes; not packed, the small one.
    const dir = mkdtempSync(path.join(tmpdir(), 'folio-packed-en-'));
    try {
      const source = path.join(dir, 'catalogue.jsonl');
      const entry = (i) => JSON.stringify({ id: `e${i}`, title: `Entry ${i}`, body: `A bronze vase of the year ${1700 + i}.` });
      writeFileSync(source, `${Array.from({ length: 40 }, (_, i) => entry(i)).join('\n')}\n`);
      for (const pack of ['always', 'never']) {
        runCli(['index', source, '--out', path.join(dir, pack), '--assets', path.join(DIST, 'site'), '--split', 'always', '--pack', pack]);
      }
      assert.deepEqual(wasm(path.join(dir, 'always')), wasm(path.join(DIST, 'site', 'large')));
      assert.match(readFileSync(path.join(dir, 'always', 'report.txt'), 'utf8'), /search module: English\/Russian for large indexes \(40 documents: its chunks are packed or its directory has pages, which only that module reads;/);
      assert.deepEqual(wasm(path.join(dir, 'never')), wasm(path.join(DIST, 'site')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const refused = await page.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const out = [];
      for (const worker of [true, false]) {
        out.push(await Folio.init({ index: 'packed/index.folio?small', worker }).then(() => 'opened', (err) => err.message));
      }
      return out;
    });
    for (const message of refused) {
      assert.match(message, /chunks are packed or its directory has pages, which this search module does not read; serve the folio_bg\.wasm that `folio index` wrote beside the index/);
    }
  });

  test('a round\'s chunks lying end to end in a pack are read with one Range request', async () => {
    const count = async (dir) => {
      requests.length = 0;
      const hits = await page.evaluate(async (index) => {
        const { default: Folio } = await import(`./${index.split('/')[0]}/folio.js`);
        const folio = await Folio.init({ index });
        return (await folio.search('p', { limit: 1 })).hits.length;
      }, `${dir}/index.folio?fresh`);
      assert.ok(hits > 0);
      return requests.filter((r) => r.path.startsWith(`/${dir}/chunks/`)).length;
    };
    const files = await count('files');
    const packed = await count('packed');
    // The prefix p spans several term chunks: one request each as files, one run as a pack.
    assert.ok(files >= 3, `the prefix needed only ${files} chunk files`);
    assert.ok(packed < files, `${packed} pack requests for ${files} chunk files`);
  });

  test('on a server that ignores Range a small pack is kept whole and answers as the single file', async () => {
    const page2 = await context.newPage();
    const problems2 = [];
    watch(page2, problems2);
    try {
      await page2.goto(`${ignoring.url}index.html`);
      const packTries = () => ignoring.requests.filter((r) => r.path.startsWith('/packed/chunks/'));
      // Runs `queries` on the packed index (worker and main thread) and the single file; the differences.
      const compare = (queries) => page2.evaluate(async (queries) => {
        const { default: Folio } = await import('./folio/folio.js');
        const { default: Large } = await import('./packed/folio.js');
        window.engines ??= {
          single: await Folio.init({ index: 'single/index.folio' }),
          worker: await Large.init({ index: 'packed/index.folio', worker: true }),
          main: await Large.init({ index: 'packed/index.folio', worker: false }),
        };
        const diffs = [];
        for (const q of queries) {
          const want = JSON.stringify(await window.engines.single.search(q, { limit: 50 }));
          for (const name of ['worker', 'main']) {
            const got = await window.engines[name].search(q, { limit: 50 }).then((r) => JSON.stringify(r), (err) => err.message);
            if (got !== want) diffs.push(`${name}: ${q}: ${got.slice(0, 200)}`);
          }
        }
        return diffs;
      }, queries);
      // The first query downloads the packs it needs whole (each engine once per run of its round).
      assert.deepEqual(await compare(['Puzanov']), []);
      const first = packTries();
      assert.ok(first.length >= 2 && first.every((r) => r.range), JSON.stringify(first));
      // The other queries need other chunks of the same packs: sliced from the packs kept.
      const kept = new Set(first.map((r) => r.path));
      assert.deepEqual(await compare(QUERIES), []);
      const later = packTries().slice(first.length);
      assert.deepEqual(later.filter((r) => kept.has(r.path)), [], 'a pack kept whole was downloaded again');
      // A round's other requests of a pack being downloaded whole are dropped at their headers.
      const dropped = (p) => /^request failed: \S+\/packed\/chunks\/[^ ]+\.pack \(net::ERR_ABORTED\)$/.test(p);
      assert.deepEqual(problems2.filter((p) => !dropped(p)), []);
      assert.ok(problems2.length <= first.length - kept.size, `${problems2.length} requests dropped of ${first.length}`);
    } finally {
      await page2.close();
    }
  });
});
