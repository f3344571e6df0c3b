#!/usr/bin/env bash
# Builds the wasm search engine and the distributable bundle in dist/:
#   cargo build (wasm32) -> wasm-bindgen --target web (target/web-pkg/) -> wasm-opt -Oz (best
#   effort) -> scripts/bundle-web.mjs -> dist/ (folio.js, folio-worker.js, folio-engine.js,
#   folio_bg.wasm, folio.css, folio.d.ts, folio-highlight.js, folio-load.js, folio-offline.js) -> copied to www/pkg/ for the demo.
# dist/ embeds the built-in index (the seeds); dist/site/ holds the same files around a module
# without one, which is what `folio index` writes next to a site's own index.folio. Those files
# are also copied to crates/folio-cli/web/, which is committed: the CLI embeds them, so a lone
# `folio` binary writes the whole bundle (scripts/check-web-assets.sh checks they are current).
# dist/site/ holds three site modules: the English/Russian one; in dist/site/large/ the same with
# what large indexes need (folio-core's large: pruning, packs, two-level directories), which
# `folio index` writes for split indexes of 100,000 documents or more, or packed; and in dist/site/languages/ the one with every language (folio-core's all-languages:
# stemming by page language, character pairs, Greek/Turkish/Arabic folds; large too) with its
# offline script, which `folio index` writes, under the same names, when the index needs it.
# Every other file is the same for all three (checked here).
# The build is reproducible across checkout paths and machines: paths that end up in the module
# (the cargo registry, the toolchain, this checkout) are remapped to fixed prefixes.
# Run scripts/setup.sh first on a fresh machine. FOLIO_INDEX=<index.folio> inlines that index
# in dist/folio-offline.js (for file:// copies of a site indexed with `folio index`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say()  { printf 'build-web: %s\n' "$*"; }
warn() { printf 'build-web: warning: %s\n' "$*" >&2; }
die()  { printf 'build-web: error: %s\n' "$*" >&2; exit 1; }

TARGET=wasm32-unknown-unknown

# Panics compiled to a bare trap. With `-Cpanic=immediate-abort`, std is rebuilt without the code
# that formats panic messages (a browser never shows them: nothing prints them), which takes 11%
# off the gzipped module. It needs the rust-src component (scripts/setup.sh adds it) and two
# unstable flags, which RUSTC_BOOTSTRAP=1 allows on the stable toolchain; it builds in its own
# target dir so the ordinary builds keep their cache. The standard library is built with its
# `optimize_for_size` feature: every sort becomes one small heapsort or insertion sort instead of a
# pattern-defeating quicksort instantiated per element type (16 KB of the module before), and
# formatting and searching take their small forms; 9% off the gzipped site module (bench/size-table.md).
# `-Zlocation-detail=none` leaves the file names and lines of panic locations out: a trap never
# reports them, and their strings were still in the module (167 B gzip).
# Every sort in the engine orders by a whole key, so an unstable sort's order of equal elements
# never shows. Without rust-src, or with
# FOLIO_STD_BUILD=0, the module is built the ordinary way (panic = "abort").
# Cargo's target dir: CARGO_TARGET_DIR when set (the benchmark builds in its own), else target/.
TDIR=${CARGO_TARGET_DIR:-target}
# Source paths reach the module (panic locations of the standard library and of dependencies):
# remap the machine-specific prefixes so that a clone elsewhere, or another user's cargo home,
# builds the same bytes.
SYSROOT=$(rustc --print sysroot)
REMAP="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=/cargo/registry/src"
REMAP+=" --remap-path-prefix=$SYSROOT=/rustc/sysroot --remap-path-prefix=$PWD=/folio"
CARGO_WASM=(env RUSTFLAGS="$REMAP" cargo build --profile wasm --target "$TARGET")
WASM=$TDIR/$TARGET/wasm/folio.wasm
if [[ ${FOLIO_STD_BUILD:-1} != 0 && -d "$SYSROOT/lib/rustlib/src/rust/library/std" ]]; then
  CARGO_WASM=(env RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none $REMAP"
              cargo build --profile wasm --target "$TARGET" --target-dir "$TDIR/wasm-std"
              -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size)
  WASM=$TDIR/wasm-std/$TARGET/wasm/folio.wasm
