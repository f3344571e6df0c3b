// The query language and the matching features, in a real browser through the wasm engine:
// phrases, exclusions, prefixes, field scopes, filters, facets, typos at one and two edits, OCR
// confusions, transliteration and "did you mean" (the same behaviours tests/query_features.rs
// checks natively).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, startSite } from './helpers.mjs';

describe('query features in the browser', () => {
  let site;
  let page;
  let context;
  const problems = [];
  /** Runs `query` with `options` in the page and returns the response. */
  const run = (query, options = {}) =>
    page.evaluate(async ([q, o]) => {
      const { default: Folio } = await import('./pkg/folio.js');
      const folio = await Folio.init();
      return folio.search(q, { limit: 50, prefixLast: false, ...o });
    }, [query, options]);
  const ids = (r) => r.hits.map((h) => h.id);
  const marked = (hit) => hit.snippet.highlights.map(([a, b]) => hit.snippet.text.slice(a, b));

  before(async () => {
    site = await startSite();
    ({ page, context } = await openPage(site, problems));
  });

  after(async () => {
    await context?.close().catch(() => {});
    await site?.stop();
  });

  test('a phrase needs its words in order, and an exclusion removes documents', async () => {
    const phrase = await run('"prisoners of war"');
    assert.ok(phrase.complete >= 1);
    assert.equal((await run('"war of prisoners"')).complete, 0);
    const all = await run('Mikoyan');
    const without = await run('Mikoyan -plenum');
    assert.ok(without.total < all.total);
    assert.ok(without.terms.some((t) => t.term === 'plenum' && t.excluded));
  });

  test('prefixes, field scopes, filters and facets', async () => {
    assert.match((await run('Puzan*')).hits[0].title, /Puzanov/);
    assert.equal((await run('title:Puzanov')).total, 1);
    assert.equal((await run('title:Goldberg')).total, 0);
    const telegrams = await run('Korean', { type: ['telegram'] });
    assert.ok(telegrams.total > 0 && telegrams.hits.every((h) => h.type === 'telegram'));
    const range = await run('Korean', { date: '1955-12-01..1956-09-30' });
    assert.ok(range.hits.every((h) => h.date >= '1955-12-01' && h.date <= '1956-09-30'));
    const korean = await run('Korean');
    assert.ok(korean.facets.type.telegram >= 2);
    assert.deepEqual(telegrams.facets, korean.facets);
  });

  test('one typo from four letters and two from nine are forgiven, with a suggestion', async () => {
    const one = await run('Puzanof');
    assert.match(one.hits[0].title, /Puzanov/);
    assert.equal(one.didYouMean, 'puzanov');
    const two = await run('citiznehsip');
    assert.equal(two.hits[0].date, '1955-12-06');
    assert.ok(marked(two.hits[0]).includes('citizenship'), 'the word in the text is highlighted');
    // Four letters get one typo (issue 22, as tests/query_features.rs); three get none.
    const four = await run('Kimm');
    assert.ok(four.total > 0 && four.didYouMean === 'kim', `Kimm: ${four.total}, ${four.didYouMean}`);
    assert.equal((await run('Kmi')).total, 0);
  });

  test('OCR confusions and transliteration cross to the other spelling', async () => {
    const damaged = await run('Клм');
    const clean = await run('Ким');
    assert.ok(damaged.hits.some((h) => h.id.startsWith('001')));
    assert.ok(clean.hits.some((h) => h.id.startsWith('001')));
    const latin = await run('Mikoyan');
    const cyrillic = await run('Микоян');
    assert.deepEqual(ids(cyrillic), ids(latin));
    assert.ok(latin.hits[0].score > cyrillic.hits[0].score);
  });

  test('the console stays clean', () => {
    assert.deepEqual(problems, []);
  });
});
