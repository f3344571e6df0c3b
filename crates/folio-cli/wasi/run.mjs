#!/usr/bin/env node
// Runs the folio CLI compiled to wasm32-wasip1 under Node's node:wasi, as the npm package's
// launcher does: "/" is preopened as "/", and the caller's folder is passed in FOLIO_CWD (the CLI
// makes it its current folder, so relative paths work).
//
//   node crates/folio-cli/wasi/run.mjs <folio.wasm> <folio arguments…>
//
// Exits with the CLI's exit code.
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { WASI } from 'node:wasi';

const [wasmPath, ...args] = process.argv.slice(2);
if (!wasmPath) {
  console.error('usage: node run.mjs <folio.wasm> <folio arguments…>');
  process.exit(2);
}
const wasi = new WASI({
  version: 'preview1',
  args: ['folio', ...args],
  env: { ...process.env, FOLIO_CWD: process.cwd() },
  preopens: { '/': '/' },
  returnOnExit: true,
});
const module = await WebAssembly.compile(await readFile(wasmPath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
