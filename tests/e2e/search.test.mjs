// Browser tests of the drop-in search UI on the demo page (www/index.html, which uses
// www/pkg/ = a copy of dist/): real Chromium, real wasm in a Web Worker, typing like a person.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SCREENSHOTS, openPage, readHits, resultsFor, searchBox, startSite, statusText, typeQuery, watch } from './helpers.mjs';

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

describe('the drop-in search UI on the demo page', () => {
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
    const opened = await openPage(site, problems, options);
    contexts.push(opened.context);
    return opened.page;
  }

  test('it loads on the page\'s thread (a small index) and says how many documents can be searched', async () => {
    const page = await open();
    assert.equal(await page.locator('.folio').getAttribute('data-mode'), 'main');
    await page.locator('.folio-status', { hasText: 'Type to search 14 documents.' }).waitFor();
    await page.locator('#about', { hasText: /^Folio · 14 documents · [\d,]+ terms/ }).waitFor();
    // The box is a combobox controlling the (still hidden) listbox of results.
    const box = searchBox(page);
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.equal(await box.getAttribute('aria-autocomplete'), 'list');
    const list = await box.getAttribute('aria-controls');
    assert.equal(await page.locator(`#${list}`).getAttribute('role'), 'listbox');
  });

  test('typing "Puzanov" shows the 1957 Puzanov journal first, with "Puzanov" marked', async () => {
    const page = await open();
    await typeQuery(page, 'Puzanov');
    const [first] = await readHits(page);
    assert.ok(first, 'expected at least one result');
    assert.match(first.title, /Puzanov/);
    assert.equal(first.date, '1957-07-08');
    assert.equal(first.type, 'Journal');
    assert.ok([...first.titleMarks, ...first.snippetMarks].includes('Puzanov'), JSON.stringify(first));
    assert.match(await statusText(page), /^1 result for “Puzanov”/);
    assert.equal(await searchBox(page).getAttribute('aria-expanded'), 'true');
  });

  test('results appear while typing: "Puza" already finds the Puzanov journal', async () => {
    const page = await open();
    await typeQuery(page, 'Puza');
    const [first] = await readHits(page);
    assert.equal(first?.date, '1957-07-08', JSON.stringify(first));
  });

  test('"пленум" shows the Mikoyan telegram with whole Cyrillic word forms marked, in a Russian-tagged snippet', async () => {
    const page = await open();
    await typeQuery(page, 'пленум');
    const hits = await readHits(page);
    const index = hits.findIndex((h) => h.date === '1956-09-21' && /Mikoyan/.test(h.title));
    assert.ok(index >= 0, hits.map((h) => `${h.date} ${h.title}`).join(' | '));
    const hit = hits[index];
    assert.equal(hit.section, '§ Original Scan');
    assert.equal(hit.snippetLang, 'ru');
    assert.ok(hit.snippetMarks.some((m) => m.toLowerCase().startsWith('пленум')), JSON.stringify(hit.snippetMarks));
    const marks = await marksWithContext(page.locator('.folio-results [role="option"]').nth(index), '.folio-snippet');
    for (const m of marks) {
      assert.ok(isLetter(m.text[0]) && isLetter(m.text.at(-1)), `mark "${m.text}" should start and end on a letter`);
      assert.ok(!isLetter(m.before) && !isLetter(m.after), `mark "${m.text}" cuts a word ("${m.before}…${m.after}")`);
    }
  });

  test('"prisoners of war" shows the 1953 resolution first; "Ivanov citizenship" finds a listing entry', async () => {
    const page = await open();
    await typeQuery(page, 'prisoners of war');
    const [first] = await readHits(page);
    assert.match(first.date ?? '', /^1953-/);
    assert.match(first.title, /Resolution/);
    await searchBox(page).fill('');
    await typeQuery(page, 'Ivanov citizenship');
    const hits = await readHits(page);
    assert.ok(hits.some((h) => h.date === '1955-12-06'), hits.map((h) => `${h.date} ${h.title}`).join(' | '));
    await page.locator('.folio-parent', { hasText: 'listing entry' }).first().waitFor();
  });

  test('keyboard: / focuses, ↑/↓ move through the listbox, Esc clears, Ctrl+K focuses, Enter opens', async () => {
    const page = await open();
    const box = searchBox(page);
    await page.locator('h1').click(); // focus outside the box
    await page.keyboard.press('/');
    assert.ok(await box.evaluate((el) => el === document.activeElement), '/ should focus the search box');
    assert.equal(await box.inputValue(), '', 'the slash must not be typed into the box');
    await box.pressSequentially('Korea', { delay: 20 });
    await resultsFor(page, 'Korea');

    // Every option in order, hits and the sections under them alike: [id, selected].
    const options = () => page.locator('.folio-results [role="option"]').evaluateAll((els) => els.map((e) => [e.id, e.getAttribute('aria-selected') === 'true']));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    let opts = await options();
    assert.equal(opts.findIndex(([, selected]) => selected), 1, 'two ↓ select the second option');
    assert.equal(await box.getAttribute('aria-activedescendant'), opts[1][0]);
    await page.keyboard.press('ArrowUp');
    opts = await options();
    assert.equal(opts.findIndex(([, selected]) => selected), 0);
    await page.keyboard.press('ArrowUp'); // wraps to the last
    opts = await options();
    assert.equal(opts.findIndex(([, selected]) => selected), opts.length - 1);
    assert.ok(await box.evaluate((el) => el === document.activeElement), 'focus stays in the box');

    await page.keyboard.press('Escape');
    await resultsFor(page, '');
    assert.equal(await box.inputValue(), '');
    assert.equal(await page.locator('.folio-results [role="option"]').count(), 0);
    assert.equal(await box.getAttribute('aria-expanded'), 'false');

    await page.locator('h1').click();
    await page.keyboard.press('Control+k');
    assert.ok(await box.evaluate((el) => el === document.activeElement), 'Ctrl+K should focus the search box');

    // Enter opens the active result: the demo opens every seed in the reader view, which links
    // to the Wilson Center archive's page (answered here by a stand-in: the tests have no network).
    await page.route('https://digitalarchive.wilsoncenter.org/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Archive document</title><h1>Archive</h1>' }));
    await box.pressSequentially('prisoners of war', { delay: 20 });
    await resultsFor(page, 'prisoners of war');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL(/#folio-doc=000_b481dfae50f33d1d$/), page.keyboard.press('Enter')]);
    await page.locator('.folio-reader mark', { hasText: 'prisoners' }).first().waitFor();
    assert.ok(await page.locator('.folio-reader-title').evaluate((el) => el === document.activeElement), 'focus moves to the document');
    await Promise.all([page.waitForURL('https://digitalarchive.wilsoncenter.org/document/113649'), page.getByRole('link', { name: 'Original page' }).click()]);
    assert.equal(await page.title(), 'Archive document');
  });

  test('filters change the results and show facet counts; sort orders by date', async () => {
    const page = await open();
    await typeQuery(page, 'Korea');
    assert.match(await statusText(page), /^14 results for “Korea” \(showing 10 of 14\)/);
    const filters = page.locator('.folio-filters');
    assert.equal(await filters.getAttribute('open'), '', 'filters are open on a wide screen');
    const telegram = page.getByRole('checkbox', { name: /Telegram/ });
    assert.equal(await page.locator('[data-facet="type"] .folio-check[data-value="telegram"] .folio-count').textContent(), '6');
    assert.equal(await page.locator('[data-facet="lang"] .folio-check[data-value="en"] .folio-count').textContent(), '14');

    await telegram.check();
    await page.locator('.folio[data-total="6"]').waitFor();
    let hits = await readHits(page);
    assert.equal(hits.length, 6);
    assert.ok(hits.every((h) => h.type === 'Telegram'), hits.map((h) => h.type).join());
    assert.match(await statusText(page), /^6 results for “Korea”/);
    // The URL is written after the frame that shows the results (ui.js writeUrlSoon).
    await page.waitForFunction(() => new URL(location.href).searchParams.get('type') === 'telegram');
    assert.match(await page.locator('.folio-filters > summary').textContent(), /Filters \(1\)/);

    // Year range: telegrams of 1956 only (all six are), then none before 1956.
    await page.locator('[data-filter="to"]').selectOption('1955');
    await page.locator('.folio[data-total="0"]').waitFor();
    await page.locator('.folio-empty', { hasText: 'Nothing matches “Korea”.' }).waitFor();
    await page.getByRole('button', { name: 'Search without the filters' }).click();
    await page.locator('.folio[data-total="14"]').waitFor();
    assert.equal(await telegram.isChecked(), false);

    await page.locator('[data-filter="from"]').selectOption('1956');
    await page.locator('.folio[data-total="10"]').waitFor();
    const yearOption = await page.locator('[data-filter="from"] option[value="1956"]').textContent();
    assert.equal(yearOption, '1956 (9)');

    await page.locator('[data-filter="sort"]').selectOption('date-desc');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'date-desc');
    hits = await readHits(page);
    const dates = hits.map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort().reverse(), `newest first: ${dates}`);
    assert.equal(dates[0], '1957-07-08');
  });

  test('"Show more" loads the next page, and ↓ reaches the new results', async () => {
    const page = await open();
    await typeQuery(page, 'Korea');
    assert.equal((await readHits(page)).length, 10);
    await page.getByRole('button', { name: 'Show more results' }).click();
    await page.locator('.folio-results [role="option"]').nth(13).waitFor();
    assert.equal((await readHits(page)).length, 14);
    assert.equal(await page.getByRole('button', { name: 'Show more results' }).isVisible(), false);
    assert.match(await statusText(page), /^14 results for “Korea”$/);
    const hits = await readHits(page);
    assert.equal(new Set(hits.map((h) => h.docId)).size, 14, 'no result twice');
    // The first of the new results is the active one, so ↓ continues from there.
    assert.equal(hits.findIndex((h) => h.selected), 10);
  });

  test('?q= and the filters in the address restore a search, also after a reload', async () => {
    const page = await open({ search: '?q=Korea&type=telegram&sort=date' });
    await page.locator('.folio[data-total="6"]').waitFor();
    assert.equal(await searchBox(page).inputValue(), 'Korea');
    assert.equal(await page.getByRole('checkbox', { name: /Telegram/ }).isChecked(), true);
    assert.equal(await page.locator('[data-filter="sort"]').inputValue(), 'date');
    const dates = (await readHits(page)).map((h) => h.date);
    assert.deepEqual(dates, [...dates].sort());

    await searchBox(page).fill('Mikoyan');
    await resultsFor(page, 'Mikoyan');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'Mikoyan');
    await page.reload();
    await page.locator('.folio[data-state="ready"]').waitFor();
    await resultsFor(page, 'Mikoyan');
    assert.equal(await searchBox(page).inputValue(), 'Mikoyan');
    assert.ok((await readHits(page)).every((h) => h.type === 'Telegram'));
  });

  test('"did you mean" offers the indexed spelling, and clicking it searches', async () => {
    const page = await open();
    await typeQuery(page, 'Puzanof Kim');
    const suggestion = page.locator('.folio-suggest button');
    await suggestion.waitFor();
    const fixed = await suggestion.textContent();
    assert.match(fixed, /^puzanov Kim$/i);
    await suggestion.click();
    await resultsFor(page, fixed);
    assert.equal((await readHits(page))[0]?.date, '1957-07-08');
  });

  test('a word found nowhere shows the empty state, and the live region says so', async () => {
    const page = await open();
    await typeQuery(page, 'zqxvwjkq');
    await page.locator('.folio-empty', { hasText: 'Nothing matches “zqxvwjkq”.' }).waitFor();
    assert.equal(await page.locator('.folio-results [role="option"]').count(), 0);
    assert.equal(await page.locator('.folio-results').isVisible(), false);
    await page.locator('.folio [role="status"][aria-live="polite"]', { hasText: 'No results for “zqxvwjkq”' }).waitFor();
  });

  test('when no document has every word, partial matches come with a note naming the missing word', async () => {
    const page = await open();
    await typeQuery(page, 'Puzanov zqxvwjkq');
    await page.locator('.folio-note', { hasText: 'No document contains all your words' }).waitFor();
    assert.equal(await page.locator('.folio-note s').textContent(), 'zqxvwjkq');
    assert.ok((await readHits(page)).some((h) => /Puzanov/.test(h.title)));
    await page.locator('.folio [aria-live="polite"]', { hasText: /1 result for “Puzanov zqxvwjkq”\. No document contains all your words/ }).waitFor();
  });

  test('results contain only elements built from text, and no link elements inside options', async () => {
    const page = await open();
    for (const q of ['Korea', 'пленум']) {
      await searchBox(page).fill('');
      await typeQuery(page, q);
      // An option may itself be a link (<a role="option" href>); nothing inside one is.
      const tags = await page.locator('.folio-results *:not(a[role="option"])').evaluateAll((els) => [...new Set(els.map((e) => e.localName))]);
      const allowed = new Set(['div', 'p', 'span', 'time', 'mark']);
      assert.deepEqual(tags.filter((t) => !allowed.has(t)), [], `unexpected elements: ${tags}`);
      assert.equal(await page.locator('.folio-results [role="option"] a, .folio-results a:not([role="option"])').count(), 0);
      for (const { href } of await readHits(page)) if (href !== null) assert.match(href, /^https?:\/\//);
    }
  });

  test('the Russian page speaks Russian', async () => {
    const page = await open({ pathname: 'ru.html' });
    await page.locator('.folio-status', { hasText: 'Введите запрос: поиск по 14 документам.' }).waitFor();
    await page.getByText('Поиск', { exact: true }).waitFor();
    await typeQuery(page, 'Микоян');
    assert.match(await statusText(page), /^\d+ результат(а|ов)? по запросу «Микоян»/);
    await page.locator('.folio-type', { hasText: 'Телеграмма' }).first().waitFor();
    await page.locator('.folio-hit time', { hasText: /сентября 1956/ }).first().waitFor();
    assert.match(await page.locator('.folio-filters > summary').textContent(), /^Фильтры/);
  });

  test('screenshots: desktop, phone (360 px, no sideways scrolling) and dark', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shots = [
      { name: 'desktop.png', q: 'Korea', contextOptions: { viewport: { width: 1280, height: 800 }, colorScheme: 'light' } },
      { name: 'phone.png', q: 'пленум', contextOptions: { viewport: { width: 360, height: 740 }, colorScheme: 'light', isMobile: true, hasTouch: true, deviceScaleFactor: 1 } },
      { name: 'dark.png', q: 'Mikoyan', contextOptions: { viewport: { width: 1280, height: 800 }, colorScheme: 'dark' } },
    ];
    for (const { name, q, contextOptions } of shots) {
      const page = await open({ query: q, contextOptions });
      await resultsFor(page, q);
      await page.evaluate(() => document.fonts.ready);
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      assert.ok(scrollWidth <= clientWidth, `${name}: the page is ${scrollWidth}px wide in a ${clientWidth}px viewport`);
      if (name === 'phone.png') {
        assert.equal(await page.locator('.folio-filters').getAttribute('open'), null, 'filters start folded on a phone');
        const box = await searchBox(page).boundingBox();
        assert.ok(box.width >= 300, `the box is ${box.width}px wide`);
      }
      await page.screenshot({ path: path.join(SCREENSHOTS, name) });
    }
  });

  test('axe-core finds no violations with results and filters open, light and dark, English and Russian', async () => {
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const runs = [
      { colorScheme: 'light', pathname: '', q: 'Korea', viewport: { width: 1280, height: 800 } },
      { colorScheme: 'dark', pathname: '', q: 'пленум', viewport: { width: 1280, height: 800 } },
      { colorScheme: 'light', pathname: 'ru.html', q: 'Puzanov zqxvwjkq', viewport: { width: 1280, height: 800 } },
      { colorScheme: 'dark', pathname: '', q: 'Puzanof', viewport: { width: 360, height: 740 } },
    ];
    for (const { colorScheme, pathname, q, viewport } of runs) {
      // bypassCSP lets the test inject axe; the page itself runs under the strict policy.
      const page = await open({ pathname, query: q, contextOptions: { colorScheme, viewport, bypassCSP: true } });
      await resultsFor(page, q);
      await page.locator('.folio-filters > summary').evaluate((s) => {
        s.parentElement.open = true;
      });
      await page.keyboard.press('/');
      await page.keyboard.press('ArrowDown'); // an active option, as while choosing
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
        });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(violations, [], `${colorScheme} ${pathname || 'index.html'} "${q}" ${viewport.width}px`);
    }
  });

  test('when the wasm cannot be loaded, the page says so instead of failing silently', async () => {
    const context = await site.browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.route('**/pkg/folio_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(site.url);
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: 'The search could not be loaded.' }).waitFor();
    assert.match(await alert.textContent(), /folio_bg\.wasm.*HTTP 404/);
    assert.equal(await page.locator('.folio').getAttribute('data-state'), 'error');
  });

  test('without a worker (its script blocked), an engine asked to use one falls back to the main thread with the same results', async () => {
    const context = await site.browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const mine = [];
    watch(page, mine);
    await page.route('**/pkg/folio-worker.js', (route) => route.fulfill({ status: 404, body: 'no worker' }));
    await page.goto(`${site.url}?q=Korea&type=telegram`);
    await page.locator('.folio[data-total="6"]').waitFor();
    const out = await page.evaluate(async () => {
      const { default: Folio } = await import('./pkg/folio.js');
      const folio = await Folio.init({ worker: true });
      const res = await folio.search('Korea', { type: ['telegram'] });
      return { mode: folio.mode, total: res.total, types: res.hits.map((h) => h.type) };
    });
    assert.equal(out.mode, 'main');
    assert.equal(out.total, 6);
    assert.ok(out.types.every((t) => t === 'telegram'), out.types.join());
    assert.deepEqual(mine.filter((p) => !/folio-worker\.js/.test(p)), []);
  });

  // Keep this last: it checks everything the pages above logged.
  test('the console stays free of errors and warnings, every request succeeds, no dialog opens', () => {
    assert.deepEqual(problems, []);
  });
});
