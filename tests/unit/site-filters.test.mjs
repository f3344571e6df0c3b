// Unit tests (node --test, no browser) of the pure parts of the site's own filters in the drop-in
// UI (issue 20): the search options the state asks for, the sort menu's values, the state in the
// URL with keys and values that are any string, and which hit images may be shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clearState, filterCount, searchOptions, sortOption, sortValue } from '../../www/src/site-filters.js';
import { stateFromUrl, urlWithState } from '../../www/src/url-state.js';
import { thumbnailSource } from '../../www/src/hits.js';

const HOSTILE = ['__proto__', 'constructor', '<img src=x onerror=alert(1)>', 'a"b\'c', 'f:x', 'by:asc:x', 'a,b', '&q=1', 'ж'.repeat(500), ''];

function state(site = new Map(), sort = 'relevance') {
  return { q: 'vase', lang: [], type: [], from: '', to: '', sort, site };
}

test('the state asks for the site filters chosen, by key, whatever the key is called', () => {
  const site = new Map(HOSTILE.map((key, i) => [key, [`v${i}`, HOSTILE[i]]]));
  site.set('unchosen', []);
  const options = searchOptions(state(site), 10, 20);
  assert.equal(Object.getPrototypeOf(options.filters), Object.prototype, '__proto__ is a key, not the prototype');
  assert.deepEqual(Object.keys(options.filters), HOSTILE, 'every chosen key, in order; none for a key with no value');
  assert.deepEqual(options.filters.__proto__, ['v0', '__proto__']);
  assert.deepEqual(JSON.parse(JSON.stringify(options)).filters.constructor, ['v1', 'constructor']);
  assert.deepEqual(structuredClone(options).filters['<img src=x onerror=alert(1)>'], ['v2', '<img src=x onerror=alert(1)>']);
  assert.equal(filterCount(state(site)), HOSTILE.length * 2);
  assert.equal(searchOptions(state(), 10, 0).filters, undefined, 'no filter chosen: no option');
  const cleared = state(site, 'date');
  clearState(cleared);
  assert.equal(cleared.site.size, 0);
  assert.equal(cleared.sort, 'date', 'clearing the filters keeps the order');
});

test('a site sort key is a menu value that round-trips to the sort option', () => {
  for (const key of HOSTILE) {
    for (const desc of [false, true]) {
      const option = sortOption(sortValue(key, desc));
      assert.deepEqual(Object.entries(option), [[key, desc ? 'desc' : 'asc']]);
    }
  }
  assert.equal(sortOption('date-desc'), 'date-desc');
  assert.equal(searchOptions(state(new Map(), sortValue('year', true)), 10, 0).sort.year, 'desc');
});

test('site filters and a site sort key round-trip through the URL, any key and value', () => {
  const site = new Map(HOSTILE.filter(Boolean).map((key) => [key, [key, 'x y']]));
  const s = state(site, sortValue('a,b', true));
  const href = urlWithState('https://site.example/search.html?page=2&f:old=1#top', s);
  const back = stateFromUrl(href);
  assert.deepEqual(back.site, site);
  assert.equal(back.sort, 'by:desc:a,b');
  assert.equal(new URL(href).searchParams.get('page'), '2', "the page's own parameters stay");
  assert.equal(new URL(href).searchParams.has('f:old'), false, 'a filter no longer chosen leaves the URL');
  assert.equal(stateFromUrl('https://site.example/?q=x&sort=by:up:year').sort, 'relevance');
});

test('only an http(s) or relative image is shown, relative to its page, with its alt text', () => {
  const base = 'https://museum.example/collection/';
  const hit = (meta, url = 'rooms/a/vase.html') => ({ url, meta });
  assert.deepEqual(thumbnailSource(hit({ image: '../img/v.jpg', image_alt: 'A vase' }), base, 'https:'), { src: 'https://museum.example/collection/rooms/img/v.jpg', alt: 'A vase' });
  assert.deepEqual(thumbnailSource(hit({ image: 'https://cdn.example/v.jpg' }, null), base, 'https:'), { src: 'https://cdn.example/v.jpg', alt: '' });
  for (const image of ['javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'vbscript:x', '', '  ', 42, null]) {
    assert.equal(thumbnailSource(hit({ image }), base, 'https:'), null, String(image));
  }
  assert.equal(thumbnailSource(hit({ image: 'v.jpg' }, 'javascript:alert(1)'), base, 'https:').src, 'https://museum.example/collection/v.jpg', 'a bad page URL: the site root');
  assert.equal(thumbnailSource(hit(Object.create({ image: 'x.jpg' })), base, 'https:'), null, 'inherited keys are not the hit\'s');
  assert.equal(thumbnailSource({}, base, 'https:'), null);
  assert.equal(thumbnailSource(hit({ image: 'v.jpg', image_alt: 7 }), base, 'https:').alt, '');
});
