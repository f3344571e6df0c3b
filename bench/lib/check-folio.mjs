#!/usr/bin/env node
// Loads a wasm-bindgen Folio package in Node and runs one search, so that a broken
// wasm-opt result is caught before the benchmark uses it.
//   node lib/check-folio.mjs <pkgDir> [wasmFile]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [pkgDir, wasmFile] = process.argv.slice(2);
const glue = await import(pathToFileURL(path.resolve(pkgDir, 'folio.js')).href);
glue.initSync({ module: fs.readFileSync(wasmFile || path.join(pkgDir, 'folio_bg.wasm')) });
const info = glue.info();
const res = glue.search('x', { limit: 3 });
if (typeof info.documents !== 'number' || !Array.isArray(res.hits)) throw new Error('unexpected response');
console.log(JSON.stringify(info));
