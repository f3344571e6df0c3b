// bench/gen-corpus.mjs: the synthetic archive corpus is deterministic from its seed, and its
// vocabulary grows as the Heaps' law fitted to the Wikipedia leads says (issue 23, item 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  PARAMS, TOKEN, documents, generatedQueries, heapsTarget, parseCount, vocabularyGrowth, writeCorpus,
} from '../../bench/gen-corpus.mjs';

const digest = (opts) => {
  const h = crypto.createHash('sha256');
  for (const line of documents(opts)) h.update(line);
  return h.digest('hex');
};

const tokenLists = (opts) => {
  const out = [];
  for (const line of documents(opts)) {
    const d = JSON.parse(line);
    out.push(((d.title + ' ' + d.body).match(TOKEN) || []).map((t) => t.toLowerCase()));
  }
  return out;
};

test('same seed, same bytes; another seed, other bytes', () => {
  const a = digest({ docs: 400, seed: 7 });
  assert.equal(digest({ docs: 400, seed: 7 }), a);
  assert.notEqual(digest({ docs: 400, seed: 8 }), a);
  assert.notEqual(digest({ docs: 400, seed: 7, noise: 0 }), a, 'the OCR noise changes the text');
  // gen@100k@10k in bench/lib/corpus.mjs relies on a shorter run being a prefix of a longer one
  assert.deepEqual([...documents({ docs: 150, seed: 7 })], [...documents({ docs: 400, seed: 7 })].slice(0, 150));
});

