#!/usr/bin/env node
// Synthetic archive corpus for scale benchmarks (issue 23, item 4): N documents in Folio's JSONL
// format, deterministic from a seed, whose vocabulary grows as the Wikipedia leads' does.
//
//   node bench/gen-corpus.mjs --docs 100000 [--seed 1] [--noise 0.005] [--dates] --out g100k.jsonl[.gz]
//   node bench/gen-corpus.mjs --fit ../shared/corpora/wikipedia-en-leads/docs.jsonl.gz   # refit PARAMS
//
// The model (bench/README.md, "Generated corpora", gives the fit and its procedure):
// - Tokens are drawn independently from one rank distribution, so any order of the documents
//   (file order, or the shuffles the fit used) sees the same vocabulary growth: rank r has weight
//   r^−s up to R0 (the Zipf head fitted to the leads) and a steeper tail (r/R0)^−s2 past it, the tail
//   chosen so that the expected vocabulary follows Heaps' law K·n^β from 10^5 to 10^8 tokens.
// - Burstiness: a share ρ of tokens repeats one already in its document (fitted to the leads'
//   share of distinct tokens per document); this keeps each term's overall frequency.
// - Type r's surface form is the bijective base-80 numeral of r in CV syllables (seed-permuted,
//   scattered by an affine map), some with a final consonant; a share of the rarer types are
//   capitalised names (a vowel-led suffix keeps them apart from the words) or numbers.
// - Body lengths in tokens from the leads' 41-point quantile table, titles from theirs; sentences of
//   about 20 tokens, about 2.35 paragraphs per document.
// - OCR noise: a token is damaged with probability `noise` by one substitution (rn→m, l→1, e→c …),
//   which adds rare types on top of the fitted growth (about 3 % at 3·10^5 tokens).
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';

/** Parameters fitted to the 62,967 Wikipedia leads by `--fit` (see bench/README.md). */
export const PARAMS = {
  heaps: { K: 16.529, beta: 0.599, fitFromTokens: 100000 },
  zipf: { s: 0.953, R0: 7000, s2: 1.68 }, // Zipf–Mandelbrot's q fitted to 0 (a pure Zipf head)
  repeat: 0.246, // share of tokens that repeat one already in their document (burstiness)
  bodyQuantiles: [0, 12, 15, 17, 19, 21, 22, 24, 26, 28, 30, 32, 35, 37, 40, 43, 46, 49, 51, 55, 58, 63, 67, 72, 77, 83, 90,
    97, 105, 114, 124, 136, 150, 166, 186, 212, 244, 288, 350, 453, 727],
  titleQuantiles: [1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 7, 21],
  sentenceTokens: 20,
  paragraphsPerDoc: 2.35,
  nameShare: 0.3, // of the types past rank 100
  numberShare: 0.05, // of the types past rank 20
};

/** The tokenizer the fit and the tests use: runs of letters and digits, lowercased. */
export const TOKEN = /[\p{L}\p{N}]+/gu;

// sfc32, seeded through splitmix32: deterministic across platforms (integer arithmetic only).
function rng(seed) {
  let x = seed >>> 0;
  const mix = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix(), b = mix(), c = mix(), d = mix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  return () => next() / 4294967296;
}

