// Folio on sites built by real generators (issue 16, item 5): MkDocs with Material, Sphinx with
// Furo, Eleventy with a course layout of its own. Each site is indexed with `folio index <dir>` and
// no configuration, then checked with the CLI's --json output and in Chromium: the theme's
// chrome (navigation, sidebars, table of contents, search widgets, skip links, permalink signs)
// is not indexed, titles are the pages' own, results link to the section that holds the words,
// redirect stubs and Sphinx's _sources/*.txt copies are not results, and the drop-in box added by
// a template override (tests/generators/RECIPES.md) works inside the theme's own page.
//
// Each site is indexed as a site owner without Rust indexes it: by the npm package (the tarball
// scripts/pack-npm.sh wrote to target/npm/, installed into an empty folder, `npx folio index`
// with no cargo on PATH), whose bundle must be the native CLI's byte for byte; every check below
// then runs on the bundle the npm package wrote.
//
// The sites are built first by `bash scripts/generator-sites.sh` (target/generator-sites/), and
// the package by `bash scripts/pack-npm.sh` (or FOLIO_NPM_TARBALL=<path.tgz>).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { bundleDifferences, install, npx, ok, tarball } from '../npm/package.mjs';
import { ROOT, launch, openThemePage, readHits, runCli, typeQuery } from './helpers.mjs';

const BUILT = path.join(ROOT, 'target', 'generator-sites');
const SOURCES = path.join(ROOT, 'tests', 'generators');

