#!/usr/bin/env node
// Writes Folio's distributable bundle from www/src/ and wasm-bindgen's output, with esbuild (an
// npm devDependency): each entry (esm.js, worker.js, offline.js) is bundled with the modules it
// imports and minified. wasm-bindgen's glue is the virtual module `folio:glue`, whose default
// export makes a fresh copy of the glue (module state of its own), so an engine can drop a wasm
// instance after a trap and start another. folio-offline.js keeps its index placeholder line
// (`const FOLIO_INDEX = null;`) as text outside the minified part: `folio index` finds it there.
//
//   node scripts/bundle-web.mjs <wasm-bindgen dir> <out dir> [--index <index.folio>]
//
// <out dir> gets:
//   folio.js          ES module: Folio.init/search/mount + the drop-in UI (auto-mounts)
//   folio-worker.js   the Web Worker (classic script, engine glue inlined)
//   folio-engine.js   the engine and the glue factory, imported by folio.js only for the
//                     main-thread fallback
//   folio_bg.wasm     the engine (with the built-in index, if the build embeds one)
//   folio.css         the UI's stylesheet (themable with --folio-* custom properties)
//   folio.d.ts        TypeScript declarations of folio.js
//   folio-highlight.js opt-in classic script for the site's pages: marks the words a result
//                     link names (?folio-highlight=) and scrolls to the first
//   folio-load.js     classic script, the one tag for served and file:// pages: loads folio.js
//                     or, from disk, folio-offline.js
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

const banner = (what) => `/*! Folio ${what}. Full-text search in the browser. MIT OR Apache-2.0. */`;

mkdirSync(outDir, { recursive: true });
const glueModule = `export default function createGlue() {\n${glueFactoryBody()}\n}\n`;

// `folio:glue` is the glue factory; `./folio-engine.js` (folio.js's lazy import) stays a file.
const folioPlugin = {
  name: 'folio',
  setup(build) {
    build.onResolve({ filter: /^folio:glue$/ }, () => ({ path: 'glue', namespace: 'folio' }));
    build.onLoad({ filter: /.*/, namespace: 'folio' }, () => ({ contents: glueModule, loader: 'js' }));
    build.onResolve({ filter: /^\.\/folio-engine\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** Bundles `entry` (a file of www/src/) as `format` ('esm' or 'iife'); returns the code. */
async function bundle(entry, format, what) {
  try {
    const result = await esbuild.build({
      entryPoints: [path.join(SRC, entry)],
      bundle: true,
      format,
      minify: true,
      write: false,
      target: 'es2020',
      charset: 'utf8',
      legalComments: 'inline',
      banner: { js: banner(what) },
      plugins: [folioPlugin],
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  } catch (err) {
    return fail(`cannot bundle ${what}: ${err.message}`);
  }
}

const wasm = readFileSync(path.join(pkgDir, 'folio_bg.wasm'));
writeFileSync(path.join(outDir, 'folio.js'), await bundle('esm.js', 'esm', 'folio.js'));
writeFileSync(path.join(outDir, 'folio-worker.js'), await bundle('worker.js', 'iife', 'folio-worker.js'));
writeFileSync(path.join(outDir, 'folio-engine.js'), await bundle('main-engine.js', 'esm', 'folio-engine.js'));
copyFileSync(path.join(pkgDir, 'folio_bg.wasm'), path.join(outDir, 'folio_bg.wasm'));
writeFileSync(path.join(outDir, 'folio.css'), minify(read(path.join(SRC, 'folio.css')), 'css', 'folio.css'));
copyFileSync(path.join(SRC, 'folio.d.ts'), path.join(outDir, 'folio.d.ts'));
// The opt-in script for the pages results link to: marks the matched words on arrival.
writeFileSync(path.join(outDir, 'folio-highlight.js'), await bundle('highlight.js', 'iife', 'folio-highlight.js (marks the matched words on arrival)'));
// The one tag for served pages and pages opened from disk: loads folio.js or folio-offline.js.
writeFileSync(path.join(outDir, 'folio-load.js'), await bundle('load.js', 'iife', 'folio-load.js (folio.js when served, folio-offline.js from disk)'));

// folio-offline.js: one classic script with everything inlined. offline.js reads FOLIO_WASM and
// FOLIO_INDEX from the scope around the bundle.
let index = 'null';
if (indexFile) {
  const bytes = readFileSync(indexFile);
  if (bytes.subarray(0, 8).toString('latin1') !== 'FOLIOIDX') fail(`${indexFile} is not an index.folio file`);
  index = JSON.stringify(bytes.toString('base64'));
}
const offlineBody = await bundle('offline.js', 'iife', 'folio-offline.js (for file:// pages)');
const offline = `${offlineBody.slice(0, offlineBody.indexOf('\n') + 1)}(function () {
'use strict';
const FOLIO_WASM = ${JSON.stringify(wasm.toString('base64'))};
const FOLIO_INDEX = ${index}; /* folio:inline-index — null, or an index.folio file in base64 */
${offlineBody.slice(offlineBody.indexOf('\n') + 1)}})();
`;
writeFileSync(path.join(outDir, 'folio-offline.js'), offline);

console.log(`bundle-web: wrote ${outDir}/ (folio.js, folio-worker.js, folio-engine.js, folio_bg.wasm, folio.css, folio.d.ts, folio-highlight.js, folio-load.js, folio-offline.js${indexFile ? ` with ${indexFile} inlined` : ''})`);