function hash32(i, salt) {
  let h = (Math.imul(i ^ salt, 0x9e3779b1) ^ 0x7f4a7c15) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const CONS = 'bcdfghklmnprstvz'.split('');
const VOWELS = 'aeiou'.split('');
const FINALS = ['n', 'r', 's', 't', 'l', 'd', 'm', 'k'];
const NAME_SUFFIXES = ['ov', 'ova', 'ski', 'son', 'ez', 'er', 'ini', 'escu', 'berg', 'ard', 'ello', 'in'];
const SUBS = [['rn', 'm'], ['m', 'rn'], ['l', '1'], ['e', 'c'], ['i', 'l'], ['o', '0'], ['h', 'b'], ['cl', 'd'], ['a', 'o']];

/** The surface forms of types: word, name or number, a pure function of (seed, rank index). */
class Lexicon {
  constructor(seed, p) {
    const r = rng(seed ^ 0x51ab1e5);
    const syl = [];
    for (const c of CONS) for (const v of VOWELS) syl.push(c + v);
    for (let i = syl.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [syl[i], syl[j]] = [syl[j], syl[i]];
    }
    this.syl = syl;
    this.salt = hash32(seed, 0x2545f491);
    this.p = p;
    this.forms = [];
  }
  form(i) {
    if (i >= 1 << 22) return this.make(i);
    let f = this.forms[i];
    if (f === undefined) {
      f = this.make(i);
      this.forms[i] = f;
    }
    return f;
  }
  make(i) {
    const h = hash32(i, this.salt);
    const u = (h & 0xffff) / 65536;
    if (i >= 20 && u < this.p.numberShare) return String(i);
    // Bijective base-80 numeral: index i is the o-th string of L syllables. An affine map modulo
    // 80^L (multiplier odd and not a multiple of 5, so a bijection) scatters consecutive types,
    // which arrive together, over unrelated syllables instead of one shared prefix.
    const B = this.syl.length;
    let L = 1, o = i, size = B;
    while (o >= size) { o -= size; L++; size *= B; }
    o = Number((BigInt(o) * 2654435769n + BigInt(this.salt)) % BigInt(size));
    let s = '';
    for (let k = 0; k < L; k++) {
      s = this.syl[o % B] + s;
      o = Math.floor(o / B);
    }
    const v = (h >>> 16) / 65536;
    if (i >= 100 && u >= this.p.numberShare && u < this.p.numberShare + this.p.nameShare) {
      const name = s + NAME_SUFFIXES[(h >>> 8) % NAME_SUFFIXES.length];
      return name[0].toUpperCase() + name.slice(1);
    }
    return v < 0.5 ? s + FINALS[(h >>> 20) % FINALS.length] : s;
  }
}

function damage(tok, r) {
  const start = Math.floor(r() * SUBS.length);
  for (let k = 0; k < SUBS.length; k++) {
    const [from, to] = SUBS[(start + k) % SUBS.length];
    const at = tok.indexOf(from, 1); // keep the first letter, as OCR usually does
    if (at > 0) return tok.slice(0, at) + to + tok.slice(at + from.length);
  }
  return null;
}

function fromQuantiles(q, u) {
  const x = u * (q.length - 1);
  const i = Math.min(q.length - 2, Math.floor(x));
  return Math.round(q[i] + (q[i + 1] - q[i]) * (x - i));
}

const cap = (t) => t[0].toUpperCase() + t.slice(1);

/**
 * The token-frequency model: rank r (1-based) has weight r^−s below R0 (the Zipf head) and
 * continues as (r/R0)^−s2 past it (a steeper tail, which is what makes the vocabulary grow as
 * n^β). Ranks are drawn from the continuous density on [0.5, ∞) and rounded.
 */
export function rankModel(p = PARAMS) {
  const { s, R0, s2 } = p.zipf;
  const b = R0 - 0.5;
  const head = (Math.pow(b, 1 - s) - Math.pow(0.5, 1 - s)) / (1 - s);
  const tail = Math.pow(b, 1 - s) / (s2 - 1);
  const Z = head + tail;
  const density = (x) => (x < b ? Math.pow(x, -s) : Math.pow(b, -s) * Math.pow(x / b, -s2)) / Z;
  const lo = Math.pow(0.5, 1 - s);
  const hi = Math.pow(b, 1 - s);
  const sample = (u, v) => {
    if (u * Z < head) return Math.round(Math.pow(lo + v * (hi - lo), 1 / (1 - s)));
    const x = b * Math.pow(1 - v, -1 / (s2 - 1));
    return Math.min(1e12, Math.round(x));
  };
  return { density, sample, headShare: head / Z };
}

/**
 * Expected distinct tokens after n tokens, when a share ρ of tokens repeat one already in their
 * document: Σ_r 1 − exp(−(1−ρ)·n·p_r), the head summed rank by rank, the tail integrated.
 */
export function expectedTypes(n, p = PARAMS) {
  const { density } = rankModel(p);
  const m = (1 - p.repeat) * n;
  let v = 0;
  const R0 = p.zipf.R0;
  for (let r = 1; r < R0; r++) v += 1 - Math.exp(-m * density(r));
  // tail: ∫ (1 − e^{−m·f(x)}) dx over [R0 − 0.5, ∞), on a log grid (x = e^t, dx = x dt)
  const t0 = Math.log(R0 - 0.5), t1 = Math.log(1e13), steps = 4000, h = (t1 - t0) / steps;
  for (let i = 0; i <= steps; i++) {
    const x = Math.exp(t0 + i * h);
    const w = i === 0 || i === steps ? 0.5 : 1;
    v += w * h * x * (1 - Math.exp(-m * density(x)));
  }
  return v;
}

/**
 * Chooses the tail (R0, s2) whose expected vocabulary best follows K·n^β (least squares in log
 * space over n = 10^5 … 10^8 tokens: the fitted range and its extrapolation to a million documents).
 */
export function fitTail(p = PARAMS) {
  const ns = Array.from({ length: 13 }, (_, i) => Math.pow(10, 5 + i / 4));
  let best = null;
  for (const R0 of [1000, 2000, 3000, 5000, 7000, 10000, 15000, 20000, 30000]) {
    for (let s2 = 1.2; s2 <= 2.5; s2 += 0.02) {
      const q = { ...p, zipf: { ...p.zipf, R0, s2: +s2.toFixed(2) } };
      let ss = 0, worst = 0;
      for (const n of ns) {
        const e = Math.log(expectedTypes(n, q) / heapsTarget(n, q));
        ss += e * e;
        worst = Math.max(worst, Math.abs(e));
      }
      if (!best || ss < best.ss) best = { R0, s2: +s2.toFixed(2), ss, worstRelErr: +(Math.exp(worst) - 1).toFixed(3) };
    }
  }
  return best;
}

/** Heaps' law as fitted: K·n^β. */
export function heapsTarget(n, p = PARAMS) {
  return p.heaps.K * Math.pow(n, p.heaps.beta);
}

/**
 * Yields `docs` JSONL lines (each with its newline).
 * Options: seed (uint32), noise (per-token OCR damage rate), dates (add a `date` field); `stats`
 * receives { tokens } as counted by the generator.
 */
export function* documents({ docs, seed = 1, noise = 0.005, dates = false, params = PARAMS }, stats = {}) {
  const r = rng(seed);
  const lex = new Lexicon(seed, params);
  const model = rankModel(params);
  let n = 0; // tokens so far
  let inDoc = []; // rank indices of the current document's tokens (for repeats)
  const token = () => {
    let idx;
    if (inDoc.length > 0 && r() < params.repeat) idx = inDoc[Math.floor(r() * inDoc.length)];
    else idx = model.sample(r(), r()) - 1;
    inDoc.push(idx);
    n++;
    let t = lex.form(idx);
    if (noise > 0 && r() < noise) {
      const d = damage(t, r);
      if (d !== null) t = d;
    }
    return t;
  };
  const width = String(docs).length;
  for (let i = 1; i <= docs; i++) {
    const id = 'g' + String(i).padStart(Math.max(7, width), '0');
    const tl = Math.max(1, fromQuantiles(params.titleQuantiles, r()));
    const title = [];
    for (let k = 0; k < tl; k++) title.push(cap(token()));
    const bl = fromQuantiles(params.bodyQuantiles, r());
    const paras = [];
    let sent = [];
    let para = [];
    const pBreak = (params.paragraphsPerDoc - 1) / Math.max(1, bl / params.sentenceTokens);
    for (let k = 0; k < bl; k++) {
      let t = token();
      if (sent.length === 0) t = cap(t);
      sent.push(t);
      const end = k === bl - 1 || r() < 1 / params.sentenceTokens;
      if (!end && r() < 0.08) sent[sent.length - 1] += ',';
      if (end) {
        para.push(sent.join(' ') + '.');
        sent = [];
        if (k < bl - 1 && r() < pBreak) {
          paras.push(para.join(' '));
          para = [];
        }
      }
    }
    if (para.length) paras.push(para.join(' '));
    const doc = { id, title: title.join(' '), body: paras.join('\n'), lang: 'en', type: 'article' };
    if (dates) {
      const day = Math.floor(r() * 80000); // 1800-01-01 + up to ~219 years
      doc.date = new Date(Date.UTC(1800, 0, 1) + day * 86400000).toISOString().slice(0, 10);
    }
    doc.url = `https://archive.example/doc/${id}`;
    stats.tokens = n;
    inDoc = [];
    yield JSON.stringify(doc) + '\n';
  }
}

/** Least squares y = a + b·x. */
function linfit(xs, ys) {
  const m = xs.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < m; i++) { sx += xs[i]; sy += ys[i]; sxx += xs[i] * xs[i]; sxy += xs[i] * ys[i]; }
  const b = (m * sxy - sx * sy) / (m * sxx - sx * sx);
  return { a: (sy - b * sx) / m, b };
}

