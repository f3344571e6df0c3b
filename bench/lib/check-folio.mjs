#!/usr/bin/env node
// Loads a wasm-bindgen Folio package in Node and runs one search, so that the benchmark never
// measures a package that does not work.
//
//   node lib/check-folio.mjs <pkgDir> [--bare] [--index <index.folio>]
//
// Default: the module must embed an index (the seeds) and answer from it.
// --bare:  the module must embed none: search() must refuse with the error that says to load an
//          index (like scripts/check-wasm.mjs --bare; the error crosses the same externref table a
//          result does).
// --index: then Engine.open(<index.folio>) (chunks of a split index are read from its folder) and
//          search again, which proves that a bare module answers once it has an index.
// Prints {embedded, documents, terms, ...} as JSON on stdout; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
let mode = 'embedded';
let indexFile = null;
const pos = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--bare') mode = 'bare';
  else if (args[i] === '--index') indexFile = args[++i];
  else pos.push(args[i]);
}
const [pkgDir] = pos;
if (!pkgDir) throw new Error('usage: check-folio.mjs <pkgDir> [--bare] [--index <index.folio>]');

const glue = await import(pathToFileURL(path.resolve(pkgDir, 'folio.js')).href);
glue.initSync({ module: fs.readFileSync(path.join(pkgDir, 'folio_bg.wasm')) });

const embedded = glue.Engine.hasEmbeddedIndex();
if (mode === 'embedded' && !embedded) throw new Error('the module embeds no index (built with --no-default-features?)');
if (mode === 'bare' && embedded) throw new Error('the module embeds an index; expected one without');

// One search that must answer: follows `needs` (a split index) by reading the chunks from disk.
function searchOnce(engine, q, chunkDir) {
  let r = engine.search(q, { limit: 3 });
  for (let round = 0; r && r.needs && chunkDir && round < 8; round++) {
    for (const name of r.needs) engine.addChunk(new Uint8Array(fs.readFileSync(path.join(chunkDir, name))));
    r = engine.search(q, { limit: 3 });
  }
  if (!r || !Array.isArray(r.hits) || typeof r.total !== 'number') throw new Error(`search() returned ${JSON.stringify(r)}`);
  return r;
}

let info = null;
if (embedded) {
  const engine = glue.Engine.embedded();
  info = engine.info();
  searchOnce(engine, 'x');
}
if (indexFile) {
  const engine = glue.Engine.open(new Uint8Array(fs.readFileSync(indexFile)));
  info = engine.info();
  searchOnce(engine, 'the', path.dirname(path.resolve(indexFile)));
}
if (info && (typeof info.documents !== 'number' || info.documents < 1)) throw new Error(`info() returned ${JSON.stringify(info)}`);
console.log(JSON.stringify({ embedded, ...(info || {}), ...(indexFile ? { checkedWith: path.basename(indexFile) } : {}) }));
