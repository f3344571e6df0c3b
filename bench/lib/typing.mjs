// Typing into the real drop-in UIs: Folio's (dist/site/folio.js on <div data-folio-search>) and
// Pagefind's Component UI (<pagefind-input> + <pagefind-results>), on the sites bench.mjs built.
//
// For each query of the corpus's typed list (queries/typed.tsv), a fresh browser context (empty
// cache) loads the page, focuses the search box and types the query one letter at a time at a
// person's pace (120–180 ms between keys). The page notes every key (keydown and input events)
// and, through a MutationObserver on the results area, the first animation frame after each
// change of the results. When the page has been quiet (no change, no request) for QUIET_MS:
//   - requests · bytes: what the server sent from navigation to the last result (the HTML page
//     itself excluded), split into before the first key and while typing; gzip -9 per file, as
//     the main table counts it (Pagefind's files are already compressed).
//   - keystroke to paint, two numbers from the last key's event:
//       first paint: the first frame that shows the final query's results: the results area
//         under that query (Folio: its root's data-query; Pagefind: its summary names the query),
//         with at least its count; rows whose text is still loading may be placeholders (both
//         UIs draw them), and the share of the page's rows that were real hits is reported.
//       settled: the frame after the last change of the results area (every row filled).
import fs from 'node:fs';
import path from 'node:path';
import { BENCH, OUT, bundleModule } from './paths.mjs';
import { CFG, errMsg, fb, fms, linkOrCopy, log, median, pct } from './util.mjs';
import { getBrowser, server } from './browser.mjs';
import { gzSize } from './sizes.mjs';

const QUIET_MS = Number(process.env.BENCH_TYPING_QUIET_MS || 1500);
const MAX_WAIT_MS = 20_000;
/** BENCH_FOLIO_WORKER=true|false: Folio's UI told where to search (data-worker); unset, its default. */
const WORKER = /^(true|false)$/.test(process.env.BENCH_FOLIO_WORKER || '') ? process.env.BENCH_FOLIO_WORKER : '';
/** Milliseconds between two keys: 120–180, the same sequence on every run. */
export const keyDelay = (i) => 120 + ((i * 37) % 61);

/** The typed queries of a corpus (its base name: a sample types the same list), or []. */
export function typedQueries(corpusKey) {
  const base = corpusKey.replace(/@.*$/, '');
  const file = path.join(BENCH, 'queries', 'typed.tsv');
  const n = Number(process.env.BENCH_TYPED_QUERIES || 0);
  const all = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t')).filter(([c]) => c === base).map(([, q]) => q);
  return n > 0 ? all.slice(0, n) : all;
}

// What the results area is, per UI: its changes are the paints counted; `pending`: its rows
// still loading; `query`: the element that says which query the results are for (Folio's
// data-query attribute, Pagefind's summary text).
const UIS = {
  folio: { area: '.folio-main', item: '.folio-results [role=option]', pending: '.folio-results .folio-hit-pending', input: 'input.folio-input', query: '.folio', queryAttr: 'query' },
  pagefind: { area: 'pagefind-results', item: 'pagefind-results .pf-result:not([aria-hidden=true])', pending: 'pagefind-results .pf-result[aria-hidden=true]', input: 'pagefind-input input', query: 'pagefind-summary', queryAttr: null },
};

/**
 * Whether a paint's `shown` query (what the UI says its results are for) is the final query:
 * Folio's data-query is the query itself; Pagefind's summary ("3 results for …") names it.
 */
export function showsQuery(kind, shown, query) {
  if (shown == null) return false;
  return kind === 'folio' ? shown === query : shown.includes(query);
}

/**
 * The first and the settled paint after the last key, in ms from it, and the share of real hits
 * among the rows at the first paint (1: none was a placeholder). The first paint is the first
 * frame that shows the final query's results (at least one row, real or placeholder); when none
 * does (no results), the settled one. `paints`: [{ t, q, filled,
 * pending }] in time order. No paint after the last key: the results were already shown (0 ms).
 */
export function paintTimes(kind, paints, lastKey, query) {
  const after = paints.filter((p) => p.t >= lastKey);
  if (!after.length) return { firstMs: 0, settledMs: 0, filled: 1 };
  const settled = after[after.length - 1];
  // A frame naming the query with no row yet (a "searching" state) is not a paint of results.
  const first = after.find((p) => showsQuery(kind, p.q, query) && p.filled + p.pending > 0) || settled;
  const rows = first.filled + first.pending;
  return { firstMs: first.t - lastKey, settledMs: settled.t - lastKey, filled: rows ? first.filled / rows : 1 };
}

/**
 * Writes typing.html into a built site: Folio's drop-in UI (the dist/ bundle, with the index in
 * the wasm on seeds, else dist/site/ around the site's index.folio) or Pagefind's Component UI.
 * Returns the page's path under the site, or throws when the UI's files are missing.
 */
