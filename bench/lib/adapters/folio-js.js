// Folio as a site ships it: folio.js from scripts/build-web.sh's dist/ (dist/site/ around the
// site's index.folio; on seeds dist/ itself, whose wasm holds the seeds index), copied into ui/.
// Searches run where folio.js puts them by default (the page's thread for up to 100,000
// documents, else its Web Worker), with folio_bg.wasm compiled as it downloads and the index and
// its chunks fetched as asked: the cold first result a visitor waits for. Not bundled: folio.js
// finds its parts next to itself.
let folio;

export async function load(cfg) {
  const { default: Folio } = await import('./ui/folio.js');
  folio = await Folio.init(cfg.index ? { index: cfg.index } : {});
  return folio.index;
}

// Top 10 with titles and snippets, as the drop-in UI asks for them.
export async function search(q) {
  const r = await folio.search(q, { limit: 10 });
  return r.hits.map((h) => h.id);
}
