// Entry of dist/folio.js, the ES module: the API and the drop-in UI, which mounts itself on every
// <div data-folio-search> and <folio-search> of the page. Its parts are found next to it.
import { FolioEngine, VERSION, compileEarly, configure, init, preload, search } from './api.js';
import { linkStylesheet } from './dom.js';
import { highlightLanding } from './landing.js';
import { autoMount, mount } from './mount.js';

const HERE = import.meta.url;
const WASM = new URL('folio_bg.wasm', HERE).href;
// The engine downloads and compiles while the page loads, before any search box is used.
compileEarly(WASM);
configure({
  wasm: WASM,
  worker: new URL('folio-worker.js', HERE).href,
  // @ts-expect-error folio-engine.js is main-engine.js as the bundler writes it next to folio.js.
  glue: () => import('./folio-engine.js'),
  defaultIndex: new URL('index.folio', HERE).href,
  base: new URL('../', HERE).href,
});

/** The API: Folio.init(options), Folio.search(query, options), Folio.preload(), Folio.mount(element, options). */
const Folio = Object.freeze({ init, search, preload, mount, version: VERSION });
export { init, search, preload, mount, FolioEngine, VERSION as version };
export default Folio;

linkStylesheet(new URL('folio.css', HERE).href);
autoMount();
highlightLanding(HERE);
