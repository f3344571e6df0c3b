// Folio's drop-in search UI: one widget (mount.js puts it on <div data-folio-search> and
// <folio-search>).
//
// Accessibility: the WAI-ARIA combobox pattern (ARIA 1.2) with an inline listbox of results;
// focus stays in the box and aria-activedescendant points at the active result. Corpus text is
// only ever inserted as text nodes (and <mark> elements built from highlight ranges): never HTML.
import { LOCALES, localeFor } from './strings.js';
import { environment } from './api.js';
import { h, isTyped, stylesheetLoading } from './dom.js';
import { onKey, onPick } from './combobox.js';
import { changeState, clearState, filterCount, searchOptions } from './site-filters.js';
import { loadMore, render, renderPartial, resetResults, updateCount } from './results.js';
import { readerTarget, withoutReader } from './links.js';
import { renderReader, scrollTarget } from './reader.js';
import { stateFromUrl, urlWithState } from './url-state.js';

const PAGE_SIZE = 10;
const ANNOUNCE_DELAY_MS = 500; // let typing settle before a screen reader speaks
const BUSY_DELAY_MS = 150; // a search slower than this (chunks loading) shows "Searching…"
let widgetCount = 0;

/**
 * One search UI inside `host`. `options.engineFor()` gives (a promise of) the engine, and is
 * called again by "Try again" after a failed load.
 */