/** Vocabulary growth V(n) of a list of token arrays read in order, at checkpoints ×1.25 apart. */
export function vocabularyGrowth(docsTokens) {
  const seen = new Set();
  const pts = [];
  let n = 0, next = 1000;
  for (const toks of docsTokens) for (const t of toks) {
    n++;
    seen.add(t);
    if (n === next) { pts.push([n, seen.size]); next = Math.ceil(next * 1.25); }
  }
  pts.push([n, seen.size]);
  return pts;
}

/** Fits Heaps' law (over 3 seeded document orders, n ≥ fromTokens) and Zipf–Mandelbrot (ranks ≤ 10k). */
export async function fit(path, fromTokens = 100000) {
  let input = fs.createReadStream(path);
  if (path.endsWith('.gz')) input = input.pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  const docs = [], body = [], title = [];
  const counts = new Map();
  for await (const line of rl) {
    if (!line.trim()) continue;
    const d = JSON.parse(line);
    const tt = (d.title.match(TOKEN) || []).map((t) => t.toLowerCase());
    const bt = (d.body.match(TOKEN) || []).map((t) => t.toLowerCase());
    title.push(tt.length); body.push(bt.length);
    const all = tt.concat(bt);
    for (const t of all) counts.set(t, (counts.get(t) || 0) + 1);
    docs.push(all);
  }
  const R = 3;
  let acc = null;
  for (let rep = 1; rep <= R; rep++) {
    const r = rng(rep);
    const order = docs.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
    const pts = vocabularyGrowth(order.map((i) => docs[i]));
    acc = acc ? acc.map((p, i) => [p[0], p[1] + pts[i][1]]) : pts;
  }
  const pts = acc.map(([n, v]) => [n, v / R]).filter(([n]) => n >= fromTokens);
  const h = linfit(pts.map((p) => Math.log(p[0])), pts.map((p) => Math.log(p[1])));
  const freqs = [...counts.values()].sort((x, y) => y - x);
  const N = freqs.reduce((x, y) => x + y, 0);
  const ranks = [];
  for (let r = 1; r <= Math.min(10000, freqs.length); r = Math.max(r + 1, Math.floor(r * 1.1))) ranks.push(r);
  let zipf = null;
  for (let q = 0; q <= 20; q += 0.25) {
    const f = linfit(ranks.map((r) => Math.log(r + q)), ranks.map((r) => Math.log(freqs[r - 1] / N)));
    let ss = 0;
    for (const r of ranks) ss += (Math.log(freqs[r - 1] / N) - (f.a + f.b * Math.log(r + q))) ** 2;
    if (!zipf || ss < zipf.ss) zipf = { s: -f.b, q, ss };
  }
  // burstiness: the share of a document's tokens that are distinct (Σ_d distinct_d / tokens)
  let distinct = 0;
  for (const d of docs) distinct += new Set(d).size;
  const distinctShare = distinct / N;
  const p = { ...PARAMS, heaps: { K: Math.exp(h.a), beta: h.b, fitFromTokens: fromTokens }, zipf: { ...PARAMS.zipf, s: zipf.s } };
  // ρ by bisection on 5,000 generated documents, then the tail for that ρ
  let lo = 0, hi = 0.6;
  for (let it = 0; it < 7; it++) {
    p.repeat = (lo + hi) / 2;
    let n = 0, u = 0;
    for (const line of documents({ docs: 5000, seed: 1, noise: 0, params: p })) {
      const d = JSON.parse(line);
      const t = (d.title + ' ' + d.body).toLowerCase().match(TOKEN) || [];
      n += t.length;
      u += new Set(t).size;
    }
    if (u / n > distinctShare) lo = p.repeat; else hi = p.repeat;
  }
  p.repeat = +((lo + hi) / 2).toFixed(3);
  const tail = fitTail(p);
  const quant = (xs, k) => { const s = [...xs].sort((x, y) => x - y); return Array.from({ length: k + 1 }, (_, i) => s[Math.round((i / k) * (s.length - 1))]); };
  return {
    docs: docs.length, tokens: N, types: freqs.length,
    heaps: { K: +Math.exp(h.a).toFixed(3), beta: +h.b.toFixed(3), fitFromTokens: fromTokens },
    zipf: { s: +zipf.s.toFixed(3), q: zipf.q, R0: tail.R0, s2: tail.s2, tailWorstRelErr: tail.worstRelErr },
    repeat: p.repeat, distinctShare: +distinctShare.toFixed(4),
    bodyQuantiles: quant(body, 40), titleQuantiles: quant(title, 20),
    rankFrequency: Object.fromEntries([1, 10, 100, 1000, 10000, 100000].filter((r) => r <= freqs.length).map((r) => [r, freqs[r - 1]])),
    hapax: freqs.filter((f) => f === 1).length,
  };
}

