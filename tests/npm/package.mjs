// The npm package `folio-search` as a site owner without Rust gets it: the tarball that
// scripts/pack-npm.sh writes, installed into an empty folder, run by `npx folio` with no cargo,
// rustc or rustup on PATH. Shared by tests/npm/pack.test.mjs and tests/e2e/generators.test.mjs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKED = path.join(ROOT, 'target/npm');

/** Node's own folder and the system's, nothing else: no ~/.cargo/bin. */
export const BARE_PATH = [path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
// npm_config_yes=false: npx must never fetch a package (`folio` on the registry is another one).
// (Not `npx --no`: after it, npx takes `--version` and `--help` for itself.)
export const BARE_ENV = { ...process.env, PATH: BARE_PATH, npm_config_yes: 'false' };
for (const name of Object.keys(BARE_ENV)) {
  if (/^(CARGO|RUSTUP|RUSTC)/.test(name)) delete BARE_ENV[name];
}

/** Runs `cmd args…` to completion; the result of spawnSync (text output). */
export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (r.error) throw r.error;
  return r;
}

/** Throws unless `r` exited with 0, with what it printed. */
export function ok(r, what) {
  if (r.status !== 0) throw new Error(`${what} exited with ${r.status} (signal ${r.signal})\n${r.stdout}\n${r.stderr}`);
  return r;
}

/**
 * The tarball to test: FOLIO_NPM_TARBALL, else the one target/npm/ holds (packed first when
 * `pack` is true, as the npm tests do; the generator tests use the one CI packed before them).
 */
export function tarball({ pack = false } = {}) {
  if (process.env.FOLIO_NPM_TARBALL) return path.resolve(process.env.FOLIO_NPM_TARBALL);
  if (pack) ok(run('bash', ['scripts/pack-npm.sh'], { cwd: ROOT, stdio: 'inherit' }), 'scripts/pack-npm.sh');
  const packed = fs.existsSync(PACKED) ? fs.readdirSync(PACKED).filter((f) => /^folio-search-.*\.tgz$/.test(f)) : [];
  if (packed.length !== 1) {
    throw new Error(`expected one folio-search-*.tgz in ${PACKED}, found ${packed.length}: run \`bash scripts/pack-npm.sh\` first`);
  }
  return path.join(PACKED, packed[0]);
}

/** Makes `dir` an empty npm project and installs the tarball into it, offline, with the bare PATH. */
export function install(tgz, dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "site", "private": true }\n');
  ok(run('npm', ['install', '--no-audit', '--no-fund', '--offline', tgz], { cwd: dir, env: BARE_ENV }), 'npm install <tarball>');
  return dir;
}

/** `npx <bin> args…` in `cwd` (a folder the package is installed in), with the bare PATH. */
export function npx(args, cwd, bin = 'folio') {
  return run('npx', [bin, ...args], { cwd, env: BARE_ENV });
}

/** Every file under `dir`, as relative paths, sorted. */
export function files(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

/**
 * The files of two bundles that differ in bytes, report.txt aside (it holds timings and paths);
 * a file that only one of them holds is listed too.
 */
export function bundleDifferences(a, b) {
  const [inA, inB] = [files(a), files(b)];
  const names = [...new Set([...inA, ...inB])].filter((f) => f !== 'report.txt').sort();
  return names.filter((name) => {
    if (!inA.includes(name) || !inB.includes(name)) return true;
    return !fs.readFileSync(path.join(a, name)).equals(fs.readFileSync(path.join(b, name)));
  });
}
