// Browser tests of the bundle (dist/) as a newcomer uses it: copied into their own plain HTML
// site next to an index built by the CLI; hostile corpus text; a file:// copy with no network.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { DIST, FIXTURES, ROOT, buildFixtureIndex, checkBuilt, launch, makeSite, readHits, resultsFor, runCli, searchBox, typeQuery, watch } from './helpers.mjs';

const page = (body, head = '') => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>My museum</title>
  <link rel="icon" href="data:,">
  ${head}
</head>
<body>
  <main>
    <h1>My museum</h1>
    ${body}
  </main>
</body>
</html>
`;

// Exactly what the README tells a newcomer to paste.
const MODULE_HEAD = '<link rel="stylesheet" href="folio/folio.css">\n  <script type="module" src="folio/folio.js"></script>';
const OFFLINE_HEAD = '<link rel="stylesheet" href="folio/folio.css">\n  <script src="folio/folio-offline.js" defer></script>';

describe('the bundle in a newcomer\'s own site', () => {
  let browser;
  let server;
  let site;
  const dirs = [];
  const problems = [];
  const contexts = [];

  before(async () => {
    checkBuilt();
    const index = buildFixtureIndex();
    site = makeSite({
      'index.html': page('<div data-folio-search data-index="folio/index.folio"></div>', MODULE_HEAD),
      'element.html': page('<folio-search index="folio/index.folio" lang="ru"></folio-search>', MODULE_HEAD),
    }, { index });
    dirs.push(site);
    server = await startServer({ root: site, port: 0 });
    browser = await launch();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function open(url, contextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...contextOptions });
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    watch(p, problems);
    await p.goto(url);
    await p.locator('.folio[data-state="ready"]').waitFor();
    return p;
  }

  test('text with <img onerror> and <script> is shown literally, and nothing runs', async () => {
    const p = await open(server.url);
    const before = await p.title();
    await typeQuery(p, 'onerror');
    let [hit] = await readHits(p);
    assert.equal(hit.title, 'Exhibit label <img src=x onerror=alert(1)> from the catalogue');
    assert.deepEqual(hit.titleMarks, ['onerror']);
    assert.match(hit.snippet, /<img src=x onerror=alert\(1\)> and then <script>alert\(2\)<\/script> followed by <b>bold<\/b>/);

    await searchBox(p).fill('');
    await typeQuery(p, 'pwned');
    [hit] = await readHits(p);
    assert.match(hit.snippet, /<script>document\.title='pwned'<\/script>/);

    const injected = await p.evaluate(() => document.querySelectorAll('.folio img, .folio script, .folio b, .folio iframe, .folio [onerror]').length);
    assert.equal(injected, 0, 'corpus markup must never become elements');
    assert.equal(await p.title(), before, 'no corpus script ran');
    await p.waitForTimeout(300); // an onerror handler would have fired by now
  });

  test('a javascript: URL in the corpus never becomes a link', async () => {
    const p = await open(server.url);
    await typeQuery(p, 'javascript link');
    const [hit] = await readHits(p);
    assert.equal(hit.title, 'Catalogue note with a javascript link');
    assert.equal(hit.href, null);
    const url = p.url();
    await p.locator('.folio-results [role="option"]').first().click();
    await searchBox(p).press('Enter');
    await p.waitForTimeout(300);
    assert.equal(p.url(), url, 'nothing was opened');
  });

  test('Enter opens a result\'s page, relative to the site', async () => {
    const p = await open(server.url);
    await typeQuery(p, 'vase cranes');
    const hits = await readHits(p);
    assert.equal(hits[0].title, 'Blue vase with cranes');
    // The page, the words to mark for folio-highlight.js, and a text fragment for the browser.
    assert.equal(hits[0].href, `${server.url}pages/vase.html?folio-highlight=vase+cranes#:~:text=vase,-with&text=two-,cranes`);
    await searchBox(p).press('ArrowDown');
    await Promise.all([p.waitForURL(hits[0].href), searchBox(p).press('Enter')]);
    assert.equal(await p.locator('h1').textContent(), 'Blue vase with cranes');
  });

  test('the <folio-search> element works too, in Russian, with the language facet', async () => {
    const p = await open(`${server.url}element.html`);
    await p.locator('.folio-status', { hasText: 'поиск по 6 документам' }).waitFor();
    await typeQuery(p, 'ваза');
    const hits = await readHits(p);
    assert.equal(hits[0].title, 'Синяя ваза с журавлями');
    assert.equal(hits[0].snippetLang, 'ru');
    assert.ok(hits[0].snippetMarks.includes('ваза'), JSON.stringify(hits[0].snippetMarks));
    await searchBox(p).fill('catalogue');
    await resultsFor(p, 'catalogue');
    await p.locator('[data-facet="lang"] .folio-check[data-value="ru"]').waitFor({ state: 'detached' });
    await searchBox(p).fill('каталог');
    await resultsFor(p, 'каталог');
    assert.equal(await p.locator('[data-facet="lang"] .folio-check[data-value="ru"] .folio-count').textContent(), '1');
  });

  test('a file:// copy works with the network off: the seeds built in, then another index inlined', async () => {
    // 1. The demo's corpus (built into the wasm): folio-offline.js alone.
    const offline = makeSite({ 'offline.html': page('<div data-folio-search></div>', OFFLINE_HEAD) });
    dirs.push(offline);
    const fileUrl = pathToFileURL(path.join(offline, 'offline.html')).href;
    const requests = [];
    const context = await browser.newContext({ offline: true, viewport: { width: 1000, height: 800 } });
    contexts.push(context);
    context.on('request', (r) => requests.push(r.url()));
    let p = await context.newPage();
    watch(p, problems);
    await p.goto(fileUrl);
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.equal(await p.locator('.folio').getAttribute('data-mode'), 'main');
    await typeQuery(p, 'Korea');
    assert.equal(await p.locator('.folio').getAttribute('data-total'), '14');
    await p.getByRole('checkbox', { name: /Telegram/ }).check();
    await p.locator('.folio[data-total="6"]').waitFor();
    await searchBox(p).press('End');
    await searchBox(p).pressSequentially(' war', { delay: 20 });
    await resultsFor(p, 'Korea war');
    assert.ok((await readHits(p)).length > 0);

    // 2. Another corpus: its index inlined into folio-offline.js by the bundler, around the module
    // without a built-in index.
    const custom = makeSite({ 'offline.html': page('<div data-folio-search></div>', OFFLINE_HEAD) });
    dirs.push(custom);
    execFileSync('node', ['scripts/bundle-web.mjs', 'target/web-pkg-bare', path.join(custom, 'folio'), '--index', buildFixtureIndex()], { cwd: ROOT, stdio: 'ignore' });
    p = await context.newPage();
    watch(p, problems);
    await p.goto(pathToFileURL(path.join(custom, 'offline.html')).href);
    await p.locator('.folio[data-state="ready"]').waitFor();
    await p.locator('.folio-status', { hasText: 'Type to search 6 documents.' }).waitFor();
    await typeQuery(p, 'vase');
    const [hit] = await readHits(p);
    assert.equal(hit.title, 'Blue vase with cranes');
    assert.equal(hit.href, `${pathToFileURL(path.join(custom, 'pages', 'vase.html')).href}?folio-highlight=vase#:~:text=vase,-with`);
    await searchBox(p).press('ArrowDown');
    await Promise.all([p.waitForURL(hit.href), searchBox(p).press('Enter')]);

    const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
    assert.deepEqual(network, [], 'no network request');
    assert.ok(requests.every((u) => !/folio_bg\.wasm|index\.folio/.test(u)), `no fetch of the wasm or the index: ${requests.join(' ')}`);
  });

  test('the bundle `folio index` writes carries the module without the seeds, and searches the site', async () => {
    const own = makeSite({ 'index.html': page('<div data-folio-search data-index="folio/index.folio"></div>', MODULE_HEAD) });
    dirs.push(own);
    rmSync(path.join(own, 'folio'), { recursive: true, force: true });
    runCli(['index', path.join(FIXTURES, 'museum.jsonl'), '--out', path.join(own, 'folio')]);
    const shipped = readFileSync(path.join(own, 'folio', 'folio_bg.wasm'));
    assert.ok(shipped.equals(readFileSync(path.join(DIST, 'site', 'folio_bg.wasm'))), 'the bundle has dist/site/folio_bg.wasm');
    const withSeeds = statSync(path.join(DIST, 'folio_bg.wasm')).size;
    assert.ok(shipped.length < withSeeds - 50_000, `the seeds' index is left out: ${shipped.length} vs ${withSeeds} bytes`);

    const ownServer = await startServer({ root: own, port: 0 });
    try {
      const p = await open(ownServer.url);
      await typeQuery(p, 'vase cranes');
      assert.equal((await readHits(p))[0].title, 'Blue vase with cranes');
      await searchBox(p).fill('');
      await typeQuery(p, 'Mikoyan'); // a word of the seeds only
      assert.equal(await p.locator('.folio').getAttribute('data-total'), '0');

      const context = await browser.newContext({ offline: true });
      contexts.push(context);
      const q = await context.newPage();
      watch(q, problems);
      writeFileSync(path.join(own, 'offline.html'), page('<div data-folio-search></div>', OFFLINE_HEAD));
      await q.goto(pathToFileURL(path.join(own, 'offline.html')).href);
      await q.locator('.folio-status', { hasText: 'Type to search 6 documents.' }).waitFor();
      await typeQuery(q, 'vase');
      assert.equal((await readHits(q))[0].title, 'Blue vase with cranes');
    } finally {
      await ownServer.close();
    }
  });

  test('no console errors, failed requests or dialogs', () => {
    assert.deepEqual(problems, []);
  });
});
