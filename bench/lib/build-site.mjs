// Building one site per (corpus, engine): Folio's index with the CLI, Pagefind's with its CLI over
// one HTML page per document, the JS libraries' in Node (lib/build-js.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { BENCH, OUT, SITES, ENGINES_OUT, bundleModule } from './paths.mjs';
import { CFG, errMsg, log, median, walk, rmTree, linkOrCopy, version } from './util.mjs';
import { harnessHtml } from './site.mjs';

const require = createRequire(import.meta.url);
export const FOLIO_BIN = fs.existsSync(path.join(OUT, 'FOLIO_BIN')) ? fs.readFileSync(path.join(OUT, 'FOLIO_BIN'), 'utf8').trim() : '';
export const FOLIO_SRC = fs.existsSync(path.join(OUT, 'FOLIO_SRC')) ? fs.readFileSync(path.join(OUT, 'FOLIO_SRC'), 'utf8').trim() : '';
const pkgOk = (d) => fs.existsSync(path.join(d, 'folio_bg.wasm')) && fs.existsSync(path.join(d, 'folio.js'));
// Two builds of the same code, as a site gets them: the seeds row uses the module with the seeds
// index embedded (dist/); every other corpus uses the module without one (dist/site/, what `folio
// index` ships next to a site's index.folio), so its bytes are what such a site downloads.
export const FOLIO_PKG = pkgOk(path.join(OUT, 'pkg')) ? path.join(OUT, 'pkg') : null;
export const FOLIO_PKG_BARE = pkgOk(path.join(OUT, 'pkg-bare')) ? path.join(OUT, 'pkg-bare') : null;
// The engine bundle (out/engines/<name>) a Folio row of this corpus loads.
export const folioBundle = (corpus) => (corpus.folioEmbedded ? 'folio' : 'folio-bare');

export const ENGINES = {
  folio: { label: 'Folio', kind: 'folio', stores: 'yes' },
  // The same index through folio.js (its worker, streaming compilation): what a site's visitor gets.
  'folio-js': { label: 'Folio (folio.js)', kind: 'folio', api: true, stores: 'yes' },
  pagefind: { label: `Pagefind ${version('pagefind')}`, kind: 'pagefind', stores: 'yes' },
  lunr: { label: `lunr ${version('lunr')}`, kind: 'js', stores: 'no' },
  minisearch: { label: `MiniSearch ${version('minisearch')}`, kind: 'js', stores: 'no' },
  flexsearch: { label: `FlexSearch ${version('flexsearch')}`, kind: 'js', stores: 'no' },
  orama: { label: `Orama ${version('@orama/orama')}`, kind: 'js', stores: 'yes' },
};