elif [[ ${FOLIO_STD_BUILD:-1} != 0 ]]; then
  warn "the rust-src component is missing (rustup component add rust-src): building with panic = \"abort\", about 14 KB gzip larger"
fi
DIST=dist
DEMO=www/pkg

command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen not found; run: bash scripts/setup.sh"

# The CLI and the crate must be the same version, or the glue will not match the module.
want=$(awk '/^\[\[package\]\]/{n=""} /^name = /{gsub(/"/,"",$3); n=$3} /^version = / && n=="wasm-bindgen"{gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
have=$(wasm-bindgen --version | awk '{print $2}')
[[ -z $want || $want == "$have" ]] || die "wasm-bindgen CLI is $have but Cargo.lock has $want; run: bash scripts/setup.sh"

human() { awk -v b="$1" 'BEGIN { if (b >= 1048576) printf "%.2f MiB", b/1048576; else printf "%.1f KiB", b/1024 }'; }

# wasm-opt -Oz, best effort. Every optimised module is loaded and searched once in Node
# (scripts/check-wasm.mjs) before it replaces the working one: Debian's binaryen v108
# is known to mis-map wasm-bindgen's externref table export, which only shows at run time.
# optimise <cargo wasm> <wasm-bindgen dir> [check-wasm flag]
optimise() {
  local wasm=$1 out=$2 check=${3:-}
  local bg=$out/folio_bg.wasm
  # Debian's binaryen (v108) predates rustc's default wasm features; enable them explicitly.
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
                  --enable-mutable-globals --enable-reference-types --enable-multivalue)
  # --converge repeats -Oz until the module stops shrinking (about 0.5 KB gzip more).
  # --low-memory-unused: the first 1 KiB of memory is the far end of Rust's 1 MiB stack (data
  # starts above it), so no address the code computes lands there; binaryen then folds constant
  # offsets into loads and stores (0.9 KB gzip; bench/size-table.md).
  # SMALLER=1 (set by the caller for one module): -ocimfs 0, binaryen's
  # --one-caller-inline-max-function-size 0, leaves a function called from one place a function
  # of its own instead of folding it into its caller: 9 KB more raw, but 5.5 KB (4.9%) less
  # gzipped for the English/Russian site module (the large merged functions compressed worse),
  # for about 3% more time per warm query (Node, interleaved, Cranfield: p50 0.434 -> 0.456 ms).
  # Taken for the modules small sites download; the module for large indexes, whose warm
  # queries at a million documents are the slow ones, keeps the inlining.
  local smaller=()
  [[ ${SMALLER:-0} == 1 ]] && smaller=(-ocimfs 0)
  local passes=(--low-memory-unused -Oz --converge "${smaller[@]}")
  local work log
  work=$(mktemp -d "${TMPDIR:-/tmp}/folio-opt.XXXXXX")
  log=$work/log
  # 1. Optimise cargo's output, then run wasm-bindgen on it. wasm-bindgen would otherwise add a
  # name section and a producers section after wasm-opt has dropped them (273 B gzip; the glue
  # is the same).
  if wasm-opt "${passes[@]}" "${features[@]}" "$wasm" -o "$work/pre.wasm" >"$log" 2>&1 \
     && wasm-bindgen --target web --remove-name-section --remove-producers-section \
          --out-dir "$work/pkg" --out-name folio "$work/pre.wasm" >>"$log" 2>&1 \
     && node scripts/check-wasm.mjs "$work/pkg" "" $check >>"$log" 2>&1; then
    # 2. Then optimise wasm-bindgen's output once more (its export shims, with what they call
    # inlined: about 0.7 KB gzip; bench/size-table.md). Debian's binaryen v108 writes the
    # externref table's export naming the function table, so the first JavaScript value the
    # glue stores throws: fix-externref-export.mjs re-points it, and the module is loaded and
    # searched before it is kept.
    if wasm-opt -Oz "${smaller[@]}" "${features[@]}" "$work/pkg/folio_bg.wasm" -o "$work/post.wasm" >>"$log" 2>&1 \
       && node scripts/fix-externref-export.mjs "$work/post.wasm" >>"$log" 2>&1 \
       && node scripts/check-wasm.mjs "$work/pkg" "$work/post.wasm" $check >>"$log" 2>&1; then
      install -m 0644 "$work/post.wasm" "$work/pkg/folio_bg.wasm"
      say "wasm-opt -Oz (before and after wasm-bindgen): ok"
    else
      say "wasm-opt -Oz (before wasm-bindgen): ok; optimising after wasm-bindgen gave a broken module"
    fi
    rm -rf "$out" && mkdir -p "$out" && cp "$work"/pkg/* "$out"/ && chmod 0644 "$out"/*
    rm -rf "$work"; return 0
  fi
  warn "wasm-opt did not give a working module; keeping the un-optimised wasm. Its output:"
  sed 's/^/    /' "$log" | tail -n 15 >&2
  rm -rf "$work"; return 1
}

# module <wasm-bindgen dir> [cargo flags...]: builds the module, binds it and optimises it.
# With --no-default-features the module embeds no index (check-wasm is told so with --bare).
module() {
  local out=$1; shift
  local check=""
  [[ " $* " == *" --no-default-features "* ]] && check=--bare
  say "${CARGO_WASM[*]} -p folio $*"
  "${CARGO_WASM[@]}" -p folio "$@"
  [[ -f $WASM ]] || die "$WASM was not produced"
  say "wasm-bindgen --target web -> $out/"
  rm -rf "$out"
  wasm-bindgen --target web --out-dir "$out" --out-name folio "$WASM"
  local bg=$out/folio_bg.wasm
  [[ -f $bg && -f $out/folio.js ]] || die "wasm-bindgen did not write $bg and $out/folio.js"
  node scripts/check-wasm.mjs "$out" "" $check >/dev/null || die "the un-optimised wasm does not load in Node; see the message above"
  # The wasm-opt input, with its name section, for bench/size-table.mjs (where the bytes go).
  mkdir -p "$TDIR/size" && cp "$bg" "$TDIR/size/${out##*/}.names.wasm"
  local before
  before=$(stat -c %s "$bg")
  if [[ ${FOLIO_NO_WASM_OPT:-} == 1 ]]; then
    warn "FOLIO_NO_WASM_OPT=1: skipping wasm-opt"
  elif ! command -v wasm-opt >/dev/null 2>&1; then
    warn "wasm-opt not found (apt-get install binaryen); keeping the un-optimised wasm"
  elif optimise "$WASM" "$out" $check; then
    say "wasm-opt: $before -> $(stat -c %s "$bg") bytes"
  fi
  local raw gz br line
  raw=$(stat -c %s "$bg")
  gz=$(gzip -9 -c "$bg" | wc -c)
  line="$bg: raw $raw bytes ($(human "$raw")), gzip -9 $gz bytes ($(human "$gz"))"
  if command -v brotli >/dev/null 2>&1; then
    br=$(brotli -q 11 -c "$bg" | wc -c)
    line+=", brotli $br bytes ($(human "$br"))"
  fi
  say "$line"
}

