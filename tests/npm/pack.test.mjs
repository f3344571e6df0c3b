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
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SITE = path.join(ROOT, 'tests/fixtures/site');
const JSONL = path.join(ROOT, 'tests/e2e/fixtures/museum.jsonl');
const NATIVE = path.join(ROOT, 'target/release/folio');
const TOOLCHAIN = ['cargo', 'rustc', 'rustup'];

/** Node's own folder and the system's, nothing else: no ~/.cargo/bin. */
const BARE_PATH = [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
const BARE_ENV = { ...process.env, PATH: BARE_PATH };
for (const name of Object.keys(BARE_ENV)) {
  if (/^(CARGO|RUSTUP|RUSTC)/.test(name)) delete BARE_ENV[name];
}

let tmp; // everything this test writes
let app; // the empty folder the package is installed into
let tarball;

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (r.error) throw r.error;
  return r;
}

function ok(r, what) {
  assert.equal(r.status, 0, `${what} exited with ${r.status} (signal ${r.signal})\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npx folio …` in the install folder (or `cwd`), with the bare PATH. `--no`: never ask the registry. */
function npx(args, cwd = app) {
  return run('npx', ['--no', 'folio', ...args], { cwd, env: BARE_ENV });
}

function native(args, cwd = ROOT) {
  return run(NATIVE, args, { cwd });
}

/** A report or standard error without what differs from run to run: time taken and memory. */
function steady(text) {
  return text.replace(/ built in [^\n]*/g, ' built in <t>').replace(/^memory: [^\n]*\n/gm, '');
}

/** Every file under `dir`, as relative paths, sorted. */
function files(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
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
  app = path.join(tmp, 'app');
  fs.mkdirSync(app);
  ok(run('cargo', ['build', '--release', '-p', 'folio-cli'], { cwd: ROOT, stdio: 'inherit' }), 'cargo build');
  tarball = process.env.FOLIO_NPM_TARBALL;
  if (!tarball) {
    ok(run('bash', ['scripts/pack-npm.sh'], { cwd: ROOT, stdio: 'inherit' }), 'scripts/pack-npm.sh');
    const packed = fs.readdirSync(path.join(ROOT, 'target/npm')).filter((f) => /^folio-search-.*\.tgz$/.test(f));
    assert.equal(packed.length, 1, `expected one tarball in target/npm, found ${packed}`);
    tarball = path.join(ROOT, 'target/npm', packed[0]);
  }
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "site", "private": true }\n');
  ok(run('npm', ['install', '--no-audit', '--no-fund', '--offline', path.resolve(tarball)], { cwd: app, env: BARE_ENV }),
    'npm install <tarball>');
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
  // Two copies of the site at the same relative path, so nothing differs but the program.
  const [npmWork, nativeWork] = [path.join(tmp, 'npm-work'), path.join(tmp, 'native-work')];
  for (const work of [npmWork, nativeWork]) fs.cpSync(SITE, path.join(work, 'public'), { recursive: true });
  const fromNpm = npx(['index', 'public'], npmWork);
  const fromNative = native(['index', 'public'], nativeWork);
  assert.equal(fromNpm.status, fromNative.status, `exit codes differ\n${fromNpm.stderr}`);
  ok(fromNpm, 'npx folio index public');
  const bundle = path.join(npmWork, 'public/folio');
  assert.ok(fs.existsSync(path.join(bundle, 'index.folio')), 'no public/folio/index.folio: the CLI did not start in the cwd');
  assert.ok(fs.readFileSync(path.join(bundle, 'index.folio')).equals(
    fs.readFileSync(path.join(nativeWork, 'public/folio/index.folio'))), 'index.folio differs from the native one');
  assertSameBundle(bundle, path.join(nativeWork, 'public/folio'));
  assert.equal(steady(fromNpm.stderr), steady(fromNative.stderr));
  assert.doesNotMatch(fromNpm.stderr, /ExperimentalWarning|WASI/);
  assert.equal(fromNpm.stdout, fromNative.stdout);
});

test('a split index (root and chunks) is written byte for byte as the native CLI writes it', () => {
  const [npmOut, nativeOut] = [path.join(tmp, 'split-npm'), path.join(tmp, 'split-native')];
  ok(npx(['index', SITE, '--split', 'always', '--chunk-bytes', '512', '--out', npmOut]), 'npx folio index --split always');
  ok(native(['index', SITE, '--split', 'always', '--chunk-bytes', '512', '--out', nativeOut]), 'folio index --split always');
  assert.ok(files(nativeOut).filter((f) => f.startsWith('chunks')).length > 2, 'the fixture should make several chunks');
  assertSameBundle(npmOut, nativeOut);
});

test('a .jsonl corpus, given by absolute path, indexes to the same bytes', () => {
  const [npmOut, nativeOut] = [path.join(tmp, 'jsonl-npm'), path.join(tmp, 'jsonl-native')];
  const fromNpm = ok(npx(['index', JSONL, '--out', npmOut]), 'npx folio index museum.jsonl');
  ok(native(['index', JSONL, '--out', nativeOut]), 'folio index museum.jsonl');
  assert.ok(fs.readFileSync(path.join(npmOut, 'index.folio')).equals(fs.readFileSync(path.join(nativeOut, 'index.folio'))),
    'index.folio differs from the native one');
  assertSameBundle(npmOut, nativeOut);
  assert.match(fromNpm.stderr, /index: 6 documents/);
});

test('`npx folio search … --json` prints what the native CLI prints', () => {
  const bundles = [
    [path.join(tmp, 'jsonl-npm'), path.join(tmp, 'jsonl-native')],
    [path.join(tmp, 'split-npm'), path.join(tmp, 'split-native')],
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
});

test('a failure exits as the native CLI does, with its message', () => {
  const missing = path.join(tmp, 'no-such-site');
  const fromNpm = npx(['index', missing]);
  const fromNative = native(['index', missing]);
  assert.equal(fromNative.status, 1);
  assert.equal(fromNpm.status, fromNative.status);
  assert.equal(fromNpm.stderr, fromNative.stderr);
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
  assert.doesNotMatch(r.stderr, /WASI/);
  assert.match(r.stdout, /folio index/);
});
