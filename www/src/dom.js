// The drop-in UI's DOM helpers and the pure functions under them: elements from a tag and
// attributes, highlight ranges → text and <mark> nodes (corpus text only ever as text, never
// HTML), safe links, the stylesheet link.

/** document.createElement with attributes and text or element children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = value;
    else if (name === 'text') el.textContent = value;
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child != null) el.append(child);
  return el;
}

/**
 * `text` cut into [piece, marked] segments by the [start, end) ranges (UTF-16 offsets) to mark.
 * Ranges may come unsorted, overlapping, out of bounds or malformed; they are cleaned first.
 */
export function highlightSegments(text, ranges) {
  const clean = (Array.isArray(ranges) ? ranges : [])
    .filter((r) => Array.isArray(r))
    .map(([s, e]) => [Math.max(0, Math.min(text.length, s | 0)), Math.max(0, Math.min(text.length, e | 0))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = [];
  let at = 0;
  for (const [start, end] of clean) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) out.push([text.slice(at, from), false]);
    out.push([text.slice(from, end), true]);
    at = end;
  }
  if (at < text.length) out.push([text.slice(at), false]);
  return out;
}

/** Appends `text` to `parent` as text nodes, with the `ranges` to mark wrapped in <mark>. */
export function appendHighlighted(parent, text, ranges) {
  for (const [piece, marked] of highlightSegments(text, ranges)) {
    parent.append(marked ? h('mark', { text: piece }) : document.createTextNode(piece));
  }
}

/**
 * A corpus URL as a safe href: http(s), or a relative link when the page itself is a file://
 * copy (`pageProtocol`); else null. `anchor` is added when the URL has no fragment.
 */
export function safeHref(url, base, anchor, pageProtocol = globalThis.location?.protocol) {
  if (typeof url !== 'string' || url.trim() === '') return null;
  try {
    const u = new URL(url.trim(), base || globalThis.document?.baseURI);
    const ok = u.protocol === 'http:' || u.protocol === 'https:' || (u.protocol === 'file:' && pageProtocol === 'file:');
    if (!ok) return null;
    if (anchor && typeof anchor === 'string' && !u.hash) u.hash = anchor;
    return u.href;
  } catch {
    return null;
  }
}

/** `lang` when it is a well-formed language tag, else null. */
export function validLang(lang) {
  return typeof lang === 'string' && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang) ? lang : null;
}

export function capitalise(s) {
  return s ? s[0].toLocaleUpperCase() + s.slice(1) : s;
}

/**
 * Whether an input event of `inputType` is a letter typed (or deleted) in a query still being
 * written: not a paste, a drop or an autocompletion, which put a whole query in at once.
 */
export function isTyped(inputType) {
  return !/^insertFrom|^insertReplacementText$/.test(inputType || '');
}

export function isEditable(el) {
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

/** The share of the letters of `text` that are Cyrillic (0 when it has none). */
export function cyrillicShare(text) {
  const letters = text.match(/\p{L}/gu) || [];
  if (!letters.length) return 0;
  return letters.filter((c) => /\p{Script=Cyrillic}/u.test(c)).length / letters.length;
}

/** While the stylesheet linkStylesheet() added loads: a promise of its end (loaded or failed). */
export let stylesheetLoading = null;

/**
 * Links the stylesheet at `href` (folio.css next to the script) unless the page already links a
 * folio.css, so the snippet needs no <link> and works from a page in any folder.
 */
export function linkStylesheet(href) {
  if (typeof document === 'undefined' || !href) return;
  const linked = [...document.querySelectorAll('link[rel~="stylesheet"][href]')].some((link) => {
    try {
      return /(^|\/)folio\.css$/.test(new URL(link.getAttribute('href'), document.baseURI).pathname);
    } catch {
      return false;
    }
  });
  if (linked) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  stylesheetLoading = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  }).then(() => {
    stylesheetLoading = null;
  });
  // First in <head>, so the page's own rules (its --folio-* properties) come after and win.
  (document.head || document.documentElement).prepend(link);
}

