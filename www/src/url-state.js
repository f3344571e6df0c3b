// The search's state in the page URL (?q=…&lang=…&type=…&from=…&to=…&sort=…), so a search can be
// bookmarked, shared and restored with the back button. Pure functions of URL strings.

/** The sort orders, the first being the default (not written to the URL). */
export const SORTS = ['relevance', 'date', 'date-desc'];
const KEYS = ['q', 'lang', 'type', 'from', 'to', 'sort'];

/** The search state a URL holds: { q, lang: [], type: [], from, to, sort }. */
export function stateFromUrl(href) {
  const p = new URL(href).searchParams;
  const list = (name) => p.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return {
    q: p.get('q') || '',
    lang: list('lang'),
    type: list('type'),
    from: p.get('from') || '',
    to: p.get('to') || '',
    sort: SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance',
  };
}

/**
 * `href` with the search state written in (the page's other parameters and fragment kept); an
 * empty query writes nothing, and defaults are left out.
 */
export function urlWithState(href, state) {
  const url = new URL(href);
  const p = url.searchParams;
  for (const k of KEYS) p.delete(k);
  const { q, lang, type, from, to, sort } = state;
  if (q.trim()) {
    p.set('q', q);
    if (lang.length) p.set('lang', lang.join(','));
    if (type.length) p.set('type', type.join(','));
    if (from) p.set('from', from);
    if (to) p.set('to', to);
    if (sort !== SORTS[0]) p.set('sort', sort);
  }
  return url.href;
}
