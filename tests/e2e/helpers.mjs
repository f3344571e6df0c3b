// Shared set-up for the browser tests: a static server on a free port, Debian's Chromium, the
// built bundle (dist/) and a fixture index built with the CLI.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const WWW = path.join(ROOT, 'www');
// FOLIO_DIST runs the tests against another build of the bundle (e.g. one of main, to see a
// regression test fail before its fix).
export const DIST = process.env.FOLIO_DIST ? path.resolve(process.env.FOLIO_DIST) : path.join(ROOT, 'dist');
export const FIXTURES = path.join(here, 'fixtures');
export const ARTIFACTS = path.join(here, 'artifacts');
export const SCREENSHOTS = path.join(WWW, 'screenshots');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--font-render-hinting=none',
];

export function checkBuilt() {
  for (const f of ['folio.js', 'folio-worker.js', 'folio-engine.js', 'folio_bg.wasm', 'folio.css', 'folio-offline.js']) {
    if (!existsSync(path.join(DIST, f)) || !existsSync(path.join(WWW, 'pkg', f))) {
      throw new Error(`dist/${f} or www/pkg/${f} is missing: build first with \`bash scripts/build-web.sh\``);
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/setup.sh\` or set CHROMIUM_PATH`);
}

export async function launch() {
  // chromium.launch gives every run a fresh temporary profile and removes it afterwards.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
}

/** Starts a server on `root` (default www/) and the browser. Call `stop()` when done. */
export async function startSite(root = WWW) {
  checkBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer({ root, port: 0 });
  const browser = await launch();
  return {
    url: server.url,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** Records console errors, page errors, failed requests and HTTP errors of `page` into `problems`. */
export function watch(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
}

/**
 * Opens `pathname` of a generator's themed site served at `url`. The themes run inline scripts
 * and styles, which a real host allows: bypassCSP drops the test server's strict policy. Requests
 * to other hosts (Material's web fonts) cannot reach them from here: they get an empty answer, as
 * if the fonts came from a cache.
 */
export async function openThemePage(browser, url, problems, pathname, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, bypassCSP: true });
  await context.route((u) => !u.href.startsWith(url), (route) => route.fulfill({ status: 200, body: '' }));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  watch(page, problems);
  await page.goto(url + pathname);
  return page;
}

/** Opens `pathname` (default: the demo) and waits until the search has loaded. */
export async function openPage(site, problems, { contextOptions = {}, query = '', pathname = '', search = '' } = {}) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  watch(page, problems);
  const qs = search || (query ? `?q=${encodeURIComponent(query)}` : '');
  await page.goto(site.url + pathname + qs);
  await page.locator('.folio[data-state="ready"]').waitFor();
  return { page, context };
}

/** The search box (a combobox; the filters' <select>s are comboboxes too). */
export function searchBox(page) {
  return page.locator('.folio-input');
}

