#!/usr/bin/env node
// Folio performance benchmark: Folio and five peers, side by side, in one run.
//
//   node bench/bench.mjs [corpus ...]      (normally through bench/run.sh, which builds Folio first)
//
// Markdown tables on stdout (also written to bench/out/report.md), progress on stderr, raw
// numbers in bench/out/results.json. See bench/README.md for what each column means. The work is
// split by job: lib/build-site.mjs builds each (corpus, engine) site, lib/browser.mjs times it in
// Chromium, lib/typing.mjs types queries into the drop-in UIs, lib/report.mjs prints the tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OUT, SITES } from './lib/paths.mjs';
import { loadCorpus } from './lib/corpus.mjs';
import { harnessHtml, buildEngines } from './lib/site.mjs';
import { startServer } from './lib/server.mjs';
import { sizes, gzSize } from './lib/sizes.mjs';
import { peersReference } from './lib/peers-ref.mjs';
import { folioSections } from './lib/folio-sections.mjs';
import { CFG, MB, errMsg, fb, fms, log, withTimeout, emptyTrash, readOr } from './lib/util.mjs';
import { ENGINES, FOLIO_BIN, FOLIO_SRC, FOLIO_PKG, FOLIO_PKG_BARE, buildSite } from './lib/build-site.mjs';
import { getBrowser, closeBrowser, useServer, coldLoad, memoryOf, measureSite } from './lib/browser.mjs';
import { table, scaleTable } from './lib/report.mjs';
import { typedQueries, typingSite, measureTyping, typingTable } from './lib/typing.mjs';