# Two modules from the same code: with the built-in index (the seeds, or FOLIO_CORPUS) for dist/
# and the demo, and without one for dist/site/, which `folio index` copies into the bundles it
# writes (a site that loads its own index.folio should not download the seeds' index too).
OUT=$TDIR/web-pkg
OUT_BARE=$TDIR/web-pkg-bare
OUT_LANGS=$TDIR/web-pkg-languages
OUT_LARGE=$TDIR/web-pkg-large
SMALLER=1 module "$OUT"
SMALLER=1 module "$OUT_BARE" --no-default-features
# What only large indexes need (folio-core's `large`: pruning, packed chunks, two-level
# directories): the English/Russian modules above go without it, the one `folio index` writes
# for split indexes of 100,000 documents or more (or packed) has it, and so does the
# all-languages one.
module "$OUT_LARGE" --no-default-features --features folio-core/large
SMALLER=1 module "$OUT_LANGS" --no-default-features --features folio-core/all-languages,folio-core/large

say "bundle -> $DIST/ and $DIST/site/"
rm -rf "$DIST"
bundle_args=("$OUT" "$DIST")
[[ -n ${FOLIO_INDEX:-} ]] && bundle_args+=(--index "$FOLIO_INDEX")
node scripts/bundle-web.mjs "${bundle_args[@]}"
node scripts/bundle-web.mjs "$OUT_BARE" "$DIST/site"
# The all-languages site module: only the module and the offline script that inlines it differ.
LANG_FILES=(folio_bg.wasm folio-offline.js)
node scripts/bundle-web.mjs "$OUT_LANGS" "$DIST/site-languages"
for f in "$DIST"/site-languages/*; do
  name=${f##*/}
  [[ " ${LANG_FILES[*]} " == *" $name "* ]] && continue
  cmp -s "$f" "$DIST/site/$name" \
    || die "$name differs between the English/Russian and the all-languages site bundles; the CLI embeds one copy (update LANG_FILES here, in check-web-assets.sh and in crates/folio-cli/src/cmd/index/bundle/assets.rs)"
