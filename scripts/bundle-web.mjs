#!/usr/bin/env node
// Writes Folio's distributable bundle from www/src/ and wasm-bindgen's output. The sources are
// small ES modules written to be joined (single-line imports, `export` only on top-level
// declarations, unique top-level names), so joining them is a text operation; esbuild (an npm
// devDependency) then minifies what a page downloads: folio.js, the worker, the engine glue and
// the stylesheet (about 4.5 KB less gzipped). folio-offline.js stays as joined: `folio index`
// finds its index placeholder by text.
//
//   node scripts/bundle-web.mjs <wasm-bindgen dir> <out dir> [--index <index.folio>]
//
// <out dir> gets:
//   folio.js          ES module: Folio.init/search/mount + the drop-in UI (auto-mounts)
//   folio-worker.js   the Web Worker (classic script, engine glue inlined)
//   folio-engine.js   wasm-bindgen's glue (as a factory of fresh copies), imported by folio.js only
//                     for the main-thread fallback
//   folio_bg.wasm     the engine (with the built-in index, if the build embeds one)
//   folio.css         the UI's stylesheet (themable with --folio-* custom properties)
//   folio.d.ts        TypeScript declarations of folio.js
//   folio-offline.js  classic script for file:// pages: glue, wasm (base64) and UI in one file;
//                     with --index, that index is inlined too and replaces the built-in one
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.join(here, '..', 'www', 'src');

function fail(message) {
  console.error(`bundle-web: error: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
let indexFile = null;
const i = args.indexOf('--index');
if (i >= 0) {
  indexFile = args[i + 1];
  if (!indexFile) fail('--index needs a file');
  args.splice(i, 2);
}
const [pkgDir, outDir] = args;
if (!pkgDir || !outDir) fail('usage: node scripts/bundle-web.mjs <wasm-bindgen dir> <out dir> [--index <index.folio>]');

const read = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${err.message}`);
  }
};

