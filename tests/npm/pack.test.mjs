// The npm package `folio-search`, as a site owner without Rust gets it: packed by
// scripts/pack-npm.sh, installed from its tarball into an empty folder, run by `npx folio` with
// no cargo, rustc or rustup on PATH. What it writes and prints must be what the native CLI
// (target/release/folio) writes and prints on the same input.
//
//   node --test tests/npm/pack.test.mjs
//
// FOLIO_NPM_TARBALL=<path.tgz> tests that tarball instead of packing one.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BARE_ENV, ROOT, files, install, ok, run, tarball as packedTarball, npx as npxIn } from './package.mjs';
import { stressModule } from './wasi-stress.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { launch, readHits, typeQuery, watch } from '../e2e/helpers.mjs';

const SITE = path.join(ROOT, 'tests/fixtures/site');
const JSONL = path.join(ROOT, 'tests/e2e/fixtures/museum.jsonl');
const NATIVE = path.join(ROOT, 'target/release/folio');
const TOOLCHAIN = ['cargo', 'rustc', 'rustup'];

let tmp; // everything this test writes
let app; // the empty folder the package is installed into

/** `npx folio …` in the install folder (or `cwd`), with the bare PATH. */
function npx(args, cwd = app, bin = 'folio') {
  return npxIn(args, cwd, bin);
}

function native(args, cwd = ROOT) {
  return run(NATIVE, args, { cwd });
}

/** A report or standard error without what differs from run to run: time taken and memory. */
function steady(text) {
  return text
    .replace(/ built in [^\n]*/g, ' built in <t>')
    .replace(/^memory: [^\n]*\n/gm, '')
    // The bundle's total counts report.txt, whose timings (above) differ by a few bytes, enough to
    // move the rounded total by 0.1 KiB; every other file is compared byte for byte.
    .replace(/: [\d.]+ [KMG]?i?B in all;/g, ': <size> in all;');
}

/** The two bundles hold the same files, byte for byte, apart from the report's timings. */
function assertSameBundle(npmDir, nativeDir) {
  assert.deepEqual(files(npmDir), files(nativeDir), 'the bundles hold different files');
  for (const name of files(nativeDir)) {
    const [a, b] = [fs.readFileSync(path.join(npmDir, name)), fs.readFileSync(path.join(nativeDir, name))];
    if (name === 'report.txt') {
      assert.equal(steady(a.toString()), steady(b.toString()), 'report.txt differs');
    } else {
      assert.ok(a.equals(b), `${name} differs (${a.length} bytes from npm, ${b.length} native)`);
    }
  }
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'folio-npm-'));
  ok(run('cargo', ['build', '--release', '-p', 'folio-cli'], { cwd: ROOT, stdio: 'inherit' }), 'cargo build');
  app = install(packedTarball({ pack: true }), path.join(tmp, 'app'));
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the machine the package runs on here has no Rust toolchain on PATH', () => {
  for (const tool of TOOLCHAIN) {
    const r = run('sh', ['-c', `command -v ${tool}`], { env: BARE_ENV });
    assert.notEqual(r.status, 0, `${tool} is on the bare PATH at ${r.stdout.trim()}`);
  }
  // …while the native build above found cargo: the check is about PATH, not about this machine.
  assert.equal(run('sh', ['-c', 'command -v cargo']).status, 0);
});

test('the package is installed from its tarball alone: a launcher and the module', () => {
  const pkg = path.join(app, 'node_modules/folio-search');
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.bin, { folio: 'bin/folio.mjs' });
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the package must not pull in other packages');
  const wasm = fs.readFileSync(path.join(pkg, 'folio.wasm'));
  assert.ok(WebAssembly.validate(wasm), 'folio.wasm is not a valid WebAssembly module');
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  const modules = [...new Set(imports.map((i) => i.module))];
  assert.deepEqual(modules, ['wasi_snapshot_preview1'], 'the module imports only WASI preview 1');
});

test('`npx folio index public`, run in the site owner\'s folder, writes the native bundle', () => {
  // The site in the folder the package is installed in, as a site owner has it; a copy at the
  // same relative path for the native CLI, so nothing differs but the program.
  const nativeWork = path.join(tmp, 'native-work');
  for (const work of [app, nativeWork]) fs.cpSync(SITE, path.join(work, 'public'), { recursive: true });
  const fromNpm = npx(['index', 'public']);
  const fromNative = native(['index', 'public'], nativeWork);
  assert.equal(fromNpm.status, fromNative.status, `exit codes differ\n${fromNpm.stderr}`);
  ok(fromNpm, 'npx folio index public');
  const bundle = path.join(app, 'public/folio');
  assert.ok(fs.existsSync(path.join(bundle, 'index.folio')), 'no public/folio/index.folio: the CLI did not start in the cwd');
  assert.ok(fs.readFileSync(path.join(bundle, 'index.folio')).equals(
    fs.readFileSync(path.join(nativeWork, 'public/folio/index.folio'))), 'index.folio differs from the native one');
  assertSameBundle(bundle, path.join(nativeWork, 'public/folio'));
  assert.equal(steady(fromNpm.stderr), steady(fromNative.stderr));
  assert.doesNotMatch(fromNpm.stderr, /ExperimentalWarning|WASI is an experimental/);
  assert.equal(fromNpm.stdout, fromNative.stdout);
});