const T_START = performance.now();
// ------------------------------------------------------------------------------------------------ main
async function runCorpus(spec, base, opts = {}) {
  let corpus;
  try { corpus = loadCorpus(spec); } catch (e) { return { spec, error: errMsg(e) }; }
  log(`== ${corpus.key}: ${corpus.nDocs} docs, ${corpus.queries.length} queries`);
  const shared = { engineErrors: opts.engineErrors || {} };
  const rows = [];
  const sizeJobs = [];
  const ref = peersReference(corpus.key);
  const typed = typedQueries(corpus.key);
  const typing = [];
  for (const id of opts.engines) {
    const eng = ENGINES[id];
    if (!eng) { rows.push({ label: id, error: 'unknown engine' }); continue; }
    const r = { id, label: eng.label, stores: eng.stores, ref: ref[id] || '' };
    rows.push(r);
    const t0 = performance.now();
    // Engines with a doc cap run on an evenly spaced sample of the corpus.
    let c = corpus;
    const cap = CFG.maxDocs[id];
    if (cap && corpus.nDocs > cap && !corpus.sample) {
      try { c = loadCorpus(`${corpus.key}@${cap % 1000 === 0 ? `${cap / 1000}k` : cap}`); r.sampleNote = `${c.nDocs.toLocaleString('en')}-doc sample`; } catch (e) { r.error = errMsg(e); continue; }
    }
    const rel = `${corpus.key}/${id}`;
    const siteDir = path.join(SITES, rel);
    try {
      const b = await withTimeout(buildSite(c, id, siteDir, c === corpus ? shared : { engineErrors: shared.engineErrors }), CFG.buildTimeoutMs * 4, 'build');
      Object.assign(r, b);
    } catch (e) {
      r.error = `build: ${errMsg(e)}`;
      log(`${corpus.key} ${id}: ${r.error}`);
      continue;
    }
    const tb = performance.now();
    // A bundle over 5 MB gets one cold load (the others would only repeat a multi-second parse).
    const idxRaw = r.indexFiles.reduce((a, f) => a + fs.statSync(f).size, 0);
    const coldRuns = idxRaw > 5 * MB ? 1 : CFG.coldRuns;
    if (CFG.queries) try {
      r.measure = await withTimeout(measureSite(base, rel, siteDir, c.queries, { coldRuns }),
        coldRuns * CFG.pageTimeoutMs + CFG.warm.budgetMs + 3 * CFG.pageTimeoutMs, 'browser measurement');
      r.baseline = opts.baseline;
      if (!r.measure.coi) r.notes.push('page was not cross-origin isolated (timer resolution 100 µs)');
    } catch (e) {
      r.measureError = errMsg(e);
      log(`${corpus.key} ${id}: browser: ${r.measureError}`);
      if (/Target.*closed|crash|disconnected/i.test(r.measureError)) await closeBrowser();
    }
    // The drop-in UIs (Folio's and Pagefind's), typed into letter by letter on the same site.
    if (CFG.typing && opts.typing && UIS_OF[id] && c === corpus && typed.length) {
      const t = { label: r.label };
      try {
        const page = typingSite(UIS_OF[id], siteDir, { embedded: !!r.embedded, rel });
        Object.assign(t, await withTimeout(measureTyping(base, rel, page, UIS_OF[id], typed), typed.length * 4 * CFG.pageTimeoutMs, 'typing'));
        log(`${corpus.key} ${id}: typing ${t.summary.req.toFixed(1)} req ${fb(Math.round(t.summary.gz))} per query, first paint p50/p95 ${fms(t.summary.firstP50)}/${fms(t.summary.firstP95)} ms, settled ${fms(t.summary.p50)}/${fms(t.summary.p95)} ms`);
      } catch (e) { t.error = errMsg(e); log(`${corpus.key} ${id}: typing: ${t.error}`); }
      typing.push(t);
    }
    // Sizes are computed after every engine of the corpus has been timed, all at once (zlib runs on
    // the thread pool), so that compression neither disturbs a timing nor waits for one.
    sizeJobs.push(async () => {
      const ts = performance.now();
      try {
        r.idx = await sizes(r.indexFiles, { brotli: !opts.noBrotli });
        r.eng = await sizes(r.engineFiles, { brotli: false });
        if (id === 'folio' && r.engineFiles.length) {
          const w = r.engineFiles.find((f) => f.endsWith('.wasm'));
          const j = r.engineFiles.find((f) => f.endsWith('engine.js'));
          r.engDetail = `engine = wasm (${r.folioModule}) ${fb(fs.statSync(w).size)} raw / ${fb(await gzSize(w))} gz + JS ${fb(await gzSize(j))} gz`;
        }
        if (id === 'folio' && r.indexFiles.length === 1) {
          const secs = await folioSections(r.indexFiles[0]);
          if (secs) r.notes.push(`index sections raw/gz: ${secs.filter((x) => x.raw >= 1024).map((x) => `${x.name} ${fb(x.raw)}/${fb(x.gz)}`).join(', ')}`);
        }
      } catch (e) { r.notes.push(`sizes: error: ${errMsg(e)}`); }
      r.sizesMs = performance.now() - ts;
    });
    log(`${corpus.key} ${id}: build+browser ${((performance.now() - t0) / 1000).toFixed(1)} s (browser ${((performance.now() - tb) / 1000).toFixed(1)} s)` +
      (r.measure ? `: build ${Math.round(r.buildMs)} ms, cold ${Math.round(r.measure.ttfrMs)} ms, p50/p95 ${fms(r.measure.p50)}/${fms(r.measure.p95)} ms` : ''));
  }
  const ts = performance.now();
  await Promise.all(sizeJobs.map((j) => j()));
  log(`${corpus.key}: sizes ${((performance.now() - ts) / 1000).toFixed(1)} s`);
  return { corpus, rows, typing, typed };
}

// The engines whose drop-in UI the typing table measures.
const UIS_OF = { folio: 'folio', pagefind: 'pagefind' };

