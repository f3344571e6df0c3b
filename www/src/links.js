// Where a result leads, as pure functions of strings: the page's link with the section's anchor,
// a URL Text Fragment (#:~:text=…, which Chromium and Safari scroll to and highlight with no
// script) built from the words the snippet marks, and the `folio-highlight` parameter that tells
// folio-highlight.js every matched form to mark; or, for a document with no page of its own, the
// reader view in the search page itself (#folio-doc=<id>).
import { highlightSegments, safeHref } from './dom.js';

/** The URL parameter folio-highlight.js reads: the words to mark, separated by spaces. */
export const HIGHLIGHT_PARAM = 'folio-highlight';
/** The fragment of a reader view: #folio-doc=<id>[&folio-section=<heading>]. */
const DOC_KEY = 'folio-doc';
const SECTION_KEY = 'folio-section';
/** The most text directives, and words to mark, a link carries. */
const MAX_DIRECTIVES = 3;
const MAX_WORDS = 12;

/**
 * The marked runs of a snippet: each run is consecutive marked words with only spaces between
 * them ("Ким Ир Сен"), in snippet order, without repeats.
 */
export function markedRuns(snippet) {
  const text = snippet && typeof snippet.text === 'string' ? snippet.text : '';
  const runs = [];
  let run = null;
  for (const [piece, marked] of highlightSegments(text, snippet && snippet.highlights)) {
    if (marked) run = run == null ? piece : `${run}${piece}`;
    else if (run != null && /^\s+$/.test(piece)) run += ' ';
    else {
      if (run != null) runs.push(run.trim());
      run = null;
    }
  }
  if (run != null) runs.push(run.trim());
  return [...new Set(runs.filter(Boolean))];
}

/** `text` percent-encoded for a text directive, where `-`, `&` and `,` have meanings. */
function directiveText(text) {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

/** A fragment directive (`:~:text=…&text=…`) for the marked runs of `snippet`, or ''. */
export function textDirective(snippet) {
  const runs = markedRuns(snippet).slice(0, MAX_DIRECTIVES);
  return runs.length ? `:~:${runs.map((r) => `text=${directiveText(r)}`).join('&')}` : '';
}

/** Every distinct word a hit's title and snippets mark (its sections' too), as written. */
export function matchedWords(hit) {
  const snippets = [hit && hit.snippet, ...((hit && Array.isArray(hit.sections)) ? hit.sections.map((s) => s && s.snippet) : [])];
  if (hit && typeof hit.title === 'string') snippets.push({ text: hit.title, highlights: hit.titleHighlights });
  const words = new Set();
  for (const s of snippets) {
    for (const run of markedRuns(s)) for (const w of run.split(/\s+/)) if (w) words.add(w);
  }
  return [...words].slice(0, MAX_WORDS);
}

/**
 * The link of a result that has a page: `url` (made safe and absolute against `base`) with
 * `anchor`, the words to mark in `?folio-highlight=`, and a text fragment from `snippet`.
 * null when the URL is not one to follow.
 */
export function pageHref(url, base, anchor, snippet, words, pageProtocol = globalThis.location?.protocol) {
  const safe = safeHref(url, base, anchor, pageProtocol);
  if (!safe) return null;
  const u = new URL(safe);
  if (Array.isArray(words) && words.length) u.searchParams.set(HIGHLIGHT_PARAM, words.join(' '));
  // The directive follows the fragment (`page.html#returns:~:text=…`): where the text is not
  // found, or the browser knows no text fragments, the anchor still leads to the section.
  const directive = u.hash.includes(':~:') ? '' : textDirective(snippet);
  if (!directive) return u.href;
  return u.hash ? `${u.href}${directive}` : `${u.href}#${directive}`;
}

/** The link to the reader view of document `id` in the search page `pageUrl`, at `section` (a heading). */
export function readerHref(pageUrl, id, section = null) {
  const u = new URL(pageUrl);
  const p = new URLSearchParams();
  p.set(DOC_KEY, String(id));
  if (section) p.set(SECTION_KEY, String(section));
  u.hash = p.toString();
  return u.href;
}

/** The reader view a URL asks for, { id, section }, or null. */
export function readerTarget(href) {
  let hash;
  try {
    hash = new URL(href).hash.slice(1);
  } catch {
    return null;
  }
  if (!hash.startsWith(`${DOC_KEY}=`)) return null;
  const p = new URLSearchParams(hash);
  const id = p.get(DOC_KEY);
  return id ? { id, section: p.get(SECTION_KEY) || null } : null;
}

/** `href` without a reader view's fragment: the results. */
export function withoutReader(href) {
  const u = new URL(href);
  if (readerTarget(href)) u.hash = '';
  return u.href.replace(/#$/, '');
}
