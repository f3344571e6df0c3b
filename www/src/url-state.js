// The search's state in the page URL (?q=…&lang=…&type=…&from=…&to=…&sort=…, and `f:<key>=<value>`
// once per chosen value of the site's own filters), so a search can be bookmarked, shared and
// restored with the back button. Pure functions of URL strings.

/** The sort orders, the first being the default (not written to the URL). */
export const SORTS = ['relevance', 'date', 'date-desc'];
const KEYS = ['q', 'lang', 'type', 'from', 'to', 'sort'];

/** The prefix of a site filter's parameter name. */
const SITE = 'f:';

/** The search state a URL holds: { q, lang: [], type: [], from, to, sort, site: Map key → values }. */
export function stateFromUrl(href) {
  const p = new URL(href).searchParams;
  const list = (name) => p.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return {
    q: p.get('q') || '',
    lang: list('lang'),
    type: list('type'),
    from: p.get('from') || '',
    to: p.get('to') || '',
    sort: SORTS.includes(p.get('sort')) || /^by:(asc|desc):./.test(p.get('sort') || '') ? p.get('sort') : 'relevance',
    site: siteFilters(p),
  };
}

function siteFilters(params) {
  const site = new Map();
  for (const [name, value] of params) {
    if (!name.startsWith(SITE) || !value) continue;
    const key = name.slice(SITE.length);
    const values = site.get(key) || [];
    if (!values.includes(value)) values.push(value);
    site.set(key, values);
  }
  return site;
}

/**
 * `href` with the search state written in (the page's other parameters and fragment kept); an
 * empty query writes nothing, and defaults are left out.
 */
export function urlWithState(href, state) {
  const url = new URL(href);
  const p = url.searchParams;
  for (const k of KEYS) p.delete(k);
  for (const name of [...new Set(p.keys())]) if (name.startsWith(SITE)) p.delete(name);
  const { q, lang, type, from, to, sort, site } = state;
  if (q.trim()) {
    p.set('q', q);
    if (lang.length) p.set('lang', lang.join(','));
    if (type.length) p.set('type', type.join(','));
    if (from) p.set('from', from);
    if (to) p.set('to', to);
    if (sort !== SORTS[0]) p.set('sort', sort);
    for (const [key, values] of site || []) for (const value of values) p.append(SITE + key, value);
  }
  return url.href;
}
