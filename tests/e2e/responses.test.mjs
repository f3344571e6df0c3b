// The site module's responses are the Rust response structs as serde writes them: what the wasm
// hands to JavaScript (src/to_js.rs) equals, field for field and in the same order, the JSON that
// `folio search --json` prints from the same structs through serde_json. Runs in Node on the
// wasm-bindgen package scripts/build-web.sh leaves in target/web-pkg-bare/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, runCli } from './helpers.mjs';

const PKG = path.join(process.env.CARGO_TARGET_DIR || path.join(ROOT, 'target'), 'web-pkg-bare');

/** `folio search <index> <query> --json` with `flags`, parsed. */
function cliSearch(index, query, flags) {
  const args = ['search', index, query, '--json', ...flags];
  const [cmd, cmdArgs] = process.env.FOLIO_BIN
    ? [process.env.FOLIO_BIN, args]
    : ['cargo', ['run', '--release', '--quiet', '-p', 'folio-cli', '--', ...args]];
  return JSON.parse(execFileSync(cmd, cmdArgs, { cwd: ROOT, encoding: 'utf8', timeout: 20 * 60_000 }));
}

/**
 * `a` and `b` with their keys in the same order and equal values; numbers are compared as f32,
 * the type of the scores (serde_json prints an f32's shortest digits, the wasm hands over its
 * exact value as a double).
 */
function sameShape(a, b, where) {
  if (typeof a === 'number' && typeof b === 'number') {
    assert.equal(Math.fround(a), Math.fround(b), `${where}: ${a} vs ${b}`);
  } else if (Array.isArray(a)) {
    assert.ok(Array.isArray(b), `${where}: an array vs ${JSON.stringify(b)}`);
    assert.equal(a.length, b.length, `${where}: length`);
    a.forEach((x, i) => sameShape(x, b[i], `${where}[${i}]`));
  } else if (a && typeof a === 'object') {
    assert.ok(b && typeof b === 'object' && !Array.isArray(b), `${where}: an object vs ${JSON.stringify(b)}`);
    assert.deepEqual(Object.keys(a), Object.keys(b), `${where}: keys`);
    for (const k of Object.keys(a)) sameShape(a[k], b[k], `${where}.${k}`);
  } else {
    assert.equal(a, b, where);
  }
}

test('the wasm module returns exactly the serde JSON of the response structs', async () => {
  if (!existsSync(path.join(PKG, 'folio.js'))) throw new Error(`${PKG} is missing: build first with \`bash scripts/build-web.sh\``);
  const out = mkdtempSync(path.join(tmpdir(), 'folio-responses-'));
  try {
    runCli(['index', path.join(ROOT, 'seeds'), '--out', out, '--split', 'never']);
    const index = path.join(out, 'index.folio');
    const folio = await import(pathToFileURL(path.join(PKG, 'folio.js')).href);
    folio.initSync({ module: readFileSync(path.join(PKG, 'folio_bg.wasm')) });
    const engine = folio.Engine.open(readFileSync(index));
    // Hits with sections and highlights, facets, an excluded word, a correction, a phrase,
    // Cyrillic, a filter, a date sort, nothing at all.
    const cases = [
      ['prisoners of war', {}, []],
      ['korea -soviet', { limit: 5 }, ['-n', '5']],
      ['delegaton', {}, []],
      ['"prisoners of war"', { limit: 3, offset: 1 }, ['-n', '3', '--offset', '1']],
      ['пленум', { lang: ['ru'] }, ['--lang', 'ru']],
      ['Mikoyan', { sort: 'date' }, ['--sort', 'date']],
      ['zzzzqx', {}, []],
    ];
    for (const [query, options, flags] of cases) {
      const wasm = engine.search(query, options);
      assert.ok(!wasm.needs, 'a whole index needs no chunks');
      sameShape(wasm, cliSearch(index, query, flags), JSON.stringify(query));
    }
    assert.ok(engine.search('prisoners of war', {}).hits.length > 0, 'the query finds something to compare');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
