// Browser test: on a site whose pages all carry the search box (as every recipe puts it, in the
// header or sidebar) and not folio-highlight.js, a result's page still opens with the matched
// words marked and the first in view: folio.js brings in the highlighter when the URL asks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, typeQuery, watch } from './helpers.mjs';

const filler = (n) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1}: the chart table, dividers and a soft pencil.</p>`).join('\n');

// A page shaped like Sphinx's Read the Docs theme: the box in the sidebar above a menu that names
// the sections, the content in <div role="main"> (no <main>).
const page = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | Navigation 101</title><link rel="icon" href="data:,"></head>
<body><nav class="wy-nav-side"><a class="site-title" href="/">Navigation 101</a><div data-folio-search></div>
<script type="module" src="/folio/folio.js"></script>
<ul><li><a href="/sextant.html#index-error">Index error of a sextant</a></li></ul></nav>
<div role="main"><h1>${title}</h1>
${body}
</div></body></html>
`;

const SEXTANT = page('Using the Sextant', `
${filler(40)}
<h2 id="index-error">Index error</h2>
<p>Set the arc to zero and look at the horizon: the difference is the index error of the sextant.</p>
${filler(40)}
`);

describe('a result\'s page marks the words with only the search box on it', () => {
  let browser;
  let server;
  let site;
  const problems = [];

  before(async () => {
    site = await servedSite('landing', { 'sextant.html': SEXTANT, 'index.html': page('Lectures', '<p>Weekly lectures on celestial navigation.</p>') });
    ({ server, browser } = site);
  });

  after(async () => {
    await site?.stop();
  });

  test('clicking a result marks the matched words and scrolls to the first', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    watch(p, problems);
    const requested = [];
    p.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await p.goto(`${server.url}index.html`);
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.ok(!requested.includes('/folio/folio-highlight.js'), 'a page opened without the parameter loads no highlighter');
    await typeQuery(p, 'sextant error');
    await Promise.all([p.waitForURL(/sextant\.html/), p.locator('.folio-results [role="option"]').first().click()]);
    await p.locator('html[data-folio-marks]').waitFor({ state: 'attached' });
    const marks = await p.locator('[role="main"] mark.folio-mark').allTextContents();
    assert.deepEqual(marks, ['Sextant', 'error', 'error', 'sextant'], 'the matched words of the page\'s content');
    assert.equal(await p.locator('nav mark.folio-mark').count(), 0, 'nothing marked in the menu');
    assert.match(p.url(), /#index-error/, 'the link leads to the section');
    const inSection = await p.locator('#index-error ~ p mark.folio-mark').first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    });
    assert.ok(inSection, 'the first mark of the linked section is in view');
    assert.ok(await p.evaluate(() => window.scrollY > 500), 'the page was scrolled down to it');
    assert.equal(requested.filter((r) => r === '/folio/folio-highlight.js').length, 1, 'the highlighter, once');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
