#!/usr/bin/env node
// `folio`: Folio's command-line indexer and search, the same Rust program as the native `folio`
// compiled to WebAssembly (wasm32-wasip1) and run by Node's `node:wasi`. No Rust, no native
// binary: one package for every system Node 20+ runs on.
//
// The program sees the whole file system at its real paths (the preopen '/' -> '/'), starts in
// the folder `folio` was started in (FOLIO_CWD, which the CLI moves into at start), and its exit
// code, standard output and standard error are this process's.

import { readFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';

// Node's WASI functions are V8 "fast API calls" when wasm calls them, and some of them allocate
// through a memory manager that reports to V8 (AdjustAmountOfExternalAllocatedMemory), which can
// start or finish a garbage collection inside the fast call, where V8 cannot collect safely. It
// happens once the module's memory has grown a few hundred MB (every memory.grow counts the whole
// buffer as external memory again): `folio index` on 30,000 Wikipedia leads corrupted the JS heap
// and Node died with SIGSEGV or "Invalid bytecode" after the bundle was written
// (nodejs/node#46777, still open). Without fast calls Node takes its ordinary callback
// path, which is safe; it costs nothing measurable here (few WASI calls, long wasm runs). It must
// be set before the module is instantiated: the import wrappers are compiled then.
setFlagsFromString('--no-turbo-fast-api-calls');

const MODULE = new URL('../folio.wasm', import.meta.url);

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(`folio: needs Node.js 20 or later; this is Node.js ${process.version}\n`);
  process.exit(1);
}

// Node prints "ExperimentalWarning: WASI is an experimental feature…" when `node:wasi` loads. That
// warning is about Node's API, not about anything the user did: drop it, and only it, while the
// module loads and the WASI instance is made; every other warning goes out as before.
const emitWarning = process.emitWarning;
process.emitWarning = function (warning, ...rest) {
  const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
  const text = typeof warning === 'string' ? warning : warning?.message;
  const experimental = type === 'ExperimentalWarning' || warning?.name === 'ExperimentalWarning';
  if (experimental && /\bWASI\b/.test(String(text))) return;
  return emitWarning.call(this, warning, ...rest);
};
// WASI paths are POSIX paths. On Windows the program sees the current drive as '/', so paths
// relative to the current folder work (C:\site\public is /site/public); other drives do not.
const { root, cwd } = posixCwd();
let wasi;
try {
  const { WASI } = await import('node:wasi');
  wasi = new WASI({
    version: 'preview1',
    args: ['folio', ...process.argv.slice(2)],
    env: { ...process.env, FOLIO_CWD: cwd },
    preopens: { '/': root },
    returnOnExit: true,
  });
} finally {
  process.emitWarning = emitWarning;
}

let module;
try {
  module = await WebAssembly.compile(await readFile(MODULE));
} catch (error) {
  process.stderr.write(`folio: cannot load ${decodeURIComponent(MODULE.pathname)}: ${error.message}\n`);
  process.exit(1);
}
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());

let code;
try {
  code = wasi.start(instance);
} catch (error) {
  // A Rust panic (the release profile aborts) or an allocation failure ends in a wasm trap, after
  // the program has printed its own message; the native binary would die of SIGABRT (134).
  process.stderr.write(`folio: stopped: ${error instanceof Error ? error.message : error}\n`);
  code = 134;
}
process.exitCode = code;

/** The host folder shown to the program as '/', and the current folder as the program sees it. */
function posixCwd() {
  const here = process.cwd();
  if (process.platform !== 'win32') return { root: '/', cwd: here };
  const drive = here.match(/^[A-Za-z]:[\\/]/)?.[0] ?? '\\';
  return { root: drive, cwd: '/' + here.slice(drive.length).replaceAll('\\', '/') };
}
