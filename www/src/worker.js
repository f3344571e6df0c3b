// Folio's Web Worker: runs the wasm engine off the main thread so typing never waits for a search.
// Built into dist/folio-worker.js (a classic worker script: the engine glue is inlined, so it
// works wherever workers do). Protocol, one message per call:
//   page → worker  { id, op: 'init' | 'search' | 'document' | 'info' | 'loadIndex' | 'abort', args }
//                  (search's args: [query, options, typing, partial])
//   worker → page  { id, ok: true, value } | { id, ok: false, error: 'Folio: …', name }
//                  and, before them, for a search asked with `partial`: { id, partial: a
//                  PartialResponse } for each page answered from the chunks at hand
// 'abort' (args: [the id of a search]) gives that search up; it answers nothing itself.
import makeGlue from 'folio:glue'; // the bundler's: a function returning a fresh wasm-bindgen glue
import { Core } from './engine.js';
import { folioMessage } from './errors.js';

let core = null;
const running = new Map(); // id → AbortController of a search

async function run(id, op, args, signal) {
  if (op === 'init') {
    core = new Core(makeGlue, { timeout: args.timeout });
    return core.start(args.wasm, args.index, args.fallbackIndex);
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
