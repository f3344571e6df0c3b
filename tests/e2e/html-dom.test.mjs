// Pages read as a browser reads them: for every malformed page in tests/fixtures/malformed/, the
// text Folio indexes equals Chromium's innerText of the same content element (the first of
// [data-folio-body], main, [role=main], article, else body), whitespace collapsed.
//
// Folio's side comes from the `page-text` example of folio-corpus (what `folio index` reads from a
// page, printed as JSON), so the comparison is of the reader itself, not of search results.
// FOLIO_PAGE_TEXT may name a built example binary to use instead of cargo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, ROOT, launch } from './helpers.mjs';

const DIR = path.join(ROOT, 'tests', 'fixtures', 'malformed');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.html')).sort();

function folioRead(files) {
  const bin = process.env.FOLIO_PAGE_TEXT;
  const args = ['run', '--release', '--quiet', '-p', 'folio-corpus', '--example', 'page-text', '--'];
  const out = bin
    ? execFileSync(bin, files, { maxBuffer: 64 << 20 })
    : execFileSync('cargo', [...args, ...files], { cwd: ROOT, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return out.toString().trim().split('\n').map((line) => JSON.parse(line));
}

const collapse = (s) => s.replace(/\s+/g, ' ').trim();

test('malformed pages: the indexed text is the text Chromium shows', async () => {
  assert.ok(FILES.length >= 20, `at least 20 fixture pages (found ${FILES.length})`);
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}`);
  const read = folioRead(FILES.map((f) => path.join(DIR, f)));
  assert.equal(read.length, FILES.length);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const mismatches = [];
    for (const [i, file] of FILES.entries()) {
      assert.equal(path.basename(read[i].file), file);
      assert.equal(read[i].error, undefined, `${file}: ${read[i].error}`);
      await page.goto(pathToFileURL(path.join(DIR, file)).href);
      const shown = await page.evaluate(() => {
        const el = ['[data-folio-body]', 'main', '[role=main]', 'article'].map((s) => document.querySelector(s)).find(Boolean);
        return (el || document.body).innerText;
      });
      if (collapse(read[i].body) !== collapse(shown)) {
        mismatches.push(`${file}:\n  folio:    ${JSON.stringify(collapse(read[i].body))}\n  chromium: ${JSON.stringify(collapse(shown))}`);
      }
    }
    assert.deepEqual(mismatches, [], mismatches.join('\n'));
  } finally {
    await browser.close();
  }
});
