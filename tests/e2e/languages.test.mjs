// Browser test of a site in several languages with no configuration (issue 20): `folio index`
// stems tests/fixtures/languages by each page's language and writes the all-languages search
// module into the bundle (as folio_bg.wasm, like the English/Russian one), so the drop-in finds
// the German, French, Greek, Turkish and Japanese pages by the queries tests/languages.rs asks:
// other inflections than the pages have, and a Japanese word spelt by its characters in a row.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, openIndexedFixture, readHits, resultsFor, searchBox } from './helpers.mjs';

describe('a site in several languages', () => {
  let fixture;
  let site;
  let server;
  let page;
  const problems = [];

  before(async () => {
    fixture = await openIndexedFixture('languages', problems);
    ({ site, server, page } = fixture);
  });

  after(async () => {
    await fixture?.stop();
  });

  test('the bundle has the all-languages module, and its report says why', () => {
    const report = readFileSync(path.join(site, 'folio', 'report.txt'), 'utf8');
    assert.match(report, /search module: all-languages \(pages in de, el, fr, ja, tr /);
    const wasm = readFileSync(path.join(site, 'folio', 'folio_bg.wasm'));
    const languages = readFileSync(path.join(ROOT, 'crates', 'folio-cli', 'web', 'languages', 'folio_bg.wasm'));
    assert.ok(wasm.equals(languages), 'folio_bg.wasm is not the all-languages module');
  });

  for (const [query, file] of [
    ['Haus Kind', 'de.html'], // Häusern, Kinder on the page
    ['Haeuser', 'de.html'], // Häusern without umlauts
    ['cheval prairie', 'fr.html'], // chevaux, prairies
    ['μαθητών βιβλίων', 'el.html'], // μαθητές, βιβλία
    ['kitap ev', 'tr.html'], // Kitaplarımızı, evlerimize
    ['İstanbul', 'tr.html'], // İstanbul'daki
    ['図書館', 'ja.html'], // 図書館 in a row; ja-calligraphy.html has 図, 書 and 館 apart
  ]) {
    test(`“${query}” finds ${file} first`, async () => {
      await searchBox(page).fill(query);
      await resultsFor(page, query);
      const hits = await readHits(page);
      assert.ok(hits.length > 0, `no results for ${query}`);
      assert.equal(new URL(hits[0].href, server.url).pathname, `/${file}`, JSON.stringify(hits.map((h) => h.href)));
      assert.ok(hits[0].snippetMarks.length + hits[0].titleMarks.length > 0, 'no word of the hit is marked');
    });
  }

  test('nothing failed in the page', () => {
    assert.deepEqual(problems, []);
  });
});