// What each site is, and the words planted in its sources for the checks below. Every word's
// premise (where it occurs in the sources) is itself checked first, so a later edit of a page
// cannot silently turn a check into one that passes for the wrong reason.
const GENERATORS = [
  {
    name: 'mkdocs',
    sources: { dir: 'mkdocs/docs', ext: ['.md'], skip: [] },
    siteName: 'Tidewater Museum',
    permalink: /¶/,
    // One query per page: words found in that page's content only -> its URL and own title.
    pages: [
      ['pilot', 'index.html', 'Welcome to the collection'], // <title> is the site name alone
      ['liverpool', 'collection/sextants/index.html', 'Sextants'],
      ['clerkenwell', 'collection/chronometers/index.html', 'Marine Chronometers'],
      ['binnacle', 'collection/compasses/index.html', 'Compasses'],
      ['tallow', 'collection/sounding-leads/index.html', 'Sounding Leads'],
      ['stools', 'visit/hours/index.html', 'Opening Hours'],
      ['humidity', 'care/conservation/index.html', 'Conservation Notes'],
      ['accession', 'care/records/index.html', 'Catalogue Records'],
      ['fraction', 'glossary/index.html', 'Glossary'],
    ],
    // In one page's title (its h1) and nowhere else but the navigation of every page.
    titleOnly: ['chronometers', 'collection/chronometers/index.html'],
    // In the chrome only: a search for them must find nothing.
    chromeOnly: {
      tidewater: 'the site name: logo, header, the nav title, <title>',
      quayside: 'the footer copyright',
      initializing: 'Material\'s search widget ("Initializing search")',
      contents: 'the table of contents\' label ("Table of contents")',
      skip: 'the skip link ("Skip to content")',
      redirected: 'the redirect stub old/sextant-gallery/ ("You\'re being redirected")',
    },
    // Words in one section of one page -> url#anchor (the id is on the heading).
    section: ['verdigris', 'care/conservation/index.html', 'cleaning-brass'],
    term: null, // the def_list extension gives <dt> no id
    stubs: ['old/sextant-gallery/index.html'],
    stubQueries: ['redirected new destination', 'sextants'],
    ui: { from: 'collection/sextants/index.html', query: 'seconds gains', url: 'collection/chronometers/index.html', anchor: 'winding-and-rating', title: 'Marine Chronometers' },
    // The recipe's script path is relative (base_url), so a copy opened from disk searches too.
    fromDisk: true,
  },
  {
    name: 'sphinx',
    // A hidden toctree names the pages but shows nothing in the page's content.
    sources: { dir: 'sphinx', ext: ['.rst'], skip: [], strip: /^\.\. toctree::\n(?:[ \t]+.*\n|\n)*/gm },
    siteName: 'Inkwell documentation',
    permalink: /¶/,
    pages: [
      ['apron', 'index.html', 'Letterpress in Six Lessons'], // <title> is "Inkwell documentation"
      ['compartments', 'lessons/type-case.html', 'The Type Case'],
      ['justification', 'lessons/composing.html', 'Composing a Line'],
      ['planing', 'lessons/lockup.html', 'Locking Up the Forme'],
      ['tabletop', 'lessons/platen-presses.html', 'Platen Presses'],
      ['palette', 'lessons/inking.html', 'Inking'],
      ['citrus', 'lessons/cleanup.html', 'Cleaning Up'],
      ['treasurer', 'reference/press-log.html', 'The Press Log'],
      ['groove', 'glossary.html', 'Glossary'],
    ],
    titleOnly: ['platen', 'lessons/platen-presses.html'],
    chromeOnly: {
      inkwell: 'the project name: sidebar brand, mobile header, <title>',
      documentation: 'the brand ("Inkwell documentation")',
      reference: 'the sidebar\'s caption of the second toctree ("Reference")',
      marbleside: 'the footer copyright',
      pradyunsg: 'the footer ("Made with Sphinx and @pradyunsg\'s Furo")',
      skip: 'the skip link ("Skip to content")',
      functionality: 'search.html, the search widget\'s page ("enable the search functionality")',
      toctree: 'the reST sources only (_sources/index.rst.txt: ".. toctree::")',
      caption: 'the reST sources only (_sources/index.rst.txt: ":caption: Lessons")',
    },
    // Furo puts the ids on <section id>, not on the headings.
    section: ['pedal', 'lessons/platen-presses.html', 'the-treadle-press'],
    // Sphinx's glossary puts the ids on the <dt>.
    term: ['groove', 'glossary.html', 'term-Nick'],
    stubs: ['old-index.html', 'lessons/setting-type.html'],
    stubQueries: ['old index', 'setting type', 'setting'],
    ui: { from: 'lessons/inking.html', query: 'jaws', url: 'lessons/platen-presses.html', anchor: 'safety-at-the-press', title: 'Platen Presses' },
    fromDisk: true,
  },
  {
    name: 'eleventy',
    sources: { dir: 'eleventy/src', ext: ['.md', '.njk'], skip: ['_includes', 'old-syllabus.njk'] },
    siteName: 'Hedgerow School',
    // markdown-it-anchor's permalink: <a class="header-anchor" aria-hidden="true">#</a>.
    permalink: /(^|\s)#(\s|$)|¶/,
    pages: [
      ['magnification', 'index.html', 'Welcome to the course'],
      ['rowan', 'weeks/leaves/index.html', 'Week 1: Leaf Shapes'],
      ['varnished', 'weeks/flowers/index.html', 'Week 2: Parts of a Flower'],
      ['couplet', 'weeks/keys/index.html', 'Week 3: Using a Dichotomous Key'],
      ['blotting', 'weeks/pressing/index.html', 'Week 4: Pressing Specimens'],
      ['csv', 'resources/records/index.html', 'Recording Your Finds'],
      ['umbrella', 'glossary/index.html', 'Glossary'],
    ],
    titleOnly: ['dichotomous', 'weeks/keys/index.html'],
    chromeOnly: {
      hedgerow: 'the site name: logo, <title>, footer',
      botany: 'the header\'s tagline',
      kestrel: 'the <aside> inside <main> (office hours)',
      schoolhouse: 'the <aside> inside <main> (office hours)',
      birchwood: 'the footer',
      lesson: 'the skip link ("Skip to the lesson")',
      syllabus: 'the redirect stub syllabus/ ("The syllabus has moved")',
    },
    section: ['blotters', 'weeks/pressing/index.html', 'drying-between-sheets'],
    term: ['umbrella', 'glossary/index.html', 'umbel'],
    stubs: ['syllabus/index.html'],
    stubQueries: ['syllabus moved', 'course home page'],
    ui: { from: 'weeks/leaves/index.html', query: 'gummed linen', url: 'weeks/pressing/index.html', anchor: 'mounting-and-labelling', title: 'Week 4: Pressing Specimens' },
    // Eleventy's url filter writes root paths (/folio/...), which a copy on disk cannot resolve
    // (nor can the layout's own links): no test from disk.
    fromDisk: false,
  },
];

