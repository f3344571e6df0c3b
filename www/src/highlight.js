// folio-highlight.js: an opt-in script for the pages a search links to. Folio's result links
// carry the words a hit matched (`?folio-highlight=word word …`, every matched form: stemmed,
// fuzzy and transliterated ones, which a text fragment cannot express); this script wraps each
// occurrence of them on the page in <mark class="folio-mark"> and scrolls the first one (the first
// inside the section the link's #anchor names, when it names one) into view.
//
//   <script src="/folio/folio-highlight.js" defer></script>
//
// Options, as attributes of that <script>: data-folio-highlight-root="main" (a CSS selector: where
// to mark; default the one <article> of the page's <main>, else <main> or the role="main" element,
// else <body>), data-folio-highlight-scroll="false".
// It reads only the page's own URL, changes only text nodes, and never inserts HTML.

const PARAM = 'folio-highlight';
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'MARK', 'SVG', 'MATH', 'IFRAME', 'CANVAS']);
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const MAX_WORDS = 32;

/** A word as Folio's index folds it: lower case, accents dropped but й kept, ё as е. */
export function fold(word) {
  // й is kept whole: decomposed, it would lose its breve and become и.
  return word
    .toLowerCase()
    .split('й')
    .map((part) => part.normalize('NFD').replace(/\p{M}/gu, ''))
    .join('й')
    .replace(/ё/g, 'е');
}

/** The folded words a URL asks to mark. */
export function wordsToMark(href) {
  let params;
  try {
    params = new URL(href).searchParams;
  } catch {
    return new Set();
  }
  const words = params.getAll(PARAM).flatMap((v) => v.split(/\s+/)).filter(Boolean).map(fold);
  return new Set(words.slice(0, MAX_WORDS));
}

/** Wraps every word of `root`'s text whose folded form is in `words` in <mark class="folio-mark">; returns the marks. */
export function markWords(root, words) {
  const marks = [];
  if (!root || !words.size) return marks;
  const doc = root.ownerDocument;
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
        if (SKIP.has(el.tagName.toUpperCase()) || el.closest('.folio')) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  for (const node of nodes) {
    const text = node.nodeValue || '';
    const hits = [];
    for (const m of text.matchAll(WORD)) if (words.has(fold(m[0]))) hits.push([m.index, m.index + m[0].length]);
    if (!hits.length) continue;
    const fragment = doc.createDocumentFragment();
    let at = 0;
    for (const [start, end] of hits) {
      if (start > at) fragment.append(doc.createTextNode(text.slice(at, start)));
      const mark = doc.createElement('mark');
      mark.className = 'folio-mark';
      mark.textContent = text.slice(start, end);
      fragment.append(mark);
      marks.push(mark);
      at = end;
    }
    if (at < text.length) fragment.append(doc.createTextNode(text.slice(at)));
    node.replaceWith(fragment);
  }
  return marks;
}

/** The mark to scroll to: the first at or after the element the URL's #anchor names, else the first. */
export function firstMark(marks, doc) {
  let target = null;
  try {
    const id = decodeURIComponent(doc.location.hash.slice(1).split(':~:')[0]);
    target = id ? doc.getElementById(id) : null;
  } catch {
    target = null;
  }
  if (target) {
    const after = marks.find((m) => target.contains(m) || (target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING));
    if (after) return after;
  }
  return marks[0] || null;
}

/**
 * Where to mark: the element `selector` names, else the one `<article>` of the page's `<main>` (themes
 * put their menu and table of contents in `<main>` beside it: MkDocs Material, Docusaurus, Hugo's
 * Book), else `<main>` or the element with role main, else `<body>`.
 */
export function markRoot(doc, selector) {
  const chosen = selector ? doc.querySelector(selector) : null;
  if (chosen) return chosen;
  const main = doc.querySelector('main, [role="main"]');
  if (!main) return doc.body;
  const articles = [...main.querySelectorAll('article')].filter((a) => !a.parentElement?.closest('article'));
  return articles.length === 1 ? articles[0] : main;
}

/** When to look again, in ms after the first marking, whether the marks are still on the page. */
const CHECKS = [300, 1000, 2500];

function run(script) {
  const words = wordsToMark(location.href);
  if (!words.size) return;
  const selector = script?.getAttribute('data-folio-highlight-root');
  const scroll = script?.getAttribute('data-folio-highlight-scroll') !== 'false';
  const mark = () => {
    const marks = markWords(markRoot(document, selector), words);
    document.documentElement.dataset.folioMarks = String(marks.length);
    const first = scroll ? firstMark(marks, document) : null;
    if (first) first.scrollIntoView({ block: 'center' });
  };
  mark();
  // A page that its script renders again after this ran (a React or Vue app recovering from a
  // hydration mismatch, as Docusaurus's does) or renders late has lost its marks, or had none
  // yet: mark again while the page settles.
  for (const delay of CHECKS) {
    setTimeout(() => {
      if (!document.querySelector('mark.folio-mark')) mark();
    }, delay);
  }
}

if (typeof document !== 'undefined') {
  // document.currentScript is only set while the script first runs.
  const script = document.currentScript || document.querySelector('script[src*="folio-highlight"]');
  const start = () => run(script);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}
