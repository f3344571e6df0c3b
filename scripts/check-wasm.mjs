#!/usr/bin/env node
// Loads a wasm-bindgen --target web package in Node and makes one search, to prove the
// module instantiates and answers (through its Engine API). Used by build-web.sh to reject a broken optimised wasm.
//
//   node scripts/check-wasm.mjs <pkg dir> [wasm file] [--bare]      exit 0 = works
// With --bare the module embeds no index: it must instantiate and refuse to search with the
// error that says to load an index (an error crosses the same externref table a result does).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const bare = args.includes('--bare');
const [dirArg, wasmArg] = args.filter((a) => a !== '--bare');
const dir = path.resolve(dirArg || 'target/web-pkg');
const wasmFile = path.resolve(wasmArg || path.join(dir, 'folio_bg.wasm'));

try {
  const folio = await import(pathToFileURL(path.join(dir, 'folio.js')).href);
  folio.initSync({ module: readFileSync(wasmFile) });
  if (bare) {
    let message = null;
    if (folio.Engine.hasEmbeddedIndex()) throw new Error('a module built without an index says it has one');
    try {
      folio.Engine.embedded();
    } catch (err) {
      message = String(err?.message ?? err);
    }
    if (!message || !message.includes('without an embedded index')) {
      throw new Error(`a module without an index should refuse to search; it said ${JSON.stringify(message)}`);
    }
    console.log('check-wasm: ok (no embedded index; refuses to search until one is loaded)');
    process.exit(0);
  }
  const engine = folio.Engine.embedded();
  const info = engine.info();
  if (!(info && Number.isInteger(info.documents) && info.documents > 0)) {
    throw new Error(`info() returned ${JSON.stringify(info)}`);
  }
  const res = engine.search('the', { limit: 1 });
  if (!(res && Array.isArray(res.hits) && typeof res.total === 'number')) {
    throw new Error(`search() returned ${JSON.stringify(res)}`);
  }
  console.log(`check-wasm: ok (${info.documents} documents, ${info.terms} terms)`);
} catch (err) {
  console.error(`check-wasm: ${path.relative(process.cwd(), wasmFile)} does not work: ${err?.message ?? err}`);
  process.exit(1);
}
