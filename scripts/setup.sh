#!/usr/bin/env bash
# Installs everything Folio's build and tests need, and nothing twice.
# Safe to re-run: each step checks first and is skipped when already satisfied.
#
#   - Rust targets wasm32-unknown-unknown and wasm32-wasip1, rustfmt, clippy, rust-src (rustup)
#   - wasm-bindgen-cli at exactly the version in Cargo.lock    (cargo install)
#   - chromium, binaryen (wasm-opt), brotli, a Cyrillic font   (apt-get)
#   - the npm devDependencies of package.json                  (npm ci)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

# shellcheck source=lib/install.sh
. scripts/lib/install.sh

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- Rust ----
command -v cargo >/dev/null 2>&1 || die "cargo not found. Install Rust (rustup) first; this script adds the rest."
command -v rustup >/dev/null 2>&1 || die "rustup not found; it is needed to add the wasm32 target."

# wasm32-unknown-unknown: the browser's engine; wasm32-wasip1: the npm package's indexer.
installed_targets=$(rustup target list --installed)
for target in wasm32-unknown-unknown wasm32-wasip1; do
  if grep -qx "$target" <<<"$installed_targets"; then
    say "rust target $target: present"
  else
    say "installing rust target $target"
    rustup target add "$target"
  fi
done

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
WBG_WANT=$(lock_version wasm-bindgen)
if [[ -z $WBG_WANT ]]; then
  # No lock file yet: fall back to the exact pin in Cargo.toml (wasm-bindgen = "=X.Y.Z").
  WBG_WANT=$(sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=?([0-9][0-9A-Za-z.+-]*)".*/\1/p' Cargo.toml | head -n1)
fi
[[ -n $WBG_WANT ]] || die "could not read the wasm-bindgen version from Cargo.lock or Cargo.toml"
ensure_wasm_bindgen "$WBG_WANT"

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
