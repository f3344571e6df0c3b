// Shared helpers of the benchmark driver: configuration, logging, statistics, file trees.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { BENCH, OUT } from './paths.mjs';

export const env = (k, d) => (process.env[k] !== undefined && process.env[k] !== '' ? process.env[k] : d);
export const num = (k, d) => Number(env(k, d));

export const CFG = {
  corpora: process.argv.slice(2).length ? process.argv.slice(2) : ['seeds', 'cranfield', 'wikipedia-en-leads'],
  engines: env('ENGINES', 'folio,folio-js,pagefind,lunr,minisearch,flexsearch,orama').split(',').map((s) => s.trim()).filter(Boolean),
  scale: env('SCALE', 'auto'), // auto: when wikipedia-en-leads is among the corpora
  scaleSizes: env('SCALE_SIZES', '1k,10k').split(',').filter(Boolean),
  scaleGen: env('SCALE_GEN', '').split(',').filter(Boolean), // e.g. 100k,300k: generated corpora (gen-corpus.mjs)
  scaleEngines: env('SCALE_ENGINES', 'folio,pagefind,minisearch,flexsearch').split(',').filter(Boolean),
  buildTimeoutMs: num('BENCH_BUILD_TIMEOUT', 300) * 1000,
  pageTimeoutMs: num('BENCH_PAGE_TIMEOUT', 120) * 1000,
  warm: { minPasses: 3, maxPasses: num('BENCH_WARM_MAX_PASSES', 30), minMs: num('BENCH_WARM_MIN_MS', 1000),
    budgetMs: num('BENCH_WARM_BUDGET_MS', 4000) },
  coldRuns: num('BENCH_COLD_RUNS', 3), // fewer for big indexes, see coldRunsFor()
  // Engines too slow or too big at full scale are run on an evenly spaced sample instead (said in the table).
  // 0 = no cap. lunr at 63k: ~80 MB of JSON, 30-120 s to build and 4-13 s to load, a third of the run.
  maxDocs: { orama: num('BENCH_MAX_DOCS_ORAMA', 10000), lunr: num('BENCH_MAX_DOCS_LUNR', 10000) },
  chromium: env('CHROMIUM_PATH', '/usr/bin/chromium'),
  queries: env('BENCH_QUERIES', '1') !== '0', // the main table (cold first result, warm latency); 0: typing only
  typing: env('TYPING', '1') !== '0', // the typing table (lib/typing.mjs)
};
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

export const log = (...a) => console.error('[bench]', ...a);
export const errMsg = (e) => String((e && e.message) || e).split('\n').find((l) => l.trim()) || 'unknown error';
export const version = (pkg) => { try { return JSON.parse(fs.readFileSync(path.join(BENCH, 'node_modules', pkg, 'package.json'), 'utf8')).version; } catch { return '?'; } };
export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
export const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN; };
export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([promise, new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`timeout after ${Math.round(ms / 1000)} s: ${what}`)), ms); })])
    .finally(() => clearTimeout(t));
}
export function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p)); else out.push(p);
  }
  return out;
}
// Deleting a wikipedia-sized pagefind site (126k files) takes 1-2 minutes on this disk (ext4 mounted
// with `discard`), so old sites are renamed into out/trash (instant) and deleted by a detached,
// niced `rm -rf` when the run ends (emptyTrash), outside every measurement.
export const TRASH = path.join(OUT, 'trash');
export function rmTree(dir) {
  if (!fs.existsSync(dir)) return;
  fs.mkdirSync(TRASH, { recursive: true });
  try {
    fs.renameSync(dir, path.join(TRASH, `${Date.now()}-${Math.random().toString(36).slice(2)}`));
  } catch {
    spawnSync('rm', ['-rf', dir], { timeout: 600_000 });
  }
}
export function emptyTrash() {
  if (fs.existsSync(TRASH)) { try { fs.renameSync(TRASH, path.join(OUT, `trash-${Date.now()}`)); } catch { /* left for next time */ } }
  const dead = fs.readdirSync(OUT).filter((f) => /^trash-\d+$/.test(f)).map((f) => path.join(OUT, f));
  if (dead.length) spawn('nice', ['-n', '19', 'rm', '-rf', ...dead], { detached: true, stdio: 'ignore' }).unref();
}
export function linkOrCopy(src, dst) { fs.rmSync(dst, { force: true }); try { fs.linkSync(src, dst); } catch { fs.copyFileSync(src, dst); } }
export const readOr = (f, d) => { try { return fs.readFileSync(f, 'utf8').trim(); } catch { return d; } };

// Units: KB = 1024 B, MB = 1024² B.
export const KB = 1024, MB = 1024 * 1024;
export const fb = (n) => (n == null || Number.isNaN(n) ? '–' : n >= MB ? `${(n / MB).toFixed(2)} MB` : n >= KB ? `${(n / KB).toFixed(1)} KB` : `${n} B`);
export const fms = (n) => (n == null || Number.isNaN(n) ? '–' : n >= 100 ? `${Math.round(n)}` : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3));
export const fs_ = (ms) => (ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${fms(ms)} ms`);
