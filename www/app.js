// Folio demo: search-as-you-type over the index embedded in the wasm module.
// Corpus text is only ever put into the page through textContent and text nodes,
// never parsed as HTML.

const PAGE_SIZE = 20;
const ANNOUNCE_DELAY_MS = 400; // let typing settle before screen readers speak

const $ = (id) => document.getElementById(id);
const form = $('search-form');
const input = $('q');
const summary = $('summary');
const fallbackNote = $('fallback');
const announcer = $('announcer');
const results = $('results');
const moreButton = $('more');
const errorBox = $('error');
const about = $('about');

let engine = null; // { search, info } once the wasm is ready
let shown = { query: '', count: 0, total: 0 };
let announceTimer = 0;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function plural(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = '';
}

function announce(text) {
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    announcer.textContent = text;
  }, ANNOUNCE_DELAY_MS);
}

/**
 * Appends `text` to `parent`, wrapping the [start, end) ranges (UTF-16 offsets) in <mark>.
 * Ranges may arrive unsorted, overlapping or out of bounds; they are cleaned up first.
 */
function appendHighlighted(parent, text, ranges) {
  const clean = (Array.isArray(ranges) ? ranges : [])
    .map(([s, e]) => [Math.max(0, Math.min(text.length, s | 0)), Math.max(0, Math.min(text.length, e | 0))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let at = 0;
  for (const [start, end] of clean) {
    if (end <= at) continue; // fully inside the previous mark
    const from = Math.max(start, at);
    if (from > at) parent.append(document.createTextNode(text.slice(at, from)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(from, end);
    parent.append(mark);
    at = end;
  }
  if (at < text.length) parent.append(document.createTextNode(text.slice(at)));
}

/** Only http(s) and same-site links from the corpus become hrefs. */
function safeHref(url) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const u = new URL(url, document.baseURI);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function validLang(lang) {
  return typeof lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : null;
}

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

function renderHit(hit) {
  const li = document.createElement('li');
  li.className = 'hit';
  if (hit.id != null) li.dataset.id = String(hit.id);

  const h2 = document.createElement('h2');
  h2.className = 'hit-title';
  const href = safeHref(hit.url);
  const titleHolder = href ? document.createElement('a') : document.createElement('span');
  if (href) titleHolder.href = href;
  appendHighlighted(titleHolder, String(hit.title ?? '(untitled)'), hit.titleHighlights);
  h2.append(titleHolder);
  li.append(h2);

  const meta = document.createElement('p');
  meta.className = 'hit-meta';
  if (hit.date) {
    const time = document.createElement('time');
    time.dateTime = hit.date;
    time.textContent = formatDate(hit.date);
    meta.append(time);
  }
  for (const [cls, value] of [['hit-type', hit.type], ['hit-section', hit.section]]) {
    if (value) {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = String(value);
      meta.append(span);
    }
  }
  if (meta.childNodes.length) li.append(meta);

  const snippet = hit.snippet;
  if (snippet && snippet.text) {
    const p = document.createElement('p');
    p.className = 'snippet';
    const lang = validLang(hit.lang);
    if (lang) p.lang = lang;
    appendHighlighted(p, String(snippet.text), snippet.highlights);
    li.append(p);
  }
  return li;
}

function reflectInUrl(query) {
  const url = new URL(location.href);
  if (query) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  history.replaceState(null, '', url);
}

function idleSummary() {
  const { documents } = engine.info();
  summary.textContent = `Search ${plural(documents, 'document', 'documents')}.`;
}

function run(append = false) {
  if (!engine) return;
  const query = append ? shown.query : input.value;
  reflectInUrl(query.trim() ? query : '');
  if (!query.trim()) {
    results.replaceChildren();
    fallbackNote.hidden = true;
    moreButton.hidden = true;
    clearError();
    idleSummary();
    shown = { query: '', count: 0, total: 0 };
    results.dataset.query = '';
    announce('');
    return;
  }

  const offset = append ? shown.count : 0;
  let res;
  const t0 = performance.now();
  try {
    // prefixLast: the word being typed also matches as a prefix ("Puza" finds "Puzanov").
    res = engine.search(query, { limit: PAGE_SIZE, offset, prefixLast: true });
  } catch (err) {
    showError(`Search failed: ${err?.message ?? err}`);
    return;
  }
  const ms = performance.now() - t0;
  clearError();

  const hits = Array.isArray(res.hits) ? res.hits : [];
  const total = Number(res.total) || 0;
  const fragment = document.createDocumentFragment();
  for (const hit of hits) fragment.append(renderHit(hit));
  if (append) results.append(fragment);
  else results.replaceChildren(fragment);

  shown = { query, count: offset + hits.length, total };
  results.dataset.query = query;
  fallbackNote.hidden = !(res.fallback && total > 0);
  moreButton.hidden = shown.count >= total || hits.length === 0;

  let text;
  if (total === 0) {
    text = `No documents match “${query.trim()}”.`;
    summary.classList.add('empty');
  } else {
    summary.classList.remove('empty');
    text = `${plural(total, 'document matches', 'documents match')} “${query.trim()}”`;
    if (res.fallback) text += ' partially';
    text += '.';
  }
  summary.textContent = text;
  if (total > 0) {
    const small = document.createElement('span');
    small.className = 'timing';
    small.textContent = ` ${shown.count < total ? `Showing ${shown.count}. ` : ''}(${ms < 0.1 ? 'under 0.1' : ms.toFixed(1)} ms)`;
    summary.append(small);
  }
  announce(res.fallback && total > 0 ? `${text} No document has all words; showing partial matches.` : text);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});
// One search per frame at most: if the engine is slower than the typist, skip the
// intermediate queries instead of queueing them.
let frame = 0;
input.addEventListener('input', () => {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    run();
  });
});
moreButton.addEventListener('click', () => {
  const firstNew = shown.count;
  run(true);
  // Move focus to the first newly shown result so keyboard users keep their place.
  const li = results.children[firstNew];
  const target = li?.querySelector('a') ?? li;
  if (target) {
    if (!target.matches('a')) target.tabIndex = -1;
    target.focus();
  }
});

async function start() {
  const initial = new URL(location.href).searchParams.get('q');
  if (initial && !input.value) input.value = initial;
  try {
    const folio = await import('./pkg/folio.js');
    await folio.default();
    engine = { search: folio.search, info: folio.info };
  } catch (err) {
    form.dataset.state = 'error';
    summary.textContent = '';
    showError(`The search engine could not be loaded: ${err?.message ?? err}`);
    console.error(err);
    return;
  }
  const { documents, terms, bytes, version } = engine.info();
  const parts = [`Folio · ${plural(documents, 'document', 'documents')}`, plural(terms, 'term', 'terms')];
  if (Number.isFinite(bytes)) parts.push(`${(bytes / 1024).toFixed(0)} KiB index`);
  if (version != null) parts.push(`format ${version}`);
  parts.push('searched in your browser with WebAssembly');
  about.textContent = parts.join(' · ');
  form.dataset.state = 'ready';
  run();
}

start();