function cssString(s) {
  return s.replace(/["\\]/g, '\\$&');
}

/**
 * Waits until the results on the page belong to `query` and are complete (not a page painted
 * from the chunks at hand, which is under aria-busy while the rest load).
 */
export async function resultsFor(page, query) {
  await page.locator(`.folio[data-query="${cssString(query)}"]:not([aria-busy])`).waitFor({ state: 'attached' });
}

/** Types like a person and waits until the results belong to the whole query. */
export async function typeQuery(page, text) {
  const box = searchBox(page);
  await box.click();
  await box.pressSequentially(text, { delay: 20 });
  await resultsFor(page, text);
}

/**
 * A plain-data view of the results on the page, for assertions: one entry per hit (listing
 * entries included, `sub`), each with the sections shown under it as sub-results (`sections`).
 */
export function readHits(page) {
  return page.locator('.folio-results [role="option"]:not(.folio-section-hit)').evaluateAll((items) =>
    items.map((el) => {
      const title = el.querySelector('.folio-hit-title');
      const snippet = el.querySelector('.folio-snippet');
      const marks = (node) => (node ? [...node.querySelectorAll('mark')].map((m) => m.textContent) : []);
      const group = el.nextElementSibling?.classList.contains('folio-sub-results') ? el.nextElementSibling : null;
      const sections = group
        ? [...group.querySelectorAll('.folio-section-hit')].map((s) => ({
          id: s.id,
          title: s.querySelector('.folio-hit-title')?.textContent ?? '',
          href: s.getAttribute('data-href'),
          selected: s.getAttribute('aria-selected') === 'true',
          snippetMarks: marks(s.querySelector('.folio-snippet')),
        }))
        : [];
      return {
        sections,
        id: el.id,
        docId: el.getAttribute('data-id'),
        title: title?.textContent ?? '',
        href: el.getAttribute('data-href'),
        date: el.querySelector('time')?.getAttribute('datetime') ?? null,
        type: el.querySelector('.folio-type')?.textContent ?? null,
        section: el.querySelector('.folio-section')?.textContent ?? null,
        sub: el.classList.contains('folio-hit-sub'),
        selected: el.getAttribute('aria-selected') === 'true',
        titleMarks: marks(title),
        snippet: snippet?.textContent ?? '',
        snippetLang: snippet?.getAttribute('lang') ?? null,
        snippetMarks: marks(snippet),
      };
    }),
  );
}

/** The status line's text ("14 results for “Korea”"). */
export function statusText(page) {
  return page.locator('.folio-status').textContent();
}

let fixtureIndex = null;

/** Runs the `folio` CLI with `args` in the repository: FOLIO_BIN if set, else through cargo. */
export function runCli(args) {
  const [cmd, cmdArgs] = process.env.FOLIO_BIN
    ? [process.env.FOLIO_BIN, args]
    : ['cargo', ['run', '--release', '--quiet', '-p', 'folio-cli', '--', ...args]];
  execFileSync(cmd, cmdArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 20 * 60_000 });
}

/**
 * Builds tests/e2e/fixtures/museum.jsonl into an index with the CLI (once per process) and
 * returns the index.folio path. FOLIO_BIN may name a built `folio` binary to use instead of cargo.
 */
export function buildFixtureIndex() {
  if (fixtureIndex) return fixtureIndex;
  const out = mkdtempSync(path.join(tmpdir(), 'folio-fixture-'));
  runCli(['index', path.join(FIXTURES, 'museum.jsonl'), '--out', out]);
  fixtureIndex = path.join(out, 'index.folio');
  if (!existsSync(fixtureIndex)) throw new Error(`the CLI did not write ${fixtureIndex}`);
  return fixtureIndex;
}

/**
 * The fixture site tests/fixtures/<name> as its owner runs it: copied to a temporary folder,
 * indexed with the CLI (the bundle in <site>/folio/), a search page added after indexing (so it is
 * not a result), served, and opened in Chromium with the search loaded. Call `stop()` when done.
 */
export async function openIndexedFixture(name, problems, { title = 'Search', viewport = { width: 1000, height: 800 }, contextOptions = {} } = {}) {
  const site = mkdtempSync(path.join(tmpdir(), `folio-${name}-`));
  cpSync(path.join(ROOT, 'tests', 'fixtures', name), site, { recursive: true });
  runCli(['index', site]);
  writeFileSync(path.join(site, 'search.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,"></head><body><main><h1>${title}</h1>
<div data-folio-search></div><script type="module" src="folio/folio.js"></script></main></body></html>`);
  const server = await startServer({ root: site, port: 0 });
  const browser = await launch();
  const page = await (await browser.newContext({ viewport, ...contextOptions })).newPage();
  page.setDefaultTimeout(20_000);
  watch(page, problems);
  await page.goto(new URL('search.html', server.url).href);
  await page.locator('.folio[data-state="ready"]').waitFor();
  return {
    site, server, page,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
      rmSync(site, { recursive: true, force: true });
    },
  };
}

/**
 * A site written from `files` ({ name: text }) into a temporary folder, indexed with the CLI (the
 * bundle in <site>/folio/), served, with Chromium started: { dir, server, browser, stop() }.
 */
export async function servedSite(prefix, files) {
  checkBuilt();
  const dir = mkdtempSync(path.join(tmpdir(), `folio-${prefix}-`));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  runCli(['index', dir, '--out', path.join(dir, 'folio')]);
  const server = await startServer({ root: dir, port: 0 });
  const browser = await launch();
  return {
    dir, server, browser,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A newcomer's site in a temporary folder: the bundle copied into <site>/folio/, the fixture's
 * target pages, and `pages` ({ name: html }). Returns the folder.
 */
export function makeSite(pages, { index = null } = {}) {
  const site = mkdtempSync(path.join(tmpdir(), 'folio-site-'));
  cpSync(DIST, path.join(site, 'folio'), { recursive: true });
  cpSync(path.join(FIXTURES, 'pages'), path.join(site, 'pages'), { recursive: true });
  if (index) cpSync(index, path.join(site, 'folio', 'index.folio'));
  for (const [name, html] of Object.entries(pages)) writeFileSync(path.join(site, name), html);
  return site;
}

/** Answers `req` on `res` with what `url` answers (and resets the connection when that fails). */
export function proxy(req, res, url) {
  const up = httpRequest(url, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode, answer.headers);
    answer.pipe(res);
  });
  up.on('error', () => res.destroy());
  up.end();
}

/**
 * A static server on `root` whose requests can be held: `hold(test)` makes every request whose
 * path passes `test` wait unanswered (a dead server) until `release()`, which answers them.
 * `requests` lists every path asked for.
 */
export async function startHoldingServer(root) {
  const inner = await startServer({ root, port: 0 });
  let holding = null;
  let held = [];
  const requests = [];
  const forward = (req, res) => proxy(req, res, new URL(req.url, inner.url));
  const server = createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    requests.push(pathname);
    if (holding && holding(pathname)) held.push(() => forward(req, res));
    else forward(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    requests,
    hold(test) {
      holding = test;
    },
    release() {
      holding = null;
      for (const answer of held) answer();
      held = [];
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(r));
      await inner.close();
    },
  };
}

/** The sections of an index file: [{ kind, offset, length }]. */
export function sectionsOf(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(12, true);
  const out = [];
  for (let i = 0; i < count; i++) {
    const at = 16 + i * 12;
    out.push({ kind: view.getUint32(at, true), offset: view.getUint32(at + 4, true), length: view.getUint32(at + 8, true) });
  }
  return out;
}

/**
 * A copy of an index file (or chunk) whose dictionary (`fst` map, section 2) has a root address
 * of 2^32 or more in its footer, with the file's CRC-32 recomputed: the damage issue 19 found to
 * trap the wasm (fst converts the value to a 32-bit usize, and panics).
 */
export function forgeDictionary(original) {
  const bytes = Buffer.from(original);
  const terms = sectionsOf(bytes).find((s) => s.kind === 2);
  if (!terms) throw new Error('forgeDictionary: no dictionary section');
  const end = terms.offset + terms.length;
  // fst's footer: ... u64 length, u64 root address, u32 checksum. The root address's high word:
  bytes.writeUInt32LE(1, end - 8);
  bytes.writeUInt32LE(crc32(bytes.subarray(0, bytes.length - 4)), bytes.length - 4);
  return bytes;
}
