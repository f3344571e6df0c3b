// Browser test of the "≈" mark on facet counts (issue 23, item 3): a split index whose metadata
// is in metadata chunks counts the documents whose chunk a search did not fetch from the root's
// per-chunk summaries, the response says `facets.estimated`, and the drop-in UI shows "≈" before
// every count (the filters' checkboxes and the year menus); an index whose counts are exact shows
// none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, startSite, typeQuery, watch } from './helpers.mjs';

const WORDS = ['vase', 'clay', 'bronze', 'urn', 'glaze', 'kiln', 'amphora', 'mirror'];

/** `n` catalogue entries as JSON lines: a date each (so the date column is wide), two languages, three types. */
function corpus(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const date = `${1700 + Math.floor(i / 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
    const body = `${WORDS[i % 8]} ${WORDS[(i * 3 + 1) % 8]} ${WORDS[(i * 5 + 2) % 8]} in the catalogue`;
    lines.push(JSON.stringify({ id: `d${i}`, title: `Item ${i} ${WORDS[i % 8]}`, body, date, lang: i % 5 === 0 ? 'ru' : 'en', type: ['letter', 'report', 'map'][i % 3] }));
  }
  return `${lines.join('\n')}\n`;
}

const SEARCH = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Catalogue</title>
<link rel="icon" href="data:,"></head><body><main><h1>Catalogue</h1>
<div data-folio-search></div><script type="module" src="folio/folio.js"></script></main></body></html>`;

describe('estimated facet counts are marked "≈" in the drop-in UI, and exact ones are not', () => {
  let browser;
  let server;
  let dir;
  const problems = [];

  /** A site of `n` entries indexed split, in `dir`/`name`; returns the names of its chunk files. */
  function site(name, n) {
    const root = path.join(dir, name);
    const source = path.join(dir, `${name}.jsonl`);
    writeFileSync(source, corpus(n));
    runCli(['index', source, '--out', path.join(root, 'folio'), '--split', 'always', '--pack', 'never']);
    writeFileSync(path.join(root, 'search.html'), SEARCH);
    return readdirSync(path.join(root, 'folio', 'chunks'));
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'folio-estimated-'));
    // 5,000 dated entries: the metadata columns pass 8 KB and leave the root for metadata chunks
    // of 4,096 documents (m0, m1); 500 keep them in the root.
    const large = site('large', 5000);
    assert.ok(large.some((n) => /-m\d+\./.test(n)), `the large index has metadata chunks: ${large.filter((n) => !/-[td]\d/.test(n))}`);
    const small = site('small', 500);
    assert.ok(!small.some((n) => /-m\d+\./.test(n)), 'the small index keeps its metadata in the root');
    server = await startSite(dir);
    browser = server.browser;
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The counts the UI shows for "vase" on site `name`: the checkboxes' and the year menu's. */
  async function countsShown(name) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    watch(page, problems);
    await page.goto(`${server.url}${name}/search.html`);
    await page.locator('.folio[data-state="ready"]').waitFor();
    await typeQuery(page, 'vase');
    const shown = await page.evaluate(() => ({
      checks: [...document.querySelectorAll('.folio-check:not([hidden]) .folio-count')].map((el) => el.textContent),
      titles: [...document.querySelectorAll('.folio-check:not([hidden]) label')].map((el) => el.title),
      years: [...document.querySelectorAll('.folio select option')].map((o) => o.textContent).filter((t) => /\(/.test(t)),
    }));
    await context.close();
    return shown;
  }

  test('a search on the index with metadata chunks shows "≈" before every count', async () => {
    const { checks, titles, years } = await countsShown('large');
    // Languages (en, ru) and types (letter, map, report).
    assert.equal(checks.length, 5, JSON.stringify(checks));
    for (const c of checks) assert.match(c, /^≈\d+$/, `every checkbox count is marked: ${JSON.stringify(checks)}`);
    for (const t of titles) assert.match(t, /^≈/, `the count's tooltip too: ${JSON.stringify(titles)}`);
    assert.ok(years.length > 0, 'the year menus list years with counts');
    for (const y of years) assert.match(y, /^\d{4} \(≈\d+\)$/, `every year count is marked: ${y}`);
    assert.deepEqual(problems, []);
  });

  test('the same search on an index whose counts are exact shows no "≈"', async () => {
    const { checks, titles, years } = await countsShown('small');
    assert.equal(checks.length, 5, JSON.stringify(checks));
    for (const c of checks) assert.match(c, /^\d+$/, JSON.stringify(checks));
    for (const t of titles) assert.doesNotMatch(t, /≈/);
    assert.ok(years.length > 0);
    for (const y of years) assert.match(y, /^\d{4} \(\d+\)$/, y);
    assert.deepEqual(problems, []);
  });
});
