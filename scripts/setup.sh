#!/usr/bin/env bash
# Installs everything Folio's build and tests need, and nothing twice.
# Safe to re-run: each step checks first and is skipped when already satisfied.
#
#   - Rust target wasm32-unknown-unknown, rustfmt, clippy, rust-src (rustup)
#   - wasm-bindgen-cli at exactly the version in Cargo.lock    (cargo install)
#   - chromium, binaryen (wasm-opt), brotli, a Cyrillic font   (apt-get)
#   - the npm devDependencies of package.json                  (npm ci)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- Rust ----
command -v cargo >/dev/null 2>&1 || die "cargo not found. Install Rust (rustup) first; this script adds the rest."
command -v rustup >/dev/null 2>&1 || die "rustup not found; it is needed to add the wasm32 target."

if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "rust target wasm32-unknown-unknown: present"
else
  say "installing rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

for comp in rustfmt clippy; do
  sub=fmt; [[ $comp == clippy ]] && sub=clippy
  if cargo "$sub" --version >/dev/null 2>&1; then
    say "rust component $comp: present"
  else
    say "installing rust component $comp"
    rustup component add "$comp"
  fi
done

# The wasm module rebuilds std without panic messages (scripts/build-web.sh): that needs std's source.
if [[ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]]; then
  say "rust component rust-src: present"
else
  say "installing rust component rust-src"
  rustup component add rust-src || say "warning: no rust-src; the wasm module will be built with panic messages (larger)"
fi

# ------------------------------------------------------- wasm-bindgen ----
# The CLI must match the wasm-bindgen crate exactly, or its output will not load.
wbg_version() {
  local v=""
  if [[ -f Cargo.lock ]]; then
    v=$(awk '
      /^\[\[package\]\]/ { name = "" }
      /^name = / { gsub(/"/, "", $3); name = $3 }
      /^version = / && name == "wasm-bindgen" { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock)
  fi
  if [[ -z $v ]]; then
    # No lock file yet: fall back to the exact pin in Cargo.toml (wasm-bindgen = "=X.Y.Z").
    v=$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=?([0-9][0-9A-Za-z.+-]*)".*/\1/p' Cargo.toml | head -n1)
  fi
  printf '%s' "$v"
}
WBG_WANT=$(wbg_version)
[[ -n $WBG_WANT ]] || die "could not read the wasm-bindgen version from Cargo.lock or Cargo.toml"

wbg_have() { wasm-bindgen --version 2>/dev/null | awk '{print $2}'; }

# Another `cargo install wasm-bindgen-cli` may already be running (e.g. a provisioning
# step); wait for it instead of compiling the same thing twice on a 2-core machine.
if [[ "$(wbg_have)" != "$WBG_WANT" ]] && pgrep -f 'cargo install wasm-bindgen-cli' >/dev/null 2>&1; then
  say "another 'cargo install wasm-bindgen-cli' is running; waiting for it (up to 20 min)"
  for _ in $(seq 1 240); do
    pgrep -f 'cargo install wasm-bindgen-cli' >/dev/null 2>&1 || break
    sleep 5
  done
fi

if [[ "$(wbg_have)" == "$WBG_WANT" ]]; then
  say "wasm-bindgen-cli $WBG_WANT: present"
else
  have=$(wbg_have); say "installing wasm-bindgen-cli $WBG_WANT (found: ${have:-none}); this compiles for a few minutes"
  cargo install wasm-bindgen-cli --version "$WBG_WANT" --locked --force
  [[ "$(wbg_have)" == "$WBG_WANT" ]] || die "wasm-bindgen $WBG_WANT was installed but 'wasm-bindgen --version' does not report it (is ~/.cargo/bin on PATH?)"
fi

# -------------------------------------------------------------- apt ------
# chromium: browser tests; binaryen: wasm-opt; brotli: size report;
# fonts-dejavu-core: readable Latin and Cyrillic glyphs in screenshots.
APT_PKGS=(chromium binaryen brotli fonts-dejavu-core)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  say "apt packages ${APT_PKGS[*]}: present"
else
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${missing[*]}"
    SUDO=(sudo)
  fi
  say "installing apt packages: ${missing[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# -------------------------------------------------------------- npm ------
command -v node >/dev/null 2>&1 || die "node not found (Node.js >= 20 with npm is needed for the browser tests)"
command -v npm >/dev/null 2>&1 || die "npm not found (Node.js >= 20 with npm is needed for the browser tests)"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
  || die "Node.js >= 20 is needed (playwright-core, node --test); found $(node --version)"

if [[ -f package-lock.json ]]; then
  stamp=node_modules/.folio-lock.sha256
  want=$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
    say "npm devDependencies: present"
  else
    say "installing npm devDependencies (npm ci)"
    npm ci --no-audit --no-fund
    printf '%s\n' "$want" >"$stamp"
  fi
else
  say "no package-lock.json yet: running npm install to create it"
  npm install --no-audit --no-fund
fi

say "done (root: $ROOT)"