test('the files written (.jsonl and .jsonl.gz) are byte-identical across runs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-corpus-'));
  try {
    for (const ext of ['jsonl', 'jsonl.gz']) {
      const [a, b] = [path.join(dir, `a.${ext}`), path.join(dir, `b.${ext}`)];
      await writeCorpus(a, { docs: 300, seed: 3 });
      await writeCorpus(b, { docs: 300, seed: 3 });
      assert.ok(fs.readFileSync(a).equals(fs.readFileSync(b)), ext);
    }
    let lines = 0;
    for (const line of documents({ docs: 300, seed: 3 })) lines += line.length > 0 ? 1 : 0;
    assert.equal(fs.readFileSync(path.join(dir, 'a.jsonl'), 'utf8').split('\n').filter(Boolean).length, lines);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('documents are Folio corpus records with unique ids and the leads\' lengths', () => {
  const ids = new Set();
  let bodyTokens = 0;
  const N = 2000;
  for (const line of documents({ docs: N, seed: 1, dates: true })) {
    const d = JSON.parse(line);
    for (const k of ['id', 'title', 'body', 'lang', 'url', 'date']) assert.equal(typeof d[k], 'string', k);
    assert.match(d.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(d.title.length > 0);
    ids.add(d.id);
    bodyTokens += (d.body.match(TOKEN) || []).length;
  }
  assert.equal(ids.size, N);
  // the quantile table's mean (interpolated) is about 101 tokens, as the leads' (101.3)
  const mean = bodyTokens / N;
  assert.ok(mean > 90 && mean < 112, `mean body length ${mean}`);
});

test('vocabulary grows as the fitted Heaps law K·n^β (within 6 %, n ≥ 10^5 tokens)', () => {
  const pts = vocabularyGrowth(tokenLists({ docs: 3000, seed: 11, noise: 0 }));
  const checked = pts.filter(([n]) => n >= 1e5);
  assert.ok(checked.length >= 3, `too few checkpoints: ${JSON.stringify(pts.slice(-3))}`);
  for (const [n, v] of checked) {
    const want = heapsTarget(n);
    assert.ok(Math.abs(v / want - 1) < 0.06, `after ${n} tokens: ${v} types, Heaps' law ${Math.round(want)}`);
  }
});

test('the growth does not depend on the order of the documents (read shuffled, as the fit was)', () => {
  const docs = tokenLists({ docs: 3000, seed: 11, noise: 0 });
  let x = 12345;
  for (let i = docs.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [docs[i], docs[j]] = [docs[j], docs[i]];
  }
  for (const [n, v] of vocabularyGrowth(docs).filter(([m]) => m >= 1e5)) {
    const want = heapsTarget(n);
    assert.ok(Math.abs(v / want - 1) < 0.06, `shuffled, after ${n} tokens: ${v} types, Heaps' law ${Math.round(want)}`);
  }
});

test('OCR noise and names add rare types, but the growth stays near the fit', () => {
  const pts = vocabularyGrowth(tokenLists({ docs: 3000, seed: 11 }));
  const clean = vocabularyGrowth(tokenLists({ docs: 3000, seed: 11, noise: 0 }));
  const [n, v] = pts[pts.length - 1];
  const v0 = clean[clean.length - 1][1];
  assert.ok(v > v0, 'damaged tokens are new types');
  assert.ok(v / heapsTarget(n) < 1.15, `with noise: ${v} types after ${n} tokens`);
});

test('rare names: about a quarter of the types are capitalised mid-sentence, and most are rare', () => {
  const names = new Map();
  const types = new Set();
  for (const line of documents({ docs: 3000, seed: 2, noise: 0 })) {
    const { body } = JSON.parse(line);
    for (const t of body.match(TOKEN) || []) types.add(t.toLowerCase());
    for (const m of body.matchAll(/[a-z0-9,] (\p{Lu}\p{Ll}+)/gu)) names.set(m[1], (names.get(m[1]) || 0) + 1);
  }
  const share = names.size / types.size;
  assert.ok(share > 0.15 && share < 0.35, `names are ${(share * 100).toFixed(1)} % of ${types.size} types`);
  const once = [...names.values()].filter((c) => c === 1).length;
  assert.ok(once / names.size > 0.4, `only ${once} of ${names.size} names occur once`);
});

test('term frequencies follow the fitted Zipf head (slope over ranks 10..1000)', () => {
  const counts = new Map();
  for (const toks of tokenLists({ docs: 3000, seed: 5, noise: 0 })) for (const t of toks) counts.set(t, (counts.get(t) || 0) + 1);
  const f = [...counts.values()].sort((a, b) => b - a);
  const xs = [], ys = [];
  for (let r = 10; r <= 1000; r = Math.ceil(r * 1.2)) { xs.push(Math.log(r)); ys.push(Math.log(f[r - 1])); }
  const m = xs.length;
  const mx = xs.reduce((a, b) => a + b) / m, my = ys.reduce((a, b) => a + b) / m;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < m; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; }
  const slope = -sxy / sxx;
  assert.ok(Math.abs(slope - PARAMS.zipf.s) < 0.12, `Zipf slope ${slope.toFixed(3)}, fitted ${PARAMS.zipf.s}`);
});

test('document counts: 100k, 1M, 63000; nonsense refused', () => {
  assert.equal(parseCount('100k'), 100000);
  assert.equal(parseCount('1M'), 1000000);
  assert.equal(parseCount('63000'), 63000);
  assert.throws(() => parseCount('lots'), /not a document count/);
  assert.throws(() => parseCount('0'), /at least 1/);
});

test('benchmark queries come from the corpus: 50, and their words are in it', () => {
  const qs = generatedQueries({ docs: 3000, seed: 4 });
  assert.equal(qs.length, 50);
  const words = new Set();
  for (const line of documents({ docs: 3000, seed: 4 })) for (const t of JSON.parse(line).body.match(TOKEN) || []) words.add(t.toLowerCase());
  qs.forEach((l, i) => {
    const [qid, text] = l.split('\t');
    assert.match(qid, /^g\d\d$/);
    const kind = i % 5;
    if (kind === 3 || kind === 4) return; // a typo, a prefix
    for (const w of text.toLowerCase().split(' ')) assert.ok(words.has(w), `query ${qid} "${text}": ${w} is not in the corpus`);
  });
});
