// Corpora and query lists for the benchmark.
//
// A corpus spec is a name:
//   seeds                    the five files in <repo>/seeds, converted to {id,title,body} records for the peers;
//                            Folio uses the index embedded in its wasm (built by build.rs from the same files)
//   <name>                   $CORPORA_DIR/<name>/docs.jsonl(.gz) + queries (queries.tsv, or bench/queries/<short>.tsv)
//   <name>@<N>k / @<N>       an evenly spaced sample of N docs (the wikipedia corpus is sorted by title,
//                            so a head-of-file subset would be all "A…" articles)
//   gen@<N>[k|M]             N documents from bench/gen-corpus.mjs (seed $GEN_SEED, default 1), with
//                            50 queries drawn from its documents; gen@100k@10k is its first 10,000 docs
// Every corpus is materialised as one JSONL file under bench/out/corpora/ (or read in place).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { BENCH, REPO, OUT } from './paths.mjs';
import { generatedQueries, parseCount, writeCorpusSync } from '../gen-corpus.mjs';

export const CORPORA_DIR = process.env.CORPORA_DIR || '/work/shared/corpora';

// Query lists written for this benchmark when a corpus ships none.
const OWN_QUERIES = {
  seeds: path.join(BENCH, 'queries', 'seeds.tsv'),
  'wikipedia-en-leads': path.join(BENCH, 'queries', 'wikipedia.tsv'),
};

export function readQueries(file) {
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const tab = l.indexOf('\t');
      return tab < 0 ? { qid: l, text: l } : { qid: l.slice(0, tab), text: l.slice(tab + 1) };
    });
}

function readJsonl(file) {
  let buf = fs.readFileSync(file);
  if (file.endsWith('.gz')) buf = zlib.gunzipSync(buf);
  const lines = buf.toString('utf8').split('\n').filter((l) => l.trim());
  return lines;
}

// ---- seeds: archive pages (markdown-ish text) -> {id,title,body}
function seedRecord(file) {
  const text = fs.readFileSync(file, 'utf8');
  const clean = text.replace(/\*\*/g, '').replace(/<(https?:[^>]+)>/g, '$1');
  // The archive pages quote their own title in the citation: "Title", date, Wilson Center …
  let title = '';
  const cit = /Citation:?\s*(?:get citation\s*)?[\s\S]{0,400}?"([^"\n]{10,300}?),?"/.exec(clean);
  if (cit) title = cit[1].replace(/,$/, '').trim();
  if (!title) {
    const lines = clean.split('\n').map((s) => s.trim()).filter(Boolean);
    title = lines.find((l) => l.length > 12 && !/^(skip to content|search in|results:?)$/i.test(l)) || lines[0] || '';
  }
  return { id: path.basename(file).replace(/\.[^.]+$/, ''), title, body: clean.replace(/[ \t]+\n/g, '\n').trim() };
}

/** Returns {key, label, docsFile, nDocs, queries, queriesFile, folioEmbedded, source, sample} or throws. */
export function loadCorpus(spec) {
  if (spec.startsWith('gen@')) return generatedCorpus(spec);
  const m = /^(.*?)(?:@(\d+)(k?))?$/.exec(spec);
  const base = m[1];
  const sample = m[2] ? Number(m[2]) * (m[3] ? 1000 : 1) : 0;
  const dir = path.join(OUT, 'corpora');
  fs.mkdirSync(dir, { recursive: true });

  if (base === 'seeds') {
    if (sample) throw new Error('seeds cannot be subsampled');
    const seedDir = path.join(REPO, 'seeds');
    const files = fs.readdirSync(seedDir).filter((f) => /\.(txt|md|html?)$/.test(f)).sort().map((f) => path.join(seedDir, f));
    if (!files.length) throw new Error(`no seed files in ${seedDir}`);
    const docsFile = path.join(dir, 'seeds.jsonl');
    fs.writeFileSync(docsFile, files.map((f) => JSON.stringify({ ...seedRecord(f), lang: 'en' })).join('\n') + '\n');
    const queriesFile = OWN_QUERIES.seeds;
    return { key: 'seeds', label: 'seeds', docsFile, nDocs: files.length, queriesFile, queries: readQueries(queriesFile),
      folioEmbedded: true, source: seedDir, seedDir };
  }

  const cdir = path.join(CORPORA_DIR, base);
  const docsSrc = ['docs.jsonl', 'docs.jsonl.gz'].map((f) => path.join(cdir, f)).find((f) => fs.existsSync(f));
  if (!docsSrc) throw new Error(`no docs.jsonl(.gz) in ${cdir}`);
  const queriesFile = fs.existsSync(path.join(cdir, 'queries.tsv')) ? path.join(cdir, 'queries.tsv') : OWN_QUERIES[base];
  if (!queriesFile || !fs.existsSync(queriesFile)) throw new Error(`no queries for ${base} (queries.tsv or bench/queries/)`);
  const key = sample ? `${base}@${m[2]}${m[3] || ''}` : base;
  let docsFile = docsSrc;
  let nDocs;
  if (sample || docsSrc.endsWith('.gz')) {
    docsFile = path.join(dir, `${key}.jsonl`);
    const srcStat = fs.statSync(docsSrc);
    if (!fs.existsSync(docsFile) || fs.statSync(docsFile).mtimeMs < srcStat.mtimeMs) {
      let lines = readJsonl(docsSrc);
      if (sample && sample < lines.length) {
        const n = lines.length;
        lines = Array.from({ length: sample }, (_, i) => lines[Math.floor((i * n) / sample)]);
      }
      fs.writeFileSync(docsFile + '.tmp', lines.join('\n') + '\n');
      fs.renameSync(docsFile + '.tmp', docsFile);
      nDocs = lines.length;
    }
  }
  if (nDocs === undefined) nDocs = readJsonl(docsFile).length;
  return { key, label: key, docsFile, nDocs, queriesFile, queries: readQueries(queriesFile), folioEmbedded: false,
    source: docsSrc, sample };
}

// gen@100k (or gen@100k@10k, the first 10k of them: a generated corpus is exchangeable, and a
// shorter run of the same seed is a prefix of a longer one)
function generatedCorpus(spec) {
  const counts = spec.split('@').slice(1).map(parseCount);
  const nDocs = Math.min(...counts);
  const seed = Number(process.env.GEN_SEED || 1);
  const dir = path.join(OUT, 'corpora');
  fs.mkdirSync(dir, { recursive: true });
  const docsFile = path.join(dir, `gen-${nDocs}-s${seed}.jsonl`);
  if (!fs.existsSync(docsFile)) writeCorpusSync(docsFile, { docs: nDocs, seed });
  const queriesFile = path.join(dir, `gen-${nDocs}-s${seed}.queries.tsv`);
  if (!fs.existsSync(queriesFile)) fs.writeFileSync(queriesFile, generatedQueries({ docs: nDocs, seed }).join('\n') + '\n');
  return { key: spec, label: `${spec} (seed ${seed})`, docsFile, nDocs, queriesFile, queries: readQueries(queriesFile),
    folioEmbedded: false, source: 'bench/gen-corpus.mjs', sample: counts.length > 1 ? nDocs : 0 };
}
