// Unit tests (node --test, no browser) of where results lead: text fragments and the words to
// mark built from snippets, links to the reader view, the reader's blocks, and the folding
// folio-highlight.js compares words with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markedRuns, matchedWords, pageHref, readerHref, readerTarget, textDirective, withoutReader } from '../../www/src/links.js';
import { paragraphs, readerBlocks } from '../../www/src/reader.js';
import { fold, wordsToMark } from '../../www/src/highlight.js';

const BASE = 'https://museum.example/';
const range = (text, word, from = 0) => {
  const at = text.indexOf(word, from);
  return [at, at + word.length];
};

test('marked runs join words marked side by side, in order, without repeats', () => {
  const text = '… встретился с Ким Ир Сеном, и Ким Ир Сен сказал …';
  const highlights = [range(text, 'Ким'), range(text, 'Ир'), range(text, 'Сеном'), range(text, 'Ким', 30), range(text, 'Ир', 33), range(text, 'Сен', 36)];
  assert.deepEqual(markedRuns({ text, highlights }), ['Ким Ир Сеном', 'Ким Ир Сен']);
  assert.deepEqual(markedRuns({ text: 'a glaze, a glaze', highlights: [[2, 7], [11, 16]] }), ['glaze']);
  assert.deepEqual(markedRuns({ text: 'nothing', highlights: [] }), []);
  assert.deepEqual(markedRuns(null), []);
});

test('a marked run ends at a line break: the snippet crossed from one block of the page to the next', () => {
  // "Firing schedule" is the heading, "Raise the temperature" its paragraph.
  const text = 'Firing schedule\nRaise the temperature';
  const highlights = [range(text, 'schedule'), range(text, 'Raise')];
  assert.deepEqual(markedRuns({ text, highlights }), ['schedule', 'Raise']);
  assert.equal(textDirective({ text, highlights }), ':~:text=Firing-,schedule&text=Raise,-the');
  // With an anchor, the words of the heading it leads to are left out: a page repeats its
  // headings in its table of contents, where the fragment would match first. Not without one.
  const href = (anchor) => pageHref('/c.html', BASE, anchor, { text, highlights }, [], { heading: 'Firing schedule', pageProtocol: 'https:' });
  assert.equal(href('firing'), 'https://museum.example/c.html#firing:~:text=Raise,-the');
  assert.equal(href(null), 'https://museum.example/c.html#:~:text=Firing-,schedule&text=Raise,-the');
  // A heading cut by the snippet's start is still the heading.
  assert.equal(textDirective({ text: '… schedule\nRaise', highlights: [[2, 10], [11, 16]] }, 'Firing schedule'), ':~:text=Raise');
  // Spaces still join a run inside a block.
  assert.deepEqual(markedRuns({ text: 'Firing schedule', highlights: [[0, 6], [7, 15]] }), ['Firing schedule']);
});

test('a run carries a word beside it, so the same word in a menu before the content is not its match', () => {
  // Hugo's Book theme: the menu lists "Mermaid" before the page's own "Override Mermaid
  // Initialization Config"; a bare text=Mermaid scrolled the page to the menu.
  const text = 'Mermaid Chart\nMermaidJS is a library for diagrams from text.\nOverride Mermaid Initialization Config\nfor Mermaid, create a file …';
  const highlights = [range(text, 'Mermaid'), range(text, 'diagrams'), range(text, 'Mermaid', 60), range(text, 'Mermaid', 100)];
  assert.equal(textDirective({ text, highlights }, 'Mermaid Chart'), ':~:text=diagrams,-from&text=Mermaid,-Initialization');
  // The word after, else the word before; only across spaces (not a line break, a comma or a
  // snippet's cut); none where no word stands beside the run.
  const one = (t, w) => textDirective({ text: t, highlights: [range(t, w)] });
  assert.equal(one('the glaze melts', 'glaze'), ':~:text=glaze,-melts');
  assert.equal(one('the glaze, melted', 'glaze'), ':~:text=the-,glaze');
  assert.equal(one('glaze\nmelts', 'glaze'), ':~:text=glaze');
  assert.equal(one('… the glaze …', 'glaze'), ':~:text=glaze');
  assert.equal(one('釉薬が溶ける', '釉薬'), ':~:text=%E9%87%89%E8%96%AC');
  assert.equal(one('crème brûlée', 'crème'), ':~:text=cr%C3%A8me,-br%C3%BBl%C3%A9e');
});

test('a text directive encodes the runs, dashes and commas included', () => {
  const text = 'the well-known glaze, fired';
  assert.equal(textDirective({ text, highlights: [range(text, 'well-known'), range(text, 'glaze')] }), ':~:text=the-,well%2Dknown%20glaze');
  assert.equal(textDirective({ text: 'a & b', highlights: [[0, 5]] }), ':~:text=a%20%26%20b');
  assert.equal(textDirective({ text: 'x', highlights: [] }), '');
});

