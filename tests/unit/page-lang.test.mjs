// Unit tests (node --test, no browser) of the page-language rule (www/src/page-lang.js): a search
// from a page in language xx leaves out the documents that declare a version in xx, unless it
// chooses languages; a response's facets lose Folio's own filter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRANSLATIONS, hasTranslations, languageCode, withPageLanguage, withoutTranslations } from '../../www/src/page-lang.js';

test('a page\'s lang attribute becomes the code the index gives its pages', () => {
  for (const [tag, code] of [['en', 'en'], ['ru-RU', 'ru'], ['zh-Hans-CN', 'zh'], [' EN ', 'en'], ['pt_BR', 'pt'], ['fil', 'fil'], ['en.', 'en']]) {
    assert.equal(languageCode(tag), code, tag);
  }
  // What is not a code is kept lowercased (as metadata.rs keeps it), and nothing is no language.
  assert.equal(languageCode('Klingon'), 'klingon');
  for (const nothing of ['', '   ', null, undefined, 42]) assert.equal(languageCode(nothing), null);
});

test('from a page in a language, the other languages\' versions of its pages are left out', () => {
  assert.deepEqual(withPageLanguage(undefined, 'ru'), { filters: { [TRANSLATIONS]: { none: ['ru'] } } });
  assert.deepEqual(withPageLanguage({ limit: 5, lang: null }, 'en'), { limit: 5, lang: null, filters: { [TRANSLATIONS]: { none: ['en'] } } });
  // The site's own filters stay beside it, the caller's object unchanged.
  const options = { filters: { room: ['2'] }, sort: 'date' };
  assert.deepEqual(withPageLanguage(options, 'zh'), { filters: { room: ['2'], [TRANSLATIONS]: { none: ['zh'] } }, sort: 'date' });
  assert.deepEqual(options, { filters: { room: ['2'] }, sort: 'date' });
  // A filter named like Object.prototype's own properties stays a filter.
  const odd = JSON.parse('{"filters": {"__proto__": ["x"]}}');
  const result = withPageLanguage(odd, 'en');
  assert.deepEqual(Object.keys(result.filters), ['__proto__', TRANSLATIONS]);
});

test('chosen languages, every language, the caller\'s own rule and no page language leave the options alone', () => {
  const chosen = { lang: ['ru'] };
  assert.equal(withPageLanguage(chosen, 'en'), chosen);
  assert.deepEqual(withPageLanguage({ lang: [], limit: 3 }, 'en'), { limit: 3 }, '[] is every language: nothing left out');
  assert.deepEqual(withPageLanguage({ lang: [] }, null), {});
  const own = { filters: { [TRANSLATIONS]: { none: ['de'] } } };
  assert.equal(withPageLanguage(own, 'en'), own);
  for (const options of [undefined, { limit: 3 }]) assert.equal(withPageLanguage(options, null), options);
  // Options the engine will refuse reach it as they are, for its message.
  for (const bad of ['ru', ['x'], { filters: 'room' }, { filters: ['room'] }, { lang: 'ru' }]) assert.equal(withPageLanguage(bad, 'en'), bad);
});

test('responses say whether the index holds translations, and lose the filter from their facets', () => {
  const facets = () => ({ lang: { en: 1 }, filters: [{ key: 'room', counts: {} }, { key: TRANSLATIONS, counts: { ru: 1 } }] });
  const response = { hits: [], facets: facets() };
  assert.equal(hasTranslations(response), true);
  assert.deepEqual(withoutTranslations(response).facets.filters, [{ key: 'room', counts: {} }]);
  assert.equal(hasTranslations(response), false);
  assert.equal(hasTranslations({ needs: ['chunks/x'] }), null, 'a response that does not list the filters');
  assert.deepEqual(withoutTranslations({ needs: ['chunks/x'] }), { needs: ['chunks/x'] });
});
