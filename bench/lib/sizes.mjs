// Compressed sizes: gzip level 9 and brotli quality 11 (window 22, the brotli CLI default), with
// Node's zlib, run on the libuv thread pool. Multi-file payloads (pagefind) are compressed per file
// and summed, as a server would send them. Brotli -11 runs at ~0.35 MB/s here, so payloads over
// BR_EXACT_MAX bytes get an estimate instead (see below). Estimated values are flagged (brEst) and
// printed with a leading ≈.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
export const BR_EXACT_MAX = Number(process.env.BENCH_BR_EXACT_MAX || 1024 * 1024);

const gzOpts = { level: 9 };
const brOpts = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 22 } };

const cache = new Map();
// Keyed by inode, so that hard links (a site's files are linked from where they were built) are compressed once.
function key(file) { const st = fs.statSync(file); return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`; }

/** gzip -9 size of one file (cached). */
export async function gzSize(file) {
  const k = 'gz:' + key(file);
  if (!cache.has(k)) cache.set(k, gzip(fs.readFileSync(file), gzOpts).then((b) => b.length));
  return cache.get(k);
}

async function brSizeExact(file) {
  const k = 'br:' + key(file);
  if (!cache.has(k)) cache.set(k, brotli(fs.readFileSync(file), brOpts).then((b) => b.length));
  return cache.get(k);
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) { const j = i++; out[j] = await fn(items[j]); }
  }));
  return out;
}

/** {raw, gz, br, brEst, files} for a list of files. */
export async function sizes(files, opts = {}) {
  const k = `sizes:${opts.brotli !== false}:` + files.map(key).join('|');
  if (!cache.has(k)) cache.set(k, sizesUncached(files, opts));
  return cache.get(k);
}

async function sizesUncached(files, { brotli: wantBr = true } = {}) {
  const raws = files.map((f) => fs.statSync(f).size);
  const raw = raws.reduce((a, b) => a + b, 0);
  const gzs = await pool(files, 4, gzSize);
  const gz = gzs.reduce((a, b) => a + b, 0);
  if (!wantBr) return { raw, gz, br: null, brEst: false, files: files.length };
  if (raw <= BR_EXACT_MAX) {
    const brs = await pool(files, 4, brSizeExact);
    return { raw, gz, br: brs.reduce((a, b) => a + b, 0), brEst: false, files: files.length };
  }
  // Estimate: brotli -5 of everything x (brotli-11 / brotli-5) of a sample: one big file -> 4 evenly
  // spaced 256 KB slices; many files -> every k-th file (~256 KB). Within ~1-7% of the exact size on the
  // cranfield indexes of folio, lunr, minisearch and orama.
  const br5 = (b) => brotli(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_LGWIN]: 22 } }).then((x) => x.length);
  let full5 = 0, s5 = 0, s11 = 0;
  if (files.length === 1) {
    const buf = fs.readFileSync(files[0]);
    full5 = await br5(buf);
    const n = 4, len = 256 * 1024;
    const parts = Array.from({ length: n }, (_, i) => { const off = Math.floor((i * (buf.length - len)) / (n - 1)); return buf.subarray(off, off + len); });
    const res = await pool(parts, 4, async (part) => [await br5(part), (await brotli(part, brOpts)).length]);
    for (const [a, b] of res) { s5 += a; s11 += b; }
  } else {
    const f5 = await pool(files, 4, (f) => br5(fs.readFileSync(f)));
    full5 = f5.reduce((a, b) => a + b, 0);
    const k = Math.max(2, Math.ceil(raw / (256 * 1024)));
    const picked = [];
    for (let i = 0; i < files.length; i += k) picked.push(i);
    const res = await pool(picked, 4, async (i) => [f5[i], await brSizeExact(files[i])]);
    for (const [a, b] of res) { s5 += a; s11 += b; }
  }
  return { raw, gz, br: Math.round((full5 * s11) / s5), brEst: true, files: files.length };
}
