// The type check's link between the sources and folio.d.ts: what esm.js exports (typed from
// their JSDoc, which uses folio.d.ts's types) must be assignable to what folio.d.ts declares, so
// the two cannot drift apart in their signatures. Checked by `npx tsc -p tsconfig.json`.
import type * as Declared from '../../www/src/folio.d.ts';
import * as Source from '../../www/src/esm.js';

export const init: typeof Declared.init = Source.init;
export const search: typeof Declared.search = Source.search;
export const mount: typeof Declared.mount = Source.mount;
export const version: typeof Declared.version = Source.version;
export const engine = async (): Promise<Declared.FolioEngine> => Source.init();
