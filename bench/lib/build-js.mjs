#!/usr/bin/env node
// Builds one JS library's index in this (child) process and writes it as the JSON a page downloads.
//
//   node lib/build-js.mjs <lunr|minisearch|flexsearch|orama> <docs.jsonl> <out.json> [--reps N]
//
// Prints one JSON line on stdout: {buildMs, buildRuns, serializeMs, bytes, docs}.
// buildMs = median of the in-process builds (up to --reps, default 3, but only one when a build
// takes over 1 s), as in PEERS.md. Serialisation is timed separately and not part of buildMs.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [engine, docsFile, outFile, ...rest] = process.argv.slice(2);
let reps = 3;
for (let i = 0; i < rest.length; i++) if (rest[i] === '--reps') reps = Number(rest[++i]);

const docs = fs.readFileSync(docsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
  const d = JSON.parse(l);
  return { id: String(d.id), title: d.title || '', body: d.body || '' };
});

const BUILDERS = {
  async lunr() {
    const lunr = require('lunr');
    const idx = lunr(function () {
      this.ref('id');
      this.field('title');
      this.field('body');
      for (const d of docs) this.add(d);
    });
    return { obj: idx, serialize: () => JSON.stringify(idx) };
  },
  async minisearch() {
    const MiniSearch = require('minisearch');
    const ms = new MiniSearch({ fields: ['title', 'body'] });
    ms.addAll(docs);
    return { obj: ms, serialize: () => JSON.stringify(ms) };
  },
  async flexsearch() {
    const { Document } = await import('flexsearch');
    const doc = new Document({ document: { id: 'id', index: ['title', 'body'] } });
    for (const d of docs) doc.add(d);
    return {
      obj: doc,
      serialize: async () => {
        const parts = {};
        await doc.export((key, data) => { parts[key] = data; });
        return JSON.stringify(parts);
      },
    };
  },
  async orama() {
    const { create, insertMultiple, save } = await import('@orama/orama');
    const db = create({ schema: { title: 'string', body: 'string' } });
    await insertMultiple(db, docs);
    return { obj: db, serialize: async () => JSON.stringify(await save(db)) };
  },
};

const build = BUILDERS[engine];
if (!build) { console.error(`build-js: unknown engine ${engine}`); process.exit(2); }

const runs = [];
let last;
for (let i = 0; i < reps; i++) {
  const t0 = performance.now();
  last = await build();
  runs.push(performance.now() - t0);
  if (runs[0] > 1000) break;
}
const sorted = [...runs].sort((a, b) => a - b);
const t1 = performance.now();
const json = await last.serialize();
const serializeMs = performance.now() - t1;
fs.writeFileSync(outFile, json);
process.stdout.write(JSON.stringify({ buildMs: sorted[Math.floor((sorted.length - 1) / 2)], buildRuns: runs, serializeMs,
  bytes: Buffer.byteLength(json), docs: docs.length }) + '\n');
