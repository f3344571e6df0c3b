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
// Sub-results and the reader view, used as a page would.
export const sectionsAndReader = async (e: Declared.FolioEngine): Promise<string[]> => {
  const res = await e.search('glaze', { limit: 3 });
  const view: Declared.DocumentView | null = await e.document(res.hits[0]?.id ?? '', 'glaze');
  const best = view && view.best !== null ? view.sections[view.best].title : '';
  return [best, ...res.hits.flatMap((h) => h.sections.map((s: Declared.SectionHit) => `${s.title ?? h.title}#${s.anchor ?? ''} ${s.score}`))];
};
