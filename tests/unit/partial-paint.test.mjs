// The pure parts of painting a page from the chunks at hand: the rows of a partial page
// (www/src/results.js) and the typing benchmark's first and settled paints (bench/lib/typing.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pageSlots } from '../../www/src/results.js';
import { paintTimes, showsQuery } from '../../bench/lib/typing.mjs';

test('a partial page keeps each pending hit at its place', () => {
  const [a, b, c] = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  assert.deepEqual(pageSlots([a, b, c]), [a, b, c]);
  assert.deepEqual(pageSlots([a, b, c], []), [a, b, c]);
  assert.deepEqual(pageSlots([a, c], [1]), [a, null, c]);
  assert.deepEqual(pageSlots([b], [0, 2, 3]), [null, b, null, null]);
  assert.deepEqual(pageSlots([], [0, 1]), [null, null]);
  // Settling: the complete page has the same hits in the same places.
  const partial = pageSlots([a, c], [1]);
  const settled = pageSlots([a, b, c]);
  partial.forEach((slot, i) => slot && assert.equal(slot, settled[i]));
});

test('the first paint is the first frame that shows the final query', () => {
  const paints = [
    { t: 90, q: 'hea', filled: 10, pending: 0 },
    { t: 110, q: 'hea', filled: 10, pending: 0 }, // the previous prefix, repainted after the key
    { t: 112, q: 'heat', filled: 3, pending: 7 }, // the partial page
    { t: 400, q: 'heat', filled: 10, pending: 0 }, // settled
  ];
  assert.deepEqual(paintTimes('folio', paints, 100, 'heat'), { firstMs: 12, settledMs: 300, filled: 0.3 });
  // Nothing painted after the last key: the results were already shown.
  assert.deepEqual(paintTimes('folio', paints.slice(0, 1), 100, 'heat'), { firstMs: 0, settledMs: 0, filled: 1 });
  // A frame that names the query but shows no row yet ("searching") is not the first paint.
  const searching = [{ t: 105, q: 'heat', filled: 0, pending: 0 }, ...paints.slice(2)];
  assert.deepEqual(paintTimes('pagefind', searching, 100, 'heat'), { firstMs: 12, settledMs: 300, filled: 0.3 });
  // No frame names the query (a UI that does not say): the first paint is the settled one.
  assert.deepEqual(paintTimes('folio', [{ t: 150, q: null, filled: 2, pending: 0 }], 100, 'heat'), { firstMs: 50, settledMs: 50, filled: 1 });
});

test("Pagefind's summary names the query; Folio's attribute is the query", () => {
  assert.ok(showsQuery('pagefind', '12 results for heat transfer', 'heat transfer'));
  assert.ok(!showsQuery('pagefind', '30 results for heat transfe', 'heat transfer'));
  assert.ok(showsQuery('folio', 'heat transfer', 'heat transfer'));
  assert.ok(!showsQuery('folio', 'heat transfe', 'heat transfer'));
  assert.ok(!showsQuery('folio', null, 'heat'));
});
