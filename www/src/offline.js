// Entry of dist/folio-offline.js, the classic script for pages opened from disk (file://), where
// browsers refuse ES modules, workers and fetch: the engine's code and the wasm (and optionally an
// index) are inlined, and searches run on the main thread. Same API, on window.Folio.
import createGlue from 'folio:glue';
import { Core } from './engine.js';
import { VERSION, configure, init, preload, search } from './api.js';
import { linkStylesheet } from './dom.js';
import { highlightLanding } from './landing.js';
import { autoMount, mount } from './mount.js';

// FOLIO_WASM and FOLIO_INDEX are declared around the bundle by scripts/bundle-web.mjs.
function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
const HERE = script && script.src ? script.src : document.baseURI;
configure({
  wasm: () => decodeBase64(FOLIO_WASM),
  worker: null,
  glue: async () => ({ Core, createGlue }),
  defaultIndex: null,
  inlineIndex: FOLIO_INDEX ? () => decodeBase64(FOLIO_INDEX) : null,
  base: new URL('../', HERE).href,
});

if (script && script.src) linkStylesheet(new URL('folio.css', script.src).href);
window.Folio = Object.freeze({ init, search, preload, mount, version: VERSION });
autoMount();
highlightLanding(HERE);
