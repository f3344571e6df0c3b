// Unit tests (node --test, no browser) of how long a search being typed waits before it fetches
// chunks (www/src/engine.js fetchPause): a term chunk or two at once, document chunks only after
// a pause in the typing that grows with the download, up to a cap, and longer still for what the
// next letter all but certainly makes useless: a short prefix's many term chunks, and a query
// typed up to the space between two words.
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
  assert.ok(fetchPause([t(1), t(2), t(3)], 'b') >= TYPING.pauseMs);
  assert.ok(fetchPause([d(1), d(2), d(3), d(4)]) > one, 'a larger download waits longer');
  assert.equal(fetchPause(Array.from({ length: 100 }, (_, i) => d(i))), TYPING.maxPauseMs);
});

test('the many term chunks of a one- or two-letter prefix wait longer than any page of documents', () => {
  const prefix = fetchPause([t(1), t(2), t(3)], 'boundary l');
  assert.equal(prefix, TYPING.wordPauseMs);
  assert.ok(prefix > fetchPause(Array.from({ length: 100 }, (_, i) => d(i)), 'boundary l'));
  assert.ok(prefix >= 500, `${prefix} ms is a pause between two words, not one between letters`);
});

test('the term chunks of a longer prefix wait for a pause, shorter than a page of documents', () => {
  const word = fetchPause([t(1), t(2), t(3)], 'football clu');
  assert.ok(word >= TYPING.pauseMs && word < TYPING.wordPauseMs, `${word} ms`);
  assert.ok(word < fetchPause(Array.from({ length: 10 }, (_, i) => d(i)), 'football clu'));
  assert.equal(fetchPause([t(1), t(2), t(3)], 'поле ру'), TYPING.wordPauseMs, 'letters, not bytes, make a prefix short');
});

test('a query typed up to the space between two words waits as long for its documents', () => {
  assert.equal(fetchPause([d(1), d(2)], 'supersonic '), TYPING.wordPauseMs);
  assert.ok(fetchPause([d(1), d(2)], 'supersonic') < TYPING.wordPauseMs);
  assert.equal(fetchPause([t(1)], 'supersonic '), 0, 'a word\'s own chunk still goes at once');
});
