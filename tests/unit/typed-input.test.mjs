// Unit test (node --test, no browser) of which input events the drop-in UI treats as typing
// (www/src/dom.js isTyped): while a query is typed, costly chunk fetches wait for a pause
// (engine.js fetchPause); a query pasted, dropped or autocompleted in one go is searched at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isTyped } from '../../www/src/dom.js';

test('letters typed or deleted are typing', () => {
  for (const t of ['insertText', 'deleteContentBackward', 'deleteWordBackward', 'insertCompositionText', '', undefined]) {
    assert.equal(isTyped(t), true, String(t));
  }
});

test('a pasted, dropped or autocompleted query is not', () => {
  for (const t of ['insertFromPaste', 'insertFromDrop', 'insertFromYank', 'insertReplacementText']) {
    assert.equal(isTyped(t), false, t);
  }
});
