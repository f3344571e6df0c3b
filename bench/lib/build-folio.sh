#!/usr/bin/env bash
# Builds what the Folio rows need, into bench/out/ (never into www/):
#   <target>/release/folio                the CLI (cargo build --release -p folio-cli); path written to out/FOLIO_BIN
#   bench/out/pkg/                        wasm-bindgen --target web package, seeds index embedded (as shipped today)
#   bench/out/pkg-noidx/                  the same code with a one-document embedded index (FOLIO_CORPUS), built in
#                                         its own target dir bench/out/cargo-noidx; shows what an index-less build saves.
#                                         Skipped when BENCH_NOIDX=0.
# Each step reports failure on stderr and goes on; bench.mjs prints `error: …` for what is missing.
set -uo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$BENCH/.." && pwd)"
OUT="$BENCH/out"
T="${BENCH_CARGO_TIMEOUT:-900}"
note() { echo "[bench] $*" >&2; }
mkdir -p "$OUT"
cd "$REPO"

FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
          --enable-reference-types --enable-multivalue)

# bindgen_pkg <cargo wasm> <pkg dir>: wasm-bindgen, then wasm-opt -Oz (kept only if the result loads in Node).
bindgen_pkg() {
  local wasm="$1" pkg="$2" tmp
  rm -rf "$pkg.tmp" && mkdir -p "$pkg.tmp"
  if ! timeout 300 wasm-bindgen --target web --out-dir "$pkg.tmp" --out-name folio "$wasm" >&2; then
    note "wasm-bindgen FAILED for $wasm"; rm -rf "$pkg.tmp"; return 1
  fi
  echo "none" > "$pkg.tmp/OPT"
  if command -v wasm-opt >/dev/null 2>&1; then
    tmp="$pkg.tmp/opt.wasm"
    if timeout 300 wasm-opt -Oz "${FEATURES[@]}" "$pkg.tmp/folio_bg.wasm" -o "$tmp" 2>/dev/null \
       && node "$BENCH/lib/check-folio.mjs" "$pkg.tmp" "$tmp" >/dev/null 2>&1; then
      mv "$tmp" "$pkg.tmp/folio_bg.wasm"; echo "wasm-opt -Oz after wasm-bindgen" > "$pkg.tmp/OPT"
    else
      # Debian's binaryen can mis-handle wasm-bindgen's output: optimise cargo's wasm, then bind.
      rm -f "$tmp"
      if timeout 300 wasm-opt -Oz "${FEATURES[@]}" "$wasm" -o "$pkg.tmp/pre.wasm" 2>/dev/null \
         && mkdir -p "$pkg.tmp/b" && timeout 300 wasm-bindgen --target web --out-dir "$pkg.tmp/b" --out-name folio "$pkg.tmp/pre.wasm" \
         && node "$BENCH/lib/check-folio.mjs" "$pkg.tmp/b" >/dev/null 2>&1; then
        cp "$pkg.tmp/b/folio.js" "$pkg.tmp/b/folio_bg.wasm" "$pkg.tmp/"; echo "wasm-opt -Oz before wasm-bindgen" > "$pkg.tmp/OPT"
      else
        note "wasm-opt gave no working module for $wasm; keeping the un-optimised wasm"
      fi
      rm -rf "$pkg.tmp/b" "$pkg.tmp/pre.wasm"
    fi
  fi
  if ! node "$BENCH/lib/check-folio.mjs" "$pkg.tmp" > "$pkg.tmp/INFO" 2>&1; then
    note "Folio wasm package $pkg does not load in Node: $(tail -1 "$pkg.tmp/INFO")"; rm -rf "$pkg.tmp"; return 1
  fi
  rm -rf "$pkg" && mv "$pkg.tmp" "$pkg"
}

# build_from <source dir> <cargo target dir or ""> : CLI + both wasm packages from one source tree.
build_from() {
  local src="$1" tdir="$2" ok=1
  local -a env=()
  [ -n "$tdir" ] && env=(CARGO_TARGET_DIR="$tdir")
  local tgt="${tdir:-$src/target}"
  note "[$3] cargo build --release -p folio-cli"
  (cd "$src" && env "${env[@]}" timeout "$T" cargo build --release -q -p folio-cli >&2) || { note "[$3] folio-cli build FAILED"; return 1; }
  note "[$3] cargo build --profile wasm --target wasm32-unknown-unknown -p folio (seeds index embedded)"
  (cd "$src" && env "${env[@]}" timeout "$T" cargo build --profile wasm -q --target wasm32-unknown-unknown -p folio >&2) \
    || { note "[$3] folio wasm build FAILED"; return 1; }
  bindgen_pkg "$tgt/wasm32-unknown-unknown/wasm/folio.wasm" "$OUT/pkg" || return 1
  echo "$tgt/release/folio" > "$OUT/FOLIO_BIN"
  echo "$3" > "$OUT/FOLIO_SRC"
  if [ "${BENCH_NOIDX:-1}" = 1 ]; then
    mkdir -p "$OUT/tiny-corpus"
    printf '{"id":"x","title":"x","body":"x"}\n' > "$OUT/tiny-corpus/docs.jsonl"
    note "[$3] cargo build (wasm, one-document embedded index) in bench/out/cargo-noidx (first time: ~2 min)"
    if (cd "$src" && FOLIO_CORPUS="$OUT/tiny-corpus/docs.jsonl" CARGO_TARGET_DIR="$OUT/cargo-noidx" \
          timeout "$T" cargo build --profile wasm -q --target wasm32-unknown-unknown -p folio >&2); then
      bindgen_pkg "$OUT/cargo-noidx/wasm32-unknown-unknown/wasm/folio.wasm" "$OUT/pkg-noidx" || rm -rf "$OUT/pkg-noidx"
    else
      note "[$3] index-less folio wasm build FAILED"
    fi
  fi
  return 0
}

rm -rf "$OUT/pkg" "$OUT/pkg-noidx" "$OUT/FOLIO_BIN" "$OUT/FOLIO_SRC"
if [ -n "${FOLIO_BIN:-}" ]; then
  note "FOLIO_BIN=$FOLIO_BIN: using it and the wasm in target/wasm32-unknown-unknown/wasm as they are"
  echo "$FOLIO_BIN" > "$OUT/FOLIO_BIN"; echo "given binary" > "$OUT/FOLIO_SRC"
  bindgen_pkg "$REPO/target/wasm32-unknown-unknown/wasm/folio.wasm" "$OUT/pkg" || true
  exit 0
fi
case "${FOLIO_SRC:-auto}" in
  tree) build_from "$REPO" "" "working tree" || true ;;
  head|auto)
    if [ "${FOLIO_SRC:-auto}" = head ] || ! build_from "$REPO" "" "working tree"; then
      # The working tree does not build (someone is mid-edit): measure the last commit instead.
      head=$(git -C "$REPO" rev-parse --short HEAD)
      note "building Folio from HEAD $head (git archive into bench/out/src-head, target bench/out/cargo-head)"
      if [ "$(cat "$OUT/src-head.commit" 2>/dev/null)" != "$head" ]; then
        rm -rf "$OUT/src-head" && mkdir -p "$OUT/src-head" && git -C "$REPO" archive HEAD | tar -x -C "$OUT/src-head" \
          && echo "$head" > "$OUT/src-head.commit"
      fi
      build_from "$OUT/src-head" "$OUT/cargo-head" "HEAD $head (working tree did not build)" || true
    fi ;;
esac
exit 0
