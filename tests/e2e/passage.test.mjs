// Browser tests of results that land on the passage (issue 18): a hit's link goes to its best
// section and its other matching sections are sub-results; results are real links; the page a
// result opens has the matched words marked (folio-highlight.js, and Chromium's own text
// fragments) with the first in view; documents without a page open in the reader view, over HTTP
// and from file:// with the network off; axe finds nothing on the sub-results or the reader.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { ROOT, SCREENSHOTS, checkBuilt, launch, makeSite, readHits, resultsFor, runCli, searchBox, startSite, typeQuery, watch } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const filler = (n, word) => Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} about ${word}: shelves, stilts, cones and the kiln shed door.</p>`).join('\n');

const page = (title, body, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="icon" href="data:,">${head}</head>
<body><main><h1>${title}</h1>
${body}
</main></body></html>
`;

const HIGHLIGHT = '<script src="folio/folio-highlight.js" defer></script>';

// Headings with ids, the sections far apart so that landing on one is a scroll; the page includes
// folio-highlight.js.
const KILN = page('Kiln manual', `
<h2 id="loading">Loading the kiln</h2>
${filler(30, 'loading')}
<h2 id="firing">Firing schedule</h2>
<p>Raise the temperature slowly until the glaze melts; a glaze fired too fast will pinhole.</p>
${filler(30, 'firing')}
<h2 id="cooling">Cooling</h2>
<p>Let the kiln cool shut overnight, or the glazes will craze.</p>
${filler(30, 'cooling')}
`, HIGHLIGHT);

// Sphinx's way: ids on <section>s and on definition terms; no highlight script, so only
// Chromium's text fragment marks the words here.
const LOOM = page('Loom configuration', `
<section id="network"><h2>Network settings</h2>
<dl>
<dt id="confval-timeout">timeout</dt>
<dd><p>Seconds a fetch may take; retries do not reset it.</p></dd>
<dt id="confval-retries">retries</dt>
<dd><p>How many times a failed fetch is attempted again.</p></dd>
</dl>
</section>
${filler(40, 'spinning')}
<section id="storage"><h2>Storage</h2>
<p>The spool folder holds fetched pages until they are woven into tapestry.</p>
</section>
`);

const SEARCH = page('Search the manuals', '<div data-folio-search></div>', '<link rel="stylesheet" href="folio/folio.css"><script type="module" src="folio/folio.js"></script>');

/** Whether `locator`'s element is inside the viewport. */
const inView = (locator) => locator.evaluate((el) => {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
});

async function axeViolations(p) {
  await p.addScriptTag({ content: AXE });
  return p.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('results that land on the passage, on a site indexed by the CLI', () => {
  let browser;
  let server;
  let dir;
  const problems = [];
  const contexts = [];

  before(async () => {
    checkBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'folio-passage-'));
    writeFileSync(path.join(dir, 'kiln.html'), KILN);
    writeFileSync(path.join(dir, 'loom.html'), LOOM);
    runCli(['index', dir, '--out', path.join(dir, 'folio')]);
    writeFileSync(path.join(dir, 'search.html'), SEARCH);
    server = await startServer({ root: dir, port: 0 });
    browser = await launch();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(query, contextOptions = {}) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, ...contextOptions });
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    watch(p, problems);
    await p.goto(`${server.url}search.html`);
    await p.locator('.folio[data-state="ready"]').waitFor();
    await typeQuery(p, query);
    return p;
  }

  test('words in two sections: the better is the hit\'s link, the other a sub-result; both real links', async () => {
    const p = await open('glaze temperature');
    const hits = await readHits(p);
    assert.equal(hits.length, 1, 'the page ranks once');
    assert.equal(hits[0].title, 'Kiln manual');
    assert.equal(hits[0].section, '§ Firing schedule');
    const main = new URL(hits[0].href);
    assert.equal(main.pathname, '/kiln.html');
    assert.equal(main.searchParams.get('folio-highlight'), 'temperature glaze glazes');
    assert.equal(main.hash, '#firing:~:text=temperature,-slowly&text=glaze,-melts');
    assert.equal(hits[0].sections.length, 1, JSON.stringify(hits));
    const [cooling] = hits[0].sections;
    assert.equal(cooling.title, '§ Cooling');
    assert.deepEqual(cooling.snippetMarks, ['glazes']);
    assert.match(cooling.href, /kiln\.html\?folio-highlight=[^#]+#cooling:~:text=glazes,-will$/);
    // Real links: <a href> with the option role, out of the tab order (the box keeps focus).
    const links = await p.locator('.folio-results [role="option"]').evaluateAll((els) => els.map((e) => [e.localName, e.getAttribute('href'), e.tabIndex]));
    assert.deepEqual(links.map(([tag, href, tab]) => [tag, href === null, tab]), [['a', false, -1], ['a', false, -1]]);
    await p.screenshot({ path: path.join(SCREENSHOTS, 'sub-results.png') });
  });

  test('clicking a result opens its section with the matched words marked and the first in view', async () => {
    const p = await open('glaze temperature');
    await Promise.all([p.waitForURL(/kiln\.html/), p.locator('.folio-results [role="option"]').first().click()]);
    await p.locator('html[data-folio-marks]').waitFor({ state: 'attached' });
    const marks = await p.locator('mark.folio-mark').allTextContents();
    assert.deepEqual(marks, ['temperature', 'glaze', 'glaze', 'glazes'], 'every matched form in the page, and only those');
    assert.ok(await inView(p.locator('mark.folio-mark').first()), 'the first mark is in view');
    assert.ok(await p.evaluate(() => window.scrollY > 500), 'the page was scrolled to the firing section');
    await p.screenshot({ path: path.join(SCREENSHOTS, 'highlight-on-arrival.png') });
    // The sub-result lands on its own section's words.
    await p.goBack();
    await resultsFor(p, 'glaze temperature');
    await Promise.all([p.waitForURL(/#cooling/), p.locator('.folio-section-hit').first().click()]);
    await p.locator('html[data-folio-marks]').waitFor({ state: 'attached' });
    const cooling = p.locator('#cooling ~ p mark.folio-mark', { hasText: 'glazes' });
    assert.ok(await inView(cooling), 'the sub-result\'s words are in view');
  });

  test('Ctrl+click and middle-click open a result in a new tab, as links do', async () => {
    const p = await open('spool');
    const href = await p.locator('.folio-results [role="option"]').first().getAttribute('href');
    assert.match(href, /loom\.html\?folio-highlight=spool#storage:~:text=spool,-folder$/);
    for (const click of [{ modifiers: ['Control'] }, { button: 'middle' }]) {
      const [tab] = await Promise.all([p.context().waitForEvent('page'), p.locator('.folio-results [role="option"]').first().click(click)]);
      await tab.waitForLoadState();
      assert.equal(tab.url(), href);
      assert.equal(p.url(), `${server.url}search.html?q=spool`, 'the search page stays');
      await tab.close();
    }
  });

  test('a definition term named by the query is the hit\'s link; Chromium scrolls to the text fragment', async () => {
    let p = await open('retries');
    const [hit] = await readHits(p);
    assert.match(hit.href, /#confval-retries:~:text=retries,-do$/);
    // No anchor would reach "tapestry": only the text fragment can (the page has no highlight script).
    p = await open('tapestry');
    const [woven] = await readHits(p);
    const url = new URL(woven.href);
    assert.equal(url.hash, '#storage:~:text=into-,tapestry');
    url.hash = ':~:text=into-,tapestry';
    await p.evaluate((href) => {
      const a = document.querySelector('.folio-results [role="option"]');
      a.setAttribute('href', href);
    }, url.href);
    await Promise.all([p.waitForURL(/loom\.html/), p.locator('.folio-results [role="option"]').first().click()]);
    await p.waitForFunction(() => window.scrollY > 0);
    assert.ok(await inView(p.locator('p', { hasText: 'tapestry' })), 'Chromium scrolled to the text fragment');
  });

  test('every result of the fixture site lands on its section with the words marked and in view', async () => {
    // tests/fixtures/site with folio-highlight.js added to its pages, as a site owner would.
    const site = path.join(dir, 'fixture');
    cpSync(path.join(ROOT, 'tests', 'fixtures', 'site'), site, { recursive: true });
    const pages = (d) => readdirSync(d).flatMap((n) => {
      const f = path.join(d, n);
      return statSync(f).isDirectory() ? pages(f) : f.endsWith('.html') ? [f] : [];
    });
    for (const f of pages(site)) writeFileSync(f, readFileSync(f, 'utf8').replace(/<\/head>/i, '<script src="/folio/folio-highlight.js" defer></script></head>'));
    runCli(['index', site, '--out', path.join(site, 'folio')]);
    writeFileSync(path.join(site, 'search.html'), SEARCH);
    writeFileSync(path.join(site, 'favicon.ico'), ''); // its pages name no icon: Chromium asks for this one
    const fixture = await startServer({ root: site, port: 0 });
    let opened = 0;
    for (const q of ['plenum', 'ambassador', 'Pyongyang']) {
      const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
      contexts.push(context);
      const p = await context.newPage();
      watch(p, problems);
      await p.goto(`${fixture.url}search.html?q=${encodeURIComponent(q)}`);
      await resultsFor(p, q);
      const links = await p.locator('.folio-results [role="option"][href]').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
      assert.ok(links.length >= 2, `${q}: ${links}`);
      for (const href of links) {
        await p.goto(`${fixture.url}search.html?q=${encodeURIComponent(q)}`);
        await resultsFor(p, q);
        await Promise.all([p.waitForURL(href), p.locator(`.folio-results [role="option"][href="${href}"]`).first().click()]);
        await p.locator('html[data-folio-marks]').waitFor({ state: 'attached' });
        const marks = p.locator('mark.folio-mark');
        assert.ok(await marks.count() > 0, `${q} → ${href}: no words marked`);
        const where = await p.evaluate(() => {
          const anchor = decodeURIComponent(location.hash.slice(1).split(':~:')[0]);
          const target = anchor ? document.getElementById(anchor) : null;
          const inView = [...document.querySelectorAll('mark.folio-mark')].filter((m) => {
            const r = m.getBoundingClientRect();
            return r.bottom > 0 && r.top < window.innerHeight;
          });
          const inSection = inView.filter((m) => !target || target.contains(m) || (target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING));
          return { anchor, found: !anchor || !!target, inView: inView.length, inSection: inSection.length };
        });
        assert.ok(where.found, `${q} → ${href}: no element #${where.anchor}`);
        assert.ok(where.inSection > 0, `${q} → ${href}: no marked word of the section in view (${JSON.stringify(where)})`);
        opened += 1;
      }
    }
    await fixture.close();
    assert.ok(opened >= 7, `${opened} results opened`);
  });

  test('axe-core finds no violations on results with sub-results', async () => {
    const p = await open('glaze temperature', { bypassCSP: true });
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    assert.equal(await p.locator('[aria-selected="true"]').getAttribute('class'), 'folio-hit folio-hit-sub folio-section-hit folio-has-link');
    assert.deepEqual(await axeViolations(p), []);
  });

  test('the console stays free of errors and warnings', () => {
    assert.deepEqual(problems, []);
  });
});