function timeCli(cmd, args, reps, timeoutMs) {
  const runs = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
    const ms = performance.now() - t0;
    if (r.error) throw new Error(r.error.code === 'ETIMEDOUT' ? `timeout after ${timeoutMs / 1000} s` : errMsg(r.error));
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout || '').trim().split('\n').pop()}`);
    runs.push(ms);
    if (ms > 1000) break;
  }
  return { buildMs: median(runs), buildRuns: runs };
}

// Builds the site for (corpus, engine). Returns {buildMs, indexFiles, engineFiles, cfg, notes, ...}.
export async function buildSite(corpus, id, siteDir, shared) {
  const eng = ENGINES[id];
  const bundle = eng.kind === 'folio' && !eng.api ? folioBundle(corpus) : id;
  const engDir = path.join(ENGINES_OUT, bundle);
  shared.t0 = performance.now();
  rmTree(siteDir);
  fs.mkdirSync(siteDir, { recursive: true });
  const res = { notes: [], cfg: {}, indexFiles: [], engineFiles: [] };
  const installEngine = () => {
    if (!fs.existsSync(path.join(engDir, 'engine.js'))) throw new Error(shared.engineErrors[bundle] || 'engine bundle missing');
    for (const f of fs.readdirSync(engDir)) { linkOrCopy(path.join(engDir, f), path.join(siteDir, f)); res.engineFiles.push(path.join(siteDir, f)); }
  };

  if (eng.kind === 'folio') {
    if (!FOLIO_BIN || !fs.existsSync(FOLIO_BIN)) throw new Error('no folio CLI (cargo build failed; see stderr)');
    if (corpus.folioEmbedded ? !FOLIO_PKG : !FOLIO_PKG_BARE) {
      throw new Error(`no wasm package ${corpus.folioEmbedded ? 'with the seeds index embedded (bench/out/pkg)' : 'without an embedded index (bench/out/pkg-bare)'}: build failed, see stderr`);
    }
    installEngine();
    if (eng.api) {
      const dist = path.join(OUT, 'dist', corpus.folioEmbedded ? '' : 'site');
      if (!fs.existsSync(path.join(dist, 'folio.js'))) throw new Error(`no ${dist}/folio.js (scripts/build-web.sh's dist/, copied by lib/build-folio.sh)`);
      fs.mkdirSync(path.join(siteDir, 'ui'));
      // Searches run on the page's thread up to 100,000 documents (folio-engine.js), in the worker
      // past that: both are served, the engine's bytes count the one these corpora load.
      for (const f of ['folio.js', 'folio-worker.js', 'folio-engine.js', 'folio_bg.wasm', 'folio.css']) {
        linkOrCopy(path.join(dist, f), path.join(siteDir, 'ui', f));
        if (f !== 'folio-worker.js') res.engineFiles.push(path.join(siteDir, 'ui', f));
      }
    }
    res.folioModule = corpus.folioEmbedded ? 'seeds index embedded' : 'no embedded index';
    const idxDir = path.join(SITES, corpus.key, '_folio-index');
    if (!shared.folioBuild) {
      rmTree(idxDir);
      const src = corpus.folioEmbedded ? corpus.seedDir : corpus.docsFile;
      shared.folioBuild = timeCli(FOLIO_BIN, ['index', src, '--out', idxDir], 3, CFG.buildTimeoutMs);
    }
    Object.assign(res, shared.folioBuild);
    const idx = path.join(idxDir, 'index.folio');
    if (corpus.folioEmbedded) {
      // The seeds row: the index is inside folio_bg.wasm; nothing else is fetched.
      res.indexFiles = [idx];
      res.cfg = { index: null };
      res.embedded = true;
    } else {
      linkOrCopy(idx, path.join(siteDir, 'index.folio'));
      res.indexFiles = [path.join(siteDir, 'index.folio')];
      // A split index: the root plus chunks/, fetched as queries need them.
      const chunks = path.join(idxDir, 'chunks');
      if (fs.existsSync(chunks)) {
        fs.mkdirSync(path.join(siteDir, 'chunks'));
        for (const f of fs.readdirSync(chunks)) {
          linkOrCopy(path.join(chunks, f), path.join(siteDir, 'chunks', f));
          res.indexFiles.push(path.join(siteDir, 'chunks', f));
        }
        res.notes.push(`split index: root + ${res.indexFiles.length - 1} chunks`);
      }
      res.cfg = { index: 'index.folio' };
      // The search module `folio index` chose for this index: what the site ships, so what the
      // engine's bytes and times count.
      const own = bundleModule(idxDir);
      if (own) {
        linkOrCopy(own, path.join(siteDir, 'folio_bg.wasm'));
        if (eng.api) linkOrCopy(own, path.join(siteDir, 'ui', 'folio_bg.wasm'));
        const report = path.join(idxDir, 'report.txt');
        const line = fs.existsSync(report) && fs.readFileSync(report, 'utf8').split('\n').find((l) => l.startsWith('search module: '));
        if (line) res.notes.push(line.replace(/ \(.*$/, ''));
      }
    }
  } else if (eng.kind === 'pagefind') {
    const bin = path.join(path.dirname(require.resolve('@pagefind/linux-x64/package.json')), 'bin', 'pagefind_extended');
    if (!fs.existsSync(bin)) throw new Error(`pagefind binary not found at ${bin}`);
    const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const t0 = performance.now();
    if (process.env.BENCH_DEBUG) log(`${corpus.key} pagefind: site cleared in ${((t0 - shared.t0) / 1000).toFixed(1)} s`);
    const docs = fs.readFileSync(corpus.docsFile, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
    const langs = new Map();
    for (const d of docs) langs.set(d.lang || 'en', (langs.get(d.lang || 'en') || 0) + 1);
    const lang = [...langs.entries()].sort((a, b) => b[1] - a[1])[0][0];
    fs.mkdirSync(path.join(siteDir, 'd'));
    docs.forEach((d, i) => fs.writeFileSync(path.join(siteDir, 'd', `${i}.html`),
      `<!doctype html><html lang="${esc(d.lang || lang)}"><head><meta charset="utf-8"><title>${esc(d.title || '')}</title></head>` +
      `<body><main><h1>${esc(d.title || '')}</h1><p>${esc(d.body || '')}</p></main></body></html>\n`));
    res.htmlMs = performance.now() - t0;
    const b = timeCli(bin, ['--site', siteDir, '--force-language', lang], docs.length > 5000 ? 1 : 3, CFG.buildTimeoutMs);
    Object.assign(res, b);
    const t1 = performance.now();
    res.notes.push(`pagefind: --force-language ${lang}; writing ${docs.length} HTML pages took ${Math.round(res.htmlMs)} ms (not in build)`);
    installEngine();
    const pf = path.join(siteDir, 'pagefind');
    const all = walk(pf);
    res.indexFiles = all.filter((f) => /\.(pf_meta|pf_index|pf_fragment|pf_filter)$/.test(f) || path.basename(f) === 'pagefind-entry.json');
    const wasm = [`wasm.${lang}.pagefind`, 'wasm.unknown.pagefind'].map((f) => path.join(pf, f)).find((f) => fs.existsSync(f));
    const worker = path.join(pf, 'pagefind-worker.js');
    res.engineFiles.push(path.join(pf, 'pagefind.js'), ...(fs.existsSync(worker) ? [worker] : []), ...(wasm ? [wasm] : []));
    const counted = new Set([...res.indexFiles, ...res.engineFiles]);
    const ui = all.filter((f) => !counted.has(f));
    res.uiBytes = ui.reduce((a, f) => a + fs.statSync(f).size, 0);
    if (process.env.BENCH_DEBUG) log(`${corpus.key} pagefind: html ${(res.htmlMs / 1000).toFixed(1)} s, cli ${(b.buildMs / 1000).toFixed(1)} s, files ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  } else {
    installEngine();
    const out = path.join(siteDir, 'index.json');
    const r = spawnSync(process.execPath, ['--max-old-space-size=16000', path.join(BENCH, 'lib', 'build-js.mjs'), id, corpus.docsFile, out],
      { encoding: 'utf8', timeout: CFG.buildTimeoutMs, maxBuffer: 64 << 20 });
    if (r.error) throw new Error(r.error.code === 'ETIMEDOUT' ? `build timeout after ${CFG.buildTimeoutMs / 1000} s` : errMsg(r.error));
    if (r.status !== 0) throw new Error(`build failed: ${(r.stderr || '').trim().split('\n').filter(Boolean).pop() || r.signal}`);
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    Object.assign(res, { buildMs: j.buildMs, buildRuns: j.buildRuns, serializeMs: j.serializeMs });
    res.indexFiles = [out];
    res.cfg = { index: 'index.json' };
  }
  fs.writeFileSync(path.join(siteDir, 'index.html'), harnessHtml(res.cfg));
  return res;
}

