// Folio's Web Worker: runs the wasm engine off the main thread so typing never waits for a search.
// Built into dist/folio-worker.js (a classic worker script: the engine glue is inlined, so it
// works wherever workers do). Protocol, one message per call:
//   page → worker  { id, op: 'init' | 'search' | 'document' | 'info' | 'loadIndex' | 'abort', args }
//                  (search's args: [query, options, typing, partial]; init's: { wasm, index,
//                  fallbackIndex, timeout, given: { module, root } }: which of the two the page
//                  hands over in a later 'module' / 'root' message, args [the Module or { url,
//                  bytes }, or null: fetch it here]; those answer nothing)
//   worker → page  { id, ok: true, value } | { id, ok: false, error: 'Folio: …', name }
//                  and, before them, for a search asked with `partial`: { id, partial: a
//                  PartialResponse } for each page answered from the chunks at hand
// 'abort' (args: [the id of a search]) gives that search up; it answers nothing itself.
import makeGlue from 'folio:glue'; // the bundler's: a function returning a fresh wasm-bindgen glue
import { Core } from './engine.js';
import { folioMessage } from './errors.js';

let core = null;
const running = new Map(); // id → AbortController of a search

// What the page hands over ('module': the wasm it compiled; 'root': { url, bytes } of the index's
// root), each a promise resolved by that message; null in it: fetch it here.
const given = {};
for (const what of ['module', 'root']) {
  let resolve;
  given[what] = { promise: new Promise((r) => { resolve = r; }), resolve: (v) => resolve(v) };
}

async function run(id, op, args, signal) {
  if (op === 'init') {
    core = new Core(makeGlue, { timeout: args.timeout });
    const wasm = args.given?.module ? given.module.promise.then((m) => m || args.wasm) : args.wasm;
    const root = args.given?.root ? given.root.promise : null;
    return core.start(wasm, args.index, args.fallbackIndex, root);
  }
  if (!core) throw new Error('Folio: the search worker was not started');
  if (op === 'search') {
    const onPartial = args[3] === true ? (partial) => self.postMessage({ id, partial }) : null;
    return core.search(args[0], args[1] == null ? undefined : args[1], signal, args[2] === true, onPartial);
  }
  if (op === 'document') return core.document(args[0], args[1], signal);
  if (op === 'info') return core.info();
  if (op === 'loadIndex') return core.loadIndex(args[0]);
  throw new Error(`Folio: unknown operation ${op}`);
}

self.onmessage = async (event) => {
  const { id, op, args } = event.data || {};
  if (op === 'abort') {
    running.get(args && args[0])?.abort();
    return;
  }
  if (op === 'module' || op === 'root') {
    given[op].resolve(args[0] ?? null);
    return;
  }
  const controller = new AbortController();
  running.set(id, controller);
  try {
    const value = await run(id, op, args || [], controller.signal);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: folioMessage(err), name: err && err.name });
  } finally {
    running.delete(id);
  }
};