/** A source module without its imports and `export` keywords, to be joined with others. */
function strip(name) {
  const text = read(path.join(SRC, name));
  const out = [];
  let inComment = false;
  for (const line of text.split('\n')) {
    // Whole-line comments go (the sources in www/src/ keep them); code is left as written.
    if (inComment) {
      if (line.includes('*/')) inComment = false;
      continue;
    }
    if (/^\s*\/\*/.test(line) && !line.includes('*/')) {
      inComment = true;
      continue;
    }
    if (/^\s*(\/\/|\/\*.*\*\/\s*$)/.test(line) || line.trim() === '') continue;
    if (/^import\s.*\sfrom\s+['"]\.\/[\w.-]+['"];?\s*$/.test(line)) continue;
    if (/^export\s+(\{|default\b)/.test(line)) fail(`${name}: only "export function/const/let/class" can be joined: ${line}`);
    if (/^\s*import\s/.test(line) && !/^\s*import\(/.test(line)) fail(`${name}: unexpected import: ${line}`);
    out.push(line.replace(/^export\s+(?=(async\s+)?(function|const|let|class)\b)/, ''));
  }
  return `// ---- www/src/${name}\n${out.join('\n').trim()}\n`;
}

/**
 * wasm-bindgen's ES module glue as the body of a function that returns a fresh copy of it
 * ({ default: init, initSync, Engine }, with module state of its own): after a trap, the engine
 * drops its instance and starts another from a new copy.
 */
function glueFactoryBody() {
  let glue = read(path.join(pkgDir, 'folio.js'));
  const exportLine = /^export\s*\{\s*initSync\s*,\s*__wbg_init\s+as\s+default\s*\};?\s*$/m;
  if (!exportLine.test(glue)) fail(`${pkgDir}/folio.js: the wasm-bindgen glue's export line changed; update scripts/bundle-web.mjs`);
  glue = glue.replace(exportLine, '').replace(/^export\s+(?=(async\s+)?(function|class)\b)/gm, '');
  glue = glue.replace(/import\.meta\.url/g, 'self.location.href'); // only for a default wasm URL, never used
  if (/^\s*(import|export)\s/m.test(glue)) fail(`${pkgDir}/folio.js: the glue has an import or export that cannot be inlined`);
  for (const [kind, name] of [['class', 'Engine'], ['function', 'initSync'], ['function', '__wbg_init']]) {
    if (!new RegExp(`${kind} ${name}\\b`).test(glue)) fail(`${pkgDir}/folio.js: no ${kind} ${name}`);
  }
  return `${glue.trim()}\nreturn { default: __wbg_init, initSync, Engine };`;
}

/** The glue factory as a constant of a classic script. */
function glueExpression() {
  return `const FOLIO_GLUE = function () {\n${glueFactoryBody()}\n};\n`;
}

let esbuild;
try {
  esbuild = createRequire(import.meta.url)('esbuild');
} catch (err) {
  fail(`esbuild is missing (${err.message.split('\n')[0]}); run: npm ci`);
}

// `code` minified (`kind`: 'esm', 'script' or 'css'); licence comments (/*! ... */) are kept.
function minify(code, kind, name) {
  try {
    const options = { minify: true, legalComments: 'inline', target: 'es2020', charset: 'utf8' };
    if (kind === 'css') options.loader = 'css';
    if (kind === 'esm') options.format = 'esm';
    return esbuild.transformSync(code, options).code;
  } catch (err) {
    return fail(`cannot minify ${name}: ${err.message}`);
  }
}

const banner = (what) => `/*! Folio ${what}. Full-text search in the browser. MIT OR Apache-2.0. */\n`;
const modules = (...names) => names.map(strip).join('\n');

mkdirSync(outDir, { recursive: true });
const glue = glueExpression();
const wasm = readFileSync(path.join(pkgDir, 'folio_bg.wasm'));

// folio.js: ES module.
const esmImports = [];
let esm = modules('strings.js', 'engine.js', 'api.js', 'ui.js');
const entry = read(path.join(SRC, 'esm.js'))
  .split('\n')
  .filter((line) => !/^import\s.*from\s+'\.\/(api|ui)\.js';$/.test(line))
  .join('\n');
esm = `${banner('folio.js')}${esmImports.join('\n')}${esm}\n// ---- www/src/esm.js\n${entry.trim()}\n`;
writeFileSync(path.join(outDir, 'folio.js'), minify(esm, 'esm', 'folio.js'));

// folio-worker.js: classic worker script.
const workerBody = strip('worker.js');
const worker = `${banner('folio-worker.js')}(function () {\n'use strict';\n${glue}\n${strip('engine.js')}\n${workerBody}})();\n`;
writeFileSync(path.join(outDir, 'folio-worker.js'), minify(worker, 'script', 'folio-worker.js'));

// folio-engine.js: the glue factory (an ES module, minified), for the main-thread fallback.
writeFileSync(path.join(outDir, 'folio-engine.js'), minify(`export default function createGlue() {\n${glueFactoryBody()}\n}\n`, 'esm', 'folio-engine.js'));
copyFileSync(path.join(pkgDir, 'folio_bg.wasm'), path.join(outDir, 'folio_bg.wasm'));
writeFileSync(path.join(outDir, 'folio.css'), minify(read(path.join(SRC, 'folio.css')), 'css', 'folio.css'));
copyFileSync(path.join(SRC, 'folio.d.ts'), path.join(outDir, 'folio.d.ts'));

// folio-offline.js: one classic script with everything inlined.
let index = 'null';
if (indexFile) {
  const bytes = readFileSync(indexFile);
  if (bytes.subarray(0, 8).toString('latin1') !== 'FOLIOIDX') fail(`${indexFile} is not an index.folio file`);
  index = JSON.stringify(bytes.toString('base64'));
}
const offlineEntry = strip('offline.js');
const offline = `${banner('folio-offline.js (for file:// pages)')}(function () {\n'use strict';\n${glue}
const FOLIO_WASM = ${JSON.stringify(wasm.toString('base64'))};
const FOLIO_INDEX = ${index}; /* folio:inline-index — null, or an index.folio file in base64 */
${modules('strings.js', 'engine.js', 'api.js', 'ui.js')}
${offlineEntry}})();\n`;
writeFileSync(path.join(outDir, 'folio-offline.js'), offline);

console.log(`bundle-web: wrote ${outDir}/ (folio.js, folio-worker.js, folio-engine.js, folio_bg.wasm, folio.css, folio.d.ts, folio-offline.js${indexFile ? ` with ${indexFile} inlined` : ''})`);
