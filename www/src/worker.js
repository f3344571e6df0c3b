// Folio's Web Worker: runs the wasm engine off the main thread so typing never waits for a search.
// Built into dist/folio-worker.js (a classic worker script: the engine glue is inlined, so it
// works wherever workers do). Protocol, one message per call:
//   page → worker  { id, op: 'init' | 'search' | 'info' | 'loadIndex', args }
//   worker → page  { id, ok: true, value } | { id, ok: false, error: 'Folio: …' }
import { callEngine, folioMessage, openIndex, startEngine } from './engine.js';

/* global FOLIO_GLUE */
const glue = FOLIO_GLUE; // replaced by the bundler with the inlined wasm-bindgen glue

self.onmessage = async (event) => {
  const { id, op, args } = event.data || {};
  try {
    let value;
    if (op === 'init') value = await startEngine(glue, args.wasm, args.index, args.fallbackIndex);
    else if (op === 'loadIndex') value = await openIndex(glue, args[0]);
    else value = await callEngine(glue, op, args || []);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: folioMessage(err) });
  }
};
