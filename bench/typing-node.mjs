#!/usr/bin/env node
// What typing letter by letter fetches, in Node, without a browser or a clock: each query of a
// typed.tsv is typed into a fresh engine one letter at a time, and each search round fetches what
// it needs unless www/src/engine.js's fetchPause() would hold it longer than the time to the next
// letter (then the letter comes first and the round is given up), as the drop-in UI does. The
// last letter's search always completes. Chunks are read from the chunks/ folder beside the
// index (one file per chunk). Prints chunk requests and their gzip bytes per typed query, for each
// package, so two modules compare on the same index whatever the machine's load (the browser's
// typing rows of bench/run.sh depend on timing: at a load of 10+ they rise by half).
//
//   node bench/typing-node.mjs <index.folio> <typed.tsv> <corpus name> <pkg dir> [<pkg dir> ...]
//
// A package is a folio.js + folio_bg.wasm from wasm-bindgen (target/web-pkg-bare, say).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { fetchPause } from '../www/src/engine.js';
import { PACK_GAP, packRange, packRuns } from '../www/src/packs.js';

const [indexFile, typedFile, corpus, ...pkgs] = process.argv.slice(2);
if (!pkgs.length) {
  console.error('usage: node bench/typing-node.mjs <index.folio> <typed.tsv> <corpus name> <pkg dir> [<pkg dir> ...]');
  process.exit(2);
}
/** The time to the next letter, in ms: the middle of lib/typing.mjs's 120–180 ms. */
const NEXT_LETTER_MS = Number(process.env.NEXT_LETTER_MS || 150);
const queries = readFileSync(typedFile, 'utf8').split('\n')
  .filter((l) => l && !l.startsWith('#'))
  .map((l) => l.split('\t'))
  .filter(([c]) => c === corpus)
  .map(([, q]) => q);
if (!queries.length) {
  console.error(`no queries of corpus ${corpus} in ${typedFile}`);
  process.exit(2);
}
const chunkDir = path.join(path.dirname(indexFile), 'chunks');
const root = readFileSync(indexFile);
const gzipped = new Map(); // chunk file → gzip -9 bytes

/**
 * Types `query` into a fresh engine of `folio`: the requests made ({ file } of a chunk file, { bytes }
 * of a Range of a pack), in order, and `wait`:
 * how long the last letter's search held its term rounds (fetchPause()) before it could rank,
 * which the first paint of its results waits for besides the fetches themselves.
 */
function type(folio, query) {
  const engine = folio.Engine.open(root);
  const fetched = [];
  let wait = 0;
  try {
    for (let i = 1; i <= query.length; i++) {
      const typed = query.slice(0, i);
      for (let round = 0; round < 8; round++) {
        // As engine.js does while a query is typed: the partial answer tells a round that
        // fetches the page's documents from one that fetches terms.
        const r = engine.searchPartial(typed, { limit: 10 });
        if (!r.needs) break;
        const pause = fetchPause(r.needs, typed, Boolean(r.response));
        if (i < query.length && pause >= NEXT_LETTER_MS) break;
        if (i === query.length && !r.response) wait += pause;
        // A packed chunk (pack#offset,length) is read as engine.js reads it: one Range request
        // per run of the round's chunks lying close together in a pack (packRuns()).
        const packed = [];
        for (const name of r.needs) {
          const range = packRange(name);
          if (range) {
            packed.push({ ...range, file: path.join(chunkDir, path.basename(range.file)) });
            continue;
          }
          const file = path.join(chunkDir, path.basename(name));
          fetched.push({ file });
          engine.addChunk(readFileSync(file));
        }
        for (const run of packRuns(packed, PACK_GAP)) {
          fetched.push({ bytes: run.end - run.start });
          const pack = readPack(run.file);
          for (const part of run.parts) engine.addChunk(zlib.inflateSync(pack.subarray(part.start, part.end)));
        }
      }
    }
  } finally {
    engine.free();
  }
  return { fetched, wait };
}

const packs = new Map(); // pack file → its bytes
const readPack = (file) => {
  if (!packs.has(file)) packs.set(file, readFileSync(file));
  return packs.get(file);
};

/** A request's bytes: a chunk file's gzip -9, a Range of a pack its raw bytes (compressed already). */
const size = (f) => (f.file ? gz(f.file) : f.bytes);

const gz = (file) => {
  if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(readFileSync(file), { level: 9 }).length);
  return gzipped.get(file);
};

console.log(`| package | chunk requests per typed query | chunk gzip KB per typed query | last letter held before ranking: queries, mean ms, max ms | queries |`);
console.log(`|---|---:|---:|---:|---:|`);
for (const dir of pkgs) {
  const folio = await import(`${pathToFileURL(path.resolve(dir, 'folio.js')).href}?${dir}`);
  folio.initSync({ module: readFileSync(path.join(dir, 'folio_bg.wasm')) });
  let requests = 0;
  let bytes = 0;
  const waits = [];
  for (const q of queries) {
    const { fetched: files, wait } = type(folio, q);
    waits.push(wait);
    requests += files.length;
    bytes += files.reduce((sum, f) => sum + size(f), 0);
  }
  waits.sort((a, b) => a - b);
  const held = waits.filter((w) => w > 0).length;
  const meanWait = waits.reduce((a, b) => a + b, 0) / waits.length;
  console.log(`| ${dir} | ${(requests / queries.length).toFixed(2)} | ${(bytes / 1024 / queries.length).toFixed(1)} | ${held}, ${meanWait.toFixed(0)}, ${waits[waits.length - 1]} | ${queries.length} |`);
}
