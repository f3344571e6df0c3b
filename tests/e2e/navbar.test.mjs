// Browser test: a site shaped like Docusaurus's classic theme, the box in its horizontal navbar and
// the page's content an <article> inside a <main> that also holds the table of contents. The
// results open in a panel over the page (the navbar keeps its height), and the page a result opens
// has the words marked in the article only, even after the page's script renders the article again
// (as React does when it recovers from a hydration mismatch).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, typeQuery, watch } from './helpers.mjs';

const filler = (n) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1}: the tide tables and the almanac.</p>`).join('\n');

const page = (title, article, toc = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | Oceanography</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="/site.css"><script src="/rerender.js" defer></script></head>
<body><nav class="navbar">
<a class="navbar__brand" href="/"><b class="navbar__title">Oceanography</b></a>
<div class="navbar__search"><div data-folio-search></div></div>
<script type="module" src="/folio/folio.js"></script></nav>
<main><div class="row"><div class="col"><article><h1>${title}</h1>
${article}
</article></div>
<div class="col col--3"><div class="tableOfContents"><ul>${toc}</ul></div></div>
</div></main></body></html>
`;

const CSS = `.navbar { display: flex; align-items: center; justify-content: space-between; height: 60px; padding: 0 1rem; }
.navbar__search { width: 16rem; }`;

// Renders the article again from its own HTML a moment after the page loads, dropping the marks.
const RERENDER = `setTimeout(() => {
  const article = document.querySelector('article');
  if (article) article.innerHTML = article.innerHTML.replace(/<mark class="folio-mark">([^<]*)<\\/mark>/g, '$1');
  document.documentElement.dataset.rerendered = '1';
}, 600);`;

describe('a box in a navbar', () => {
  let browser;
  let server;
  let site;
  const problems = [];

  before(async () => {
    site = await servedSite('navbar', {
      'rerender.js': RERENDER,
      'site.css': CSS,
      'index.html': page('Lectures', '<p>Weekly lectures on physical oceanography.</p>'),
      'tides.html': page('Tides', `${filler(30)}
<h2 id="amphidromic-points">Amphidromic points</h2>
<p>Real tides rotate around nodes of zero range called amphidromic points.</p>
${filler(30)}`, '<li><a href="#amphidromic-points">Amphidromic points</a></li>'),
    });
    ({ server, browser } = site);
  });

  after(async () => {
    await site?.stop();
  });

  test('results drop down over the page, and the opened page keeps its marks in the article', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    watch(p, problems);
    await p.goto(`${server.url}index.html`);
    await p.locator('.folio[data-state="ready"]').waitFor();
    assert.equal(await p.locator('nav .folio.folio-dropdown').count(), 1, 'the box in the navbar drops down');
    assert.ok(await p.locator('.folio-label').evaluate((el) => el.getBoundingClientRect().width <= 1), 'no visible label in the bar');
    await typeQuery(p, 'amphidromic');
    const panel = p.locator('.folio-panel');
    assert.equal(await panel.evaluate((el) => getComputedStyle(el).position), 'absolute');
    assert.ok(await panel.isVisible(), 'the results are shown');
    assert.equal(await p.locator('nav').evaluate((el) => el.getBoundingClientRect().height), 60, 'the navbar keeps its height');
    await p.mouse.click(20, 500);
    assert.equal(await panel.isVisible(), false, 'a click outside closes the panel');
    await p.locator('.folio-input').focus();
    assert.ok(await panel.isVisible(), 'focus opens it again');

    await Promise.all([p.waitForURL(/tides\.html/), p.locator('.folio-results [role="option"]').first().click()]);
    await p.locator('html[data-rerendered]').waitFor({ state: 'attached' });
    await p.waitForFunction(() => document.querySelectorAll('article mark.folio-mark').length > 0);
    const marks = await p.locator('article mark.folio-mark').allTextContents();
    assert.deepEqual(marks, ['Amphidromic', 'amphidromic'], 'marked again after the article was rendered again');
    assert.equal(await p.locator('.tableOfContents mark').count(), 0, 'nothing marked in the table of contents');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