function parseArgs(argv) {
  const o = { docs: 0, seed: 1, noise: 0.005, dates: false, out: null, fit: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--docs') o.docs = parseCount(val());
    else if (a === '--seed') o.seed = Number(val());
    else if (a === '--noise') o.noise = Number(val());
    else if (a === '--dates') o.dates = true;
    else if (a === '--out') o.out = val();
    else if (a === '--fit') o.fit = val();
    else throw new Error(`unknown argument ${a} (see the header of bench/gen-corpus.mjs)`);
  }
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new Error('--seed must be an integer in 0..4294967295');
  if (!(o.noise >= 0 && o.noise <= 1)) throw new Error('--noise must be a rate in [0, 1]');
  if (!o.fit && (!o.docs || !o.out)) throw new Error('give --docs N and --out FILE.jsonl[.gz], or --fit CORPUS');
  return o;
}

/** "100k", "1M", "63000" → a document count. */
export function parseCount(s) {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
  if (!m) throw new Error(`not a document count: ${s} (e.g. 63000, 100k, 1M)`);
  const n = Math.round(Number(m[1]) * ({ k: 1e3, K: 1e3, m: 1e6, M: 1e6 }[m[2]] || 1));
  if (n < 1) throw new Error(`document count must be at least 1: ${s}`);
  return n;
}

