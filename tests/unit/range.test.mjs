// The static servers' Range parsing (scripts/range.mjs), which packed indexes are read through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRange } from '../../scripts/range.mjs';

test('one range is served, end inclusive in the header and exclusive in the answer', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 10 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 100 });
  assert.deepEqual(parseRange('bytes=95-200', 100), { start: 95, end: 100 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 100 });
  assert.deepEqual(parseRange('bytes=-1000', 100), { start: 0, end: 100 });
});

test('a range past the end is unsatisfiable; other headers get the whole file', () => {
  assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
  for (const h of [undefined, '', 'bytes=', 'bytes=-', 'items=0-1', 'bytes=0-1,5-9', 'bytes=9-3', 'bytes=a-b']) {
    assert.equal(parseRange(h, 100), null, String(h));
  }
});
