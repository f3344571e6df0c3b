// The drop-in UI's results list (SearchUI's lower half; ui.js holds the form and its state): a
// response rendered, a page answered from the chunks at hand rendered at once and then settled,
// "Show more", the count and what a screen reader is told.
//
// A split index's page can arrive in two steps: the ranking with the hits whose documents are
// loaded (a PartialResponse, see engine.js), then the complete page. The first is painted with a
// placeholder row at each place still pending, under aria-busy and without an announcement; the
// complete one replaces it row for row (same order, same places) and is announced.
import { h } from './dom.js';
import { options, setActive } from './combobox.js';
import { renderFacets } from './facets.js';
import { renderSiteFilters } from './site-filters.js';
import { appendHits } from './hits.js';

/**
 * The rows of a page in order: each hit at hand, and null at each place in `pending` (ascending
 * places in the page of the hits whose documents are still loading). Places past the hits at
 * hand are kept, so a page's length is hits + pending.
 */
export function pageSlots(hits, pending = []) {
  const waiting = new Set(pending);
  const slots = [];
  let next = 0;
  for (let place = 0; place < hits.length + waiting.size; place++) {
    if (waiting.has(place)) slots.push(null);
    else if (next < hits.length) slots.push(hits[next++]);
  }
  return slots;
}

/** A row held for a hit whose document is loading: the height of a hit, no text. */
function placeholder() {
  return h('div', { class: 'folio-hit folio-hit-pending', 'aria-hidden': 'true' },
    h('div', { class: 'folio-hit-title' }, h('span', { class: 'folio-skeleton' })),
    h('p', { class: 'folio-snippet' }, h('span', { class: 'folio-skeleton folio-skeleton-long' })));
}

/** Fills the list with `slots` (hits, and null for a row still loading). */
function fillList(ui, slots) {
  ui.list.replaceChildren();
  ui.hitsById.clear();
  ui.optionCount = 0;
  let run = [];
  for (const slot of slots) {
    if (slot) {
      run.push(slot);
      continue;
    }
    appendHits(ui, run);
    run = [];
    ui.list.append(placeholder());
  }
  appendHits(ui, run);
}

/** No results shown: the list emptied and hidden, with the filters. */
export function resetResults(ui) {
  ui.response = null;
  ui.responseKey = '';
  ui.settled = true;
  ui.shown = 0;
  setActive(ui, -1);
  ui.list.replaceChildren();
  ui.hitsById.clear();
  ui.list.hidden = true;
  ui.body.hidden = true;
  ui.input.setAttribute('aria-expanded', 'false');
}

/**
 * Paints the page of `req` answered from the chunks at hand (`partial`, a PartialResponse): the
 * hits at hand at their places, a placeholder at each pending one. Nothing is announced: the
 * complete response that follows is.
 */
export function renderPartial(ui, req, partial) {
  clearTimeout(ui.announceTimer); // an earlier query's results are no longer the news
  const active = ui.responseKey === req.key ? ui.active : -1;
  show(ui, req, partial, pageSlots(partial.hits, partial.pending), false);
  ui.root.setAttribute('aria-busy', 'true');
  ui.list.setAttribute('aria-busy', 'true');
  if (active >= 0) setActive(ui, Math.min(active, options(ui).length - 1));
}

/** Paints the complete response `res` to `req`, and announces it. */
export function render(ui, req, res) {
  // A page painted partly a moment ago keeps its active row: the rows are the same.
  const active = ui.responseKey === req.key && !ui.settled ? ui.active : -1;
  show(ui, req, res, res.hits, true);
  if (active >= 0) setActive(ui, Math.min(active, options(ui).length - 1));
  const { t } = ui;
  const q = req.query.trim();
  let spoken = t.resultsFor(res.total, q);
  if (res.fallback && res.total > 0) spoken += `. ${t.partial}`;
  if (res.didYouMean && res.didYouMean !== req.query) spoken += `. ${t.didYouMean} ${res.didYouMean}?`;
  ui.announce(spoken);
}

