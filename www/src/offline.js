// Entry of dist/folio-offline.js, the classic script for pages opened from disk (file://), where
// browsers refuse ES modules, workers and fetch: the engine's code and the wasm (and optionally an
// index) are inlined, and searches run on the main thread. Same API, on window.Folio.
import { VERSION, configure, init, search } from './api.js';
import { autoMount, linkStylesheet, mount } from './ui.js';

/* global FOLIO_GLUE, FOLIO_WASM, FOLIO_INDEX */
function decodeBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const script = document.currentScript;
const HERE = script && script.src ? script.src : document.baseURI;
configure({
  wasm: () => decodeBase64(FOLIO_WASM),
  worker: null,
  glue: async () => FOLIO_GLUE,
  defaultIndex: null,
  inlineIndex: FOLIO_INDEX ? () => decodeBase64(FOLIO_INDEX) : null,
  base: new URL('../', HERE).href,
});

if (script && script.src) linkStylesheet(new URL('folio.css', script.src).href);
window.Folio = Object.freeze({ init, search, mount, version: VERSION });
autoMount();
