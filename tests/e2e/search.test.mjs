// Browser tests of the Folio demo: real Chromium, real wasm, typing like a person.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ARTIFACTS, openDemo, readHits, startSite, typeQuery } from './helpers.mjs';

const require = createRequire(import.meta.url);

/** Marks inside `selector` of the given hit, with the characters just around them. */
function marksWithContext(hitLocator, selector) {
  return hitLocator.locator(selector).evaluate((el) => {
    let text = '';
    const marks = [];
    for (const node of el.childNodes) {
      const t = node.textContent;
      if (node.nodeName === 'MARK') marks.push({ text: t, start: text.length, end: text.length + t.length });
      text += t;
    }
    return marks.map((m) => ({ text: m.text, before: text.slice(m.start - 1, m.start), after: text.slice(m.end, m.end + 1) }));
  });
}

const isLetter = (ch) => /[\p{L}\p{M}\p{N}]/u.test(ch);

describe('the Folio search page', () => {
  let site;
  const problems = [];
  const contexts = [];

  before(async () => {
    site = await startSite();
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await site?.stop();
  });

  async function open(options) {
    const opened = await openDemo(site, problems, options);
    contexts.push(opened.context);
    return opened.page;
  }

  test('it loads the wasm index and tells how many documents can be searched', async () => {
    const page = await open();
    await page.locator('#summary', { hasText: /Search \d+ documents?\./ }).waitFor();
    const footer = await page.locator('#about').textContent();
    assert.match(footer, /^Folio · [\d,]+ documents? · [\d,]+ terms?/);
  });

  test('the wasm API returns the documented shape, with highlight ranges inside their text', async () => {
    const page = await open();
    const report = await page.evaluate(async () => {
      const folio = await import('./pkg/folio.js');
      await folio.default();
      const out = { problems: [] };
      const inText = (ranges, text, where) => {
        if (!Array.isArray(ranges)) return out.problems.push(`${where}: highlights is not an array`);
        for (const r of ranges) {
          const ok = Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) &&
            r[0] >= 0 && r[0] < r[1] && r[1] <= text.length;
          if (!ok) out.problems.push(`${where}: bad range ${JSON.stringify(r)} for text of length ${text.length}`);
        }
      };
      for (const q of ['Puzanov', 'пленум', 'prisoners of war', 'Ivanov citizenship']) {
        const res = folio.search(q, { limit: 5 });
        for (const k of ['query', 'total', 'fallback', 'hits']) if (!(k in res)) out.problems.push(`${q}: no "${k}"`);
        if (typeof res.fallback !== 'boolean') out.problems.push(`${q}: fallback is not a boolean`);
        if (!(res.hits.length <= 5)) out.problems.push(`${q}: limit 5 gave ${res.hits.length} hits`);
        for (const h of res.hits) {
          for (const k of ['id', 'title', 'titleHighlights', 'url', 'date', 'lang', 'type', 'parent', 'score', 'section', 'snippet']) {
            if (!(k in h)) out.problems.push(`${q}: hit without "${k}"`);
          }
          if (h.date !== null && !/^\d{4}-\d{2}-\d{2}$/.test(h.date)) out.problems.push(`${q}: date ${h.date}`);
          inText(h.titleHighlights, h.title, `${q} title`);
          inText(h.snippet?.highlights, h.snippet?.text ?? '', `${q} snippet`);
        }
      }
      const all = folio.search('Puzanov');
      const second = folio.search('Puzanov', { limit: 1, offset: 1 });
      if (all.total > 1 && second.hits[0]?.id !== all.hits[1]?.id) out.problems.push('offset 1 does not give the second hit');
      try {
        folio.search('Puzanov', { limit: 'ten' });
        out.problems.push('limit: "ten" did not throw');
      } catch (err) {
        out.badOptionsError = { isError: err instanceof Error, message: String(err?.message ?? '') };
      }
      out.info = folio.info();
      return out;
    });
    assert.deepEqual(report.problems, []);
    assert.ok(report.badOptionsError?.isError, 'bad options should throw an Error');
    assert.ok(report.badOptionsError.message.length > 10, `unhelpful message: "${report.badOptionsError.message}"`);
    assert.ok(report.info.documents >= 5, `info(): ${JSON.stringify(report.info)}`);
  });

  test('typing "Puzanov" shows the 1957 Puzanov journal first, with "Puzanov" marked', async () => {
    const page = await open();
    await typeQuery(page, 'Puzanov');
    const hits = await readHits(page);
    assert.ok(hits.length >= 1, 'expected at least one result');
    const [first] = hits;
    assert.match(first.title, /Puzanov/, `first title: ${first.title}`);
    assert.equal(first.date, '1957-07-08');
    assert.ok(
      [...first.titleMarks, ...first.snippetMarks].includes('Puzanov'),
      `expected a <mark> reading exactly "Puzanov"; marks: ${JSON.stringify([...first.titleMarks, ...first.snippetMarks])}`,
    );
    await page.locator('#summary', { hasText: /\d+ documents? match(es)? “Puzanov”/ }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'puzanov-desktop.png'), fullPage: true });
  });

  test('typing "пленум" shows the Mikoyan telegram with a whole Cyrillic word form of "пленум" marked', async () => {
    const page = await open();
    await typeQuery(page, 'пленум');
    const hits = await readHits(page);
    const index = hits.findIndex((h) => h.date === '1956-09-21' && /Mikoyan/.test(h.title));
    assert.ok(index >= 0, `expected the Mikoyan telegram of 1956-09-21 among: ${hits.map((h) => `${h.date} ${h.title}`).join(' | ')}`);
    const hit = hits[index];
    assert.match(hit.snippet, /[\u0400-\u04FF]/, 'the snippet should be Cyrillic');
    const forms = hit.snippetMarks.filter((m) => m.toLowerCase().startsWith('пленум'));
    assert.ok(forms.length > 0, `expected a marked form of "пленум"; marks: ${JSON.stringify(hit.snippetMarks)}`);

    // UTF-16 offsets: every mark must cover whole words, not a shifted slice of them.
    const marks = await marksWithContext(page.locator('#results > li').nth(index), '.snippet');
    for (const m of marks) {
      assert.ok(isLetter(m.text[0]) && isLetter(m.text.at(-1)), `mark "${m.text}" should start and end on a letter`);
      assert.ok(!isLetter(m.before), `mark "${m.text}" starts inside a word (preceded by "${m.before}")`);
      assert.ok(!isLetter(m.after), `mark "${m.text}" ends inside a word (followed by "${m.after}")`);
    }
  });

  test('typing "prisoners of war" shows the 1953 resolution first', async () => {
    const page = await open();
    await typeQuery(page, 'prisoners of war');
    const [first] = await readHits(page);
    assert.ok(first, 'expected at least one result');
    assert.match(first.date ?? '', /^1953-/, `first hit: ${first.date} ${first.title}`);
    assert.match(first.title, /Resolution/i);
  });

  test('typing "Ivanov citizenship" finds the listing entry of 6 December 1955', async () => {
    const page = await open();
    await typeQuery(page, 'Ivanov citizenship');
    const hits = await readHits(page);
    assert.ok(
      hits.some((h) => h.date === '1955-12-06'),
      `expected a hit dated 1955-12-06 among: ${hits.map((h) => `${h.date} ${h.title}`).join(' | ')}`,
    );
  });

  test('typing a nonsense word shows the empty state and no results', async () => {
    const page = await open();
    await typeQuery(page, 'zqxvwjkq');
    await page.locator('#summary', { hasText: 'No documents match “zqxvwjkq”' }).waitFor();
    assert.equal(await page.locator('#results > li').count(), 0);
    assert.equal(await page.locator('#fallback').isVisible(), false);
    // The polite live region tells screen-reader users the same.
    await page.locator('#announcer[aria-live="polite"]', { hasText: 'No documents match' }).waitFor();
  });

  test('results appear while typing: "Puza" already finds the Puzanov journal', async () => {
    const page = await open();
    await typeQuery(page, 'Puza');
    const [first] = await readHits(page);
    assert.ok(first, 'expected a result for the unfinished word');
    assert.equal(first.date, '1957-07-08', `first hit: ${first.date} ${first.title}`);
  });

  test('when no document has all the words, partial matches are shown with a note', async () => {
    const page = await open();
    await typeQuery(page, 'Puzanov zqxvwjkq');
    await page.getByText('No document has all words; showing partial matches').waitFor();
    const hits = await readHits(page);
    assert.ok(hits.some((h) => /Puzanov/.test(h.title)), 'expected the Puzanov journal among the partial matches');
  });

  test('clearing the box brings back the start state', async () => {
    const page = await open();
    await typeQuery(page, 'Puzanov');
    await page.getByLabel('Search the documents').fill('');
    await page.locator('#results[data-query=""]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('#results > li').count(), 0);
    await page.locator('#summary', { hasText: /Search \d+ documents?\./ }).waitFor();
  });

  test('a query in the address (?q=) is searched on load', async () => {
    const page = await open({ query: 'Puzanov' });
    await page.locator('#results[data-query="Puzanov"] > li').first().waitFor();
    assert.equal(await page.getByLabel('Search the documents').inputValue(), 'Puzanov');
  });

  test('results contain only plain elements built from text, and links only to http(s)', async () => {
    const page = await open();
    for (const q of ['Puzanov', 'пленум']) {
      await page.getByLabel('Search the documents').fill('');
      await typeQuery(page, q);
      const tags = await page.locator('#results *').evaluateAll((els) => [...new Set(els.map((e) => e.localName))]);
      const allowed = new Set(['li', 'h2', 'a', 'span', 'p', 'time', 'mark']);
      assert.deepEqual(tags.filter((t) => !allowed.has(t)), [], `unexpected elements in results: ${tags}`);
      for (const { href } of await readHits(page)) {
        if (href !== null) assert.match(href, /^https?:\/\//, `unsafe link ${href}`);
      }
    }
  });

  test('the page fits a 360-pixel-wide phone screen in dark mode without sideways scrolling', async () => {
    const page = await open({ contextOptions: { viewport: { width: 360, height: 740 }, colorScheme: 'dark' } });
    await typeQuery(page, 'пленум');
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth}px wide in a ${clientWidth}px viewport`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'plenum-phone-dark.png'), fullPage: true });
  });

  test('axe-core finds no accessibility violations, in light and in dark mode', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark']) {
      // bypassCSP lets the test inject axe; the page itself runs under the strict policy.
      const page = await open({ contextOptions: { colorScheme, bypassCSP: true } });
      await typeQuery(page, 'Puzanov');
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, [], `${colorScheme} mode`);
    }
  });

  test('when the wasm cannot be loaded, the page says so instead of failing silently', async () => {
    // A page of its own: the errors it provokes are expected and not counted below.
    const context = await site.browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/pkg/folio_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(site.url);
    await page.getByRole('alert').filter({ hasText: 'The search engine could not be loaded' }).waitFor();
    assert.equal(await page.locator('#search-form').getAttribute('data-state'), 'error');
  });

  // Keep this last: it checks everything the pages above logged.
  test('the console stays free of errors and every request succeeds', () => {
    assert.deepEqual(problems, []);
  });
});