done
mkdir -p "$DIST/site/languages"
for f in "${LANG_FILES[@]}"; do install -m 0644 "$DIST/site-languages/$f" "$DIST/site/languages/$f"; done
rm -rf "$DIST/site-languages"
# The large-index site module: only the module differs (its bundles are split: no offline script).
node scripts/bundle-web.mjs "$OUT_LARGE" "$DIST/site-large"
for f in "$DIST"/site-large/*; do
  name=${f##*/}
  [[ $name == folio_bg.wasm || $name == folio-offline.js ]] && continue
  cmp -s "$f" "$DIST/site/$name" \
    || die "$name differs between the English/Russian and the large-index site bundles; the CLI embeds one copy"
done
mkdir -p "$DIST/site/large"
install -m 0644 "$DIST/site-large/folio_bg.wasm" "$DIST/site/large/folio_bg.wasm"
rm -rf "$DIST/site-large"
printf '*\n' >"$DIST/.gitignore"   # build output: never committed
# The site bundle the CLI embeds (committed; never the module with the seeds' index).
WEB=crates/folio-cli/web
mkdir -p "$WEB"
for f in folio.js folio-worker.js folio-engine.js folio_bg.wasm folio.css folio.d.ts folio-highlight.js folio-load.js folio-offline.js; do
  install -m 0644 "$DIST/site/$f" "$WEB/$f"
done
mkdir -p "$WEB/languages" "$WEB/large"
for f in "${LANG_FILES[@]}"; do install -m 0644 "$DIST/site/languages/$f" "$WEB/languages/$f"; done
install -m 0644 "$DIST/site/large/folio_bg.wasm" "$WEB/large/folio_bg.wasm"
say "site bundle -> $WEB/ (embedded in the folio CLI; commit it)"
rm -rf "$DEMO" && mkdir -p "$DEMO" && cp "$DIST"/folio* "$DEMO"/

# Sizes of what a page downloads: the drop-in UI (folio.js + folio-worker.js + folio.css), the
# engine, and the offline variant.
printf 'build-web: %-18s %10s %10s %10s\n' file raw gzip brotli
for f in folio.js folio-worker.js folio.css folio-engine.js folio_bg.wasm folio-offline.js folio.d.ts folio-highlight.js folio-load.js; do
  raw=$(stat -c %s "$DIST/$f"); gz=$(gzip -9 -c "$DIST/$f" | wc -c); br=-
  command -v brotli >/dev/null 2>&1 && br=$(brotli -q 11 -c "$DIST/$f" | wc -c)
  printf 'build-web: %-18s %10s %10s %10s\n' "$f" "$raw" "$gz" "$br"
done
for f in site/folio_bg.wasm site/large/folio_bg.wasm site/languages/folio_bg.wasm; do
  raw=$(stat -c %s "$DIST/$f"); gz=$(gzip -9 -c "$DIST/$f" | wc -c); br=-
  command -v brotli >/dev/null 2>&1 && br=$(brotli -q 11 -c "$DIST/$f" | wc -c)
  what="no built-in index, English/Russian"
  [[ $f == site/languages/* ]] && what="no built-in index, all languages, large indexes"
  [[ $f == site/large/* ]] && what="no built-in index, English/Russian, large indexes"
  printf 'build-web: %-29s %10s %10s %10s  (%s)\n' "$f" "$raw" "$gz" "$br" "$what"
done