/** The line of HTML the README's "Search on your site in three commands" tells the site owner to add. */
function readmeLine() {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Search on your site'));
  const html = section?.match(/```html\n([^]*?)```/)?.[1].trim();
  assert.ok(html?.includes('data-folio-search'), 'the README\'s site-owner section has no ```html line with data-folio-search');
  return html;
}

test('the README\'s line in a page of the npm-indexed site gives a search box that works in Chromium', async () => {
  // public/folio/ is the bundle `npx folio index public` wrote above; the line goes into a page
  // one folder deep, as the README says it may.
  const site = path.join(app, 'public');
  assert.ok(fs.existsSync(path.join(site, 'folio/index.folio')), 'the npm CLI wrote no bundle into public/folio');
  const pagePath = path.join(site, 'documents/1957-puzanov.html');
  const html = fs.readFileSync(pagePath, 'utf8');
  fs.writeFileSync(pagePath, html.replace('</main>', `${readmeLine()}\n</main>`));
  const server = await startServer({ root: site, port: 0 });
  const browser = await launch();
  try {
    const problems = [];
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    watch(page, problems);
    // The fixture site has no icon; the browser's own request for one is not the page's doing.
    await page.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
    await page.goto(`${server.url}documents/1957-puzanov.html`);
    await page.locator('.folio[data-state="ready"]').waitFor();
    await typeQuery(page, 'procurement');
    const hits = await readHits(page);
    assert.equal(hits[0]?.title, 'Journal of Ambassador Puzanov, 8 July 1957');
    // The section, the words for folio-highlight.js, and a text fragment for the browser.
    const target = `${server.url}documents/1957-puzanov.html?folio-highlight=procurement#summary`;
    assert.equal(hits[0].href, `${target}:~:text=procurement,-plan`);
    const opened = (u) => u.href === target || u.href.startsWith(`${target}:~:`);
    await Promise.all([page.waitForURL(opened), page.locator('.folio-results [role="option"]').first().click()]);
    assert.deepEqual(problems, [], 'no errors, no failed requests');
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
});

/** Runs `folio index <source> --out out <flags…>` from npm in app/<name> and natively in <tmp>/<name>. */
function indexBoth(name, source, flags = []) {
  const dirs = { npm: path.join(app, name), native: path.join(tmp, name) };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  const fromNpm = ok(npx(['index', source, '--out', 'out', ...flags], dirs.npm), `npx folio index ${source}`);
  const fromNative = ok(native(['index', source, '--out', 'out', ...flags], dirs.native), `folio index ${source}`);
  assert.equal(steady(fromNpm.stderr), steady(fromNative.stderr));
  return { npm: path.join(dirs.npm, 'out'), native: path.join(dirs.native, 'out'), stderr: fromNpm.stderr };
}

test('a split index (root and chunks) is written byte for byte as the native CLI writes it, in chunk files and packed', () => {
  const out = indexBoth('split', SITE, ['--split', 'always', '--chunk-bytes', '512']);
  assert.ok(files(out.native).filter((f) => f.startsWith('chunks')).length > 2, 'the fixture should make several chunks');
  assertSameBundle(out.npm, out.native);
  // Packed, the packs too, byte for byte.
  const packed = indexBoth('split-packed', SITE, ['--split', 'always', '--chunk-bytes', '512', '--pack', 'always']);
  assert.ok(files(packed.native).some((f) => f.endsWith('.pack')), 'the chunks are packed');
  assertSameBundle(packed.npm, packed.native);
});

test('a .jsonl corpus, given by absolute path, indexes to the same bytes', () => {
  const out = indexBoth('jsonl', JSONL);
  assert.ok(fs.readFileSync(path.join(out.npm, 'index.folio')).equals(fs.readFileSync(path.join(out.native, 'index.folio'))),
    'index.folio differs from the native one');
  assertSameBundle(out.npm, out.native);
  assert.match(out.stderr, /index: 6 documents/);
});

test('`npx folio search … --json` prints what the native CLI prints', () => {
  const bundles = [
    [path.join(app, 'jsonl/out'), path.join(tmp, 'jsonl/out')],
    [path.join(app, 'split/out'), path.join(tmp, 'split/out')],
  ];
  const queries = [
    ['vase cranes'], ['ваза'], ['catalouge'], ['crane', '--lang', 'ru'], ['catalogue', '--limit', '2', '--offset', '1'],
    ['plenum'], ['Puzanov'], ['nothing-matches-this-zzq'],
  ];
  for (const [npmBundle, nativeBundle] of bundles) {
    for (const q of queries) {
      const fromNpm = npx(['search', npmBundle, ...q, '--json']);
      const fromNative = native(['search', nativeBundle, ...q, '--json']);
      ok(fromNative, `native search ${q}`);
      assert.equal(fromNpm.status, 0, `npx folio search ${q}: ${fromNpm.stderr}`);
      assert.equal(fromNpm.stdout, fromNative.stdout, `search ${q.join(' ')} differs`);
      assert.ok(JSON.parse(fromNpm.stdout).hits, 'the output is the search response');
    }
  }
  // The plain listing too, and a query that finds something in each bundle (so the above is not all empty).
  const listing = [npx(['search', bundles[0][0], 'vase']), native(['search', bundles[0][1], 'vase'])];
  assert.equal(listing[0].stdout, listing[1].stdout);
  assert.match(listing[0].stdout, /^\d+ of [1-9]\d* documents/m);
  // `npx folio-search …`, the one-off form the README gives, runs the same program.
  const oneOff = npx(['search', bundles[0][0], 'vase'], app, 'folio-search');
  assert.equal(oneOff.stdout, listing[1].stdout, oneOff.stderr);
});

test('a failure exits as the native CLI does, with its message', () => {
  const missing = path.join(tmp, 'no-such-site');
  const fromNpm = npx(['index', missing]);
  const fromNative = native(['index', missing]);
  assert.equal(fromNative.status, 1);
  assert.equal(fromNpm.status, fromNative.status);
  assert.equal(fromNpm.stderr, fromNative.stderr);
  // An index that is not there: the same words. Rust prints the system's error number, and WASI
  // numbers errors its own way (ENOENT is 44 there, 2 on Linux): the npm CLI leaves it out.
  const noIndex = [npx(['search', missing, 'vase']), native(['search', missing, 'vase'])];
  assert.equal(noIndex[1].status, 1);
  assert.equal(noIndex[0].status, noIndex[1].status);
  assert.match(noIndex[1].stderr, /No such file or directory \(os error 2\)/);
  assert.equal(noIndex[0].stderr, noIndex[1].stderr.replace(' (os error 2)', ''));
  const usage = [npx(['frobnicate']), native(['frobnicate'])];
  assert.equal(usage[0].status, 2);
  assert.equal(usage[0].status, usage[1].status);
  assert.equal(usage[0].stderr, usage[1].stderr);
});

test('WASI\'s ExperimentalWarning is kept off the terminal, other warnings are not', () => {
  // Node does warn about node:wasi, so the check below can fail.
  const bare = run(process.execPath, ['-e', 'require("node:wasi")']);
  assert.match(bare.stderr, /ExperimentalWarning: WASI/);
  const launcher = path.join(app, 'node_modules/folio-search/bin/folio.mjs');
  const warn = 'data:text/javascript,process.emitWarning("the user\'s own warning", "ExperimentalWarning")';
  const r = run(process.execPath, ['--import', warn, launcher, '--help'], { env: BARE_ENV });
  ok(r, 'folio --help');
  assert.match(r.stderr, /ExperimentalWarning: the user's own warning/);
  assert.doesNotMatch(r.stderr, /ExperimentalWarning: WASI|WASI is an experimental/);
  assert.match(r.stdout, /Usage: folio <COMMAND>/);
  assert.match(r.stdout, /\n {2}index +Read a site's pages/);
});

test('the launcher survives a WASI program that grows its memory by hundreds of MB while it writes', () => {
  // What `folio index` does on 30,000 documents, in half a second (tests/npm/wasi-stress.mjs):
  // with Node's fast WASI calls a garbage collection started inside one and Node died with
  // SIGSEGV or SIGTRAP. The installed launcher runs the stress module in place of folio.wasm.
  const pkg = path.join(tmp, 'stress');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(app, 'node_modules/folio-search/bin/folio.mjs'), path.join(pkg, 'bin/folio.mjs'));
  const writes = 20_000;
  const wasm = stressModule({ writes, every: 1024, pages: 256 }); // 19 x 16 MiB
  assert.ok(WebAssembly.validate(wasm));
  fs.writeFileSync(path.join(pkg, 'folio.wasm'), wasm);
  const r = run(process.execPath, [path.join(pkg, 'bin/folio.mjs')], { env: BARE_ENV });
  assert.equal(r.signal, null, `node died of ${r.signal}\n${r.stderr.slice(0, 2000)}`);
  ok(r, 'the stress module');
  assert.equal(r.stdout, '.'.repeat(writes), 'every write arrives');
});