export class SearchUI {
  constructor(host, options) {
    this.host = host;
    this.options = options;
    this.uid = `folio-${++widgetCount}`;
    this.locale = localeFor(host, options.locale);
    this.t = LOCALES[this.locale];
    this.pageSize = Math.max(1, Math.min(100, Number(options.limit) || PAGE_SIZE));
    this.urlState = options.urlState !== false;
    // Documents without a page open in the reader view ('auto'), every one does ('always'), or
    // none ('never'). The view lives in the page's fragment, so only the widget that keeps its
    // state in the URL has one.
    this.reader = this.urlState ? (['always', 'never'].includes(options.reader) ? options.reader : 'auto') : 'never';
    this.readerOpen = null; // the { id, section } shown, while the reader view is open
    this.base = options.baseUrl ? new URL(options.baseUrl, document.baseURI).href : environment()?.base;
    this.state = { q: '', lang: [], type: [], from: '', to: '', sort: 'relevance', site: new Map() };
    this.engine = null;
    this.response = null;
    this.settled = true; // the page shown is complete (not a partial one, see results.js)
    this.shown = 0;
    this.hitsById = new Map();
    this.optionCount = 0;
    this.active = -1;
    this.busy = false;
    this.dirty = false;
    this.typing = false; // the query in the box is being typed (see engine.js fetchPause)
    this.controller = null; // aborts the search running, when a newer one replaces it
    this.busyTimer = 0;
    this.urlPending = false; // a URL write waits for the next frame (writeUrlSoon)
    this.retry = null;
    this.announceTimer = 0;
    this.titles = new Map(); // id → title of every hit seen, for "in: <parent>"
    this.dates = new Intl.DateTimeFormat(this.locale === 'ru' ? 'ru-RU' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    this.months = null; // the formatter of month-only dates, made on first use (hits.js formatDate)
    try {
      this.langNames = new Intl.DisplayNames([this.locale], { type: 'language' });
    } catch {
      this.langNames = null;
    }
    this.build();
    if (this.urlState) this.readUrl();
    this.syncControls();
    this.start();
  }

  // ------------------------------------------------------------------ structure ----
  build() {
    const { t, uid } = this;
    const root = h('div', { class: 'folio', 'data-state': 'loading' });
    if (this.locale !== localeFor(this.host)) root.lang = this.locale;

    this.input = h('input', {
      id: `${uid}-q`, class: 'folio-input', type: 'search', role: 'combobox', 'aria-autocomplete': 'list',
      'aria-expanded': 'false', 'aria-controls': `${uid}-list`, 'aria-describedby': `${uid}-hint`,
      autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', enterkeyhint: 'search',
      placeholder: this.options.placeholder || t.placeholder,
    });
    this.clearButton = h('button', { type: 'button', class: 'folio-clear', 'aria-label': t.clearSearch, hidden: true, text: '×' });
    const form = h('form', { class: 'folio-form', role: 'search', 'aria-label': this.options.label || t.label },
      h('label', { class: 'folio-label', for: `${uid}-q`, text: this.options.label || t.label }),
      h('div', { class: 'folio-box' }, this.input, this.clearButton, h('kbd', { class: 'folio-kbd', 'aria-hidden': 'true', text: '/' })),
      h('p', { id: `${uid}-hint`, class: 'folio-hint', text: t.hint }));
    this.form = form;

    this.errorText = h('p', { class: 'folio-error-text', role: 'alert' });
    this.retryButton = h('button', { type: 'button', class: 'folio-button folio-retry', text: t.retry });
    this.errorBox = h('div', { class: 'folio-error', hidden: true }, this.errorText, this.retryButton);
    this.status = h('p', { class: 'folio-status', id: `${uid}-status`, text: t.loading });
    this.live = h('div', { class: 'folio-visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });

    // Filters: a disclosure, open when the widget is wide enough for a side column.
    this.langSet = h('fieldset', { class: 'folio-facet', 'data-facet': 'lang' }, h('legend', { text: t.language }));
    this.typeSet = h('fieldset', { class: 'folio-facet', 'data-facet': 'type' }, h('legend', { text: t.type }));
    this.fromSelect = h('select', { id: `${uid}-from`, class: 'folio-select', 'data-filter': 'from' });
    this.toSelect = h('select', { id: `${uid}-to`, class: 'folio-select', 'data-filter': 'to' });
    const dateSet = this.dateSet = h('fieldset', { class: 'folio-facet folio-dates', 'data-facet': 'date' }, h('legend', { text: t.date }),
      h('div', { class: 'folio-range' },
        h('label', { for: `${uid}-from`, text: t.from }), this.fromSelect,
        h('label', { for: `${uid}-to`, text: t.to }), this.toSelect));
    this.sortSelect = h('select', { id: `${uid}-sort`, class: 'folio-select', 'data-filter': 'sort' },
      h('option', { value: 'relevance', text: t.sortRelevance }),
      h('option', { value: 'date', text: t.sortDate }),
      h('option', { value: 'date-desc', text: t.sortDateDesc }));
    const sortRow = h('div', { class: 'folio-sort' }, h('label', { for: `${uid}-sort`, text: t.sort }), this.sortSelect);
    this.clearFiltersButton = h('button', { type: 'button', class: 'folio-button folio-clear-filters', hidden: true, text: t.clearFilters });
    this.filtersSummary = h('summary', { text: t.filters });
    this.siteSets = h('div', { class: 'folio-site-facets' }); // the site's own filters (site-filters.js)
    this.filters = h('details', { class: 'folio-filters' }, this.filtersSummary,
      h('div', { class: 'folio-filters-body' }, sortRow, this.langSet, this.typeSet, this.siteSets, dateSet, this.clearFiltersButton));

    this.note = h('p', { class: 'folio-note', hidden: true });
    this.suggest = h('p', { class: 'folio-suggest', hidden: true });
    this.list = h('div', { id: `${uid}-list`, class: 'folio-results', role: 'listbox', 'aria-label': t.resultsLabel, hidden: true });
    this.empty = h('div', { class: 'folio-empty', hidden: true });
    this.more = h('button', { type: 'button', class: 'folio-button folio-more', hidden: true, text: t.more });
    this.body = h('div', { class: 'folio-body', hidden: true }, this.filters,
      h('div', { class: 'folio-main' }, this.note, this.suggest, this.list, this.empty, this.more));

    this.readerBox = h('div', { class: 'folio-reader-box', hidden: true });
    root.append(form, this.errorBox, this.status, this.body, this.readerBox, this.live);
    this.root = root;
    // Not shown unstyled while the stylesheet folio.js linked is still loading.
    if (stylesheetLoading) {
      root.style.visibility = 'hidden';
      stylesheetLoading.then(() => {
        root.style.visibility = '';
      });
    }
    this.host.replaceChildren(root);

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.typing = false;
      this.schedule();
    });
    this.input.addEventListener('input', (e) => {
      // Costly chunk fetches wait for a pause in the typing (engine.js); a pasted, dropped or
      // autocompleted query is not being typed.
      this.typing = isTyped(/** @type {InputEvent} */ (e).inputType);
      this.state.q = this.input.value;
      if (this.readerOpen) this.leaveReader();
      this.schedule();
    });
    this.input.addEventListener('keydown', (e) => onKey(this, e));
    this.clearButton.addEventListener('click', () => {
      this.clear();
      this.input.focus();
    });
    this.list.addEventListener('click', (e) => onPick(this, e));
    if (this.reader !== 'never') window.addEventListener('hashchange', () => this.route());
    this.more.addEventListener('click', () => loadMore(this));
    this.retryButton.addEventListener('click', () => {
      const retry = this.retry;
      this.hideError();
      if (retry) retry();
    });
    this.filters.addEventListener('change', (e) => this.onFilter(e));
    this.clearFiltersButton.addEventListener('click', () => this.clearFilters());
    this.empty.addEventListener('click', (e) => {
      if (e.target.closest('.folio-clear-filters')) this.clearFilters();
      if (e.target.closest('.folio-other-versions')) this.everyLanguage();
    });
    this.suggest.addEventListener('click', (e) => {
      const b = e.target.closest('button');
      if (!b) return;
      this.input.value = this.state.q = b.textContent;
      this.input.focus();
      this.schedule();
    });
  }

  // -------------------------------------------------------------------- engine ----
  async start() {
    try {
      this.engine = await this.options.engineFor();
    } catch (err) {
      this.root.dataset.state = 'error';
      this.status.textContent = '';
      this.showError(this.t.loadFailed(err && err.message ? err.message : String(err)), () => {
        this.root.dataset.state = 'loading';
        this.status.textContent = this.t.loading;
        this.start();
      });
      this.host.dispatchEvent(new CustomEvent('folio:error', { bubbles: true, detail: { error: err } }));
      return;
    }
    this.root.dataset.state = 'ready';
    this.root.dataset.mode = this.engine.mode;
    this.host.dispatchEvent(new CustomEvent('folio:ready', { bubbles: true, detail: { engine: this.engine } }));
    this.schedule();
    this.route();
  }

  // -------------------------------------------------------------------- reader ----
  /** The page's URL with the search state: what reader links are made on. */
  pageUrl() {
    return withoutReader(urlWithState(location.href, this.state));
  }

  /** Shows the reader view the URL's fragment asks for, or the results when it asks for none. */
  route() {
    if (this.reader === 'never' || !this.engine) return;
    const target = readerTarget(location.href);
    if (target) this.showReader(target);
    else if (this.readerOpen) this.hideReader();
  }

  async showReader(target) {
    const { t } = this;
    this.readerOpen = target;
    this.body.hidden = true;
    this.hideError();
    this.status.textContent = t.openingDocument;
    let view;
    try {
      view = await this.engine.document(target.id, this.state.q.trim());
    } catch (err) {
      if (this.readerOpen !== target) return;
      this.showError(t.documentFailed(err && err.message ? err.message : String(err)), () => this.showReader(target));
      this.status.textContent = '';
      return;
    }
    if (this.readerOpen !== target) return; // closed or replaced meanwhile
    const back = `${withoutReader(location.href)}#`;
    this.readerBox.replaceChildren(view ? renderReader(this, view, back) : h('p', { class: 'folio-empty-title', text: t.documentMissing }));
    this.readerBox.hidden = false;
    this.status.textContent = '';
    this.root.dataset.reader = target.id;
    if (!view) return;
    this.announce(view.title);
    const article = this.readerBox.firstElementChild;
    article.querySelector('.folio-reader-title')?.focus({ preventScroll: true });
    const spot = scrollTarget(article, view, target.section);
    (spot || article).scrollIntoView({ block: spot && spot.tagName === 'MARK' ? 'center' : 'start' });
  }

  hideReader() {
    const hadFocus = this.readerBox.contains(document.activeElement);
    this.readerOpen = null;
    this.readerBox.hidden = true;
    this.readerBox.replaceChildren();
    delete this.root.dataset.reader;
    if (this.response) {
      this.body.hidden = false;
      updateCount(this, this.response);
    } else {
      this.status.textContent = '';
    }
    if (hadFocus) this.input.focus(); // back from the document: where the keyboard left off
  }

  /** Closes the reader view for a new search: its fragment leaves the URL. */
  leaveReader() {
    try {
      history.replaceState(history.state, '', withoutReader(location.href));
    } catch {
      // A file:// page may refuse; the view still closes.
    }
    this.hideReader();
  }

  request(offset = 0) {
    const options = searchOptions(this.state, this.pageSize, offset);
    return { query: this.state.q, options, key: JSON.stringify([this.state.q, options]) };
  }

  /** Runs the current search; while one is running, only the latest state is searched next. */
  schedule() {
    this.dirty = true;
    if (!this.engine) return;
    if (this.busy) {
      this.controller?.abort(); // the search running is for a query no longer in the box
      return;
    }
    this.pump();
  }

  async pump() {
    this.busy = true;
    while (this.dirty) {
      this.dirty = false;
      const req = this.request();
      if (!req.query.trim()) {
        this.renderIdle();
        continue;
      }
      const controller = new AbortController();
      this.controller = controller;
      this.busyTimer = setTimeout(() => this.setBusy(true), BUSY_DELAY_MS);
      let res;
      try {
        const typing = this.typing; // only this search: a filter changed next is not typing
        this.typing = false;
        // A page from the chunks at hand is painted at once; the complete one replaces it.
        const onPartial = (partial) => {
          if (this.controller !== controller || this.dirty) return;
          clearTimeout(this.busyTimer);
          renderPartial(this, req, partial);
        };
        res = await this.engine.search(req.query, req.options, { signal: controller.signal, typing, onPartial });
      } catch (err) {
        if (controller.signal.aborted || this.dirty) continue; // replaced by a newer search
        this.setBusy(false);
        this.renderFailed(req, this.t.searchFailed(err && err.message ? err.message : String(err)));
        continue;
      } finally {
        clearTimeout(this.busyTimer);
        this.controller = null;
      }
      if (this.dirty) continue;
      this.setBusy(false);
      render(this, req, res);
    }
    this.setBusy(false);
    this.busy = false;
  }

  /** Marks the widget busy (a search is waiting for chunks): aria-busy and "Searching…". */
  setBusy(on) {
    if (on) {
      this.root.setAttribute('aria-busy', 'true');
      this.list.setAttribute('aria-busy', 'true');
      this.status.textContent = this.t.searching;
    } else if (this.root.hasAttribute('aria-busy')) {
      this.root.removeAttribute('aria-busy');
      this.list.removeAttribute('aria-busy');
      if (this.response) updateCount(this, this.response);
    }
  }

  // --------------------------------------------------------------------- state ----
  readUrl() {
    Object.assign(this.state, stateFromUrl(location.href));
  }

  /**
   * Writes the search state into the page's URL after the frame that shows its results, once for
   * the renders before it: history.replaceState took 10–25 ms a call in Chromium on the typing
   * benchmark's page, the largest part of a keystroke's time to paint while it ran before the
   * frame (bench/paint-profile.mjs). A timer set in an animation frame runs after that frame.
   */
  writeUrlSoon() {
    if (!this.urlState || this.urlPending) return;
    this.urlPending = true;
    requestAnimationFrame(() => setTimeout(() => {
      this.urlPending = false;
      this.writeUrl();
    }, 0));
  }

  writeUrl() {
    if (!this.urlState) return;
    const next = urlWithState(location.href, this.state);
    if (next === location.href) return;
    try {
      history.replaceState(history.state, '', next);
    } catch {
      // Some file:// pages refuse to change their URL; the search still works.
    }
  }

  filterCount() {
    return filterCount(this.state);
  }

  syncControls() {
    this.input.value = this.state.q;
    this.sortSelect.value = this.state.sort;
    this.clearButton.hidden = !this.state.q;
  }

  clear() {
    this.input.value = '';
    this.state.q = '';
    this.schedule();
  }

  clearFilters() {
    clearState(this.state);
    for (const box of this.filters.querySelectorAll('input[type=checkbox]')) box.checked = false;
    this.fromSelect.value = '';
    this.toSelect.value = '';
    this.schedule();
    this.input.focus();
  }

  /** Chooses every language the last response counted: every version of every page. */
  everyLanguage() {
    this.state.lang = Object.keys(this.response?.facets?.lang || {}).sort();
    this.schedule();
    this.input.focus();
  }

  onFilter(e) {
    changeState(this.state, e.target);
    this.schedule();
  }

  // ------------------------------------------------------------------ rendering ----
  /** Shows `message` on the page (an alert), with a button that calls `retry`. */
  showError(message, retry = null) {
    this.errorText.textContent = message;
    this.retry = retry;
    this.retryButton.hidden = !retry;
    this.errorBox.hidden = false;
  }

  hideError() {
    this.errorBox.hidden = true;
    this.retry = null;
  }

  /** A search that failed: no results are left under its query, and the error offers a retry. */
  renderFailed(req, message) {
    resetResults(this);
    this.status.textContent = '';
    this.root.dataset.query = '';
    this.root.dataset.total = '0';
    this.showError(message, () => this.schedule());
  }

  announce(text) {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.live.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }

  renderIdle() {
    this.hideError();
    resetResults(this);
    this.clearButton.hidden = true;
    const docs = this.engine?.index?.documents;
    this.status.textContent = Number.isFinite(docs) ? this.t.ready(docs) : '';
    this.root.dataset.query = '';
    this.root.dataset.total = '0';
    this.writeUrlSoon();
    this.announce('');
  }
}