async function main() {
  fs.mkdirSync(SITES, { recursive: true });
  const load0 = os.loadavg();
  log(`corpora: ${CFG.corpora.join(', ')}; engines: ${CFG.engines.join(', ')}`);
  log(`folio: ${FOLIO_BIN || 'no CLI'} (${FOLIO_SRC || 'not built'}); pkg ${FOLIO_PKG ? 'ok' : 'missing'}; pkg-bare ${FOLIO_PKG_BARE ? 'ok' : 'missing'}`);
  const built = await buildEngines({ folioPkgs: { folio: FOLIO_PKG, 'folio-bare': FOLIO_PKG_BARE } });
  const engineErrors = Object.fromEntries(Object.entries(built).filter(([, v]) => v.error).map(([k, v]) => [k, v.error]));

  // A blank harness page: its memory is subtracted from every engine's.
  const blankDir = path.join(SITES, '_blank');
  fs.mkdirSync(blankDir, { recursive: true });
  fs.writeFileSync(path.join(blankDir, 'engine.js'), 'export async function load(){}\nexport function search(){return []}\n');
  fs.writeFileSync(path.join(blankDir, 'index.html'), harnessHtml({}));
  const server = await startServer(SITES);
  useServer(server);
  let baseline = 0;
  let chromiumVersion = '?';
  try {
    const b = await getBrowser();
    chromiumVersion = b.version();
    const { ctx, page, inst } = await coldLoad(server.url, '_blank', 'x');
    baseline = (await memoryOf(inst, page)).total;
    await ctx.close();
  } catch (e) { log(`chromium: ${errMsg(e)} (browser columns will show errors)`); }

  const out = [];
  const results = [];
  const emit = (s) => { process.stdout.write(s + '\n\n'); out.push(s); };
  emit(`## Folio benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const wantScale = CFG.scale === '1' || (CFG.scale === 'auto' && (CFG.corpora.includes('wikipedia-en-leads') || CFG.scaleGen.length > 0));
  let fullWiki = null;
  for (const spec of CFG.corpora) {
    const res = await runCorpus(spec, server.url, { engines: CFG.engines, engineErrors, baseline, typing: true });
    results.push(res);
    if (res.error) { emit(`### ${spec}\n\nerror: ${res.error}`); continue; }
    if (CFG.queries) emit(table(res.corpus, res.rows));
    if (res.typing.length) emit(typingTable(res.corpus, res.typing, res.typed));
    if (res.corpus.key === 'wikipedia-en-leads') fullWiki = res;
  }

  if (wantScale) {
    const scaleRows = [];
    for (const size of CFG.scaleSizes) {
      const res = await runCorpus(`wikipedia-en-leads@${size}`, server.url, { engines: CFG.scaleEngines, engineErrors, baseline, noBrotli: true });
      results.push(res);
      if (res.error) { scaleRows.push({ size, error: res.error }); continue; }
      for (const r of res.rows) scaleRows.push({ size, n: res.corpus.nDocs, r });
    }
    if (!fullWiki && CFG.scale !== '0') {
      const res = await runCorpus('wikipedia-en-leads', server.url, { engines: CFG.scaleEngines, engineErrors, baseline, noBrotli: true });
      results.push(res);
      if (!res.error) fullWiki = res;
    }
    if (fullWiki) for (const r of fullWiki.rows) if (CFG.scaleEngines.includes(r.id)) scaleRows.push({ size: 'full', n: fullWiki.corpus.nDocs, r });
    for (const size of CFG.scaleGen) {
      const res = await runCorpus(`gen@${size}`, server.url, { engines: CFG.scaleEngines, engineErrors, baseline, noBrotli: true });
      results.push(res);
      if (res.error) { scaleRows.push({ size: `gen@${size}`, error: res.error }); continue; }
      for (const r of res.rows) scaleRows.push({ size: `gen@${size}`, n: res.corpus.nDocs, r, gen: true });
    }
    emit(scaleTable(scaleRows));
  }

  const secs = ((performance.now() - T_START) / 1000).toFixed(0);
  emit(`Run: ${secs} s in bench.mjs (Folio cargo builds not included); ${os.cpus().length} cores; load average ${load0.map((x) => x.toFixed(1)).join(' ')} at start, ` +
    `${os.loadavg().map((x) => x.toFixed(1)).join(' ')} at end; Chromium ${chromiumVersion}; Node ${process.version}; Folio ${FOLIO_SRC || 'not built'}` +
    `${folioOpt()}. Units: KB = 1024 B, MB = 1024² B.`);
  fs.writeFileSync(path.join(OUT, 'report.md'), out.join('\n\n') + '\n');
  fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results.map((x) => ({
    corpus: x.corpus ? { key: x.corpus.key, nDocs: x.corpus.nDocs, queries: x.corpus.queries.length } : x.spec, error: x.error,
    typing: x.typing, rows: (x.rows || []).map((r) => ({ ...r, indexFiles: undefined, engineFiles: r.engineFiles && r.engineFiles.map((f) => path.relative(SITES, f)), cfg: undefined })),
  })), null, 1));
  await closeBrowser();
  await server.close();
  emptyTrash();
}

// How the wasm packages were made (bench/out/pkg*/OPT), for the footer.
function folioOpt() {
  const opts = [FOLIO_PKG, FOLIO_PKG_BARE].filter(Boolean).map((d) => readOr(path.join(d, 'OPT'), '?'));
  if (!opts.length) return '';
  if (opts.length === 2 && opts[0] !== opts[1]) return `, wasm: with index ${opts[0]}, without ${opts[1]}`;
  return `, wasm ${opts[0]}`;
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    closeBrowser().finally(() => process.exit(130));
    setTimeout(() => process.exit(130), 3000).unref();
  });
}

main().catch((e) => { console.error('[bench] fatal:', e && e.stack ? e.stack : e); process.exit(1); });
