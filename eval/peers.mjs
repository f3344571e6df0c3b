#!/usr/bin/env node
// Runs peer search libraries on one corpus and writes TREC runs (top 100).
//
//   node eval/peers.mjs --corpus /work/shared/corpora/cisi --out eval/out [--name cisi]
//                       [--peers lunr,minisearch,pagefind] [--limit 100]
//
// Writes <out>/<name>.<peer>.trec with lines `qid Q0 docid rank score <peer>`.
// Settings replicate /work/shared/PEERS.md "Configurations":
//   lunr 2.3.9       defaults; fields title,body; query = OR of lunr.tokenizer + lunr.trimmer terms
//                    (each term goes through the default search pipeline, i.e. the stemmer)
//   minisearch 7.2.0 defaults; fields title,body; search(text) = OR, no prefix, no fuzzy
//   pagefind 1.6.0   CLI defaults on one HTML page per doc, --force-language = most common doc lang;
//                    searched with pagefind.js in headless Chromium (/usr/bin/chromium via
//                    playwright-core) over a loopback HTTP server; default search (every query word
//                    that is in the index must match; no OR).
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const a = { peers: 'lunr,minisearch,pagefind', limit: 100, out: path.join(HERE, 'out') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--corpus') a.corpus = v();
    else if (k === '--out') a.out = v();
    else if (k === '--name') a.name = v();
    else if (k === '--peers') a.peers = v();
    else if (k === '--limit') a.limit = Number(v());
    else if (k === '--docs') a.docs = v();
    else if (k === '--queries') a.queries = v();
    else { console.error(`peers.mjs: unknown argument ${k}`); process.exit(2); }
  }
  if (a.corpus) {
    a.docs ??= path.join(a.corpus, 'docs.jsonl');
    a.queries ??= path.join(a.corpus, 'queries.tsv');
    a.name ??= path.basename(path.resolve(a.corpus));
  }
  if (!a.docs || !a.queries || !a.name) {
    console.error('usage: peers.mjs --corpus DIR [--out DIR] [--name NAME] [--peers lunr,minisearch,pagefind]');
    process.exit(2);
  }
  a.peers = a.peers.split(',').map((s) => s.trim()).filter(Boolean);
  return a;
}

function readDocs(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

function readQueries(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => {
    const tab = l.indexOf('\t');
    return { qid: l.slice(0, tab), text: l.slice(tab + 1).replace(/\r$/, '') };
  });
}

