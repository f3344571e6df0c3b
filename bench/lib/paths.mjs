import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(BENCH, '..');
export const OUT = path.join(BENCH, 'out');
export const SITES = path.join(OUT, 'sites');
export const ENGINES_OUT = path.join(OUT, 'engines');

/**
 * The search module `folio index` wrote into the bundle in `idxDir` (English/Russian, for large
 * indexes, or all-languages), which the site serves; null when there is none, or with
 * BENCH_FOLIO_MODULE=bare, which keeps the English/Russian module for every corpus (as runs before
 * 2026-12-07 measured, whatever the index needs).
 */
export function bundleModule(idxDir) {
  const own = path.join(idxDir, 'folio_bg.wasm');
  return process.env.BENCH_FOLIO_MODULE !== 'bare' && fs.existsSync(own) ? own : null;
}
