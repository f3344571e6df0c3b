// Where a drop-down panel of results goes (www/src/dropdown.js): under the box, inside the window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { panelPlace } from '../../www/src/dropdown.js';

test('a box on the right of a wide navbar opens its panel to the left, lined up with its right edge', () => {
  // Docusaurus's navbar at 1280 px: the box from 1008 to 1264; the panel 42rem = 672 px.
  assert.deepEqual(panelPlace({ left: 1008, right: 1264 }, 1280, 16), { left: 256 - 672, width: 672 });
});

test('a box on the left opens its panel to the right', () => {
  assert.deepEqual(panelPlace({ left: 200, right: 456 }, 1280, 16), { left: 0, width: 672 });
});

test('on a phone the panel takes the window less its edges, moved back inside it', () => {
  // minima's header at 390 px: the box from 200 to 375, in the right half.
  const { left, width } = panelPlace({ left: 200, right: 375 }, 390, 16);
  assert.equal(width, 390 - 16);
  assert.equal(200 + left, 8, 'its left edge 8 px inside the window');
  // A box in the left half that the panel would push past the right edge.
  const moved = panelPlace({ left: 20, right: 180 }, 390, 16);
  assert.equal(20 + moved.left + moved.width, 390 - 8);
});
