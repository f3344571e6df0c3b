// Unit tests (node --test, no browser) of how long a search being typed waits before it fetches
// chunks (www/src/engine.js fetchPause): a term chunk or two at once, more (or any document
// chunk) only after a pause in the typing that grows with the download, up to a cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TYPING, fetchPause } from '../../www/src/engine.js';

const t = (n) => `chunks/0000feed-t${n}.folio`;
const d = (n) => `chunks/0000feed-d${n}.folio`;

test('nothing to fetch, or a term chunk or two, goes at once', () => {
  assert.equal(fetchPause([]), 0);
  assert.equal(fetchPause([t(3)]), 0);
  assert.equal(fetchPause([t(3), t(4)]), 0);
});

test('document chunks and the many term chunks of a short prefix wait for a pause in the typing', () => {
  const one = fetchPause([d(1)]);
  assert.ok(one >= TYPING.pauseMs && one > 120, `${one} ms is shorter than a key`);
  assert.ok(fetchPause([t(1), t(2), t(3)]) >= TYPING.pauseMs);
  assert.ok(fetchPause([d(1), d(2), d(3), d(4)]) > one, 'a larger download waits longer');
  assert.equal(fetchPause(Array.from({ length: 100 }, (_, i) => t(i))), TYPING.maxPauseMs);
});
