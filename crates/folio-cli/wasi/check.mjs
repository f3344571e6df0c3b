#!/usr/bin/env node
// Checks the folio CLI compiled to wasm32-wasip1 as the npm package runs it (its launcher,
// bin/folio.mjs, runs the module under node:wasi) against the native CLI: from tests/fixtures/
// with relative paths (so FOLIO_CWD must work), both index tests/fixtures/site, whole and split,
// and every file of the two bundles but report.txt (which holds timings) must be the same bytes;
// then `search` on the WASI bundle by a relative path must print what the native CLI prints.
//
// It checks the package scripts/pack-npm.sh stages (one wasm32-wasip1 build serves this check,
// the npm tests and the tarball):
//
//   bash scripts/pack-npm.sh && cargo build -p folio-cli
//   node crates/folio-cli/wasi/check.mjs [<package folder>] [<native folio>]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const pkg = path.resolve(process.argv[2] ?? path.join(root, 'target/npm/package'));
const launcher = path.join(pkg, 'bin/folio.mjs');
const native = path.resolve(process.argv[3] ?? path.join(root, 'target/debug/folio'));
const fixtures = path.join(root, 'tests/fixtures');

function fail(message) {
  console.error(`wasi-check: FAILED: ${message}`);
  process.exit(1);
}

/** Runs the CLI (`wasi` or `native`) in tests/fixtures/ with `args`; returns its output. */
function folio(kind, args) {
  const [cmd, argv] = kind === 'wasi'
    ? [process.execPath, [launcher, ...args]]
    : [native, args];
  const run = spawnSync(cmd, argv, { cwd: fixtures, encoding: 'buffer', maxBuffer: 1 << 28 });
  if (run.error) fail(`${kind} ${args.join(' ')}: ${run.error.message}`);
  if (run.status !== 0) fail(`${kind} ${args.join(' ')} exited ${run.status}:\n${run.stderr}`);
  return run;
}

/** Every file under `dir`, by relative path. */
function files(dir, prefix = '') {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}

if (!existsSync(path.join(pkg, 'folio.wasm')) || !existsSync(launcher)) {
  fail(`${pkg} holds no folio.wasm and bin/folio.mjs: run \`bash scripts/pack-npm.sh\` first`);
}

const work = mkdtempSync(path.join(tmpdir(), 'folio-wasi-'));
try {
  for (const split of ['never', 'always']) {
    const out = {};
    for (const kind of ['wasi', 'native']) {
      // A relative site and an absolute --out: the site is found only through FOLIO_CWD.
      out[kind] = path.join(work, `${kind}-${split}`);
      folio(kind, ['index', 'site', '--out', out[kind], '--split', split]);
    }
    const names = files(out.native);
    const wasiNames = files(out.wasi);
    if (names.join() !== wasiNames.join()) fail(`--split ${split}: files differ:\n  native ${names}\n  wasi   ${wasiNames}`);
    for (const name of names.filter((n) => n !== 'report.txt')) {
      if (!readFileSync(path.join(out.native, name)).equals(readFileSync(path.join(out.wasi, name)))) {
        fail(`--split ${split}: ${name} differs between the WASI and the native CLI`);
      }
    }
    console.log(`wasi-check: --split ${split}: ${names.length} files, byte-identical but report.txt`);
  }
  // A relative index path, and the same hits.
  const relative = path.relative(fixtures, path.join(work, 'wasi-never'));
  const a = folio('wasi', ['search', relative, 'North Korea', '--json']).stdout;
  const b = folio('native', ['search', relative, 'North Korea', '--json']).stdout;
  if (!a.equals(b)) fail(`search ${relative}: the WASI CLI's answer differs from the native one`);
  console.log(`wasi-check: search by the relative path ${relative}: same JSON (${a.length} bytes)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
