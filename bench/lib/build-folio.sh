#!/usr/bin/env bash
# Builds what the Folio rows need, into bench/out/ (never into www/):
#   <target>/release/folio    the CLI (cargo build --release -p folio-cli); path written to out/FOLIO_BIN
#   bench/out/pkg/            wasm-bindgen --target web package, seeds index embedded (default features,
#                             as in dist/): the seeds row
#   bench/out/pkg-bare/       the same code built with --no-default-features: no embedded index, as
#                             `folio index` ships it in the bundles it writes (dist/site/): every other row
# Both wasm builds share one target dir and write the same <target>/wasm32-unknown-unknown/wasm/folio.wasm,
# so each is bound right after it is built. With FOLIO_BIN set, nothing is built: the packages
# scripts/build-web.sh left in target/web-pkg and target/web-pkg-bare are used (already wasm-opt'ed
# there), else the wasm in target/wasm32-unknown-unknown/wasm is bound as it is.
# Every package is loaded and searched in Node (lib/check-folio.mjs) before it is used; a bare one
# must refuse to search, then answer once an index built by the CLI from seeds/ is loaded.
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

# check_args <pkg kind>: the arguments lib/check-folio.mjs needs for an "embedded" or a "bare" package.
# A bare package is also searched after loading $CHECK_INDEX, when the CLI could write one.
check_args() {
  if [ "$1" = bare ]; then
    echo --bare
    [ -n "${CHECK_INDEX:-}" ] && [ -f "$CHECK_INDEX" ] && echo --index && echo "$CHECK_INDEX"
  fi
  return 0
}

# check_index <folio CLI>: indexes seeds/ into bench/out/check-index, so that a bare module can be
# searched in Node; sets CHECK_INDEX (empty when the CLI fails: the bare check then only sees the refusal).
check_index() {
  CHECK_INDEX=""
  rm -rf "$OUT/check-index"
  if timeout 120 "$1" index "$REPO/seeds" --out "$OUT/check-index" >/dev/null 2>&1 && [ -f "$OUT/check-index/index.folio" ]; then
    CHECK_INDEX="$OUT/check-index/index.folio"
  else
    note "could not index seeds/ with $1; bare packages are checked without loading an index"
  fi
}

# bindgen_pkg <cargo wasm> <pkg dir> <embedded|bare>: wasm-bindgen, then wasm-opt -Oz (kept only if the
# result loads in Node).
bindgen_pkg() {
  local wasm="$1" pkg="$2" tmp
  local -a chk
  mapfile -t chk < <(check_args "$3")
  rm -rf "$pkg.tmp" && mkdir -p "$pkg.tmp"
  if ! timeout 300 wasm-bindgen --target web --out-dir "$pkg.tmp" --out-name folio "$wasm" >&2; then
    note "wasm-bindgen FAILED for $wasm"; rm -rf "$pkg.tmp"; return 1
  fi
  echo "none" > "$pkg.tmp/OPT"
  if command -v wasm-opt >/dev/null 2>&1; then
    tmp="$pkg.tmp/opt.wasm"
    if timeout 300 wasm-opt -Oz "${FEATURES[@]}" "$pkg.tmp/folio_bg.wasm" -o "$tmp" 2>/dev/null \
       && node "$BENCH/lib/check-folio.mjs" "$pkg.tmp" "$tmp" "${chk[@]}" >/dev/null 2>&1; then
      mv "$tmp" "$pkg.tmp/folio_bg.wasm"; echo "wasm-opt -Oz after wasm-bindgen" > "$pkg.tmp/OPT"
    else
      # Debian's binaryen can mis-handle wasm-bindgen's output: optimise cargo's wasm, then bind.
      rm -f "$tmp"
      if timeout 300 wasm-opt -Oz "${FEATURES[@]}" "$wasm" -o "$pkg.tmp/pre.wasm" 2>/dev/null \
         && mkdir -p "$pkg.tmp/b" && timeout 300 wasm-bindgen --target web --out-dir "$pkg.tmp/b" --out-name folio "$pkg.tmp/pre.wasm" \
         && node "$BENCH/lib/check-folio.mjs" "$pkg.tmp/b" "${chk[@]}" >/dev/null 2>&1; then
        cp "$pkg.tmp/b/folio.js" "$pkg.tmp/b/folio_bg.wasm" "$pkg.tmp/"; echo "wasm-opt -Oz before wasm-bindgen" > "$pkg.tmp/OPT"
      else
        note "wasm-opt gave no working module for $wasm; keeping the un-optimised wasm"
      fi
      rm -rf "$pkg.tmp/b" "$pkg.tmp/pre.wasm"
    fi
  fi
  if ! node "$BENCH/lib/check-folio.mjs" "$pkg.tmp" "${chk[@]}" > "$pkg.tmp/INFO" 2>&1; then
    note "Folio wasm package $pkg does not load in Node: $(grep -m1 -i 'error' "$pkg.tmp/INFO" || tail -1 "$pkg.tmp/INFO")"
    rm -rf "$pkg.tmp"; return 1
  fi
  rm -rf "$pkg" && mv "$pkg.tmp" "$pkg"
}