describe('the reader view of documents without a page (the seeds demo)', () => {
  let site;
  const problems = [];
  const contexts = [];
  const dirs = [];

  before(async () => {
    site = await startSite();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await site?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function newPage(contextOptions = {}) {
    const context = await site.browser.newContext({ viewport: { width: 1100, height: 800 }, ...contextOptions });
    contexts.push(context);
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    watch(p, problems);
    return p;
  }

  /** Opens result `n` and checks the reader: marks, the target mark in view; returns to the results. */
  async function openEach(p, query) {
    const count = await p.locator('.folio-results [role="option"]').count();
    assert.ok(count > 0, `${query}: no results`);
    for (let n = 0; n < count; n++) {
      const option = p.locator('.folio-results [role="option"]').nth(n);
      const title = await option.locator('.folio-hit-title').textContent();
      const href = await option.getAttribute('href');
      assert.match(href, /#folio-doc=/, `${query} #${n} (${title}) has a reader link`);
      await option.click();
      const reader = p.locator('.folio-reader');
      await reader.waitFor();
      const marks = reader.locator('mark');
      assert.ok(await marks.count() > 0, `${query} #${n} (${title}): words marked in the reader`);
      const visible = await marks.evaluateAll((els) => els.some((el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }));
      assert.ok(visible, `${query} #${n} (${title}): a marked word is in view`);
      assert.ok(await p.locator('.folio-reader-title').evaluate((el) => el === document.activeElement), 'focus moves to the document');
      await p.locator('.folio-reader-back a').press('Enter');
      await p.locator('.folio-reader').waitFor({ state: 'detached' });
      await p.locator('.folio-results').waitFor();
      assert.ok(await searchBox(p).evaluate((el) => el === document.activeElement), 'back from the document, focus is in the box');
    }
  }

  test('over HTTP every result of the seeds opens, its matched words marked and in view', async () => {
    const p = await newPage();
    await p.goto(site.url);
    await p.locator('.folio[data-state="ready"]').waitFor();
    for (const q of ['Ким Ир Сен', 'prisoners of war', 'Puzanov']) {
      await searchBox(p).fill('');
      await typeQuery(p, q);
      await openEach(p, q);
    }
  });

  test('the Mikoyan telegram offers its Russian Original Scan, and the reader opens at it', async () => {
    const p = await newPage();
    await p.goto(`${site.url}?q=${encodeURIComponent('Ким Ир Сен')}`);
    await resultsFor(p, 'Ким Ир Сен');
    const [first] = await readHits(p);
    assert.match(first.title, /Mikoyan/);
    assert.equal(first.section, '§ Original Scan', 'the best section is the Russian original');
    assert.match(first.href, /#folio-doc=001_fddf3f08cfdc8dc7$/);
    // Its other matching sections are sub-results, linked to their place in the reader.
    const translation = p.locator('.folio-section-hit', { hasText: '§ Translation - English' }).first();
    assert.match(await translation.getAttribute('href'), /#folio-doc=001_fddf3f08cfdc8dc7&folio-section=Translation\+-\+English$/);
    await p.locator('.folio-results [role="option"]').first().click();
    const target = p.locator('.folio-reader section[data-section] mark').filter({ hasText: /^Ким/ }).first();
    await target.waitFor();
    assert.ok(await inView(target), 'the Original Scan\'s marked words are in view');
    const heading = await target.evaluate((m) => m.closest('section').querySelector('h3')?.textContent);
    assert.equal(heading, 'Original Scan');
    // Corpus text only as text: the reader holds no elements but the ones it builds.
    const tags = await p.locator('.folio-reader *').evaluateAll((els) => [...new Set(els.map((e) => e.localName))].sort());
    assert.deepEqual(tags.filter((t) => !['a', 'h2', 'h3', 'mark', 'p', 'section', 'div', 'span', 'time'].includes(t)), []);
    await p.screenshot({ path: path.join(SCREENSHOTS, 'reader.png') });
    // Reloaded (or opened in a new tab), the same view comes back.
    await p.reload();
    await p.locator('.folio-reader').waitFor();
    // Typing a new query leaves the reader for the results.
    await searchBox(p).fill('Puzanov');
    await resultsFor(p, 'Puzanov');
    assert.equal(await p.locator('.folio-reader').count(), 0);
    assert.ok(!new URL(p.url()).hash.includes('folio-doc'));
  });

  test('the 1953 resolution\'s Attachment No. 1 for "prisoners of war", and a sub-result opens at its own section', async () => {
    const p = await newPage();
    await p.goto(`${site.url}?q=${encodeURIComponent('prisoners of war')}`);
    await resultsFor(p, 'prisoners of war');
    const [first] = await readHits(p);
    assert.equal(first.date, '1953-03-19');
    assert.equal(first.section, '§ Attachment No. 1');
    const marksInView = () => p.locator('.folio-reader mark').evaluateAll((els) => els.filter((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight;
    }).map((el) => el.closest('section')?.querySelector('h3')?.textContent));
    await p.locator('.folio-results [role="option"]').first().click();
    await p.locator('.folio-reader mark').first().waitFor();
    assert.ok((await marksInView()).includes('Attachment No. 1'), `marks in view are in ${await marksInView()}`);
    await p.goBack();
    await p.locator('.folio-results').waitFor();
    const sub = p.locator('.folio-section-hit').first();
    const heading = (await sub.locator('.folio-hit-title').textContent()).replace(/^§ /, '');
    await sub.click();
    await p.locator('.folio-reader mark').first().waitFor();
    assert.ok((await marksInView()).includes(heading), `${heading}: marks in view are in ${await marksInView()}`);
  });

  test('from file:// with the network off, a result opens the reader with its words marked', async () => {
    const dir = makeSite({ 'offline.html': page('Archive', '<div data-folio-search data-reader="always"></div>', '<link rel="stylesheet" href="folio/folio.css"><script src="folio/folio-offline.js" defer></script>') });
    dirs.push(dir);
    const p = await newPage({ offline: true });
    await p.goto(pathToFileURL(path.join(dir, 'offline.html')).href);
    await p.locator('.folio[data-state="ready"]').waitFor();
    for (const q of ['prisoners of war', 'пленум']) {
      await searchBox(p).fill('');
      await typeQuery(p, q);
      await openEach(p, q);
    }
  });

  test('axe-core finds no violations in the reader view, light and dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const p = await newPage({ bypassCSP: true, colorScheme });
      await p.goto(`${site.url}?q=${encodeURIComponent('пленум')}`);
      await resultsFor(p, 'пленум');
      await p.locator('.folio-results [role="option"]').first().click();
      await p.locator('.folio-reader mark').first().waitFor();
      assert.deepEqual(await axeViolations(p), [], colorScheme);
      if (colorScheme === 'dark') {
        await p.evaluate(() => window.scrollTo(0, 0));
        await p.screenshot({ path: path.join(SCREENSHOTS, 'reader-dark.png') });
      }
    }
  });

  test('the console stays free of errors and warnings', () => {
    assert.deepEqual(problems, []);
  });
});

mkdirSync(SCREENSHOTS, { recursive: true });
