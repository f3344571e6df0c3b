// The drop-in UI's filters on the site's own keys (data-folio-filter): one group of checkboxes per
// key, in the order the index gives them, each value with its count after the other filters; the
// sort menu's entries for the site's sort keys (data-folio-sort); and the filter state they and the
// built-in filters share. Keys and values are the site's data: they only ever become text nodes
// and attribute values, never a selector, an id or HTML.
import { capitalise, h } from './dom.js';
import { syncChecks } from './facets.js';

/** The sort menu's value for a site sort key: `by:asc:<key>` or `by:desc:<key>`. */
export function sortValue(key, desc) {
  return `by:${desc ? 'desc' : 'asc'}:${key}`;
}

/** The `sort` search option for the menu's value `value`. */
export function sortOption(value) {
  const m = /^by:(asc|desc):([\s\S]*)$/.exec(value);
  if (!m) return value;
  const sort = {};
  define(sort, m[2], m[1]);
  return sort;
}

/** Sets an own property, whatever its name (`__proto__` included). */
function define(object, key, value) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The search options of the UI's state: `{ limit, offset, lang, type, dateFrom, dateTo, filters, sort }`. */
export function searchOptions(state, limit, offset) {
  const { lang, type, from, to, sort, site } = state;
  const options = { limit, offset };
  if (lang.length) options.lang = lang.slice();
  if (type.length) options.type = type.slice();
  if (from) options.dateFrom = from;
  if (to) options.dateTo = to;
  const filters = {};
  for (const [key, values] of site) if (values.length) define(filters, key, values.slice());
  if (Object.keys(filters).length) options.filters = filters;
  if (sort !== 'relevance') options.sort = sortOption(sort);
  return options;
}

/** How many filters are chosen. */
export function filterCount(state) {
  const { lang, type, from, to, site } = state;
  let n = lang.length + type.length + (from ? 1 : 0) + (to ? 1 : 0);
  for (const values of site.values()) n += values.length;
  return n;
}

/** Clears every filter of the state (the sort order stays). */
export function clearState(state) {
  Object.assign(state, { lang: [], type: [], from: '', to: '', site: new Map() });
}

/** Applies a change of a filter control to the state. */
export function changeState(state, el) {
  if (el.type === 'checkbox') {
    const group = el.closest('[data-facet], [data-site-key]');
    if (!group) return;
    const siteKey = group.hasAttribute('data-site-key') ? group.getAttribute('data-site-key') : null;
    const chosen = new Set(siteKey === null ? state[group.dataset.facet] : state.site.get(siteKey) || []);
    if (el.checked) chosen.add(el.value);
    else chosen.delete(el.value);
    if (siteKey === null) state[group.dataset.facet] = [...chosen];
    else state.site.set(siteKey, [...chosen]);
  } else if (el.dataset.filter) {
    state[el.dataset.filter] = el.value;
  }
}

/**
 * Updates the site's filter groups in `container` from a response's `facets.filters` (in order,
 * each under its configured label, else its key),
 * and the sort menu's site entries from `sortKeys`. A group with nothing to choose is hidden.
 */
export function renderSiteFilters(ui, container, facets = [], sortKeys = []) {
  const groups = new Map([...container.children].map((el) => [el.getAttribute('data-site-key'), el]));
  let previous = null;
  for (const facet of Array.isArray(facets) ? facets : []) {
    const key = String(facet.key);
    let set = groups.get(key);
    groups.delete(key);
    if (!set) {
      const label = typeof facet.label === 'string' && facet.label ? facet.label : capitalise(key);
      set = h('fieldset', { class: 'folio-facet folio-site-facet' }, h('legend', { text: label }));
      set.setAttribute('data-site-key', key);
    }
    if (previous ? previous.nextSibling !== set : container.firstChild !== set) {
      if (previous) previous.after(set);
      else container.prepend(set);
    }
    previous = set;
    const counts = facet.counts || {};
    const filtered = facet.filtered || {};
    syncChecks(ui, set, ui.state.site.get(key) || [], counts, (v) => v, filtered, ui.response ? ui.response.total : undefined);
  }
  // Groups the index no longer has (another index): kept only while one of their boxes has focus.
  for (const set of groups.values()) if (!set.contains(document.activeElement)) set.remove();
  syncSortKeys(ui, Array.isArray(sortKeys) ? sortKeys.map(String) : []);
}

function syncSortKeys(ui, keys) {
  const select = ui.sortSelect;
  const want = keys.flatMap((key) => [sortValue(key, false), sortValue(key, true)]);
  if (ui.state.sort.startsWith('by:') && !want.includes(ui.state.sort)) want.push(ui.state.sort);
  const have = [...select.options].filter((o) => o.value.startsWith('by:')).map((o) => o.value);
  if (want.join('\n') !== have.join('\n')) {
    for (const o of [...select.options]) if (o.value.startsWith('by:')) o.remove();
    for (const value of want) {
      const m = /^by:(asc|desc):([\s\S]*)$/.exec(value);
      select.append(h('option', { value, text: ui.t.sortBy(capitalise(m[2]), m[1] === 'desc') }));
    }
  }
  select.value = ui.state.sort;
}
