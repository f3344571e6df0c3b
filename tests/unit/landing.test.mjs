// Unit tests (node --test, no browser) of when the drop-in UI's script brings in
// folio-highlight.js on the page a result opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsHighlighter } from '../../www/src/landing.js';
import { HIGHLIGHT_PARAM, pageHref } from '../../www/src/links.js';

test('a page opened from a result loads the highlighter, once', () => {
  const href = pageHref('kiln.html', 'https://museum.example/', 'firing', null, ['glaze']);
  assert.equal(HIGHLIGHT_PARAM, 'folio-highlight');
  assert.equal(needsHighlighter(href, ['https://museum.example/folio/folio.js']), true);
  assert.equal(needsHighlighter(href, ['https://museum.example/folio/folio-highlight.js']), false, 'the page has its own copy');
  assert.equal(needsHighlighter(href, ['/folio/folio-highlight.js?v=2']), false);
  assert.equal(needsHighlighter(href, ['https://cdn.example/not-folio-highlight.js.map']), true);
});

test('a page opened otherwise loads nothing', () => {
  assert.equal(needsHighlighter('https://museum.example/kiln.html#firing', []), false);
  assert.equal(needsHighlighter('https://museum.example/kiln.html?q=glaze', []), false, 'the search page\'s own query');
  assert.equal(needsHighlighter('not a url', []), false);
});