test('a page link keeps the anchor, then the text fragment, with the words to mark', () => {
  const snippet = { text: 'Raise the temperature until the glaze melts', highlights: [[10, 21], [32, 37]] };
  const href = pageHref('kiln.html', BASE, 'firing', snippet, ['temperature', 'glaze'], { pageProtocol: 'https:' });
  assert.equal(href, 'https://museum.example/kiln.html?folio-highlight=temperature+glaze#firing:~:text=temperature,-until&text=glaze,-melts');
  assert.equal(new URL(href).searchParams.get('folio-highlight'), 'temperature glaze');
  // No anchor: the fragment is the directive alone; no marks: the link as it was.
  assert.equal(pageHref('/a.html', BASE, null, snippet, [], { pageProtocol: 'https:' }), 'https://museum.example/a.html#:~:text=temperature,-until&text=glaze,-melts');
  assert.equal(pageHref('/a.html', BASE, null, { text: 'x', highlights: [] }, [], { pageProtocol: 'https:' }), 'https://museum.example/a.html');
  // Unsafe links stay refused.
  assert.equal(pageHref('javascript:alert(1)', BASE, null, snippet, ['x'], { pageProtocol: 'https:' }), null);
});

test('from a copy on disk, a link to a folder page leads to its index.html; served, it stays the folder', () => {
  const disk = 'file:///media/usb/site/';
  const none = { text: 'x', highlights: [] };
  assert.equal(pageHref('collection/sextants/', disk, 'history', none, [], { pageProtocol: 'file:' }), 'file:///media/usb/site/collection/sextants/index.html#history');
  assert.equal(pageHref('visit.html', disk, null, none, [], { pageProtocol: 'file:' }), 'file:///media/usb/site/visit.html');
  assert.equal(pageHref('collection/sextants/', BASE, null, none, [], { pageProtocol: 'https:' }), 'https://museum.example/collection/sextants/');
});

test('matched words come from the title and every section snippet, once each', () => {
  const hit = {
    title: 'Kiln manual',
    titleHighlights: [[0, 4]],
    snippet: { text: 'the glaze melts', highlights: [[4, 9]] },
    sections: [{ snippet: { text: 'the glaze melts', highlights: [[4, 9]] } }, { snippet: { text: 'glazes craze', highlights: [[0, 6]] } }],
  };
  assert.deepEqual(matchedWords(hit), ['glaze', 'glazes', 'Kiln']);
});

test('reader links live in the fragment and round-trip', () => {
  const href = readerHref('https://archive.example/search.html?q=Kim', '001_fd&x', 'Original Scan');
  assert.equal(href, 'https://archive.example/search.html?q=Kim#folio-doc=001_fd%26x&folio-section=Original+Scan');
  assert.deepEqual(readerTarget(href), { id: '001_fd&x', section: 'Original Scan' });
  assert.deepEqual(readerTarget(readerHref('file:///d/index.html', 'a')), { id: 'a', section: null });
  assert.equal(readerTarget('https://archive.example/search.html?q=Kim#top'), null);
  assert.equal(readerTarget('not a url'), null);
  assert.equal(withoutReader(href), 'https://archive.example/search.html?q=Kim');
  assert.equal(withoutReader('https://a.example/p#top'), 'https://a.example/p#top');
});

test('the reader cuts the body into sections and paragraphs, and the marks follow', () => {
  const body = 'Intro line.\n\nOriginal Scan\nПленум ЦК.\n\nВторой абзац.\n\nTranslation\nThe plenum.';
  const sections = [{ title: 'Original Scan', start: body.indexOf('Original') }, { title: 'Translation', start: body.indexOf('Translation') }];
  const highlights = [range(body, 'Пленум'), range(body, 'plenum'), range(body, 'Scan')];
  const blocks = readerBlocks(body, sections, highlights);
  assert.deepEqual(blocks.map((b) => [b.section, b.heading && b.heading.text, b.paragraphs.map((p) => p.text)]), [
    [null, null, ['Intro line.']],
    [0, 'Original Scan', ['Пленум ЦК.', 'Второй абзац.']],
    [1, 'Translation', ['The plenum.']],
  ]);
  const slice = (part) => part.ranges.map(([a, b]) => part.text.slice(a, b));
  assert.deepEqual(slice(blocks[1].heading), ['Scan']);
  assert.deepEqual(slice(blocks[1].paragraphs[0]), ['Пленум']);
  assert.deepEqual(slice(blocks[2].paragraphs[0]), ['plenum']);
  // A heading the body does not spell out is shown from the section's title, unmarked.
  const other = readerBlocks('Text of it', [{ title: 'Named', start: 0 }], []);
  assert.deepEqual(other.map((b) => [b.heading.text, b.paragraphs.map((p) => p.text)]), [['Named', ['Text of it']]]);
  // Bad input: out-of-range starts are clipped, no sections at all is one block.
  assert.equal(readerBlocks('a\n\nb', null, null)[0].paragraphs.length, 2);
  assert.deepEqual(paragraphs('  \n\n ', [], 0, 5), []);
});

test('folio-highlight.js folds words as the index does and reads what to mark from its URL', () => {
  assert.equal(fold('Ёлка'), 'елка');
  assert.equal(fold('Йошкар'), 'йошкар');
  assert.equal(fold('Café'), 'cafe');
  assert.deepEqual([...wordsToMark('https://a.example/p.html?folio-highlight=Ким+Ир+Сена&x=1#top')], ['ким', 'ир', 'сена']);
  assert.deepEqual([...wordsToMark('https://a.example/p.html')], []);
  assert.deepEqual([...wordsToMark('nonsense')], []);
});
