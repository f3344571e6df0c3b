// Unit tests (node --test, no browser) of the drop-in UI's pure parts: safe links, highlight
// ranges → text and <mark> nodes, and the search state in the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendHighlighted, highlightSegments, safeHref } from '../../www/src/dom.js';
import { stateFromUrl, urlWithState } from '../../www/src/url-state.js';
import { sameHeading } from '../../www/src/hits.js';

const BASE = 'https://museum.example/collection/';

test('safeHref keeps http(s) links, resolves relative ones, adds the anchor, refuses the rest', () => {
  assert.equal(safeHref('pages/vase.html', BASE, 'glaze', 'https:'), 'https://museum.example/collection/pages/vase.html#glaze');
  assert.equal(safeHref('/a.html#top', BASE, 'other', 'https:'), 'https://museum.example/a.html#top');
  assert.equal(safeHref('http://elsewhere.example/x', BASE, null, 'https:'), 'http://elsewhere.example/x');
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'blob:https://a/b', '', '   ', null, 42, {}]) {
    assert.equal(safeHref(bad, BASE, null, 'https:'), null, `accepted ${String(bad)}`);
  }
  // file: links only from a page that is itself a file:// copy.
  assert.equal(safeHref('pages/vase.html', 'file:///site/', null, 'https:'), null);
  assert.equal(safeHref('pages/vase.html', 'file:///site/', null, 'file:'), 'file:///site/pages/vase.html');
  assert.equal(safeHref('http://[bad', BASE, null, 'https:'), null);
});

test('highlight ranges become text and marked pieces, cleaned of bad, overlapping and unsorted ranges', () => {
  const text = 'Blue vase with cranes';
  assert.deepEqual(highlightSegments(text, [[5, 9]]), [['Blue ', false], ['vase', true], [' with cranes', false]]);
  assert.deepEqual(highlightSegments(text, [[15, 21], [0, 4]]), [['Blue', true], [' vase with ', false], ['cranes', true]]);
  // Overlapping and nested ranges mark each character once; out-of-bounds ones are clipped.
  assert.deepEqual(highlightSegments(text, [[0, 6], [2, 9], [3, 4]]), [['Blue v', true], ['ase', true], [' with cranes', false]]);
  assert.deepEqual(highlightSegments(text, [[-5, 2], [19, 99]]), [['Bl', true], ['ue vase with cran', false], ['es', true]]);
  // Malformed ranges are ignored; the whole text is always there, in order.
  for (const ranges of [null, 'x', [[3, 3]], [[5, 2]], [null, 'a', [1]], [[NaN, 4]]]) {
    assert.equal(highlightSegments(text, ranges).map(([piece]) => piece).join(''), text, JSON.stringify(ranges));
  }
  assert.deepEqual(highlightSegments('', [[0, 3]]), []);
});

test('appendHighlighted builds text nodes and <mark> elements only (corpus text is never parsed as HTML)', () => {
  const made = [];
  globalThis.document = {
    createTextNode: (data) => ({ kind: 'text', data }),
    createElement: (tag) => {
      const el = { kind: 'element', tag, textContent: '', attrs: {}, children: [], setAttribute(n, v) { this.attrs[n] = v; }, append(...c) { this.children.push(...c); } };
      made.push(el);
      return el;
    },
  };
  try {
    const parent = { children: [], append(...c) { this.children.push(...c); } };
    appendHighlighted(parent, '<img src=x onerror=alert(1)> vase', [[29, 33]]);
    assert.deepEqual(parent.children.map((n) => [n.kind, n.tag ?? null, n.data ?? n.textContent]), [
      ['text', null, '<img src=x onerror=alert(1)> '],
      ['element', 'mark', 'vase'],
    ]);
    assert.deepEqual(made.map((el) => el.tag), ['mark']);
  } finally {
    delete globalThis.document;
  }
});

test('the search state round-trips through the URL, keeping the page\'s own parameters', () => {
  const state = { q: 'prisoners of war', lang: ['en', 'ru'], type: ['telegram'], from: '1950', to: '1957', sort: 'date-desc', site: new Map() };
  const href = urlWithState('https://site.example/search.html?page=2#results', state);
  const url = new URL(href);
  assert.equal(url.searchParams.get('page'), '2');
  assert.equal(url.hash, '#results');
  assert.equal(url.searchParams.get('lang'), 'en,ru');
  assert.deepEqual(stateFromUrl(href), state);
  // Defaults and an empty query write nothing.
  assert.equal(urlWithState('https://site.example/?q=old&sort=date', { q: ' ', lang: ['en'], type: [], from: '', to: '', sort: 'date', site: new Map() }), 'https://site.example/');
  assert.equal(new URL(urlWithState('https://site.example/', { ...state, sort: 'relevance' })).searchParams.has('sort'), false);
  // What a person may type into the URL: repeated and comma-separated lists, an unknown sort.
  assert.deepEqual(stateFromUrl('https://site.example/?q=korea&lang=en&lang=ru,%20uk,&sort=random'), { q: 'korea', lang: ['en', 'ru', 'uk'], type: [], from: '', to: '', sort: 'relevance', site: new Map() });
});

test('a hit\'s section that is its title is not shown again (mdBook anchors the title\'s <h1>)', () => {
  assert.equal(sameHeading('Buoyancy', 'Buoyancy'), true);
  assert.equal(sameHeading(' Pascal’s  law', 'pascal’s law '), true);
  assert.equal(sameHeading('Manometers', 'Hydrostatics'), false);
  assert.equal(sameHeading('Hydrostatics', undefined), false);
});
