// scripts/setup.sh on a machine that lacks wasm-bindgen, run for real against stand-ins.
//
// The stand-ins (rustup, rustc, cargo, dpkg-query, npm) answer as a machine with Rust but no
// wasm-bindgen would, and log what they are asked. The stand-in cargo fails `install … --locked`
// the way this machine's registry does (it lacks a dependency version the lock file pins), so a
// setup that only tries `--locked`, or that dies when wasm-bindgen is absent, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WANT = /name = "wasm-bindgen"\nversion = "([^"]+)"/.exec(readFileSync(join(ROOT, 'Cargo.lock'), 'utf8'))[1];

function script(path, body) {
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A copy of the repository's set-up files and a bin/ of stand-ins; `wbg` is the version of a
 * wasm-bindgen already installed, or null for none. */
function machine(wbg) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-setup-'));
  const repo = join(dir, 'repo');
  const bin = join(dir, 'bin');
  const log = join(dir, 'calls.log');
  mkdirSync(repo);
  mkdirSync(bin);
  for (const f of ['scripts', 'Cargo.toml', 'Cargo.lock', 'package.json', 'package-lock.json']) {
    cpSync(join(ROOT, f), join(repo, f), { recursive: true });
  }
  const sysroot = join(dir, 'sysroot');
  mkdirSync(join(sysroot, 'lib/rustlib/src/rust/library/std'), { recursive: true });
  const record = `printf '%s %s\\n' "$(basename "$0")" "$*" >>'${log}'`;
  script(join(bin, 'rustup'), `${record}
[[ "$1 $2 $3" == "target list --installed" ]] && printf 'x86_64-unknown-linux-gnu\\nwasm32-unknown-unknown\\nwasm32-wasip1\\n'
exit 0`);
  script(join(bin, 'rustc'), `[[ "$1 $2" == "--print sysroot" ]] && echo '${sysroot}'; exit 0`);
  // cargo: fmt/clippy answer; `install --locked` fails as the registry does; `install` puts a
  // wasm-bindgen of the asked version on PATH.
  script(join(bin, 'cargo'), `${record}
case "$1" in
  fmt|clippy) exit 0 ;;
  install)
    if [[ " $* " == *" --locked "* ]]; then
      echo 'error: failed to select a version for the requirement \`webpki-roots = "^1.0.10"\` (locked to 1.0.11)' >&2
      exit 101
    fi
    v=""; while (($#)); do [[ $1 == --version ]] && v=$2; shift; done
    printf '#!/bin/bash\\necho "wasm-bindgen %s"\\n' "$v" >'${bin}/wasm-bindgen'
    chmod +x '${bin}/wasm-bindgen'
    exit 0 ;;
esac
exit 0`);
  if (wbg) script(join(bin, 'wasm-bindgen'), `echo "wasm-bindgen ${wbg}"`);
  script(join(bin, 'dpkg-query'), `echo -n 'install ok installed'`);
  script(join(bin, 'apt-get'), `${record}; exit 1`);
  script(join(bin, 'npm'), `${record}; mkdir -p node_modules; exit 0`);
  return { dir, repo, bin, log };
}

function run(m) {
  // Only the stand-ins and the system's own tools: no ~/.cargo/bin, so no real wasm-bindgen.
  const path = `${m.bin}:/usr/bin:/bin`;
  const r = spawnSync('bash', [join(m.repo, 'scripts/setup.sh')], {
    env: { PATH: path, HOME: m.dir }, encoding: 'utf8', timeout: 60_000,
  });
  const calls = existsSync(m.log) ? readFileSync(m.log, 'utf8').trim().split('\n') : [];
  return { ...r, calls, cleanup: () => rmSync(m.dir, { recursive: true, force: true }) };
}

const installs = (calls) => calls.filter((c) => c.startsWith('cargo install'));

test('setup installs wasm-bindgen when it is absent and --locked cannot resolve', () => {
  const r = run(machine(null));
  try {
    assert.equal(r.status, 0, `setup.sh failed:\n${r.stdout}\n${r.stderr}`);
    assert.deepEqual(installs(r.calls), [
      `cargo install wasm-bindgen-cli --force --version ${WANT} --locked`,
      `cargo install wasm-bindgen-cli --force --version ${WANT}`,
    ]);
    assert.match(r.stderr, /retrying without --locked/);
    assert.match(r.stdout, /setup: done/);
  } finally {
    r.cleanup();
  }
});

test('setup replaces a wasm-bindgen of another version', () => {
  const r = run(machine('0.2.1'));
  try {
    assert.equal(r.status, 0, `setup.sh failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /installing wasm-bindgen-cli .* \(found: 0\.2\.1\)/);
    assert.equal(installs(r.calls).at(-1), `cargo install wasm-bindgen-cli --force --version ${WANT}`);
  } finally {
    r.cleanup();
  }
});

test('setup leaves the right wasm-bindgen alone', () => {
  const r = run(machine(WANT));
  try {
    assert.equal(r.status, 0, `setup.sh failed:\n${r.stdout}\n${r.stderr}`);
    assert.deepEqual(installs(r.calls), []);
    assert.match(r.stdout, new RegExp(`wasm-bindgen-cli ${WANT.replace(/\./g, '\\.')}: present`));
  } finally {
    r.cleanup();
  }
});
