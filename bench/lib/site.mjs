// The page every engine is measured in, and the engine bundles it loads.
//
// Each site directory holds index.html (this harness, inline, so it costs no request), engine.js
// (the engine's adapter, bundled with its library and minified by esbuild) and the engine's own
// files (wasm, index). The harness starts on load: import engine.js, load the index, run the
// first query (taken from location.hash), and leaves the timings in window.__cold. Warm timing is
// driven later through window.__warm(queries, options).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { BENCH, ENGINES_OUT } from './paths.mjs';

const require = createRequire(import.meta.url);

// Remembers every wasm memory in globalThis.__wasmMemories, so that the driver can count it: wasm
// memory is in neither the JS heap nor the ArrayBuffer backing stores that CDP reports. Runs in
// the page (inline) and, injected over CDP before they start, in every worker.
export const WASM_HOOK = `(function () {
  if (globalThis.__wasmMemories) return;
  globalThis.__wasmMemories = [];
  const keep = (res) => {
    const inst = res && (res.instance || res);
    const ex = inst && inst.exports;
    if (ex) for (const v of Object.values(ex)) if (v instanceof WebAssembly.Memory) globalThis.__wasmMemories.push(v);
    return res;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[name];
    if (orig) WebAssembly[name] = function () { return orig.apply(this, arguments).then(keep); };
  }
  const OrigInstance = WebAssembly.Instance;
  WebAssembly.Instance = function (m, i) { return keep(new OrigInstance(m, i)); };
  WebAssembly.Instance.prototype = OrigInstance.prototype;
})();`;

export function harnessHtml(cfg) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>folio bench</title></head><body>
<script>
window.BENCH_CFG = ${JSON.stringify(cfg)};
${WASM_HOOK}
</script>
<script type="module">
const cfg = window.BENCH_CFG;
const q = decodeURIComponent(location.hash.replace(/^#q=/, ''));
const settle = (x) => (x && typeof x.then === 'function' ? x : null);
try {
  const t0 = performance.now();
  const eng = await import('./engine.js');
  const t1 = performance.now();
  await eng.load(cfg);
  const t2 = performance.now();
  let hits = (eng.first || eng.search)(q);
  if (settle(hits)) hits = await hits;
  const t3 = performance.now();
  window.__eng = eng;
  window.__cold = { ok: true, startMs: t0, importMs: t1 - t0, loadMs: t2 - t1, queryMs: t3 - t2, ttfrMs: t3,
    nHits: hits.length, crossOriginIsolated: self.crossOriginIsolated };
} catch (e) {
  window.__cold = { ok: false, error: String((e && e.message) || e) };
}

// Warm latency: one untimed pass (fills caches, counts 0-hit queries), then timed passes until
// minPasses and minMs are reached, or budgetMs is spent (at least one timed pass), or maxPasses.
window.__warm = async (queries, o) => {
  const eng = window.__eng;
  const run = (text) => { const r = eng.search(text); return settle(r) ? r : null; };
  let zero = 0;
  const start = performance.now();
  for (const text of queries) {
    let r = eng.search(text);
    if (settle(r)) r = await r;
    if (!r.length) zero++;
  }
  const warmupMs = performance.now() - start;
  const samples = [];
  let passes = 0;
  const t0 = performance.now();
  while (passes < o.maxPasses) {
    for (const text of queries) {
      const a = performance.now();
      const p = run(text);
      if (p) await p;
      samples.push(performance.now() - a);
    }
    passes++;
    const el = performance.now() - t0;
    if ((passes >= o.minPasses && el >= o.minMs) || el >= o.budgetMs) break;
  }
  return { zero, warmupMs, passes, samples };
};
</script>
</body></html>
`;
}

/** Bundles the adapters once per run into out/engines/<engine>/engine.js (esbuild, minified, ESM). */
export async function buildEngines({ folioPkgs }) {
  const esbuild = require('esbuild');
  const out = {};
  const jobs = {
    lunr: 'lunr.js', minisearch: 'minisearch.js', flexsearch: 'flexsearch.js', orama: 'orama.js', pagefind: 'pagefind.js',
    'folio-js': 'folio-js.js',
  };
  for (const [name, pkgDir] of Object.entries(folioPkgs)) if (pkgDir) jobs[name] = { file: 'folio.js', pkgDir };
  for (const [name, job] of Object.entries(jobs)) {
    const dir = path.join(ENGINES_OUT, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    try {
      const file = typeof job === 'string' ? job : job.file;
      const src = path.join(BENCH, 'lib', 'adapters', file);
      // Pagefind's and folio.js's adapters import their engine at run time: not bundled.
      const opts = {
        entryPoints: [src], bundle: name !== 'pagefind' && name !== 'folio-js', minify: true, format: 'esm', target: 'es2022', platform: 'browser',
        outfile: path.join(dir, 'engine.js'), logLevel: 'silent', nodePaths: [path.join(BENCH, 'node_modules')],
      };
      if (typeof job !== 'string') {
        // The glue is imported from the chosen pkg dir; the wasm sits next to engine.js (import.meta.url).
        delete opts.entryPoints;
        opts.stdin = { contents: fs.readFileSync(src, 'utf8').replaceAll('FOLIO_PKG', job.pkgDir), resolveDir: path.dirname(src),
          sourcefile: 'folio-adapter.js' };
        fs.copyFileSync(path.join(job.pkgDir, 'folio_bg.wasm'), path.join(dir, 'folio_bg.wasm'));
      }
      await esbuild.build(opts);
      out[name] = { dir, files: fs.readdirSync(dir) };
    } catch (e) {
      out[name] = { error: `esbuild: ${String(e.message || e).split('\n')[0]}` };
    }
  }
  return out;
}
