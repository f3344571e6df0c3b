#!/usr/bin/env bash
# Builds the npm package `folio-search` and packs it into target/npm/folio-search-<version>.tgz.
#
# The package is the real `folio` CLI (crates/folio-cli) compiled to wasm32-wasip1, plus a launcher
# (npm/bin/folio.mjs) that runs it with Node's `node:wasi`: one package for every system Node 20+
# runs on, and no Rust on the site owner's machine. Prints the tarball's size and the module's raw
# and gzip sizes.
#
#   bash scripts/pack-npm.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET=wasm32-wasip1
OUT=target/npm
STAGE=$OUT/package

if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  echo "pack-npm.sh: the Rust target $TARGET is not installed; run: rustup target add $TARGET" >&2
  exit 1
fi

# The package's version is the CLI's, so `folio --version` and npm agree.
cli_version=$(sed -n 's/^version = "\(.*\)"$/\1/p' crates/folio-cli/Cargo.toml | head -n1)
npm_version=$(node -p 'require("./npm/package.json").version')
if [[ "$cli_version" != "$npm_version" ]]; then
  echo "pack-npm.sh: npm/package.json has version $npm_version but crates/folio-cli is $cli_version; make them equal" >&2
  exit 1
fi

# Symbols (the wasm "name" section, 205 KB, 65 KB gzipped) only make the download bigger: a
# panic prints its own message without them. No wasm-opt: measured on Cranfield (binaryen 108),
# -O3 and -Oz save 7 KB gzipped beyond this and index 40-60% slower with 50% more memory.
CARGO_PROFILE_RELEASE_STRIP=symbols cargo build --release -p folio-cli --target "$TARGET"
wasm=${CARGO_TARGET_DIR:-target}/$TARGET/release/folio.wasm

rm -rf "$STAGE" "$OUT"/folio-search-*.tgz
mkdir -p "$STAGE/bin"
cp npm/package.json npm/README.md npm/LICENSE-MIT npm/LICENSE-APACHE "$STAGE/"
cp npm/bin/folio.mjs "$STAGE/bin/folio.mjs"
chmod +x "$STAGE/bin/folio.mjs"
cp "$wasm" "$STAGE/folio.wasm"

npm pack "$STAGE" --pack-destination "$OUT" --json --silent >"$OUT/pack.json"
node - "$OUT/pack.json" "$STAGE/folio.wasm" <<'JS'
const fs = require('node:fs');
const zlib = require('node:zlib');
const [packJson, wasmPath] = process.argv.slice(2);
const [pack] = JSON.parse(fs.readFileSync(packJson, 'utf8'));
const wasm = fs.readFileSync(wasmPath);
const gzip = zlib.gzipSync(wasm, { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`package: ${packJson.replace(/pack\.json$/, '')}${pack.filename}`);
console.log(`  tarball ${kib(pack.size)} (${pack.size} bytes), unpacked ${kib(pack.unpackedSize)}, ${pack.entryCount} files`);
console.log(`  folio.wasm ${kib(wasm.length)} raw (${wasm.length} bytes), ${kib(gzip)} gzip -9`);
JS
