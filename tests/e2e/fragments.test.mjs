// Browser tests of where a result's text fragment lands on a real generated page (the MkDocs
// Material site of tests/generators/, built by `bash scripts/generator-sites.sh mkdocs`): a
// snippet that runs from a heading into its paragraph must not give a text directive that spans
// the two blocks (Chromium never matches one, so the click landed nowhere), and a directive must
// not name the heading the link's anchor leads to (the theme repeats headings in its table of
// contents, where the directive matched first, so the page did not scroll to the section).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, openThemePage, readHits, runCli, startSite, typeQuery } from './helpers.mjs';

const BUILT = path.join(ROOT, 'target', 'generator-sites', 'mkdocs');
// On collection/chronometers/: "## The Harrison tradition", then "Makers in the eighteenth
// century learned to compensate…". "tradition" and "makers" occur nowhere else in the site's
// text (the table of contents and the navigation repeat the heading).
const QUERY = 'tradition makers';
const PAGE = 'collection/chronometers/index.html';
const ANCHOR = 'the-harrison-tradition';

/** The text directives of a link (`#anchor:~:text=a,-b&text=c` → ['a,-b', 'c']), as written (encoded). */
const directives = (href) => (new URL(href).hash.split(':~:')[1] ?? '').split('&').filter((d) => d.startsWith('text=')).map((d) => d.slice(5));

describe('a text fragment on a generated page stays inside one block and lands on the passage', () => {
  let browser;
  let server;
  let dir;
  const problems = [];

  before(async () => {
    if (!existsSync(path.join(BUILT, 'index.html'))) {
      throw new Error(`${BUILT} is not built: run \`bash scripts/generator-sites.sh mkdocs\` first`);
    }
    dir = mkdtempSync(path.join(tmpdir(), 'folio-fragments-'));
    cpSync(BUILT, dir, { recursive: true });
    // The theme's template override loads folio/folio.js from the site's root; the bundle's web
    // files are those built into the CLI.
    runCli(['index', dir, '--out', path.join(dir, 'folio')]);
    server = await startSite(dir);
    browser = server.browser;
  });

  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A page of the theme, short enough that the section is out of view until scrolled to. */
  const open = (pathname) => openThemePage(browser, server.url, problems, pathname, { width: 1280, height: 480 });

  test('a click on the hit lands on the paragraph by the text fragment alone', async () => {
    const page = await open('index.html');
    await page.locator('.folio[data-state="ready"]').waitFor();
    await typeQuery(page, QUERY);
    const [hit] = await readHits(page);
    assert.ok(hit, `"${QUERY}" found nothing`);
    const link = new URL(hit.href);
    assert.equal(link.pathname, `/${PAGE}`);
    assert.equal(link.hash.split(':~:')[0], `#${ANCHOR}`);
    const texts = directives(hit.href);
    assert.ok(texts.length > 0, `${hit.href} has no text fragment`);
    // Without the anchor only the text fragment can scroll the page to the section.
    link.hash = `:~:${link.hash.split(':~:')[1]}`;
    await page.evaluate((href) => {
      const a = document.querySelector('.folio-results [role="option"]');
      a.setAttribute('href', href);
      a.setAttribute('data-href', href);
    }, link.href);
    await Promise.all([page.waitForURL((u) => u.pathname === `/${PAGE}`), page.locator('.folio-results [role="option"]').first().click()]);
    await page.waitForLoadState('load');
    const paragraph = page.locator('p', { hasText: 'Makers in the eighteenth century' });
    await paragraph.waitFor();
    // Chromium scrolls to a text fragment it found once the page is laid out: wait for it.
    await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 5_000 }).catch(() => {});
    const where = await paragraph.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: Math.round(r.top), bottom: Math.round(r.bottom), height: window.innerHeight, scrollY: window.scrollY };
    });
    assert.ok(where.scrollY > 0 && where.bottom > 0 && where.top < where.height, `the paragraph is in view after the click: ${JSON.stringify(where)}`);
    // The heading is left to the anchor: the theme's table of contents repeats it.
    assert.ok(texts.every((t) => !/tradition/i.test(decodeURIComponent(t))), `the heading's word is not in the fragment: ${hit.href}`);
    assert.deepEqual(problems, [], 'no errors, no failed requests');
    await page.context().close();
  });

  test('each directive of the link is found by Chromium on the page', async () => {
    const page = await open('index.html');
    await page.locator('.folio[data-state="ready"]').waitFor();
    await typeQuery(page, QUERY);
    const [hit] = await readHits(page);
    await page.context().close();
    for (const text of directives(hit.href)) {
      const p = await open('index.html');
      // The directive alone, followed from another page as a link is: found, it scrolls the
      // page to the passage.
      const url = `${server.url}${PAGE}#:~:text=${text}`;
      await p.evaluate((href) => {
        const a = document.createElement('a');
        a.href = href;
        a.id = 'folio-test-link';
        a.textContent = 'go';
        document.body.prepend(a);
      }, url);
      await Promise.all([p.waitForURL(url), p.locator('#folio-test-link').click()]);
      await p.waitForLoadState('load');
      const scrolled = await p.waitForFunction(() => window.scrollY > 0, null, { timeout: 5_000 }).then(() => true, () => false);
      assert.ok(scrolled, `Chromium did not find the text directive "${text}" of ${hit.href}`);
      await p.context().close();
    }
  });
});