function writeRun(file, tag, rows) {
  // rows: [{qid, hits: [{id, score}]}]
  const lines = [];
  for (const { qid, hits } of rows) {
    hits.forEach((h, i) => lines.push(`${qid} Q0 ${h.id} ${i + 1} ${Number(h.score).toFixed(6)} ${tag}`));
  }
  fs.writeFileSync(file, lines.length ? lines.join('\n') + '\n' : '');
}

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(HERE, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function mostCommonLang(docs) {
  const n = new Map();
  for (const d of docs) n.set(d.lang || 'en', (n.get(d.lang || 'en') || 0) + 1);
  return [...n.entries()].sort((x, y) => y[1] - x[1])[0][0];
}

// ---------------------------------------------------------------- lunr
async function runLunr(docs, queries, limit) {
  const lunr = require('lunr');
  const t0 = performance.now();
  const idx = lunr(function () {
    this.ref('id');
    this.field('title');
    this.field('body');
    for (const d of docs) this.add({ id: d.id, title: d.title || '', body: d.body || '' });
  });
  const buildMs = performance.now() - t0;
  const rows = queries.map(({ qid, text }) => {
    const terms = lunr.tokenizer(text).map((t) => lunr.trimmer(t).toString()).filter((s) => s.length > 0);
    const res = terms.length ? idx.query((q) => { for (const t of terms) q.term(t); }) : [];
    return { qid, hits: res.slice(0, limit).map((r) => ({ id: r.ref, score: r.score })) };
  });
  return { buildMs, rows };
}

// ---------------------------------------------------------------- minisearch
async function runMiniSearch(docs, queries, limit) {
  const MiniSearch = require('minisearch');
  const t0 = performance.now();
  const ms = new MiniSearch({ fields: ['title', 'body'] });
  ms.addAll(docs.map((d) => ({ id: d.id, title: d.title || '', body: d.body || '' })));
  const buildMs = performance.now() - t0;
  const rows = queries.map(({ qid, text }) => ({
    qid,
    hits: ms.search(text).slice(0, limit).map((r) => ({ id: r.id, score: r.score })),
  }));
  return { buildMs, rows };
}

// ---------------------------------------------------------------- pagefind
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function pagefindBinary() {
  const bin = path.join(path.dirname(require.resolve('@pagefind/linux-x64/package.json')), 'bin', 'pagefind_extended');
  if (!fs.existsSync(bin)) throw new Error(`pagefind binary not found at ${bin}`);
  return bin;
}

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.css': 'text/css' };

function serve(root) {
  return new Promise((resolve) => {
    const srv = http.createServer((req, res) => {
      const u = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let f = path.join(root, u);
      if (!f.startsWith(root)) { res.writeHead(403).end(); return; }
      if (fs.existsSync(f) && fs.statSync(f).isDirectory()) f = path.join(f, 'index.html');
      fs.readFile(f, (err, buf) => {
        if (err) { res.writeHead(404).end(); return; }
        res.writeHead(200, { 'content-type': MIME[path.extname(f)] || 'application/octet-stream' }).end(buf);
      });
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

async function runPagefind(docs, queries, limit, workDir) {
  const { chromium } = require('playwright-core');
  const lang = mostCommonLang(docs);
  const site = path.join(workDir, 'site');
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(site, 'd'), { recursive: true });
  // One page per doc; the URL carries the doc id.
  docs.forEach((d, i) => {
    fs.writeFileSync(path.join(site, 'd', `${i}.html`),
      `<!doctype html><html lang="${esc(d.lang || lang)}"><head><meta charset="utf-8"><title>${esc(d.title || '')}</title></head>` +
      `<body><main><h1>${esc(d.title || '')}</h1><p>${esc(d.body || '')}</p></main></body></html>\n`);
  });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>eval</title></head><body></body></html>\n');
  const t0 = performance.now();
  execFileSync(pagefindBinary(), ['--site', site, '--force-language', lang], { stdio: ['ignore', 'pipe', 'pipe'] });
  const buildMs = performance.now() - t0;

  const srv = await serve(site);
  const base = `http://127.0.0.1:${srv.address().port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const rows = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.evaluate(async () => {
      window.__pf = await import('/pagefind/pagefind.js');
      await window.__pf.init();
    });
    const BATCH = 25;
    for (let i = 0; i < queries.length; i += BATCH) {
      const batch = queries.slice(i, i + BATCH);
      const out = await page.evaluate(async ({ batch, limit }) => {
        const res = [];
        for (const { qid, text } of batch) {
          const r = await window.__pf.search(text);
          const top = (r && r.results ? r.results : []).slice(0, limit);
          const data = await Promise.all(top.map((x) => x.data()));
          res.push({ qid, hits: top.map((x, j) => ({ url: data[j].url, score: x.score })) });
        }
        return res;
      }, { batch, limit });
      for (const q of out) {
        rows.push({
          qid: q.qid,
          hits: q.hits.map((h) => {
            const m = /\/d\/(\d+)(?:\.html)?$/.exec(h.url);
            if (!m) throw new Error(`pagefind: unexpected result url ${h.url}`);
            return { id: docs[Number(m[1])].id, score: h.score };
          }),
        });
      }
    }
  } finally {
    await browser.close();
    srv.close();
  }
  return { buildMs, rows, lang };
}

// ---------------------------------------------------------------- main
const args = parseArgs(process.argv.slice(2));
const docs = readDocs(args.docs);
const queries = readQueries(args.queries);
fs.mkdirSync(args.out, { recursive: true });

const RUNNERS = {
  lunr: { pkg: 'lunr', fn: runLunr },
  minisearch: { pkg: 'minisearch', fn: runMiniSearch },
  pagefind: { pkg: 'pagefind', fn: (d, q, l) => runPagefind(d, q, l, path.join(args.out, `${args.name}.pagefind-site`)) },
};

let failed = 0;
for (const peer of args.peers) {
  const r = RUNNERS[peer];
  if (!r) { console.error(`peers.mjs: unknown peer ${peer}`); failed++; continue; }
  const file = path.join(args.out, `${args.name}.${peer}.trec`);
  const t0 = performance.now();
  try {
    const res = await r.fn(docs, queries, args.limit);
    writeRun(file, peer, res.rows);
    const answered = res.rows.filter((x) => x.hits.length).length;
    console.error(`[peers] ${args.name} ${peer} ${version(r.pkg)}: build ${res.buildMs.toFixed(0)} ms, total ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s, ${answered}/${queries.length} queries with results` +
      `${res.lang ? `, language ${res.lang}` : ''} -> ${path.relative(process.cwd(), file)}`);
  } catch (e) {
    failed++;
    fs.rmSync(file, { force: true });
    console.error(`[peers] ${args.name} ${peer}: SKIPPED (${e && e.message ? e.message.split('\n')[0] : e})`);
  }
}
process.exit(failed ? 1 : 0);
