// Browser tests of the drop-in as a site owner adds it (issue 16 item 6, issue 19 defect 3): the
// two-line snippet works from a page at any depth (folio.js links its own stylesheet), the box
// says on the page when its assets or its index cannot be loaded and offers a retry, facets with
// no values are not shown, and a slow or dead server shows a busy state, then an error with a
// retry that works once the server is back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, FIXTURES, ROOT, buildFixtureIndex, launch, resultsFor, runCli, searchBox, startHoldingServer, watch } from './helpers.mjs';

const require = createRequire(import.meta.url);
const SNIPPET = '<div data-folio-search></div><script type="module" src="/folio/folio.js"></script>';
const page = (body, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title><link rel="icon" href="data:,">${head}</head><body><main><h1>A page</h1>${body}</main></body></html>`;

/** `folio index <source> --out <site>/<name>` with the extra flags. */
function indexInto(site, name, source, flags = []) {
  const out = mkdtempSync(path.join(tmpdir(), 'folio-dropin-'));
  runCli(['index', source, '--out', out, ...flags]);
  cpSync(out, path.join(site, name), { recursive: true });
  rmSync(out, { recursive: true, force: true });
}

describe('the drop-in snippet on a site', () => {
  let site;
  let server;
  let browser;
  const contexts = [];
  const problems = [];

  before(async () => {
    site = mkdtempSync(path.join(tmpdir(), 'folio-dropin-site-'));
    // The bundle as `folio index` writes it: the module without a built-in index, and the index.
    cpSync(path.join(DIST, 'site'), path.join(site, 'folio'), { recursive: true });
    cpSync(buildFixtureIndex(), path.join(site, 'folio', 'index.folio'));
    cpSync(path.join(FIXTURES, 'pages'), path.join(site, 'pages'), { recursive: true });
    cpSync(DIST, path.join(site, 'full'), { recursive: true });
    const write = (name, html) => {
      mkdirSync(path.dirname(path.join(site, name)), { recursive: true });
      writeFileSync(path.join(site, name), html);
    };
    write('docs/guide/deep/page.html', page(SNIPPET));
    write('docs/linked.html', page(SNIPPET, '<link rel="stylesheet" href="../folio/folio.css">'));
    write('docs/offline/page.html', page('<div data-folio-search></div><script src="../../full/folio-offline.js"></script>'));
    write('mount.html', page('<div id="box"></div>'));
    // Sites whose bundle lacks a part.
    cpSync(path.join(site, 'folio'), path.join(site, 'nowasm', 'folio'), { recursive: true });
    rmSync(path.join(site, 'nowasm', 'folio', 'folio_bg.wasm'));
    write('nowasm/docs/page.html', page(SNIPPET.replace('/folio/', '/nowasm/folio/')));
    cpSync(path.join(site, 'folio'), path.join(site, 'noindex', 'folio'), { recursive: true });
    rmSync(path.join(site, 'noindex', 'folio', 'index.folio'));
    write('noindex/page.html', page(SNIPPET.replace('/folio/', '/noindex/folio/')));
    // An index without dates (or languages, or types): its facets have nothing to offer.
    const plain = path.join(site, 'plain.jsonl');
    writeFileSync(plain, [
      { id: 'a', title: 'Copper kettle', body: 'A copper kettle from the kitchen of the house.', url: 'pages/vase.html' },
      { id: 'b', title: 'Iron kettle', body: 'An iron kettle, black with soot.', url: 'pages/bowl.html' },
    ].map((d) => JSON.stringify(d)).join('\n'));
    cpSync(path.join(site, 'folio'), path.join(site, 'plain', 'folio'), { recursive: true });
    indexInto(site, 'plain/idx', plain);
    cpSync(path.join(site, 'plain', 'idx', 'index.folio'), path.join(site, 'plain', 'folio', 'index.folio'));
    write('plain/page.html', page(SNIPPET.replace('/folio/', '/plain/folio/')));
    indexInto(site, 'split', path.join(ROOT, 'seeds'), ['--split', 'always', '--chunk-bytes', '2048']);
    // folio-load.js beside a split index (which has no folio-offline.js), for a copy on disk.
    write('split/disk.html', page('<div data-folio-search></div><script src="folio-load.js" defer></script>'));
    server = await startHoldingServer(site);
    browser = await launch();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  async function open(pathname, { expectProblems = false, bypassCSP = false } = {}) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP });
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(20_000);
    if (!expectProblems) watch(p, problems);
    await p.goto(server.url + pathname);
    return p;
  }

  const folioCssLinks = (p) => p.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname).filter((h) => h.endsWith('folio.css')));

  test('the two-line snippet works on a page three folders deep, with its stylesheet', async () => {
    const p = await open('docs/guide/deep/page.html');
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.deepEqual(await folioCssLinks(p), ['/folio/folio.css']);
    // The stylesheet applies: the live region is visually hidden, the form is laid out.
    await p.waitForFunction(() => getComputedStyle(document.querySelector('.folio-visually-hidden')).position === 'absolute');
    // Hidden only while the stylesheet loaded.
    await p.waitForFunction(() => getComputedStyle(document.querySelector('.folio')).visibility === 'visible');
    const box = searchBox(p);
    await box.click();
    await box.pressSequentially('vase', { delay: 20 });
    await resultsFor(p, 'vase');
    const href = await p.locator('.folio-results [role="option"]').first().getAttribute('data-href');
    assert.equal(new URL(href).pathname, '/pages/vase.html', 'result links are relative to the site, not to the page');
  });

  test('a page that links folio.css itself gets no second copy', async () => {
    const p = await open('docs/linked.html');
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.deepEqual(await folioCssLinks(p), ['/folio/folio.css']);
  });

  test('folio-offline.js links the stylesheet next to it too', async () => {
    const p = await open('docs/offline/page.html');
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.deepEqual(await folioCssLinks(p), ['/full/folio.css']);
  });

  test('a missing wasm is said on the page, and the retry works once it is back', async () => {
    const p = await open('nowasm/docs/page.html', { expectProblems: true });
    const alert = p.getByRole('alert');
    await alert.filter({ hasText: 'The search could not be loaded.' }).waitFor();
    assert.match(await alert.textContent(), /folio_bg\.wasm.*HTTP 404/);
    assert.equal(await alert.isVisible(), true);
    assert.equal(await p.locator('.folio').getAttribute('data-state'), 'error');
    cpSync(path.join(site, 'folio', 'folio_bg.wasm'), path.join(site, 'nowasm', 'folio', 'folio_bg.wasm'));
    await p.getByRole('button', { name: 'Try again' }).click();
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.equal(await alert.isVisible(), false);
  });

  test('folio-load.js from disk beside a split index says search needs the site served', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    contexts.push(context);
    const p = await context.newPage();
    await p.goto(pathToFileURL(path.join(site, 'split', 'disk.html')).href);
    const note = p.locator('[data-folio-search] .folio-unavailable');
    await note.waitFor();
    assert.match(await note.textContent(), /not available in a copy opened from disk/);
  });

  test('a missing index is said on the page', async () => {
    const p = await open('noindex/page.html', { expectProblems: true });
    const alert = p.getByRole('alert');
    await alert.filter({ hasText: 'The search could not be loaded.' }).waitFor();
    assert.match(await alert.textContent(), /index\.folio: HTTP 404/);
    assert.equal(await alert.isVisible(), true);
    assert.equal(await p.getByRole('button', { name: 'Try again' }).isVisible(), true);
  });

  test('filters with no values are not shown; those with values are', async () => {
    const plain = await open('plain/page.html?q=kettle');
    await resultsFor(plain, 'kettle');
    await plain.locator('.folio-filters > summary').evaluate((s) => {
      s.parentElement.open = true;
    });
    // No dates and no types in this index, and one language (detected) that both results have:
    // nothing to choose, so no filter, no date orders, and no Filters box beside the results.
    for (const facet of ['date', 'type', 'lang']) {
      assert.equal(await plain.locator(`.folio-facet[data-facet="${facet}"]`).isVisible(), false, `the ${facet} filter is shown with nothing to choose`);
    }
    assert.equal(await plain.locator('.folio-facet[data-facet="lang"] .folio-check').count(), 1, 'the language filter lost its one value');
    assert.equal(await plain.locator('.folio-sort').isVisible(), false, 'date orders offered for undated results');
    assert.equal(await plain.locator('.folio-filters').isVisible(), false, 'an empty Filters box is shown');
    const width = (p, sel) => p.locator(sel).evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(await width(plain, '.folio-main') >= 0.95 * await width(plain, '.folio-body'), 'the results do not take the empty filters column');
    const dated = await open('docs/guide/deep/page.html?q=vase');
    await resultsFor(dated, 'vase');
    await dated.locator('.folio-filters > summary').evaluate((s) => {
      s.parentElement.open = true;
    });
    assert.equal(await dated.locator('.folio-facet[data-facet="date"]').isVisible(), true);
    assert.equal(await dated.locator('.folio-sort').isVisible(), true);
    assert.deepEqual(await dated.locator('.folio-sort option:not([hidden])').evaluateAll((os) => os.map((o) => o.value)), ['relevance', 'date', 'date-desc']);
  });

  test('a slow chunk shows a busy state; a dead one an error with a retry, with no old results left under the new query', async () => {
    const p = await open('mount.html', { expectProblems: true, bypassCSP: true });
    await p.evaluate(async () => {
      const { default: Folio } = await import('/folio/folio.js');
      Folio.mount(document.getElementById('box'), { engine: Folio.init({ index: '/split/index.folio', timeout: 2000 }), urlState: false });
    });
    await p.locator('.folio[data-state="ready"]').waitFor();
    const box = searchBox(p);
    await box.fill('Korea');
    await resultsFor(p, 'Korea');
    server.hold((pathname) => pathname.startsWith('/split/chunks/'));
    await box.fill('Mikoyan');
    await p.locator('.folio[aria-busy="true"]').waitFor();
    assert.equal(await p.locator('.folio-status').textContent(), 'Searching…');
    assert.equal(await p.locator('.folio-status').isVisible(), true);
    const alert = p.getByRole('alert');
    await alert.filter({ hasText: 'The search failed.' }).waitFor();
    assert.match(await alert.textContent(), /did not answer within 2 s/);
    assert.equal(await p.locator('.folio').getAttribute('aria-busy'), null);
    assert.equal(await p.locator('.folio-results [role="option"]').count(), 0, 'the results of "Korea" stay under "Mikoyan"');
    server.release();
    await p.getByRole('button', { name: 'Try again' }).click();
    await resultsFor(p, 'Mikoyan');
    assert.ok((await p.locator('.folio-results [role="option"]').count()) > 0);
    assert.equal(await alert.isVisible(), false);
  });

  test('axe-core finds no violations on the error with its retry button', async () => {
    const p = await open('noindex/page.html', { expectProblems: true, bypassCSP: true });
    await p.getByRole('alert').filter({ hasText: 'The search could not be loaded.' }).waitFor();
    await p.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await p.evaluate(async () => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
  });

  test('no console errors or failed requests on the pages that should have none', () => {
    assert.deepEqual(problems, []);
  });
});