/** Writes a .jsonl corpus synchronously (for bench/lib/corpus.mjs); returns the counts. */
export function writeCorpusSync(out, opts) {
  const tmp = `${out}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w');
  const stats = {};
  try {
    let buf = [];
    let bytes = 0;
    for (const line of documents(opts, stats)) {
      buf.push(line);
      bytes += line.length;
      if (bytes > 1 << 20) { fs.writeSync(fd, buf.join('')); buf = []; bytes = 0; }
    }
    fs.writeSync(fd, buf.join(''));
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, out);
  return stats;
}

/**
 * 50 benchmark queries for a generated corpus, taken from its first documents (the corpus is
 * exchangeable, so they stand for all of it): words, two-word phrases, names, typos (two letters
 * swapped) and 4-letter prefixes, in turn. Returns "qid<TAB>text" lines.
 */
export function generatedQueries({ docs, seed = 1, noise = 0.005 }, count = 50) {
  const take = Math.min(docs, 5000);
  const step = Math.max(1, Math.floor(take / count));
  const out = [];
  let i = 0;
  for (const line of documents({ docs: take, seed, noise })) {
    if (i++ % step !== 0 || out.length >= count) continue;
    const d = JSON.parse(line);
    // whole tokens only: /\p{L}+/ would cut an OCR-damaged "va1ue" into "va" and "ue"
    const words = (d.body.match(TOKEN) || []).filter((w) => /^\p{L}+$/u.test(w));
    const lower = words.filter((w) => w === w.toLowerCase());
    const long = lower.filter((w) => w.length >= 5);
    const kind = out.length % 5;
    let q = null;
    if (kind === 0) q = long[long.length >> 1];
    else if (kind === 1 && lower.length > 2) { const k = lower.length >> 1; q = `${lower[k - 1]} ${lower[k]}`; }
    else if (kind === 2) q = /[\p{Ll}\d,] (\p{Lu}\p{Ll}{3,})(?=[ ,.\n]|$)/u.exec(d.body)?.[1]; // a name mid-sentence
    else if (kind === 3 && long.length) { const w = long[0]; q = w.slice(0, 2) + w[3] + w[2] + w.slice(4); }
    else if (kind === 4) q = lower.find((w) => w.length >= 7)?.slice(0, 4);
    q = q || long[0] || d.title.split(' ')[0];
    out.push(`g${String(out.length + 1).padStart(2, '0')}\t${q}`);
  }
  return out;
}

/** Writes a corpus file (.jsonl, or gzip when the name ends in .gz); resolves with the counts. */
export async function writeCorpus(out, opts) {
  const tmp = `${out}.tmp-${process.pid}`;
  const file = fs.createWriteStream(tmp);
  const sink = out.endsWith('.gz') ? zlib.createGzip({ level: 6 }) : null;
  if (sink) sink.pipe(file);
  const w = sink || file;
  const stats = {};
  let buf = [];
  let bytes = 0;
  const flush = async () => {
    if (buf.length && !w.write(buf.join(''))) await new Promise((res) => w.once('drain', res));
    buf = [];
    bytes = 0;
  };
  for (const line of documents(opts, stats)) {
    buf.push(line);
    bytes += line.length;
    if (bytes > 1 << 20) await flush();
  }
  await flush();
  w.end();
  await new Promise((res, rej) => { file.on('finish', res); file.on('error', rej); });
  fs.renameSync(tmp, out);
  return stats;
}

async function main() {
  let o;
  try { o = parseArgs(process.argv.slice(2)); } catch (e) { console.error(`gen-corpus: ${e.message}`); process.exit(2); }
  if (o.fit) {
    console.log(JSON.stringify(await fit(o.fit), null, 1));
    return;
  }
  const t0 = Date.now();
  const st = await writeCorpus(o.out, o);
  console.error(`gen-corpus: ${o.docs} docs, ${st.tokens} tokens (Heaps' law expects ${Math.round(heapsTarget(st.tokens))} types) → ${o.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
