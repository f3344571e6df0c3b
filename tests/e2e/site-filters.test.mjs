// Browser test of a site's own filters, sort key and hit images (issue 20, items 3 and 4):
// `folio index` reads tests/fixtures/collections (data-folio-filter collection and material,
// data-folio-sort year, data-folio-meta image), and the drop-in shows one group of checkboxes per
// key (in folio.toml's order, with its labels) with counts after the other filters, sorts by year as a number, shows the amphora's image as
// a lazy thumbnail with its alt text (and not the print's javascript: one), keeps a value written
// as markup as text, and passes axe. The API answers the same filters and sort.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openIndexedFixture, readHits, resultsFor, searchBox } from './helpers.mjs';

const require = createRequire(import.meta.url);

/** The site filter groups as shown: legend, then value → count, in order. */
function siteGroups(page) {
  return page.locator('.folio-site-facet').evaluateAll((sets) => sets.filter((s) => !s.hidden).map((s) => ({
    key: s.getAttribute('data-site-key'),
    legend: s.querySelector('legend').textContent,
    values: [...s.querySelectorAll('.folio-check')].map((row) => [
      row.querySelector('.folio-check-label').textContent, Number(row.querySelector('.folio-count').textContent)]),
  })));
}

async function titles(page) {
  return (await readHits(page)).map((h) => h.title);
}

describe('a site with its own filters, sort key and images', () => {
  let fixture;
  let page;
  const problems = [];

  before(async () => {
    // bypassCSP: axe-core is injected as an inline script, which the server's policy forbids.
    const contextOptions = { bypassCSP: true };
    fixture = await openIndexedFixture('collections', problems, { title: 'Search the collection', viewport: { width: 1100, height: 900 }, contextOptions });
    ({ page } = fixture);
    await searchBox(page).fill('museum');
    await resultsFor(page, 'museum');
  });

  after(async () => {
    await fixture?.stop();
  });

  test('one group per key, in the order and with the labels folio.toml gives, values as text', async () => {
    assert.equal(await page.locator('.folio').getAttribute('data-total'), '4');
    assert.deepEqual(await siteGroups(page), [
      { key: 'material', legend: 'Made of', values: [['<img src=x onerror=alert(1)>', 1], ['bronze', 1], ['clay', 2], ['glaze', 1], ['paper', 1]] },
      { key: 'collection', legend: 'Collection', values: [['Ceramics', 2], ['Greek', 2], ['Prints', 1]] },
    ]);
    assert.equal(await page.locator('.folio-site-facet img').count(), 0, 'a value is never markup');
  });

  test('checking values filters by any of a key, counts after the other filters, and every key', async () => {
    await page.getByRole('checkbox', { name: /^Ceramics/ }).check();
    await page.locator('.folio[data-total="2"]').waitFor();
    assert.deepEqual((await titles(page)).sort(), ['Glazed bowl', 'Red-figure amphora']);
    const [material] = await siteGroups(page);
    assert.deepEqual(material.values, [['<img src=x onerror=alert(1)>', 0], ['bronze', 0], ['clay', 2], ['glaze', 1], ['paper', 0]]);
    await page.getByRole('checkbox', { name: /^Greek/ }).check();
    await page.locator('.folio[data-total="3"]').waitFor();
    await page.getByRole('checkbox', { name: /^glaze/ }).check();
    await page.locator('.folio[data-total="1"]').waitFor();
    assert.deepEqual(await titles(page), ['Glazed bowl']);
    const [, collection] = await siteGroups(page);
    assert.deepEqual(collection.values, [['Ceramics', 1], ['Greek', 0], ['Prints', 0]], 'after material = glaze');
    // The URL is written after the frame that shows the results (ui.js writeUrlSoon).
    await page.waitForFunction(() => new URL(location.href).searchParams.getAll('f:material').length === 1);
    const url = new URL(page.url());
    assert.deepEqual(url.searchParams.getAll('f:collection'), ['Ceramics', 'Greek']);
    assert.deepEqual(url.searchParams.getAll('f:material'), ['glaze']);
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.locator('.folio[data-total="4"]').waitFor();
  });

  test('the year sort key orders as numbers, both ways', async () => {
    await page.locator('.folio-filters > summary').evaluate((s) => { if (!s.parentElement.open) s.click(); });
    await page.getByLabel('Sort').selectOption({ label: 'Year: smallest first' });
    await page.waitForFunction(() => document.querySelector('.folio-hit-title')?.textContent === 'Red-figure amphora');
    assert.deepEqual(await titles(page), ['Red-figure amphora', 'Bronze mirror', 'Glazed bowl', 'Harbour print']);
    await page.getByLabel('Sort').selectOption({ label: 'Year: largest first' });
    await page.waitForFunction(() => document.querySelector('.folio-hit-title')?.textContent === 'Harbour print');
    assert.deepEqual(await titles(page), ['Harbour print', 'Glazed bowl', 'Bronze mirror', 'Red-figure amphora']);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'by:desc:year');
  });

  test('a hit with an image shows it as a lazy thumbnail with its alt text; a javascript: image shows nothing', async () => {
    const thumbs = await page.locator('.folio-hit img.folio-thumb').evaluateAll((imgs) => imgs.map((img) => ({
      hit: img.closest('.folio-hit').querySelector('.folio-hit-title').textContent,
      src: img.getAttribute('src'), alt: img.alt, loading: img.loading, loaded: img.complete && img.naturalWidth > 0,
    })));
    assert.equal(thumbs.length, 1, JSON.stringify(thumbs));
    assert.equal(thumbs[0].hit, 'Red-figure amphora');
    assert.equal(new URL(thumbs[0].src).pathname, '/img/amphora.svg');
    assert.equal(thumbs[0].alt, 'A red-figure amphora with a chariot');
    assert.equal(thumbs[0].loading, 'lazy');
    await page.locator('img.folio-thumb').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('img.folio-thumb')?.naturalWidth > 0);
  });

  test('the API filters, counts and sorts alike', async () => {
    const res = await page.evaluate(async () => {
      const { default: Folio } = await import('./folio/folio.js');
      const folio = await Folio.init();
      const one = await folio.search('museum', { filters: { material: { any: ['clay', 'bronze'], none: ['glaze'] } }, sort: { year: 'desc' } });
      const all = await folio.search('museum', { filters: { collection: { all: ['Ceramics', 'Greek'] } } });
      let refused = '';
      try {
        await folio.search('museum', { filters: { collection: 'Greek', material: { some: ['clay'] } } });
      } catch (err) {
        refused = err.message;
      }
      const print = (await folio.search('harbour print')).hits[0];
      return { one: one.hits.map((h) => h.id), all: all.hits.map((h) => h.id), facets: one.facets.filters, refused, meta: print.meta, sortKeys: one.sortKeys };
    });
    assert.deepEqual(res.one, ['mirror', 'amphora'], 'clay or bronze, no glaze, largest year first');
    assert.deepEqual(res.all, ['amphora']);
    assert.deepEqual(res.facets.map((f) => [f.key, f.label]), [['material', 'Made of'], ['collection', 'Collection']]);
    assert.match(res.refused, /filters must be an object of filter names/);
    assert.deepEqual(res.meta, { author: 'Hokusai & pupils', image: 'javascript:alert(2)' });
    assert.deepEqual(res.sortKeys, ['year']);
  });

  test('axe-core finds no violations with filters, sort and thumbnails shown', async () => {
    await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
  });

  test('nothing failed in the page (and no markup value ran)', () => {
    assert.deepEqual(problems, []);
  });
});
