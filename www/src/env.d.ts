// Types for the type check (tsc --checkJs, see tsconfig.json) of what the sources get from the
// bundler and the page: the glue module, the offline script's inlined data, the widget's handle.

/** wasm-bindgen's Engine class (src/lib.rs). */
declare class WasmEngine {
  static hasEmbeddedIndex(): boolean;
  static embedded(): WasmEngine;
  static open(bytes: Uint8Array): WasmEngine;
  search(query: string, options: unknown): any;
  addChunk(bytes: Uint8Array): string;
  info(): import('./folio.d.ts').IndexInfo;
  free(): void;
}

/** One copy of wasm-bindgen's glue, with module state of its own. */
interface FolioGlue {
  default(init: { module_or_path: unknown }): Promise<unknown>;
  initSync(init: { module: unknown }): unknown;
  Engine: typeof WasmEngine;
}

declare module 'folio:glue' {
  /** A fresh copy of the glue (scripts/bundle-web.mjs makes this module). */
  export default function createGlue(): FolioGlue;
}

/** The wasm module in base64, declared around folio-offline.js's bundle. */
declare const FOLIO_WASM: string;
/** An index.folio in base64, or null, declared around folio-offline.js's bundle. */
declare const FOLIO_INDEX: string | null;

interface Window {
  Folio: unknown;
}

interface Element {
  folioSearch?: { ui: unknown; controller: import('./folio.d.ts').SearchController };
}
