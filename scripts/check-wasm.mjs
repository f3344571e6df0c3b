#!/usr/bin/env node
// Loads a wasm-bindgen --target web package in Node and makes one search, to prove the
// module instantiates and answers. Used by build-web.sh to reject a broken optimised wasm.
//
//   node scripts/check-wasm.mjs <pkg dir> [wasm file]      exit 0 = works
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.resolve(process.argv[2] ?? 'target/web-pkg');
const wasmFile = path.resolve(process.argv[3] ?? path.join(dir, 'folio_bg.wasm'));

try {
  const folio = await import(pathToFileURL(path.join(dir, 'folio.js')).href);
  folio.initSync({ module: readFileSync(wasmFile) });
  const info = folio.info();
  if (!(info && Number.isInteger(info.documents) && info.documents > 0)) {
    throw new Error(`info() returned ${JSON.stringify(info)}`);
  }
  const res = folio.search('the', { limit: 1 });
  if (!(res && Array.isArray(res.hits) && typeof res.total === 'number')) {
    throw new Error(`search() returned ${JSON.stringify(res)}`);
  }
  console.log(`check-wasm: ok (${info.documents} documents, ${info.terms} terms)`);
} catch (err) {
  console.error(`check-wasm: ${path.relative(process.cwd(), wasmFile)} does not work: ${err?.message ?? err}`);
  process.exit(1);
}
