#!/usr/bin/env bash
# Builds the wasm search engine (index embedded) and the distributable bundle in dist/:
#   cargo build (wasm32) -> wasm-bindgen --target web (target/web-pkg/) -> wasm-opt -Oz (best
#   effort) -> scripts/bundle-web.mjs -> dist/ (folio.js, folio-worker.js, folio-engine.js,
#   folio_bg.wasm, folio.css, folio.d.ts, folio-offline.js) -> copied to www/pkg/ for the demo.
# Run scripts/setup.sh first on a fresh machine. FOLIO_INDEX=<index.folio> inlines that index
# in dist/folio-offline.js (for file:// copies of a site indexed with `folio index`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say()  { printf 'build-web: %s\n' "$*"; }
warn() { printf 'build-web: warning: %s\n' "$*" >&2; }
die()  { printf 'build-web: error: %s\n' "$*" >&2; exit 1; }

TARGET=wasm32-unknown-unknown
WASM=target/$TARGET/wasm/folio.wasm
OUT=target/web-pkg
DIST=dist
DEMO=www/pkg

command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen not found; run: bash scripts/setup.sh"

say "cargo build --profile wasm --target $TARGET -p folio"
cargo build --profile wasm --target "$TARGET" -p folio
[[ -f $WASM ]] || die "$WASM was not produced"

# The CLI and the crate must be the same version, or the glue will not match the module.
want=$(awk '/^\[\[package\]\]/{n=""} /^name = /{gsub(/"/,"",$3); n=$3} /^version = / && n=="wasm-bindgen"{gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
have=$(wasm-bindgen --version | awk '{print $2}')
[[ -z $want || $want == "$have" ]] || die "wasm-bindgen CLI is $have but Cargo.lock has $want; run: bash scripts/setup.sh"

say "wasm-bindgen --target web -> $OUT/"
rm -rf "$OUT"
wasm-bindgen --target web --out-dir "$OUT" --out-name folio "$WASM"

BG=$OUT/folio_bg.wasm
[[ -f $BG && -f $OUT/folio.js ]] || die "wasm-bindgen did not write $BG and $OUT/folio.js"
node scripts/check-wasm.mjs "$OUT" >/dev/null || die "the un-optimised wasm does not load in Node; see the message above"

# wasm-opt -Oz, best effort. Every optimised module is loaded and searched once in Node
# (scripts/check-wasm.mjs) before it replaces the working one: Debian's binaryen v108
# is known to mis-map wasm-bindgen's externref table export, which only shows at run time.
optimise() {
  # Debian's binaryen (v108) predates rustc's default wasm features; enable them explicitly.
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
                  --enable-mutable-globals --enable-reference-types --enable-multivalue)
  local work log
  work=$(mktemp -d "${TMPDIR:-/tmp}/folio-opt.XXXXXX")
  log=$work/log
  # 1. The usual order: optimise wasm-bindgen's output.
  if wasm-opt -Oz "${features[@]}" "$BG" -o "$work/post.wasm" >"$log" 2>&1 \
     && node scripts/check-wasm.mjs "$OUT" "$work/post.wasm" >>"$log" 2>&1; then
    install -m 0644 "$work/post.wasm" "$BG"
    say "wasm-opt -Oz (after wasm-bindgen): ok"
    rm -rf "$work"; return 0
  fi
  # 2. Optimise cargo's output, then run wasm-bindgen on it (sidesteps the externref table).
  if wasm-opt -Oz "${features[@]}" "$WASM" -o "$work/pre.wasm" >>"$log" 2>&1 \
     && wasm-bindgen --target web --out-dir "$work/pkg" --out-name folio "$work/pre.wasm" >>"$log" 2>&1 \
     && node scripts/check-wasm.mjs "$work/pkg" >>"$log" 2>&1; then
    rm -rf "$OUT" && mkdir -p "$OUT" && cp "$work"/pkg/* "$OUT"/ && chmod 0644 "$OUT"/*
    say "wasm-opt -Oz (before wasm-bindgen): ok; optimising after wasm-bindgen gave a broken module"
    rm -rf "$work"; return 0
  fi
  warn "wasm-opt did not give a working module; keeping the un-optimised wasm. Its output:"
  sed 's/^/    /' "$log" | tail -n 15 >&2
  rm -rf "$work"; return 1
}

before=$(stat -c %s "$BG")
if [[ ${FOLIO_NO_WASM_OPT:-} == 1 ]]; then
  warn "FOLIO_NO_WASM_OPT=1: skipping wasm-opt"
elif ! command -v wasm-opt >/dev/null 2>&1; then
  warn "wasm-opt not found (apt-get install binaryen); keeping the un-optimised wasm"
elif optimise; then
  say "wasm-opt: $before -> $(stat -c %s "$BG") bytes"
fi

human() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.2f MiB", b/1048576; else printf "%.1f KiB", b/1024 }'; }
raw=$(stat -c %s "$BG")
gz=$(gzip -9 -c "$BG" | wc -c)
line="$BG: raw $raw bytes ($(human "$raw")), gzip -9 $gz bytes ($(human "$gz"))"
if command -v brotli >/dev/null 2>&1; then
  br=$(brotli -q 11 -c "$BG" | wc -c)
  line+=", brotli $br bytes ($(human "$br"))"
fi
say "$line"

say "bundle -> $DIST/"
rm -rf "$DIST"
bundle_args=("$OUT" "$DIST")
[[ -n ${FOLIO_INDEX:-} ]] && bundle_args+=(--index "$FOLIO_INDEX")
node scripts/bundle-web.mjs "${bundle_args[@]}"
printf '*\n' >"$DIST/.gitignore"   # build output: never committed
rm -rf "$DEMO" && mkdir -p "$DEMO" && cp "$DIST"/folio* "$DEMO"/

# Sizes of what a page downloads: the drop-in UI (folio.js + folio-worker.js + folio.css), the
# engine, and the offline variant.
printf 'build-web: %-18s %10s %10s %10s\n' file raw gzip brotli
for f in folio.js folio-worker.js folio.css folio-engine.js folio_bg.wasm folio-offline.js folio.d.ts; do
  raw=$(stat -c %s "$DIST/$f"); gz=$(gzip -9 -c "$DIST/$f" | wc -c); br=-
  command -v brotli >/dev/null 2>&1 && br=$(brotli -q 11 -c "$DIST/$f" | wc -c)
  printf 'build-web: %-18s %10s %10s %10s\n' "$f" "$raw" "$gz" "$br"
done
