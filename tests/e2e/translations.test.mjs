// A translated site with no configuration: Hugo 0.111's build of the Book theme's multilingual
// example site (tests/fixtures/real-sites/hugo-i18n, four of its pages unchanged, with the Hugo
// recipe's box in the sidebar). Its home page exists in English, Russian and Chinese, each
// declaring the others with <link rel="alternate" hreflang>; its documentation pages are in
// English only. From a page in one language the box answers in that language: each translated
// page once, in the page's language, and still the pages that exist in English only; the
// language filter widens it. The seeds (an English site with a Russian document and its
// translation, which declare no versions of each other) are searched whole from either demo page.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { DIST, ROOT, WWW, checkBuilt, launch, readHits, resultsFor, runCli, searchBox, watch } from './helpers.mjs';

describe('a translated site (Hugo, Book theme)', () => {
  let site;
  let server;
  let demo;
  let browser;
  const problems = [];

  before(async () => {
    checkBuilt();
    site = mkdtempSync(path.join(tmpdir(), 'folio-hugo-i18n-'));
    cpSync(path.join(ROOT, 'tests', 'fixtures', 'real-sites', 'hugo-i18n'), site, { recursive: true });
    runCli(['index', site, '--assets', path.join(DIST, 'site')]);
    server = await startServer({ root: site, port: 0 });
    demo = await startServer({ root: WWW, port: 0 });
    browser = await launch();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.close();
    await demo?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  /** Opens `pathname` of the Hugo site, its theme's files (not in the fixture) answered empty. */
  async function open(pathname) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, serviceWorkers: 'block' });
    await context.route((u) => !u.pathname.startsWith('/folio/') && !/(\/|\.html)$/.test(u.pathname), (route) => route.fulfill({ status: 200, body: '' }));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    watch(page, problems);
    await page.goto(new URL(pathname, server.url).href);
    await page.locator('.folio[data-state="ready"]').waitFor();
    return page;
  }

  /** The path a result leads to, a folder's index.html as its folder. */
  function where(href) {
    return new URL(href, server.url).pathname.replace(/index\.html$/, '');
  }

  async function search(page, query) {
    await searchBox(page).fill(query);
    await resultsFor(page, query);
    return (await readHits(page)).map((h) => where(h.href)).sort();
  }

  test('each page finds the home page in its own language, not its translations', async () => {
    for (const [from, home] of [['/', '/'], ['/ru/', '/ru/'], ['/zh/', '/zh/']]) {
      const page = await open(from);
      assert.deepEqual(await search(page, 'furtiva'), [home], `from ${from}`);
      await page.context().close();
    }
  });

  test('a page in English only is found from every language, and an untranslated page searches its own language', async () => {
    for (const from of ['/', '/ru/', '/zh/', '/docs/example/']) {
      const page = await open(from);
      assert.deepEqual(await search(page, 'hinnitibus'), ['/docs/example/'], `from ${from}`);
      if (from === '/docs/example/') assert.deepEqual(await search(page, 'furtiva'), ['/']);
      await page.context().close();
    }
  });

  test('the language filter widens the search to the other versions, and Folio\'s own filter is not shown', async () => {
    const page = await open('/');
    assert.deepEqual(await search(page, 'furtiva'), ['/']);
    const langs = page.locator('[data-facet="lang"] .folio-check');
    assert.deepEqual((await langs.evaluateAll((rows) => rows.map((r) => r.dataset.value))).sort(), ['en', 'ru', 'zh']);
    assert.equal(await page.locator('.folio-site-facet').count(), 0, 'no group for folio:translations');
    await page.locator('[data-facet="lang"] .folio-check[data-value="ru"] input').check();
    await page.locator('.folio:not([aria-busy])[data-total="1"]').waitFor();
    assert.deepEqual((await readHits(page)).map((h) => where(h.href)), ['/ru/']);
    await page.locator('[data-facet="lang"] .folio-check[data-value="en"] input').check();
    await page.locator('.folio:not([aria-busy])[data-total="2"]').waitFor();
    // Through the API: `lang: []` is every language, every version.
    const every = await page.evaluate(async () => {
      const Folio = (await import('/folio/folio.js')).default;
      const res = await Folio.search('furtiva', { lang: [] });
      return { urls: res.hits.map((h) => h.url).sort(), filters: res.facets.filters.map((f) => f.key) };
    });
    assert.deepEqual(every, { urls: ['index.html', 'ru/index.html', 'zh/index.html'], filters: [] });
    await page.context().close();
  });

  test('when only other languages\' versions match, the empty page offers them', async () => {
    // "acerbo" is in the English home page only, which has a Chinese version.
    const page = await open('/zh/');
    assert.deepEqual(await search(page, 'acerbo'), []);
    const offer = page.locator('.folio-empty .folio-other-versions');
    assert.match(await offer.textContent(), /^Show the 1 page in other languages/);
    await offer.click();
    await page.locator('.folio:not([aria-busy])[data-total="1"]').waitFor();
    assert.deepEqual((await readHits(page)).map((h) => where(h.href)), ['/']);
    assert.equal(await page.locator('[data-facet="lang"] .folio-check[data-value="en"] input').isChecked(), true);
    // A word no page has offers nothing of the kind.
    assert.deepEqual(await search(page, 'zzzqqq'), []);
    assert.equal(await page.locator('.folio-empty .folio-other-versions').count(), 0);
    await page.context().close();
  });

  test('a copy opened from disk (folio-load.js loads folio-offline.js) answers in the page\'s language too', async () => {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    // The theme's files are not in the fixture (and a page from disk may not check their
    // integrity): their failures are left aside, any other is not.
    const theme = /\/(book|sw)\.min\.[0-9a-f]+\.(css|js)|\/(svg|fonts)\/|favicon|manifest\.json/;
    const missing = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !theme.test(m.text()) && !/^Failed to load resource/.test(m.text())) missing.push(m.text());
    });
    page.on('requestfailed', (r) => {
      if (!theme.test(r.url())) missing.push(`request failed: ${r.url()}`);
    });
    page.on('pageerror', (e) => missing.push(e.message));
    await page.goto(pathToFileURL(path.join(site, 'ru', 'index.html')).href);
    await page.locator('.folio[data-state="ready"]').waitFor();
    assert.equal(await page.locator('.folio').getAttribute('data-mode'), 'main');
    await searchBox(page).fill('furtiva');
    await resultsFor(page, 'furtiva');
    const hits = await readHits(page);
    assert.deepEqual(hits.map((h) => h.href.replace(/[?#].*$/, '')), [pathToFileURL(path.join(site, 'ru', 'index.html')).href]);
    assert.deepEqual(missing, []);
    await context.close();
  });

  test('the seeds, which declare no translations, are searched whole from the Russian demo page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page, problems);
    await page.goto(`${demo.url}ru.html`);
    await page.locator('.folio[data-state="ready"]').waitFor();
    const answers = await page.evaluate(async () => {
      const Folio = (await import(new URL('pkg/folio.js', location.href).href)).default;
      const out = [];
      for (const q of ['Mikoyan', 'пленум', 'Korea']) {
        const page = await Folio.search(q, { limit: 50 });
        const every = await Folio.search(q, { limit: 50, lang: [] });
        out.push([q, page.total, page.hits.map((h) => h.id), every.total, every.hits.map((h) => h.id)]);
      }
      return out;
    });
    for (const [q, total, ids, everyTotal, everyIds] of answers) {
      assert.ok(total > 0, `${q}: no results`);
      assert.equal(total, everyTotal, q);
      assert.deepEqual(ids, everyIds, q);
    }
    assert.ok(answers.some(([, , , , ids]) => ids.length > 1), 'a query with several hits');
    await context.close();
  });

  test('nothing failed in the pages', () => {
    // The theme's stylesheet and scripts are not in the fixture: answered empty, their integrity
    // check fails. Nothing else may.
    const theme = /^console\.error: Failed to find a valid digest in the 'integrity' attribute for resource 'http:\/\/[^/]+\/(book|sw)\.min\.[0-9a-f]+\.(css|js)'/;
    assert.deepEqual(problems.filter((p) => !theme.test(p)), []);
  });
});