# copy_pkg <web-pkg dir> <pkg dir> <embedded|bare>: takes a package scripts/build-web.sh made (bound and
# wasm-opt'ed there), after checking it in Node like ours.
copy_pkg() {
  local from="$1" pkg="$2"
  local -a chk
  mapfile -t chk < <(check_args "$3")
  [ -f "$from/folio.js" ] && [ -f "$from/folio_bg.wasm" ] || return 1
  rm -rf "$pkg.tmp" && mkdir -p "$pkg.tmp" && cp "$from"/* "$pkg.tmp/" || return 1
  echo "from scripts/build-web.sh (${from#"$REPO"/})" > "$pkg.tmp/OPT"
  if ! node "$BENCH/lib/check-folio.mjs" "$pkg.tmp" "${chk[@]}" > "$pkg.tmp/INFO" 2>&1; then
    note "$from does not pass lib/check-folio.mjs ($3): $(grep -m1 -i 'error' "$pkg.tmp/INFO" || tail -1 "$pkg.tmp/INFO")"
    rm -rf "$pkg.tmp"; return 1
  fi
  rm -rf "$pkg" && mv "$pkg.tmp" "$pkg"
}

# build_from <source dir> <cargo target dir or ""> <label>: the CLI + both wasm packages from one source tree.
build_from() {
  local src="$1" tdir="$2"
  local -a env=()
  [ -n "$tdir" ] && env=(CARGO_TARGET_DIR="$tdir")
  local tgt="${tdir:-$src/target}"
  local wasm="$tgt/wasm32-unknown-unknown/wasm/folio.wasm"
  note "[$3] cargo build --release -p folio-cli"
  (cd "$src" && env "${env[@]}" timeout "$T" cargo build --release -q -p folio-cli >&2) || { note "[$3] folio-cli build FAILED"; return 1; }
  check_index "$tgt/release/folio"
  note "[$3] cargo build --profile wasm --target wasm32-unknown-unknown -p folio (seeds index embedded)"
  (cd "$src" && env "${env[@]}" timeout "$T" cargo build --profile wasm -q --target wasm32-unknown-unknown -p folio >&2) \
    || { note "[$3] folio wasm build FAILED"; return 1; }
  bindgen_pkg "$wasm" "$OUT/pkg" embedded || return 1
  echo "$tgt/release/folio" > "$OUT/FOLIO_BIN"
  echo "$3" > "$OUT/FOLIO_SRC"
  # Same target dir and output file: only the folio crate is rebuilt, and the wasm above is overwritten.
  # A failure here is not fatal: the seeds row still runs, the other Folio rows print the error.
  note "[$3] cargo build --profile wasm --target wasm32-unknown-unknown -p folio --no-default-features (no embedded index)"
  if (cd "$src" && env "${env[@]}" timeout "$T" cargo build --profile wasm -q --target wasm32-unknown-unknown -p folio --no-default-features >&2); then
    bindgen_pkg "$wasm" "$OUT/pkg-bare" bare || note "[$3] no usable package without an embedded index"
  else
    note "[$3] folio wasm build without an embedded index FAILED"
  fi
  return 0
}

rm -rf "$OUT/pkg" "$OUT/pkg-bare" "$OUT/FOLIO_BIN" "$OUT/FOLIO_SRC"
# Left by earlier versions of this script (a one-document FOLIO_CORPUS build in its own target dir).
# The target dir is ~250 MB: renamed into a trash-<n> dir, which bench.mjs deletes in the background at the end.
rm -rf "$OUT/pkg-noidx" "$OUT/tiny-corpus"
[ -d "$OUT/cargo-noidx" ] && { mv "$OUT/cargo-noidx" "$OUT/trash-$(date +%s%N)" 2>/dev/null || rm -rf "$OUT/cargo-noidx"; }
if [ -n "${FOLIO_BIN:-}" ]; then
  echo "$FOLIO_BIN" > "$OUT/FOLIO_BIN"; echo "given binary" > "$OUT/FOLIO_SRC"
  check_index "$FOLIO_BIN"
  if [ -f "$REPO/target/web-pkg/folio_bg.wasm" ] || [ -f "$REPO/target/web-pkg-bare/folio_bg.wasm" ]; then
    note "FOLIO_BIN=$FOLIO_BIN: using it and the packages scripts/build-web.sh left in target/web-pkg and target/web-pkg-bare"
    copy_pkg "$REPO/target/web-pkg" "$OUT/pkg" embedded || note "no usable target/web-pkg: the seeds row will show an error"
    copy_pkg "$REPO/target/web-pkg-bare" "$OUT/pkg-bare" bare || note "no usable target/web-pkg-bare: the other rows will show an error"
  else
    # No build-web.sh output: bind whatever cargo last built, and file it under the kind it turns out to be.
    wasm="$REPO/target/wasm32-unknown-unknown/wasm/folio.wasm"
    note "FOLIO_BIN=$FOLIO_BIN: no target/web-pkg*; binding $wasm as it is (run scripts/build-web.sh for both modules)"
    if [ -f "$wasm" ]; then
      rm -rf "$OUT/probe" && mkdir -p "$OUT/probe"
      kind=""
      if timeout 300 wasm-bindgen --target web --out-dir "$OUT/probe" --out-name folio "$wasm" >&2; then
        kind=$(node "$BENCH/lib/check-folio.mjs" "$OUT/probe" --any 2>/dev/null | grep -o '"embedded":[a-z]*' | cut -d: -f2)
      fi
      rm -rf "$OUT/probe"
      case "$kind" in
        true)  bindgen_pkg "$wasm" "$OUT/pkg" embedded || true
               note "$wasm embeds an index: only the seeds row can run (the others need a module without one)" ;;
        false) bindgen_pkg "$wasm" "$OUT/pkg-bare" bare || true
               note "$wasm embeds no index: the seeds row will show an error" ;;
        *)     note "$wasm does not load in Node" ;;
      esac
    else
      note "$wasm not found"
    fi
  fi
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
      why="working tree did not build"; [ "${FOLIO_SRC:-auto}" = head ] && why="FOLIO_SRC=head"
      build_from "$OUT/src-head" "$OUT/cargo-head" "HEAD $head ($why)" || true
    fi ;;
esac
exit 0