/** Paints a response's rows, notes, facets and count (`settled`: the page is complete). */
function show(ui, req, res, slots, settled) {
  const { t } = ui;
  ui.hideError();
  ui.response = res;
  ui.responseKey = req.key;
  ui.settled = settled;
  setActive(ui, -1);
  fillList(ui, slots);
  ui.shown = slots.length;
  ui.body.hidden = !!ui.readerOpen;
  ui.clearButton.hidden = !ui.state.q;
  renderSiteFilters(ui, ui.siteSets, res.facets?.filters, res.sortKeys);
  renderFacets(ui, res.facets);

  const q = req.query.trim();
  const total = res.total;
  // Partial matches: say so, and which words were not found.
  if (res.fallback && total > 0) {
    ui.note.replaceChildren(t.partial);
    const missing = (res.terms || []).filter((w) => !w.matched && !w.excluded).map((w) => w.term);
    if (missing.length) ui.note.append(' ', h('span', { class: 'folio-missing' }, `${t.missing} `, h('s', { text: missing.join(', ') })));
    ui.note.hidden = false;
  } else {
    ui.note.hidden = true;
  }
  if (res.didYouMean && res.didYouMean !== req.query) {
    ui.suggest.replaceChildren(`${t.didYouMean} `, h('button', { type: 'button', class: 'folio-link', text: res.didYouMean }), '?');
    ui.suggest.hidden = false;
  } else {
    ui.suggest.hidden = true;
  }
  if (total === 0) {
    const tips = h('ul', {}, ...t.tips.map((tip) => h('li', { text: tip })));
    if (ui.filterCount()) tips.append(h('li', {}, h('button', { type: 'button', class: 'folio-link folio-clear-filters', text: t.withoutFilters })));
    // With no filter chosen, documents counted but not shown were left out for having a version
    // in the page's language (page-lang.js): offer them.
    const hidden = ui.filterCount() ? 0 : Object.values(res.facets?.lang || {}).reduce((n, c) => n + (Number(c) || 0), 0);
    if (hidden > 0) tips.append(h('li', {}, h('button', { type: 'button', class: 'folio-link folio-other-versions', text: t.otherVersions(hidden) })));
    ui.empty.replaceChildren(h('p', { class: 'folio-empty-title', text: t.noResults(q) }), tips);
    ui.empty.hidden = false;
  } else {
    ui.empty.hidden = true;
  }
  updateCount(ui, res);
  ui.root.dataset.query = req.query;
  ui.root.dataset.total = String(total);
  ui.writeUrlSoon();
}

/** The count line, the list's visibility and "Show more" (hidden while the page is partial). */
export function updateCount(ui, res) {
  const total = res.total;
  const hasHits = ui.shown > 0;
  ui.list.hidden = !hasHits;
  ui.input.setAttribute('aria-expanded', String(hasHits));
  ui.more.hidden = !ui.settled || ui.shown >= total || res.hits.length === 0;
  let text = ui.t.resultsFor(total, ui.state.q.trim());
  if (ui.shown < total && hasHits) text += ` (${ui.t.showing(ui.shown, total)})`;
  ui.status.textContent = text;
}

/** "Show more": the next page, appended. */
export async function loadMore(ui) {
  if (!ui.response || !ui.settled || ui.busy) return;
  const req = ui.request(ui.shown);
  if (req.query !== ui.response.query) return;
  let res;
  try {
    res = await ui.engine.search(req.query, req.options);
  } catch (err) {
    ui.showError(ui.t.searchFailed(err && err.message ? err.message : String(err)), () => loadMore(ui));
    return;
  }
  if (ui.request().key !== ui.responseKey) return; // the search changed meanwhile
  const before = ui.optionCount;
  appendHits(ui, res.hits);
  ui.shown += res.hits.length;
  updateCount(ui, res);
  const first = ui.list.querySelector(`[data-n="${before}"]`);
  if (ui.more.hidden) ui.input.focus();
  if (first) setActive(ui, options(ui).indexOf(first));
}
