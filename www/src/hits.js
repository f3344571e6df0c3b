// The drop-in UI's results: one option per hit (title, type, date, section, snippet), corpus text
// only ever as text nodes and <mark>s from highlight ranges; the hit's other matching sections
// and the listing entries of a page grouped under it. An option with somewhere to go is a real
// link (<a role="option" href>: middle-click, copy link, new tab), to the page's best section with
// the matched words to mark, or to the reader view of a document with no page.
import { appendHighlighted, capitalise, cyrillicShare, h, safeHref, validLang } from './dom.js';
import { matchedWords, pageHref, readerHref } from './links.js';

/** The most sub-results (sections after the best) shown under a hit. */
const MAX_SUB_RESULTS = 3;

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
    const subs = Array.isArray(hit.sections) ? hit.sections.slice(1, 1 + MAX_SUB_RESULTS) : [];
    if (subs.length) {
      const group = h('div', { role: 'group', class: 'folio-group folio-sub-results', 'aria-label': ui.t.sectionsOf(String(hit.title ?? hit.id)) });
      for (const section of subs) group.append(renderSection(ui, hit, section));
      fragment.append(group);
    }
    const kids = children.get(String(hit.id));
    if (kids) {
      const group = h('div', { role: 'group', class: 'folio-group', 'aria-label': ui.t.entriesOf(String(hit.title ?? hit.id)) });
      for (const kid of kids) group.append(renderHit(ui, kid, true));
      fragment.append(group);
    }
  }
  ui.list.append(fragment);
}

/** Where a hit (or one of its sections) leads: its page, else the reader view, else nowhere. */
export function hitHref(ui, hit, section = null) {
  const anchor = section ? section.anchor : hit.anchor;
  const snippet = section ? section.snippet : hit.snippet;
  const heading = section ? section.title : hit.section;
  const page = ui.reader === 'always' ? null : pageHref(hit.url, ui.base, anchor, snippet, matchedWords(hit), { heading });
  if (page || hit.id == null) return page;
  if (ui.reader === 'never' || (ui.reader !== 'always' && hit.url)) return null;
  return readerHref(ui.pageUrl(), String(hit.id), section ? section.title : null);
}

/** An option: a link when it leads somewhere, else a plain element. */
function option(ui, hit, href, className) {
  const n = ui.optionCount++;
  const id = `${ui.uid}-r${n}`;
  ui.hitsById.set(id, hit);
  return h(href ? 'a' : 'div', {
    role: 'option', id, class: `${className}${href ? ' folio-has-link' : ''}`, href, tabindex: href ? '-1' : null,
    'aria-selected': 'false', 'data-n': n, 'data-id': hit.id, 'data-href': href,
  });
}

/** A sub-result: another section of `hit` that matched, with its heading and snippet. */
function renderSection(ui, hit, section) {
  const opt = option(ui, hit, hitHref(ui, hit, section), 'folio-hit folio-hit-sub folio-section-hit');
  const title = h('div', { class: 'folio-hit-title', id: `${opt.id}-t`, text: `§ ${section.title || String(hit.title ?? '')}` });
  opt.append(title);
  appendSnippet(opt, hit, section.snippet);
  return opt;
}

function appendSnippet(opt, hit, snippet) {
  if (!snippet || !snippet.text) return;
  const p = h('p', { class: 'folio-snippet', id: `${opt.id}-s` });
  const text = String(snippet.text);
  let lang = validLang(hit.lang);
  if (cyrillicShare(text) > 0.5 && !/^(ru|uk|be|bg|sr|mk|kk)/.test(lang || '')) lang = 'ru';
  if (lang) p.lang = lang;
  appendHighlighted(p, text, snippet.highlights);
  opt.append(p);
}

/**
 * The hit's image (`data-folio-meta="image[src]"`): its URL when it is http(s) or relative (to the
 * hit's page, as the page wrote it), with its alt text (`image_alt`; none: decorative); else null.
 */
export function thumbnailSource(hit, base, pageProtocol = globalThis.location?.protocol) {
  const meta = hit && hit.meta && typeof hit.meta === 'object' ? hit.meta : {};
  if (!Object.hasOwn(meta, 'image')) return null;
  const page = safeHref(hit.url, base, null, pageProtocol) || base;
  const src = safeHref(meta.image, page, null, pageProtocol);
  if (!src) return null;
  const alt = Object.hasOwn(meta, 'image_alt') && typeof meta.image_alt === 'string' ? meta.image_alt : '';
  return { src, alt };
}

/** The hit's image as a lazy-loaded thumbnail, or null. */
function thumbnail(ui, hit) {
  const image = thumbnailSource(hit, ui.base);
  return image && h('img', { class: 'folio-thumb', src: image.src, alt: image.alt, loading: 'lazy', decoding: 'async', width: 64, height: 64 });
}

/** Whether a section heading is the hit's title itself (spaces and case aside). */
export function sameHeading(section, title) {
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return norm(section) === norm(title);
}

export function renderHit(ui, hit, isChild) {
  const { t } = ui;
  const opt = option(ui, hit, hitHref(ui, hit), `folio-hit${isChild ? ' folio-hit-sub' : ''}`);
  const id = opt.id;
  const thumb = thumbnail(ui, hit);
  if (thumb) {
    opt.classList.add('folio-has-thumb');
    opt.append(thumb);
  }

  const title = h('div', { class: 'folio-hit-title', id: `${id}-t` });
  appendHighlighted(title, String(hit.title || hit.id || '—'), hit.titleHighlights);
  opt.append(title);

  const meta = h('div', { class: 'folio-hit-meta', id: `${id}-m` });
  if (hit.type) meta.append(h('span', { class: 'folio-type', text: capitalise(t.types[hit.type] || String(hit.type)) }));
  if (hit.date) meta.append(h('time', { datetime: hit.date, text: formatDate(ui, hit.date) }));
  // The page's own heading (mdBook and others anchor the title's <h1>) is not said twice.
  if (hit.section && !sameHeading(hit.section, hit.title)) meta.append(h('span', { class: 'folio-section', text: `§ ${hit.section}` }));
  if (hit.parent != null && !isChild) {
    const parentTitle = hit.parentTitle || ui.titles.get(String(hit.parent));
    meta.append(h('span', { class: 'folio-parent', text: parentTitle ? `${t.inParent}: ${parentTitle}` : t.listingEntry }));
  }
  // The option's accessible name is its whole visible text: title, then type, date, section
  // and snippet, in reading order.
  if (meta.childNodes.length) opt.append(meta);
  appendSnippet(opt, hit, hit.snippet);
  return opt;
}

export function formatDate(ui, iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(String(iso));
  if (!m) return String(iso);
  if (!m[2]) return m[1];
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1));
  if (Number.isNaN(d.getTime())) return String(iso);
  if (!m[3]) {
    ui.months ??= new Intl.DateTimeFormat(ui.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }); // made once: a hit list formats many
    return ui.months.format(d);
  }
  return ui.dates.format(d);
}
