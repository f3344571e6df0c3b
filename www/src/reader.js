// The reader view: a document with no page of its own (a text archive, JSON lines without a url)
// shown inside the search widget from the text stored in the index, with the query's matches
// marked and the best section scrolled into view. Corpus text only as text nodes and <mark>s.
import { appendHighlighted, capitalise, cyrillicShare, h, safeHref, validLang } from './dom.js';
import { formatDate } from './hits.js';

/** `text.slice(from, to)` with the highlight ranges that fall in it, shifted to the slice. */
export function sliceHighlighted(text, ranges, from, to) {
  const out = [];
  for (const r of Array.isArray(ranges) ? ranges : []) {
    if (!Array.isArray(r)) continue;
    const s = Math.max(from, r[0] | 0);
    const e = Math.min(to, r[1] | 0);
    if (e > s) out.push([s - from, e - from]);
  }
  return { text: text.slice(from, to), ranges: out };
}

/** The paragraphs (separated by blank lines) of `text[from, to)`, trimmed, with their ranges. */
export function paragraphs(text, ranges, from, to) {
  const out = [];
  const part = text.slice(from, to);
  const gap = /\n[ \t\r\f\v]*\n\s*/g;
  let at = 0;
  const push = (a, b) => {
    const piece = part.slice(a, b);
    const lead = piece.length - piece.trimStart().length;
    const trail = piece.length - piece.trimEnd().length;
    if (piece.trim()) out.push(sliceHighlighted(text, ranges, from + a + lead, from + b - trail));
  };
  for (const m of part.matchAll(gap)) {
    push(at, m.index);
    at = m.index + m[0].length;
  }
  push(at, part.length);
  return out;
}

/**
 * The body cut into blocks for display: the text before the first section, then one block per
 * section with its heading (the body's own words for it when the body begins the section with
 * them, so their marks stay) and its paragraphs.
 * @returns {{ section: number | null, heading: { text: string, ranges: number[][] } | null, paragraphs: { text: string, ranges: number[][] }[] }[]}
 */
export function readerBlocks(body, sections, highlights) {
  const text = String(body ?? '');
  const list = Array.isArray(sections) ? sections : [];
  const starts = list.map((s) => Math.max(0, Math.min(text.length, Number(s && s.start) | 0)));
  const blocks = [];
  const first = starts.length ? starts[0] : text.length;
  const before = paragraphs(text, highlights, 0, first);
  if (before.length) blocks.push({ section: null, heading: null, paragraphs: before });
  list.forEach((s, i) => {
    const from = starts[i];
    const to = Math.max(from, i + 1 < starts.length ? starts[i + 1] : text.length);
    const title = String(s.title ?? '').replace(/…$/, '');
    const lead = text.slice(from, to).length - text.slice(from, to).trimStart().length;
    const inBody = title && text.startsWith(title, from + lead);
    const headingEnd = inBody ? from + lead + title.length : from;
    const heading = inBody ? sliceHighlighted(text, highlights, from + lead, headingEnd) : { text: String(s.title ?? ''), ranges: [] };
    blocks.push({ section: i, heading, paragraphs: paragraphs(text, highlights, headingEnd, to) });
  });
  return blocks;
}

function highlighted(tag, attrs, part) {
  const el = h(tag, attrs);
  appendHighlighted(el, part.text, part.ranges);
  return el;
}

/** A paragraph, tagged Russian when it is mostly Cyrillic in a document that is not (an original beside its translation). */
function paragraph(part, docLang) {
  const p = highlighted('p', {}, part);
  if (cyrillicShare(part.text) > 0.5 && !/^(ru|uk|be|bg|sr|mk|kk)/.test(docLang || '')) p.lang = 'ru';
  return p;
}

/**
 * The reader view of `view` (a DocumentView) as an element: title, facts, citation, summary and
 * the body by sections. `backHref` leads back to the results.
 */
export function renderReader(ui, view, backHref) {
  const { t } = ui;
  const id = `${ui.uid}-doc`;
  const lang = validLang(view.lang);
  const article = h('article', { class: 'folio-reader', 'aria-labelledby': `${id}-title`, lang: lang || null });
  article.append(h('p', { class: 'folio-reader-back' }, h('a', { href: backHref, class: 'folio-link', text: `← ${t.backToResults}` })));
  article.append(highlighted('h2', { class: 'folio-reader-title', id: `${id}-title`, tabindex: '-1' }, { text: String(view.title || view.id), ranges: view.titleHighlights }));
  const facts = h('p', { class: 'folio-hit-meta' });
  if (view.type) facts.append(h('span', { class: 'folio-type', text: capitalise(t.types[view.type] || String(view.type)) }));
  if (view.date) facts.append(h('time', { datetime: view.date, text: formatDate(ui, view.date) }));
  if (view.url) {
    const href = safeHref(view.url, ui.base, null);
    if (href) facts.append(h('span', {}, h('a', { href, class: 'folio-link', text: t.original })));
  }
  if (facts.childNodes.length) article.append(facts);
  if (view.citation) {
    article.append(h('section', { class: 'folio-reader-citation', 'aria-label': t.citation },
      highlighted('p', {}, { text: view.citation, ranges: view.citationHighlights })));
  }
  if (view.summary) {
    const s = h('section', { class: 'folio-reader-summary', 'data-section': 'summary' }, h('h3', { text: t.summary }));
    for (const p of paragraphs(view.summary, view.summaryHighlights, 0, view.summary.length)) s.append(paragraph(p, lang));
    article.append(s);
  }
  const body = h('div', { class: 'folio-reader-body' });
  for (const block of readerBlocks(view.body, view.sections, view.bodyHighlights)) {
    const section = h('section', { 'data-section': block.section == null ? 'start' : String(block.section) });
    if (block.section != null) section.id = `${id}-s${block.section}`;
    if (block.heading) section.append(highlighted('h3', {}, block.heading));
    for (const p of block.paragraphs) section.append(paragraph(p, lang));
    body.append(section);
  }
  article.append(body);
  return article;
}

/**
 * Where to bring the reader into view: the first mark of the section named `sectionTitle`, else of
 * the best section, else the first mark, else that section's heading.
 */
export function scrollTarget(article, view, sectionTitle) {
  let index = view.best;
  if (sectionTitle) {
    if (sectionTitle === 'Summary' && view.summary) return article.querySelector('.folio-reader-summary mark') || article.querySelector('.folio-reader-summary');
    // Headings may repeat (an archive's several "Original Scan"s): the best one if it is named so.
    const sections = view.sections || [];
    const named = sections.findIndex((s) => s.title === sectionTitle);
    if (named >= 0 && !(index != null && sections[index] && sections[index].title === sectionTitle)) index = named;
  }
  const section = index == null ? null : article.querySelector(`[data-section="${index}"]`);
  return (section && (section.querySelector('mark') || section)) || article.querySelector('.folio-reader-body mark, .folio-reader-summary mark') || null;
}
