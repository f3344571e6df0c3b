// Unit tests (node --test, no browser) of where Folio.init() runs the engine when `worker` is not
// given (www/src/api.js): on the page's thread for a small index, handed to a worker once the
// index opened on the page proves large or its file is too big to open there; `worker: true`
// and `worker: false` as asked. The engine and the worker are stand-ins that record their calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PAGE_THREAD_BYTES, PAGE_THREAD_DOCUMENTS, configure, defaultThread, init } from '../../www/src/api.js';

test('small indexes stay on the page; many documents or a large file go to a worker', () => {
  assert.equal(defaultThread(null, null), 'main');
  assert.equal(defaultThread(1400, 20_000), 'main');
  assert.equal(defaultThread(PAGE_THREAD_DOCUMENTS, PAGE_THREAD_BYTES), 'main');
  assert.equal(defaultThread(PAGE_THREAD_DOCUMENTS + 1, 2_000), 'worker');
  assert.equal(defaultThread(null, PAGE_THREAD_BYTES + 1), 'worker');
});

/** A page whose index (given by URL) has `documents` documents in a root of `bytes` bytes. */
function fakePage({ documents, bytes }) {
  const log = [];
  globalThis.document = { baseURI: 'https://example.org/site/' };
  globalThis.fetch = async (url) => {
    log.push(`fetch ${url}`);
    return { ok: true, arrayBuffer: async () => new ArrayBuffer(bytes) };
  };
  class Core {
    async start(_wasm, index, _fallback, root) {
      const given = root ? await root : null;
      log.push(`page opens ${index} (root ${given ? given.bytes.length : 'not given'})`);
      return { documents };
    }
  }
  globalThis.Worker = class {
    constructor(url) {
      log.push(`worker ${url}`);
      this.listeners = {};
    }
    addEventListener(type, f) {
      (this.listeners[type] ||= []).push(f);
    }
    postMessage(message) {
      const { id, op, args } = message;
      if (op === 'root') log.push(`worker given the root (${args[0] ? args[0].bytes.length : 'none'})`);
      if (op === 'init') {
        log.push(`worker opens ${args.index}`);
        queueMicrotask(() => this.listeners.message.forEach((f) => f({ data: { id, ok: true, value: { documents } } })));
      }
    }
    terminate() {}
  };
  configure({ wasm: 'https://example.org/folio_bg.wasm', worker: 'https://example.org/folio-worker.js', glue: async () => ({ Core, createGlue: () => ({}) }), defaultIndex: null });
  return log;
}

const INDEX = 'https://example.org/site/index.folio';

test('a small index is searched on the page, its root fetched once', async () => {
  const log = fakePage({ documents: 1400, bytes: 20_000 });
  const engine = await init({ index: 'index.folio' });
  assert.equal(engine.mode, 'main');
  assert.deepEqual(log, [`fetch ${INDEX}`, `page opens ${INDEX} (root 20000)`]);
});

test('an index of many documents moves to a worker, which gets the root fetched on the page', async () => {
  const log = fakePage({ documents: PAGE_THREAD_DOCUMENTS + 1, bytes: 2_000 });
  const engine = await init({ index: 'index.folio' });
  assert.equal(engine.mode, 'worker');
  assert.deepEqual(log, [`fetch ${INDEX}`, `page opens ${INDEX} (root 2000)`, 'worker https://example.org/folio-worker.js', `worker opens ${INDEX}`, 'worker given the root (2000)']);
});

test('a whole index too large for the page is never opened there', async () => {
  const log = fakePage({ documents: 50_000, bytes: PAGE_THREAD_BYTES + 1 });
  const engine = await init({ index: 'index.folio' });
  assert.equal(engine.mode, 'worker');
  assert.ok(!log.some((l) => l.startsWith('page opens')), log.join('\n'));
  assert.ok(log.includes(`worker given the root (${PAGE_THREAD_BYTES + 1})`), log.join('\n'));
});

test('worker: true and worker: false are obeyed whatever the size', async () => {
  let log = fakePage({ documents: 10, bytes: 100 });
  assert.equal((await init({ index: 'index.folio', worker: true })).mode, 'worker');
  assert.ok(!log.some((l) => l.startsWith('page opens')), log.join('\n'));
  log = fakePage({ documents: PAGE_THREAD_DOCUMENTS * 10, bytes: 100 });
  assert.equal((await init({ index: 'index.folio', worker: false })).mode, 'main');
  assert.deepEqual(log, [`page opens ${INDEX} (root not given)`]);
});

test('a site without folio-engine.js searches in the worker, as it did before the page\'s thread was the default', async () => {
  const log = fakePage({ documents: 1400, bytes: 20_000 });
  configure({ wasm: 'https://example.org/folio_bg.wasm', worker: 'https://example.org/folio-worker.js', glue: async () => { throw new TypeError('Failed to fetch dynamically imported module'); }, defaultIndex: null });
  const engine = await init({ index: 'index.folio' });
  assert.equal(engine.mode, 'worker');
  assert.ok(log.includes('worker given the root (20000)'), log.join('\n'));
  // Without a worker either, the error says what is missing.
  delete globalThis.Worker;
  await assert.rejects(init({ index: 'index.folio' }), /could not load the search engine's code \(folio-engine\.js\)/);
});
