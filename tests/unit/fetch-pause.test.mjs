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

// A two-level directory's pages (`p<k>`, issue 23) are named alike for term and document chunks:
// a page is what its round fetches. A term page (about 700 bytes) must go at once, as the term
// chunk it leads to does, or typing waits a pause per letter for what the next letter needs too.
const p = (n) => `chunks/0000feed-p${n}.folio`;
const packedPage = (at) => `chunks/0000feed-p0.pack#${at},700`;

test('a term page goes at once, as a term chunk does; a document page waits as document chunks do', () => {
  assert.equal(fetchPause([p(3)], 'footb', false), 0, 'the term page of the word being typed');
  assert.equal(fetchPause([packedPage(0)], 'footb', false), 0, 'a packed term page');
  assert.equal(fetchPause([p(3), t(1)], 'footb', false), 0, 'a page and a chunk: two small term fetches');
  assert.ok(fetchPause([p(3), p(4), p(5)], 'football clu', false) >= TYPING.pauseMs, 'many term pages wait as many term chunks do');
  // The round after the ranking fetches the page's documents: their pages wait as the chunks do.
  const docPages = fetchPause([p(40), p(41)], 'footb', true);
  assert.ok(docPages >= TYPING.pauseMs, `${docPages} ms: document pages go before a pause in the typing`);
  assert.equal(docPages, fetchPause([d(1), d(2)], 'footb', true));
  assert.equal(fetchPause([packedPage(0), packedPage(700)], 'supersonic ', true), TYPING.wordPauseMs);
});

// The keys of a longer prefix lie in the range of a shorter one, so the chunks a word's prefix of
// five letters or more needs also serve every letter that follows: fetched at once when they are
// few, the last letter finds them at hand instead of waiting a pause before its first paint.
test('a few term chunks of a prefix of five letters or more go at once; more, or a shorter prefix, wait', () => {
  const three = [t(1), t(2), t(3)];
  assert.equal(fetchPause(three, 'studio album'), 0);
  assert.equal(fetchPause(three, 'backgammon'), 0);
  assert.equal(fetchPause(three, 'поле рукав'), 0, 'letters, not bytes');
  assert.ok(fetchPause(three, 'studio albu') >= TYPING.pauseMs, 'four letters: the range is still wide');
  assert.ok(fetchPause([...three, t(4)], 'studio album') >= TYPING.pauseMs, 'four term chunks wait');
  assert.ok(fetchPause([t(1), d(1)], 'studio album') >= TYPING.pauseMs, 'a document chunk still waits');
  assert.equal(fetchPause([p(1), p(2), t(3)], 'studio album', false), 0, 'term pages count as term chunks');
});
