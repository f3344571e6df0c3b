// Browser tests of sites in other languages and scripts, indexed with no configuration.
//
// A site in several languages (issue 20): `folio index` stems tests/fixtures/languages by each
// page's language and writes the all-languages search module into the bundle (as folio_bg.wasm,
// like the English/Russian one), so the drop-in finds the German, French, Greek, Turkish and
// Japanese pages by the queries tests/languages.rs asks: other inflections than the pages have,
// and a Japanese word spelt by its characters in a row.
//
// An English site quoting words of other scripts (Greek, Chinese, Arabic) and a Turkish town
// (tests/fixtures/foreign-words): the English/Russian module, which folds and pairs every script
// as the index did, so the drop-in finds each word as typed, with or without its accents, vowel
// marks or Turkish letters. (The 63k Wikipedia leads got the all-languages module, 55 KB gzip
// more, for the Greek of their etymologies.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, openIndexedFixture, readHits, resultsFor, searchBox } from './helpers.mjs';

/**
 * Indexes and serves the fixture `name`, checks the report's module line (`reason`) and that the
 * bundle's folio_bg.wasm is the module built in web/<moduleDir>, then that each query of `cases`
 * finds its file first with a word marked.
 */
function site(title, name, { reason, moduleDir }, cases) {
  describe(title, () => {
    let fixture;
    const problems = [];

    before(async () => {
      fixture = await openIndexedFixture(name, problems);
    });

    after(async () => {
      await fixture?.stop();
    });

    test(`the bundle has the ${moduleDir ? 'all-languages' : 'English/Russian'} module, and its report says why`, () => {
      const report = readFileSync(path.join(fixture.site, 'folio', 'report.txt'), 'utf8');
      assert.match(report, reason);
      const wasm = readFileSync(path.join(fixture.site, 'folio', 'folio_bg.wasm'));
      const built = readFileSync(path.join(ROOT, 'crates', 'folio-cli', 'web', moduleDir, 'folio_bg.wasm'));
      assert.ok(wasm.equals(built), `folio_bg.wasm is not the module of web/${moduleDir}`);
    });

    for (const [query, file] of cases) {
      test(`“${query}” finds ${file} first`, async () => {
        const { page, server } = fixture;
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
}

site('a site in several languages', 'languages', {
  reason: /search module: all-languages \(pages in de, el, fr, ja, tr /,
  moduleDir: 'languages',
}, [
  ['Haus Kind', 'de.html'], // Häusern, Kinder on the page
  ['Haeuser', 'de.html'], // Häusern without umlauts
  ['cheval prairie', 'fr.html'], // chevaux, prairies
  ['μαθητών βιβλίων', 'el.html'], // μαθητές, βιβλία
  ['kitap ev', 'tr.html'], // Kitaplarımızı, evlerimize
  ['İstanbul', 'tr.html'], // İstanbul'daki
  ['図書館', 'ja.html'], // 図書館 in a row; ja-calligraphy.html has 図, 書 and 館 apart
]);

site('an English site quoting words of other scripts', 'foreign-words', {
  reason: /search module: English\/Russian \(every page is in English or Russian or has no language\)/,
  moduleDir: '',
}, [
  ['ἀστρονομία', 'astronomy.html'], // as on the page
  ['αστρονομια', 'astronomy.html'], // without accents
  ['ΠΛΑΝΗΤΑΙ', 'astronomy.html'], // capitals, no breathing or accent
  ['图书馆', 'libraries.html'], // in a row, paired as the page's run of characters was
  ['كتاب', 'books.html'], // without the page's vowel marks
  ['Kırıkkale', 'towns.html'], // dotless ı as on the page
  ['Kirikkale', 'towns.html'], // typed without Turkish letters
]);