export function typingSite(kind, siteDir, { embedded, rel }) {
  if (kind === 'folio') {
    const dist = path.join(OUT, 'dist', embedded ? '' : 'site');
    if (!fs.existsSync(path.join(dist, 'folio.js'))) throw new Error(`no drop-in UI bundle at ${dist} (scripts/build-web.sh's dist/, copied by lib/build-folio.sh)`);
    const ui = path.join(siteDir, 'ui');
    fs.mkdirSync(ui, { recursive: true });
    for (const f of fs.readdirSync(dist)) if (fs.statSync(path.join(dist, f)).isFile()) linkOrCopy(path.join(dist, f), path.join(ui, f));
    // The module `folio index` wrote into the bundle, as lib/build-site.mjs serves it.
    const own = embedded ? null : bundleModule(path.join(path.dirname(siteDir), '_folio-index'));
    if (own) linkOrCopy(own, path.join(ui, 'folio_bg.wasm'));
    fs.writeFileSync(path.join(siteDir, 'typing.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>typing</title>' +
      '<script type="module" src="ui/folio.js"></script></head><body>' +
      `<div data-folio-search${embedded ? '' : ' data-index="index.folio"'}${WORKER ? ` data-worker="${WORKER}"` : ''}></div></body></html>\n`);
  } else if (kind === 'pagefind') {
    if (!fs.existsSync(path.join(siteDir, 'pagefind', 'pagefind-component-ui.js'))) throw new Error('no pagefind-component-ui.js in the site');
    // Its default bundle path is /pagefind/; the site lives at /<corpus>/pagefind/.
    fs.writeFileSync(path.join(siteDir, 'typing.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>typing</title>' +
      '<link rel="stylesheet" href="pagefind/pagefind-component-ui.css"><script src="pagefind/pagefind-component-ui.js" type="module"></script></head>' +
      `<body><pagefind-config bundle-path="/${rel}/pagefind/"></pagefind-config><pagefind-input></pagefind-input><pagefind-summary></pagefind-summary><pagefind-results></pagefind-results></body></html>\n`);
  } else {
    throw new Error(`no drop-in UI for ${kind}`);
  }
  return 'typing.html';
}

// Runs in the page before its scripts: notes keys and the frames that show results changes,
// with what each frame shows (the query its results are for, rows filled and rows pending).
const PROBE = (ui) => {
  const { area } = ui;
  const t = { keys: [], paints: [], lastChange: 0, lastPaint: 0 };
  window.__typing = t;
  const onKey = (e) => { t.keys.push(e.timeStamp); };
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('input', onKey, true);
  let pending = false;
  const changed = () => {
    t.lastChange = performance.now();
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      t.lastPaint = performance.now();
      const el = document.querySelector(ui.query);
      const q = !el ? null : ui.queryAttr ? el.dataset[ui.queryAttr] ?? null : el.textContent;
      t.paints.push({ t: t.lastPaint, q, filled: document.querySelectorAll(ui.item).length, pending: document.querySelectorAll(ui.pending).length });
    });
  };
  const start = () => new MutationObserver((records) => {
    if (records.some((r) => { const el = r.target.nodeType === 1 ? r.target : r.target.parentElement; return el && el.closest(area); })) changed();
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden', 'class'] });
  start();
};

async function typeOne(base, rel, page0, kind, query) {
  const ui = UIS[kind];
  const b = await getBrowser();
  const ctx = await b.newContext();
  const srv = server();
  try {
    const page = await ctx.newPage();
    await page.addInitScript(PROBE, ui);
    const from = srv.requests.length;
    await page.goto(`${base}/${rel}/${page0}`, { timeout: CFG.pageTimeoutMs, waitUntil: 'load' });
    const input = page.locator(ui.input).first();
    await input.waitFor({ state: 'visible', timeout: CFG.pageTimeoutMs });
    await page.waitForTimeout(300); // a person finds the box
    await input.click();
    const typingFrom = srv.requests.length;
    for (let i = 0; i < query.length; i++) {
      await page.keyboard.type(query[i]);
      if (i < query.length - 1) await page.waitForTimeout(keyDelay(i));
    }
    // Quiet: no results change and no request for QUIET_MS.
    const t0 = Date.now();
    let seen = -1, quietSince = Date.now();
    for (;;) {
      await page.waitForTimeout(100);
      const st = await page.evaluate(() => window.__typing.paints.length);
      const n = st * 1e6 + srv.requests.length;
      if (n !== seen) { seen = n; quietSince = Date.now(); }
      if (Date.now() - quietSince >= QUIET_MS) break;
      if (Date.now() - t0 > MAX_WAIT_MS) throw new Error(`results still changing ${MAX_WAIT_MS / 1000} s after typing "${query}"`);
    }
    const st = await page.evaluate(([item]) => ({ ...window.__typing, shown: document.querySelectorAll(item).length }), [ui.item]);
    const lastKey = Math.max(...st.keys);
    const { firstMs, settledMs: paintMs, filled } = paintTimes(kind, st.paints, lastKey, query);
    const reqs = srv.requests.slice(from).filter((r) => r.path.startsWith(`/${rel}/`) && !r.path.endsWith(`/${page0}`));
    const cut = typingFrom - from;
    const sum = async (rs) => ({ n: rs.length, raw: rs.reduce((a, r) => a + r.bytes, 0), gz: (await Promise.all(rs.map((r) => (r.range ? r.bytes : gzSize(r.file))))).reduce((a, x) => a + x, 0) });
    const all = srv.requests.slice(from);
    const idx = (r) => all.indexOf(r);
    return { query, paintMs, firstMs, filled, shown: st.shown, load: await sum(reqs.filter((r) => idx(r) < cut)), typing: await sum(reqs.filter((r) => idx(r) >= cut)),
      total: await sum(reqs), files: reqs.map((r) => r.path.slice(rel.length + 2)) };
  } finally {
    await ctx.close().catch(() => {});
  }
}

/** Types every query of `queries` into the site's typing page; returns the per-query records and a summary. */
export async function measureTyping(base, rel, page, kind, queries) {
  const runs = [];
  for (const q of queries) {
    try { runs.push(await typeOne(base, rel, page, kind, q)); } catch (e) { runs.push({ query: q, error: errMsg(e) }); }
  }
  const ok = runs.filter((r) => !r.error);
  const sum = (k, f) => ok.reduce((a, r) => a + r[k][f], 0);
  const paint = ok.map((r) => r.paintMs);
  const first = ok.map((r) => r.firstMs);
  const summary = {
    n: ok.length, errors: runs.filter((r) => r.error).map((r) => `${r.query}: ${r.error}`),
    req: sum('total', 'n') / (ok.length || 1), gz: sum('total', 'gz') / (ok.length || 1),
    typingReq: sum('typing', 'n') / (ok.length || 1), typingGz: sum('typing', 'gz') / (ok.length || 1),
    loadReq: sum('load', 'n') / (ok.length || 1), loadGz: sum('load', 'gz') / (ok.length || 1),
    p50: pct(paint, 50), p95: pct(paint, 95), medianShown: median(ok.map((r) => r.shown)),
    firstP50: pct(first, 50), firstP95: pct(first, 95), filled: ok.reduce((a, r) => a + r.filled, 0) / (ok.length || 1),
  };
  if (process.env.BENCH_DEBUG) for (const r of runs) log(`${rel} typed "${r.query}": ${r.error || `${r.total.n} req ${fb(r.total.gz)}, first paint ${fms(r.firstMs)} ms (${Math.round(r.filled * 100)}% filled), settled ${fms(r.paintMs)} ms, ${r.shown} shown: ${r.files.join(' ')}`}`);
  return { runs, summary };
}

/** The typing table of one corpus: one row per UI measured. */
export function typingTable(corpus, rows, queries) {
  const lines = [`#### ${corpus.label}: typing ${queries.length} queries letter by letter in the drop-in UI (queries/typed.tsv: ${queries.map((q) => `"${q}"`).join(', ')})`, '',
    '| UI | page load: req · gz | while typing: req · gz | load + typing, per query: req · gz (raw) | keystroke to first paint p50 / p95 (rows filled) | keystroke to settled results p50 / p95 | results shown (median) |',
    '|---|--:|--:|--:|--:|--:|--:|'];
  for (const r of rows) {
    if (r.error) { lines.push(`| ${r.label} | error: ${r.error.replace(/\|/g, '/')} ||||||`); continue; }
    const s = r.summary;
    const raw = r.runs.filter((x) => !x.error).reduce((a, x) => a + x.total.raw, 0) / (s.n || 1);
    lines.push(`| ${r.label} | ${s.loadReq.toFixed(1)} · ${fb(Math.round(s.loadGz))} | ${s.typingReq.toFixed(1)} · ${fb(Math.round(s.typingGz))} | ` +
      `${s.req.toFixed(1)} · ${fb(Math.round(s.gz))} (${fb(Math.round(raw))}) | ${fms(s.firstP50)} / ${fms(s.firstP95)} ms (${Math.round(s.filled * 100)}%) | ${fms(s.p50)} / ${fms(s.p95)} ms | ${s.medianShown} |` +
      (s.errors.length ? ` errors: ${s.errors.join('; ').replace(/\|/g, '/')}` : ''));
  }
  lines.push('', 'Means per typed query over fresh page loads (empty cache); a key every 120–180 ms. From the last key event: "first paint" is the first animation frame whose results area is the final query\'s (Folio: the widget\'s data-query; Pagefind: its summary names the query), rows still loading drawn as placeholders (both UIs draw them; "rows filled": the share of real hits among the rows then); "settled" is the frame after the last change of the results area.');
  return lines.join('\n');
}
