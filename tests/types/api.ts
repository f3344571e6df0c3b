// The type check's link between the sources and folio.d.ts: what esm.js exports (typed from
// their JSDoc, which uses folio.d.ts's types) must be assignable to what folio.d.ts declares, so
// the two cannot drift apart in their signatures. Checked by `npx tsc -p tsconfig.json`.
import type * as Declared from '../../www/src/folio.d.ts';
import * as Source from '../../www/src/esm.js';
import { SEARCH_OPTIONS } from '../../www/src/api.js';

export const init: typeof Declared.init = Source.init;
export const search: typeof Declared.search = Source.search;
export const mount: typeof Declared.mount = Source.mount;
export const preload: typeof Declared.preload = Source.preload;
export const preloadOnEngine = async (e: Declared.FolioEngine): Promise<void> => e.preload('glaze', { limit: 3 });
export const version: typeof Declared.version = Source.version;
export const engine = async (): Promise<Declared.FolioEngine> => Source.init();
// Sub-results and the reader view, used as a page would.
export const sectionsAndReader = async (e: Declared.FolioEngine): Promise<string[]> => {
  const res = await e.search('glaze', { limit: 3 });
  const view: Declared.DocumentView | null = await e.document(res.hits[0]?.id ?? '', 'glaze');
  const best = view && view.best !== null ? view.sections[view.best].title : '';
  return [best, ...res.hits.flatMap((h) => h.sections.map((s: Declared.SectionHit) => `${s.title ?? h.title}#${s.anchor ?? ''} ${s.score}`))];
};
// api.js's list of search options (checked before a search crosses to a worker) is exactly the
// keys of folio.d.ts's SearchOptions: an option missing on either side fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const searchOptionsAreDeclared: Same<(typeof SEARCH_OPTIONS)[number], keyof Declared.SearchOptions> = true;
