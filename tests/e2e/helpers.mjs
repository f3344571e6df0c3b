// Shared set-up for the browser tests: a static server on a free port and Debian's Chromium.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const WWW = path.join(ROOT, 'www');
export const ARTIFACTS = path.join(here, 'artifacts');

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
];

/** Starts the server and the browser. Call `stop()` when done. */
export async function startSite() {
  if (!existsSync(path.join(WWW, 'pkg', 'folio.js'))) {
    throw new Error('www/pkg/folio.js is missing: build the wasm first with `bash scripts/build-web.sh`');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`bash scripts/setup.sh\` or set CHROMIUM_PATH`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer({ root: WWW, port: 0 });
  // chromium.launch gives every run a fresh temporary profile and removes it afterwards.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 60_000 });
  return {
    url: server.url,
    browser,
    async stop() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/**
 * Opens the demo in a new page and records every console error, uncaught page error,
 * failed request and HTTP error response into `problems`.
 */
export async function openDemo(site, problems, { contextOptions = {}, query = '' } = {}) {
  const context = await site.browser.newContext({ viewport: { width: 1000, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.goto(site.url + (query ? `?q=${encodeURIComponent(query)}` : ''));
  // The form says when the wasm module has been initialised.
  await page.locator('#search-form[data-state="ready"]').waitFor();
  return { page, context };
}

/** Types like a person and waits until the results belong to the whole query. */
export async function typeQuery(page, text) {
  const box = page.getByLabel('Search the documents');
  await box.click();
  await box.pressSequentially(text, { delay: 25 });
  await page.locator(`#results[data-query="${cssString(text)}"]`).waitFor({ state: 'attached' });
}

function cssString(s) {
  return s.replace(/["\\]/g, '\\$&');
}

/** A plain-data view of the hits on the page, for assertions. */
export function readHits(page) {
  return page.locator('#results > li').evaluateAll((items) =>
    items.map((li) => {
      const title = li.querySelector('.hit-title');
      const snippet = li.querySelector('.snippet');
      const marks = (el) => (el ? [...el.querySelectorAll('mark')].map((m) => m.textContent) : []);
      return {
        title: title?.textContent ?? '',
        href: title?.querySelector('a')?.getAttribute('href') ?? null,
        date: li.querySelector('time')?.getAttribute('datetime') ?? null,
        titleMarks: marks(title),
        snippet: snippet?.textContent ?? '',
        snippetLang: snippet?.getAttribute('lang') ?? null,
        snippetMarks: marks(snippet),
      };
    }),
  );
}
