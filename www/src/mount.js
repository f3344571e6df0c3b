// Mounting the drop-in UI: on every <div data-folio-search> and <folio-search> of the page (with
// options from their data-* attributes), one engine per distinct index among them, and the
// page-wide shortcuts ("/", Ctrl+K) that focus the first search box.
import { defaultFolio, init } from './api.js';
import { isEditable } from './dom.js';
import { arrangePanel } from './dropdown.js';
import { SearchUI } from './ui.js';

const mounted = [];
let shortcutsInstalled = false;
const engines = new Map();

/** One engine per distinct { index, worker } among the widgets of a page. */
function sharedEngine(index, worker) {
  const key = JSON.stringify([typeof index === 'string' ? new URL(index, document.baseURI).href : index ?? null, worker ?? null]);
  if (typeof index !== 'string' && index != null) return init({ index, worker });
  if (!engines.has(key)) {
    const options = {};
    if (index != null) options.index = index;
    if (worker != null) options.worker = worker;
    const promise = init(options);
    promise.catch(() => engines.delete(key));
    engines.set(key, promise);
  }
  return engines.get(key);
}

/** "/" (outside text fields) and Ctrl+K / ⌘K focus the first search box of the page. */
function installShortcuts() {
  if (shortcutsInstalled) return;
  shortcutsInstalled = true;
  document.addEventListener('keydown', (e) => {
    const target = mounted.find((w) => w.root.isConnected);
    if (!target || e.defaultPrevented) return;
    const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.target);
    const k = (e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey;
    if (!slash && !k) return;
    e.preventDefault();
    target.input.focus();
    target.input.select();
  });
}

function optionsFromAttributes(el) {
  const d = el.dataset;
  const o = {};
  const index = d.index ?? el.getAttribute('index');
  if (index) o.index = index;
  const worker = d.worker ?? el.getAttribute('worker');
  if (worker != null) o.worker = worker !== 'false';
  for (const [key, attr] of [['locale', 'locale'], ['placeholder', 'placeholder'], ['label', 'label'], ['limit', 'limit'], ['baseUrl', 'base-url'], ['reader', 'reader'], ['layout', 'layout']]) {
    const v = d[key] ?? el.getAttribute(attr);
    if (v) o[key] = v;
  }
  const url = d.urlState ?? el.getAttribute('url-state');
  if (url != null) o.urlState = url !== 'false';
  return o;
}

/**
 * Mounts a search UI in `element` (replacing its content). Options: engine (a FolioEngine or a
 * promise of one), index, worker, locale ('en' | 'ru'), limit (results per page), placeholder,
 * label, baseUrl (what relative result URLs are relative to), urlState (keep ?q= in the URL),
 * reader ('auto': documents without a URL open in the reader view; 'always'; 'never'), layout
 * ('dropdown': the results open over the page; 'inline': below the box; default: dropdown in a
 * header or navbar).
 * @param {Element} element
 * @param {import('./folio.d.ts').MountOptions} [options]
 * @returns {import('./folio.d.ts').SearchController}
 */
export function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('Folio.mount: the first argument must be an element');
  if (element.folioSearch) return element.folioSearch.controller;
  /** @type {Record<string, any>} */
  const all = { ...optionsFromAttributes(element), ...options };
  const { engine, index, worker } = all;
  all.engineFor = () => {
    if (engine) return engine;
    if (index !== undefined || worker !== undefined) return sharedEngine(index, worker);
    return defaultFolio();
  };
  // Only the first widget of a page keeps its query in the URL.
  all.urlState = all.urlState !== false && !mounted.some((w) => w.urlState);
  const ui = new SearchUI(element, all);
  arrangePanel(ui, all.layout);
  mounted.push(ui);
  installShortcuts();
  const controller = {
    element: ui.root,
    get engine() {
      return ui.engine;
    },
    search(query) {
      ui.input.value = ui.state.q = String(query);
      ui.schedule();
    },
    clear: () => ui.clear(),
    focus: () => ui.input.focus(),
  };
  element.folioSearch = { ui, controller };
  return controller;
}

/** Mounts every [data-folio-search] element, and defines <folio-search>. */
export function autoMount() {
  if (typeof customElements !== 'undefined' && !customElements.get('folio-search')) {
    customElements.define('folio-search', class extends HTMLElement {
      connectedCallback() {
        if (!this.folioSearch) mount(this);
      }
    });
  }
  const run = () => {
    for (const el of document.querySelectorAll('[data-folio-search]')) if (!el.folioSearch) mount(el);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}
