// The drop-in UI's results: one option per hit (title, type, date, section, snippet), corpus text
// only ever as text nodes and <mark>s from highlight ranges; listing entries grouped under their
// page when it is among the results.
import { appendHighlighted, capitalise, cyrillicShare, h, safeHref, validLang } from './dom.js';

/** Adds one page of hits; listing entries go under their page when it is among the results. */
export function appendHits(ui, hits) {
  for (const hit of hits) if (hit.id != null) ui.titles.set(String(hit.id), String(hit.title ?? ''));
  const onPage = new Set(hits.map((x) => String(x.id)));
  const children = new Map();
  for (const hit of hits) {
    if (hit.parent != null && onPage.has(String(hit.parent))) {
      const list = children.get(String(hit.parent)) || [];
      list.push(hit);
      children.set(String(hit.parent), list);
    }
  }
  const fragment = document.createDocumentFragment();
  for (const hit of hits) {
    if (hit.parent != null && onPage.has(String(hit.parent))) continue;
    fragment.append(renderHit(ui, hit, false));
    const kids = children.get(String(hit.id));
    if (kids) {
      const group = h('div', { role: 'group', class: 'folio-group', 'aria-label': ui.t.entriesOf(String(hit.title ?? hit.id)) });
      for (const kid of kids) group.append(renderHit(ui, kid, true));
      fragment.append(group);
    }
  }
  ui.list.append(fragment);
}

export function renderHit(ui, hit, isChild) {
  const { t } = ui;
  const n = ui.optionCount++;
  const id = `${ui.uid}-r${n}`;
  const href = safeHref(hit.url, ui.base, hit.anchor);
  const opt = h('div', {
    role: 'option', id, class: `folio-hit${isChild ? ' folio-hit-sub' : ''}${href ? ' folio-has-link' : ''}`,
    'aria-selected': 'false', 'data-n': n, 'data-id': hit.id, 'data-href': href,
  });
  ui.hitsById.set(id, hit);

  const title = h('div', { class: 'folio-hit-title', id: `${id}-t` });
  appendHighlighted(title, String(hit.title || hit.id || '—'), hit.titleHighlights);
  opt.append(title);

  const meta = h('div', { class: 'folio-hit-meta', id: `${id}-m` });
  if (hit.type) meta.append(h('span', { class: 'folio-type', text: capitalise(t.types[hit.type] || String(hit.type)) }));
  if (hit.date) meta.append(h('time', { datetime: hit.date, text: formatDate(ui, hit.date) }));
  if (hit.section) meta.append(h('span', { class: 'folio-section', text: `§ ${hit.section}` }));
  if (hit.parent != null && !isChild) {
    const parentTitle = hit.parentTitle || ui.titles.get(String(hit.parent));
    meta.append(h('span', { class: 'folio-parent', text: parentTitle ? `${t.inParent}: ${parentTitle}` : t.listingEntry }));
  }
  // The option's accessible name is its whole visible text: title, then type, date, section
  // and snippet, in reading order.
  if (meta.childNodes.length) opt.append(meta);
  const snippet = hit.snippet;
  if (snippet && snippet.text) {
    const p = h('p', { class: 'folio-snippet', id: `${id}-s` });
    const text = String(snippet.text);
    let lang = validLang(hit.lang);
    if (cyrillicShare(text) > 0.5 && !/^(ru|uk|be|bg|sr|mk|kk)/.test(lang || '')) lang = 'ru';
    if (lang) p.lang = lang;
    appendHighlighted(p, text, snippet.highlights);
    opt.append(p);
  }
  return opt;
}

export function formatDate(ui, iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(iso));
  if (!m) return String(iso);
  if (!m[2]) return m[1];
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
  if (Number.isNaN(d.getTime())) return String(iso);
  if (!m[3]) return new Intl.DateTimeFormat(ui.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
  return ui.dates.format(d);
}
