import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = path.resolve(BENCH, '..');
export const OUT = path.join(BENCH, 'out');
export const SITES = path.join(OUT, 'sites');
export const ENGINES_OUT = path.join(OUT, 'engines');
