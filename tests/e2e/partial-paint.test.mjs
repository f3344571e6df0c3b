// Browser test of painting from the chunks at hand: on a split index whose document chunks are
// slow, the drop-in UI paints the page at once (the hits whose documents are loaded, a
// placeholder at each place still loading, under aria-busy and unannounced), then settles on
// exactly the page an unhurried search shows, announced once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, makeSite, readHits, runCli, startSite, watch } from './helpers.mjs';

function indexSeeds(site, name, flags) {
  const out = mkdtempSync(path.join(tmpdir(), 'folio-seeds-'));
  runCli(['index', path.join(ROOT, 'seeds'), '--out', out, ...flags]);
  cpSync(out, path.join(site, name), { recursive: true });
  rmSync(out, { recursive: true, force: true });
}

const page = (index, worker) => '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>partial</title>' +
  '<link rel="icon" href="data:,"><script type="module" src="folio/folio.js"></script></head><body>' +
  `<div data-folio-search data-index="${index}" data-worker="${worker}" data-url-state="false"></div></body></html>`;

// Notes every text the live region is given (what a screen reader speaks), once per change.
const LISTEN = () => {
  window.__spoken = [];
  let last = '';
  new MutationObserver(() => {
    const text = document.querySelector('.folio [aria-live]')?.textContent || '';
    if (text === last) return;
    last = text;
    if (text) window.__spoken.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

describe('painting from the chunks at hand', () => {
  let browser;
  let server;
  let site;
  const problems = [];

  before(async () => {
    site = makeSite({ 'worker.html': page('split/index.folio', true), 'main.html': page('split/index.folio', false), 'single.html': page('single/index.folio', true) });
    indexSeeds(site, 'single', ['--split', 'never']);
    indexSeeds(site, 'split', ['--split', 'always', '--chunk-bytes', '2048', '--pack', 'never']); // its document chunk files are held
    server = await startSite(site);
    browser = server.browser;
  });

  after(async () => {
    await server?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  /** The page shown for `query` on the single-file index: what the split one must settle on. */
  async function settledPage(query) {
    const ctx = await browser.newContext();
    try {
      const p = await ctx.newPage();
      watch(p, problems);
      await p.goto(`${server.url}single.html`);
      await p.locator('.folio[data-state="ready"]').waitFor();
      await p.locator('.folio-input').fill(query);
      await p.locator('.folio-input').press('Enter');
      await p.locator(`.folio[data-query="${query}"]:not([aria-busy])`).waitFor();
      return await readHits(p);
    } finally {
      await ctx.close();
    }
  }

  for (const worker of [true, false]) {
    test(`a page paints at once from the documents at hand and settles on the complete one (${worker ? 'worker' : 'main thread'})`, async () => {
      const want = await settledPage('korea');
      assert.ok(want.length >= 5, `only ${want.length} hits for korea`);
      const ctx = await browser.newContext();
      try {
        // Document chunks are held while `held` is set, until released.
        let held = null;
        await ctx.route(/-d\d+\.folio$/, async (route) => {
          if (held) await held.promise;
          await route.continue().catch(() => {});
        });
        const p = await ctx.newPage();
        p.setDefaultTimeout(15_000);
        watch(p, problems);
        await p.addInitScript(LISTEN);
        await p.goto(`${server.url}${worker ? 'worker' : 'main'}.html`);
        await p.locator('.folio[data-state="ready"]').waitFor();
        const box = p.locator('.folio-input');
        // A first search loads the documents of its few hits.
        await box.fill('Puzanov');
        await box.press('Enter');
        await p.locator('.folio[data-query="Puzanov"]:not([aria-busy])').waitFor();
        const atHand = new Set((await readHits(p)).map((x) => x.docId));

        let release;
        held = { promise: new Promise((r) => { release = r; }) };
        // The first search's announcement (made after a delay) is out before the next begins.
        await p.waitForFunction(() => window.__spoken.some((text) => /Puzanov/.test(text)));
        await p.evaluate(() => { window.__spoken.length = 0; });
        await box.fill('korea');
        await box.press('Enter');
        // The partial page: the query's rows, some real, the others placeholders, busy.
        await p.locator('.folio[data-query="korea"][aria-busy="true"] .folio-hit-pending').first().waitFor();
        // The page's rows in order: a hit's id, or null for a placeholder (groups under a hit aside).
        const partial = await p.evaluate(() => [...document.querySelectorAll('.folio-results > *')].flatMap((el) => {
          if (el.classList.contains('folio-hit-pending')) return [null];
          return el.getAttribute('role') === 'option' ? [el.getAttribute('data-id')] : [];
        }));
        const shown = partial.filter((id) => id !== null);
        const rows = await p.locator('.folio-results .folio-hit-pending, .folio-results [role=option]:not(.folio-section-hit)').count();
        assert.ok(shown.length > 0, `no hit at hand painted: ${JSON.stringify(partial)}`);
        assert.ok(shown.every((id) => atHand.has(id)), `painted a document not at hand: ${shown}`);
        assert.equal(await p.locator('.folio-more').isHidden(), true, '"Show more" waits for the complete page');
        await p.waitForTimeout(700); // longer than the announcement delay
        assert.deepEqual(await p.evaluate(() => window.__spoken), [], 'the partial page was announced');

        release();
        held = null;
        await p.locator('.folio[data-query="korea"]:not([aria-busy])').waitFor();
        await p.waitForFunction(() => !document.querySelector('.folio-hit-pending'));
        const got = await readHits(p);
        assert.deepEqual(got, want, 'the settled page differs from the single-file one');
        // The hits painted early keep their order among the page's, and the page its length.
        const order = got.map((x) => x.docId);
        const places = shown.map((id) => order.indexOf(id));
        assert.ok(places.every((at, i) => at >= 0 && (i === 0 || at > places[i - 1])), `order: ${shown} in ${order}`);
        assert.equal(rows, want.length, 'a row held for each hit of the page');
        await p.waitForTimeout(700);
        const spoken = await p.evaluate(() => window.__spoken);
        assert.equal(spoken.length, 1, `announcements: ${JSON.stringify(spoken)}`);
        assert.match(spoken[0], /korea/);
      } finally {
        await ctx.close();
      }
      assert.deepEqual(problems, []);
    });
  }
});