// The empty folder the npm package is installed into, once for the three sites.
let npmWork = null;
after(() => {
  if (npmWork) rmSync(npmWork, { recursive: true, force: true });
});

/**
 * Indexes a generated site exactly as its owner would: `npx folio index <dir>` from the folder
 * the npm package is installed in, no configuration, the bundle written to <dir>/folio/. The
 * native CLI indexes the same site into another folder first, for the comparison below. This is
 * the one place that says how the CLI is run.
 */
function indexSite(dir) {
  if (!npmWork) {
    npmWork = mkdtempSync(path.join(tmpdir(), 'folio-generators-'));
    install(tarball(), path.join(npmWork, 'app'));
  }
  const native = path.join(npmWork, `native-${path.basename(dir)}`);
  runCli(['index', dir, '--out', native]);
  ok(npx(['index', dir], path.join(npmWork, 'app')), `npx folio index ${dir}`);
  const bundle = path.join(dir, 'folio');
  if (!existsSync(path.join(bundle, 'index.folio'))) throw new Error(`npx folio index ${dir} wrote no ${bundle}/index.folio`);
  return { bundle, native };
}

/** `folio search <bundle> <query> --json`, through the binary runCli built. */
function searchJson(bundle, query) {
  const bin = process.env.FOLIO_BIN || path.join(ROOT, 'target', 'release', 'folio');
  const out = execFileSync(bin, ['search', bundle, query, '--json', '--limit', '50'], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** The text of the site's page sources (not its layout or stubs), by file. */
function sourceTexts({ dir, ext, skip, strip = null }) {
  const root = path.join(SOURCES, dir);
  const files = readdirSync(root, { recursive: true })
    .filter((f) => ext.includes(path.extname(f)) && !skip.some((s) => f.split(path.sep).includes(s)));
  return files.map((f) => {
    const text = readFileSync(path.join(root, f), 'utf8');
    return { file: f, text: (strip ? text.replace(strip, '') : text).toLowerCase() };
  });
}

/** The files among `texts` that contain `word` (or its singular), as a word. */
function filesWith(texts, word) {
  const re = new RegExp(`\\b${word.replace(/s$/, '')}`, 'i');
  return texts.filter((t) => re.test(t.text)).map((t) => t.file);
}

const hitUrl = (hit) => (hit.url ?? '').replace(/^\.?\//, '');

for (const gen of GENERATORS) {
  describe(`a ${gen.name} site, indexed with no configuration`, () => {
    const dir = path.join(BUILT, gen.name);
    const texts = sourceTexts(gen.sources);
    let bundle;
    let nativeBundle;
    const search = (query) => searchJson(bundle, query);

    before(() => {
      if (!existsSync(path.join(dir, 'index.html'))) {
        throw new Error(`${dir} is not built: run \`bash scripts/generator-sites.sh\` first`);
      }
      ({ bundle, native: nativeBundle } = indexSite(dir));
    });

    test('the npm package, installed with no Rust, writes the native CLI\'s bundle byte for byte', () => {
      assert.deepEqual(bundleDifferences(bundle, nativeBundle), [], 'files that differ (report.txt aside)');
    });

    test('the planted words occur in the sources where the checks expect them', () => {
      for (const [word, , title] of gen.pages) {
        assert.equal(filesWith(texts, word).length, 1, `"${word}" should be in one page's source only (${title})`);
      }
      assert.equal(filesWith(texts, gen.titleOnly[0]).length, 1, `"${gen.titleOnly[0]}" should be in one page's source only`);
      for (const word of Object.keys(gen.chromeOnly)) {
        assert.deepEqual(filesWith(texts, word), [], `"${word}" must not be in any page's content`);
      }
      const [word] = gen.section;
      assert.equal(filesWith(texts, word).length, 1, `"${word}" should be in one page's source only`);
    });

    test('each page is found by its own words, under its own title (not the site name)', () => {
      const wrong = gen.pages.flatMap(([query, url, title]) => {
        const [hit] = search(query).hits;
        if (!hit) return [`"${query}" found nothing; expected ${url}`];
        if (hitUrl(hit) !== url || hit.title !== title) return [`"${query}": first hit ${hit.url} "${hit.title}", expected ${url} "${title}"`];
        return [];
      });
      assert.deepEqual(wrong, []);
    });

    test('a word of one page\'s title finds that page only, not every page whose navigation lists it', () => {
      const [word, url] = gen.titleOnly;
      const res = search(word);
      assert.deepEqual(res.hits.map(hitUrl), [url], `"${word}" is in the navigation of every page but the content of ${url} only`);
    });

    test('words of the chrome only (site name, header, sidebars, TOC, search widget, skip link, footer) find nothing', () => {
      // Every word is searched before anything is asserted, so one failure shows them all.
      // A chrome word must not be in the index: nothing found under its own spelling. Since one
      // typo is allowed from four letters, "skip" may find pages with "ship", offered as a
      // correction (didYouMean), which is the typo tolerance at work, not the chrome indexed.
      const found = Object.entries(gen.chromeOnly)
        .map(([word, where]) => [word, where, search(word)])
        .filter(([, , r]) => r.hits.length > 0 && !r.didYouMean)
        .map(([word, where, r]) => [word, where, r.hits.map((h) => `${h.url} (${h.title})`)])
        .map(([word, where, hits]) => `"${word}" (only in ${where}) found: ${hits.join(', ')}`);
      assert.deepEqual(found, []);
    });

    test('redirect stubs and source copies are never results', () => {
      const seen = [...gen.stubQueries, ...gen.pages.map(([q]) => q), ...Object.keys(gen.chromeOnly)]
        .flatMap((query) => search(query).hits.map((h) => ({ query, ...h })));
      const bad = seen.filter((h) => gen.stubs.includes(hitUrl(h)) || /\.txt$/.test(hitUrl(h)) || hitUrl(h).startsWith('_sources/') || !h.url);
      assert.deepEqual(bad.map((h) => `"${h.query}": ${h.url} (${h.title})`), []);
    });

    test('words in one section link to that section\'s anchor', () => {
      // The page's hit, wherever it ranks: which hit comes first is checked above.
      const [word, url, anchor] = gen.section;
      const hit = search(word).hits.find((h) => hitUrl(h) === url);
      assert.ok(hit, `"${word}" did not find ${url}`);
      assert.equal(hit.anchor, anchor, `"${word}" is in #${anchor} of ${url} only`);
    });

    if (gen.term) {
      test('a glossary definition links to its term\'s <dt id>', () => {
        const [word, url, anchor] = gen.term;
        const hit = search(word).hits.find((h) => hitUrl(h) === url);
        assert.ok(hit, `"${word}" did not find ${url}`);
        assert.equal(hit.anchor, anchor, `"${word}" is in the definition of #${anchor} only`);
      });
    }

    test('no title, section or snippet carries a permalink sign or the site name', () => {
      const hits = [...gen.pages.map(([q]) => q), gen.section[0], gen.ui.query, gen.term?.[0]]
        .filter(Boolean)
        .flatMap((query) => search(query).hits.map((h) => ({ query, ...h })));
      assert.ok(hits.length > 0, 'the queries found nothing to check');
      const bad = hits.filter((h) => [h.title, h.section ?? '', h.snippet.text].some((s) => gen.permalink.test(s)));
      assert.deepEqual(bad.map((h) => `"${h.query}": ${h.title} / ${h.section} / ${h.snippet.text}`), []);
      const named = hits.filter((h) => h.title.includes(gen.siteName));
      assert.deepEqual(named.map((h) => `"${h.query}": ${h.url} titled "${h.title}"`), []);
    });

    describe('in Chromium, inside the theme\'s own pages', () => {
      let server;
      let browser;
      const problems = [];

      before(async () => {
        server = await startServer({ root: dir, port: 0 });
        browser = await launch();
      });
      after(async () => {
        await browser?.close().catch(() => {});
        await server?.close();
      });

      const open = (pathname) => openThemePage(browser, server.url, problems, pathname);

      test('the section anchor of a result exists on its page and holds the words', async () => {
        const [word, url, anchor] = gen.section;
        const page = await open(`${url}#${anchor}`);
        const text = await page.evaluate((id) => {
          const el = document.getElementById(id);
          if (!el) return null;
          if (!/^H[1-6]$/.test(el.tagName)) return el.textContent;
          // A heading's section: what follows it up to the next heading of its level or above.
          let s = '';
          for (let n = el.nextElementSibling; n && !(/^H[1-6]$/.test(n.tagName) && n.tagName <= el.tagName); n = n.nextElementSibling) s += n.textContent;
          return s;
        }, anchor);
        assert.notEqual(text, null, `${url} has no element with id="${anchor}"`);
        assert.match(text.toLowerCase(), new RegExp(word), `#${anchor} of ${url} should hold "${word}"`);
        await page.context().close();
      });

      test('the drop-in box on a page of the theme finds a page and opens it at the section', async () => {
        const { from, query, url, anchor, title } = gen.ui;
        const page = await open(from);
        await page.locator('.folio[data-state="ready"]').waitFor();
        await typeQuery(page, query);
        const hits = await readHits(page);
        assert.ok(hits.length > 0, `"${query}" showed no results on ${from}`);
        const target = `${server.url}${url}#${anchor}`;
        assert.equal(hits[0].title, title);
        // The link is the page at the section, with the words for folio-highlight.js and a text
        // fragment for the browser: compared without those two, which passage.test.mjs checks.
        const link = new URL(hits[0].href);
        assert.ok(link.searchParams.get('folio-highlight'), `${hits[0].href} names no words to mark`);
        const [hash, directive] = link.hash.split(':~:');
        assert.match(directive ?? '', /^text=/, `${hits[0].href} has no text fragment`);
        link.search = '';
        link.hash = hash;
        assert.equal(link.href, target);
        for (const h of hits) assert.doesNotMatch(`${h.title} ${h.snippet}`, gen.permalink, 'a permalink sign is shown');
        const opened = (u) => u.origin + u.pathname + u.hash.split(':~:')[0] === target;
        await Promise.all([page.waitForURL(opened), page.locator('.folio-results [role="option"]').first().click()]);
        assert.equal(await page.evaluate((id) => document.getElementById(id) !== null, anchor), true, `${url} has no #${anchor}`);
        const h1 = await page.locator('h1').first().evaluate((el) => {
          const copy = el.cloneNode(true);
          copy.querySelectorAll('.headerlink, .header-anchor').forEach((a) => a.remove());
          return copy.textContent.trim();
        });
        assert.equal(h1, title, 'the page opened is the one the result named');
        assert.deepEqual(problems, [], 'no errors, no failed requests');
        await page.context().close();
      });

      if (gen.fromDisk) {
        test('a copy opened from disk (file://) searches with the same tag, offline, and opens the page at the section', async () => {
          const { from, query, url, anchor, title } = gen.ui;
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const fetched = [];
          context.on('request', (r) => fetched.push(r.url()));
          // The theme's web fonts and the like: not the search's business.
          await context.route((u) => u.protocol !== 'file:', (route) => route.fulfill({ status: 200, body: '' }));
          const page = await context.newPage();
          page.setDefaultTimeout(15_000);
          const errors = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(pathToFileURL(path.join(dir, from)).href);
          await page.locator('.folio[data-state="ready"]').waitFor();
          // From disk the box runs folio-offline.js (index inlined, main thread), not folio.js.
          assert.equal(await page.locator('.folio').getAttribute('data-mode'), 'main');
          await typeQuery(page, query);
          const hits = await readHits(page);
          assert.ok(hits.length > 0, `"${query}" showed no results from disk`);
          assert.equal(hits[0].title, title);
          const target = pathToFileURL(path.join(dir, url)).href + `#${anchor}`;
          const opened = (u) => u.protocol === 'file:' && u.href.replace(/\?[^#]*/, '').split(':~:')[0] === target;
          await Promise.all([page.waitForURL(opened), page.locator('.folio-results [role="option"]').first().click()]);
          assert.equal(await page.evaluate((id) => document.getElementById(id) !== null, anchor), true, `${url} has no #${anchor}`);
          const folio = fetched.filter((u) => u.includes('/folio/')).map((u) => u.replace(/^.*\/folio\//, ''));
          assert.ok(folio.includes('folio-offline.js') && !folio.some((f) => /^folio\.js|worker|\.wasm|index\.folio/.test(f)), `from disk the page loaded: ${folio.join(', ')}`);
          assert.deepEqual(errors, [], 'no page errors');
          await context.close();
        });
      }
    });
  });
}
