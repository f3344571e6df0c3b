// Browser test of an English site quoting words of other scripts (Greek, Chinese, Arabic) and a
// Turkish town with no configuration: `folio index` gives it the English/Russian module, which
// folds and pairs every script as the index did, so the drop-in finds each word as typed, with
// or without its accents, vowel marks or Turkish letters. (The 63k Wikipedia leads got the
// all-languages module, 55 KB gzip more, for the Greek of their etymologies.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, openIndexedFixture, readHits, resultsFor, searchBox } from './helpers.mjs';

describe('an English site quoting words of other scripts', () => {
  let fixture;
  let site;
  let server;
  let page;
  const problems = [];

  before(async () => {
    fixture = await openIndexedFixture('foreign-words', problems);
    ({ site, server, page } = fixture);
  });

  after(async () => {
    await fixture?.stop();
  });

  test('the bundle has the English/Russian module', () => {
    const report = readFileSync(path.join(site, 'folio', 'report.txt'), 'utf8');
    assert.match(report, /search module: English\/Russian \(every page is in English or Russian or has no language\)/);
    const wasm = readFileSync(path.join(site, 'folio', 'folio_bg.wasm'));
    const small = readFileSync(path.join(ROOT, 'crates', 'folio-cli', 'web', 'folio_bg.wasm'));
    assert.ok(wasm.equals(small), 'folio_bg.wasm is not the English/Russian module');
  });

  for (const [query, file] of [
    ['ἀστρονομία', 'astronomy.html'], // as on the page
    ['αστρονομια', 'astronomy.html'], // without accents
    ['ΠΛΑΝΗΤΑΙ', 'astronomy.html'], // capitals, no breathing or accent
    ['图书馆', 'libraries.html'], // in a row, paired as the page's run of characters was
    ['كتاب', 'books.html'], // without the page's vowel marks
    ['Kırıkkale', 'towns.html'], // dotless ı as on the page
    ['Kirikkale', 'towns.html'], // typed without Turkish letters
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
