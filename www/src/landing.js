// The page a result link opened: its URL carries the matched words (`?folio-highlight=…`, see
// links.js). When the drop-in UI's script is on that page too (a search box in the site's header or
// sidebar, as every recipe puts it), it brings in folio-highlight.js from its own folder, so the
// words are marked and the first is scrolled into view with no extra tag. A page that includes
// folio-highlight.js itself runs only that copy; a URL without the parameter loads nothing.

import { HIGHLIGHT_PARAM } from './links.js';

/** Whether a page at `href` whose scripts have the sources `sources` should load the highlighter. */
export function needsHighlighter(href, sources) {
  let asked;
  try {
    asked = new URL(href).searchParams.has(HIGHLIGHT_PARAM);
  } catch {
    return false;
  }
  return asked && !sources.some((src) => /(^|\/)folio-highlight\.js(\?|#|$)/.test(src));
}

/** Adds folio-highlight.js (found next to `here`, the bundle's script) to the page when it asks for it. */
export function highlightLanding(here) {
  if (typeof document === 'undefined') return;
  const sources = [...document.scripts].map((s) => s.src).filter(Boolean);
  if (!needsHighlighter(location.href, sources)) return;
  const script = document.createElement('script');
  script.src = new URL('folio-highlight.js', here).href;
  script.defer = true;
  document.head.append(script);
}
