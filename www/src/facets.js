// The drop-in UI's filters: language and type checkboxes and the date range, updated in place
// from each response's facet counts (so a focused control keeps its focus). A filter with nothing
// to choose is not shown.
import { capitalise, h } from './dom.js';

function langLabel(ui, code) {
  let name;
  try {
    name = ui.langNames && ui.langNames.of(code);
  } catch {
    name = null; // not a language code Intl knows
  }
  return capitalise(name && name !== code ? name : code);
}

/**
 * Updates the filter controls in place (so a focused checkbox keeps its focus). When the
 * response says its counts are estimates (`facets.estimated`: a large index counted documents
 * whose metadata it did not fetch from per-chunk summaries), every count, the site's filters'
 * too, shows "≈".
 */
export function renderFacets(ui, facets = {}) {
  const { t } = ui;
  const total = ui.response ? ui.response.total : undefined;
  syncChecks(ui, ui.langSet, ui.state.lang, facets.lang || {}, (v) => langLabel(ui, v), undefined, total);
  syncChecks(ui, ui.typeSet, ui.state.type, facets.type || {}, (v) => capitalise(t.types[v] || v), undefined, total);
  const years = facets.year || {};
  const about = facets.estimated === true ? ESTIMATED : '';
  syncYears(ui, ui.fromSelect, years, ui.state.from, about);
  syncYears(ui, ui.toSelect, years, ui.state.to, about);
  for (const el of ui.root.querySelectorAll('.folio-count')) {
    el.textContent = about + (el.dataset.count || '0');
    el.parentElement.title = about + ui.t.count(Number(el.dataset.count) || 0);
  }
  // A filter with nothing to choose is not shown (an index without dates has no Date filter),
  // nor are the date orders when no result has a date.
  const undated = Object.keys(years).length === 0;
  ui.dateSet.hidden = undated && !ui.state.from && !ui.state.to;
  let orders = 0;
  for (const option of ui.sortSelect.options) {
    if (option.value === 'date' || option.value === 'date-desc') option.hidden = option.disabled = undated && ui.state.sort !== option.value;
    if (option.value !== 'relevance' && !option.hidden) orders += 1;
  }
  ui.sortSelect.parentElement.hidden = orders === 0;
  const active = ui.filterCount();
  // Nothing at all to filter or sort by (a site without dates, types, its own filters, or a
  // second language): the Filters box is not shown, and the results take its column.
  const groups = [...ui.filters.querySelectorAll('fieldset')].some((set) => !set.hidden);
  const nothing = orders === 0 && !groups && active === 0;
  ui.filters.hidden = nothing;
  ui.body.classList.toggle('folio-unfiltered', nothing);
  ui.filtersSummary.textContent = active ? t.filtersActive(active) : t.filters;
  ui.clearFiltersButton.hidden = active === 0;
  if (!ui.filtersSized) {
    ui.filtersSized = true;
    ui.filters.open = ui.root.clientWidth >= 640 || active > 0;
  }
}

/**
 * Updates a group of checkboxes in place: one per value of `counts` or of `chosen`, sorted, each
 * showing its count in `shown` (by default `counts`). Values are data: they become attribute
 * values and text only (ids are numbered, not made of them). The group is hidden when it offers
 * no choice: no values, or one value that every one of the `total` results has, unchosen.
 */
export function syncChecks(ui, fieldset, chosen, counts, label, shown = counts, total = undefined) {
  const selected = new Set(chosen);
  const values = [...new Set([...Object.keys(counts), ...selected])].sort((a, b) => a.localeCompare(b));
  const existing = new Map([...fieldset.querySelectorAll('.folio-check')].map((el) => [el.dataset.value, el]));
  let previous = fieldset.querySelector('legend');
  for (const value of values) {
    let row = existing.get(value);
    existing.delete(value);
    if (!row) {
      ui.checkCount = (ui.checkCount || 0) + 1;
      const id = `${ui.uid}-check-${ui.checkCount}`;
      row = h('div', { class: 'folio-check', 'data-value': value },
        h('input', { type: 'checkbox', id, value }),
        h('label', { for: id }, h('span', { class: 'folio-check-label', text: label(value) }), ' ', h('span', { class: 'folio-count' })));
      previous.after(row);
    }
    const count = Object.hasOwn(shown, value) ? Number(shown[value]) || 0 : 0;
    row.querySelector('input').checked = selected.has(value);
    const shownCount = row.querySelector('.folio-count');
    shownCount.dataset.count = String(count);
    shownCount.textContent = String(count);
    row.querySelector('label').title = ui.t.count(count);
    row.classList.toggle('folio-zero', count === 0);
    previous = row;
  }
  for (const row of existing.values()) if (!row.contains(document.activeElement)) row.remove();
  fieldset.hidden = values.length === 0 || (selected.size === 0 && values.length === 1 && Number(counts[values[0]]) === total);
}

/** The mark of an estimated count. */
export const ESTIMATED = '≈';

function syncYears(ui, select, years, current, about = '') {
  const values = Object.keys(years).sort();
  if (current && !values.includes(current)) values.push(current);
  values.sort();
  const want = ['', ...values];
  const have = [...select.options].map((o) => o.value);
  if (want.join('\n') !== have.join('\n')) {
    select.replaceChildren(h('option', { value: '', text: ui.t.any }), ...values.map((v) => h('option', { value: v })));
  }
  for (const option of select.options) {
    if (option.value) option.textContent = years[option.value] ? `${option.value} (${about}${years[option.value]})` : option.value;
  }
  select.value = current;
}
