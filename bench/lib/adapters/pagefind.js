// Pagefind 1.6.0: its own pagefind.js + wasm, loaded from ./pagefind/ (not bundled).
let pf;
export async function load() {
  pf = await import('./pagefind/pagefind.js');
  await pf.init();
}

// Warm timing: the ranked result list only (fragments with titles/URLs are fetched by data()).
export async function search(q) {
  const r = await pf.search(q);
  return (r && r.results ? r.results : []).slice(0, 10).map((x) => x.id);
}

// Cold first result: a result list the page can show, so the top-10 fragments are loaded too.
export async function first(q) {
  const r = await pf.search(q);
  const top = (r && r.results ? r.results : []).slice(0, 10);
  const data = await Promise.all(top.map((x) => x.data()));
  return data.map((d) => d.url);
}
