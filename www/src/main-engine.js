// Entry of dist/folio-engine.js, which folio.js imports only when searches run on the main
// thread (no worker): the engine and a factory of fresh copies of wasm-bindgen's glue.
export { default as createGlue } from 'folio:glue';
export { Core } from './engine.js';
