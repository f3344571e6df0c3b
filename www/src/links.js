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
 * The marked runs of a snippet, in snippet order: each run is consecutive marked words with only
 * spaces between them ("Ким Ир Сен"), with the block it is in. A line break in a snippet's text
 * is a block boundary of the page (a heading and its paragraph, two list items): a run ends
 * there, since a browser never matches a text fragment across blocks.
 */
function runsOf(snippet) {
  const text = snippet && typeof snippet.text === 'string' ? snippet.text : '';
  const runs = [];
  /** @type {{ text: string, start: number } | null} */
  let run = null;
  let at = 0;
  for (const [piece, marked] of [...highlightSegments(text, snippet && snippet.highlights), ['', false]]) {
    if (marked) {
      if (run) run.text += piece;
      else run = { text: piece, start: at };
    } else if (run && piece !== '' && /^[^\S\n]+$/.test(piece)) {
      run.text += ' ';
    } else if (run) {
      const t = run.text.trim();
      if (t) runs.push({ text: t, block: blockAt(text, run.start), ...contextOf(text, run.start, run.start + run.text.trimEnd().length) });
      run = null;
    }
    at += piece.length;
  }
  return runs;
}

/**
 * A word beside the run `text[start..end]` in its block, to tell this passage from the same
 * words elsewhere on the page (a theme's menu repeats page titles before the content, and a
 * browser follows a text fragment to its first match): the word after it (`suffix`), else the
 * one before (`prefix`). Only a whole word of letters or digits with spaces alone between it and
 * the run, so the page's own text has the same sequence; none in scripts written without spaces.
 */
function contextOf(text, start, end) {
  const after = /^[^\S\n]+([\p{L}\p{N}]+)(?![\p{L}\p{N}\p{M}])/u.exec(text.slice(end));
  if (after && !/^[^\S\n]*…/u.test(text.slice(end + after[0].length))) return { suffix: after[1] };
  const before = /(?<![\p{L}\p{N}\p{M}])([\p{L}\p{N}]+)[^\S\n]+$/u.exec(text.slice(0, start));
  if (before && !/…[^\S\n]*$/u.test(text.slice(0, start - before[0].length))) return { prefix: before[1] };
  return {};
}

/** The block (line) of `text` at offset `at`, without the ellipses of a cut snippet. */
function blockAt(text, at) {
  const from = text.lastIndexOf('\n', at - 1) + 1;
  const to = text.indexOf('\n', at);
  return text.slice(from, to < 0 ? text.length : to).replace(/^…\s*|\s*…$/g, '').trim();
}

/** The distinct marked runs of a snippet, in snippet order (see `runsOf`). */
export function markedRuns(snippet) {
  return [...new Set(runsOf(snippet).map((r) => r.text))];
}

/** `text` percent-encoded for a text directive, where `-`, `&` and `,` have meanings. */
function directiveText(text) {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

/**
 * A fragment directive (`:~:text=…&text=…`) for the marked runs of `snippet`, or ''. Runs in the
 * block that is `heading` (the section the link's anchor leads to) are left out: the anchor
 * already leads there, and a page repeats its headings in its table of contents and navigation,
 * where a text fragment would match first and the page would not scroll to the section. Each run
 * carries a word beside it as context (`text=run,-next` or `text=before-,run`, see `contextOf`),
 * so a page title in the menu does not match it first. A directive the browser cannot find
 * leaves the anchor to lead to the section.
 */
export function textDirective(snippet, heading = null) {
  const inHeading = (block) => typeof heading === 'string' && block !== '' && heading.includes(block);
  const directive = (r) => `${r.prefix ? `${directiveText(r.prefix)}-,` : ''}${directiveText(r.text)}${r.suffix ? `,-${directiveText(r.suffix)}` : ''}`;
  // A word marked twice needs one directive: the first, as a browser follows the first.
  const first = new Map();
  for (const r of runsOf(snippet).filter((r) => !inHeading(r.block))) if (!first.has(r.text)) first.set(r.text, directive(r));
  const kept = [...first.values()].slice(0, MAX_DIRECTIVES);
  return kept.length ? `:~:${kept.map((r) => `text=${r}`).join('&')}` : '';
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
 * `anchor`, the words to mark in `?folio-highlight=`, and a text fragment from `snippet`
 * (without the words of `heading`, the anchor's section heading, when there is an anchor).
 * null when the URL is not one to follow.
 */
export function pageHref(url, base, anchor, snippet, words, { heading = null, pageProtocol = globalThis.location?.protocol } = {}) {
  const safe = safeHref(url, base, anchor, pageProtocol);
  if (!safe) return null;
  const u = new URL(safe);
  // A copy on disk has no server to turn a folder into its index.html (MkDocs's and Hugo's pages
  // are folders): the browser would list the folder.
  if (u.protocol === 'file:' && u.pathname.endsWith('/')) u.pathname += 'index.html';
  if (Array.isArray(words) && words.length) u.searchParams.set(HIGHLIGHT_PARAM, words.join(' '));
  // The directive follows the fragment (`page.html#returns:~:text=…`): where the text is not
  // found, or the browser knows no text fragments, the anchor still leads to the section.
  const directive = u.hash.includes(':~:') ? '' : textDirective(snippet, anchor ? heading : null);
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
