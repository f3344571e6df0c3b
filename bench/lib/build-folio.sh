#!/usr/bin/env bash
# Builds what the Folio rows need:
#   <target>/release/folio    the CLI (cargo build --release -p folio-cli); path written to out/FOLIO_BIN
#   bench/out/pkg/            the wasm package with the seeds' index embedded (as in dist/): the seeds row
#   bench/out/pkg-bare/       the same code without an embedded index, as `folio index` ships it in the
#                             bundles it writes (dist/site/): every other row
# Both packages come from scripts/build-web.sh (target/web-pkg and target/web-pkg-bare of the tree it
# builds), so the benchmark measures exactly the modules a site gets. With FOLIO_BIN set, nothing is
# built: the packages build-web.sh last left in target/ are used.
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

# copy_dist <dist dir>: the bundle a site gets (dist/ with the seeds' index in the wasm, dist/site/
# without), which the typing benchmark (lib/typing.mjs) mounts as the drop-in UI.
copy_dist() {
  rm -rf "$OUT/dist"
  if [ -f "$1/folio.js" ] && [ -f "$1/site/folio.js" ]; then cp -r "$1" "$OUT/dist"
  else note "no $1/folio.js and $1/site/folio.js: the typing rows of Folio will show an error"; fi
}

# build_from <source dir> <cargo target dir or ""> <label>: the CLI, then both wasm packages as
# scripts/build-web.sh makes them (bound, wasm-opt'ed and checked there; it also refreshes that tree's dist/).
build_from() {
  local src="$1" tdir="$2"
  local -a env=()
  [ -n "$tdir" ] && env=(CARGO_TARGET_DIR="$tdir")
  local tgt="${tdir:-$src/target}"
  note "[$3] cargo build --release -p folio-cli"
  (cd "$src" && env "${env[@]}" timeout "$T" cargo build --release -q -p folio-cli >&2) || { note "[$3] folio-cli build FAILED"; return 1; }
  check_index "$tgt/release/folio"
  note "[$3] scripts/build-web.sh (the module with the seeds' index and the one without)"
  (cd "$src" && env "${env[@]}" timeout "$T" bash scripts/build-web.sh >&2) || { note "[$3] scripts/build-web.sh FAILED"; return 1; }
  copy_pkg "$tgt/web-pkg" "$OUT/pkg" embedded || return 1
  copy_dist "$src/dist"
  echo "$tgt/release/folio" > "$OUT/FOLIO_BIN"
  echo "$3" > "$OUT/FOLIO_SRC"
  # Not fatal: the seeds row still runs, the other Folio rows print the error.
  copy_pkg "$tgt/web-pkg-bare" "$OUT/pkg-bare" bare || note "[$3] no usable package without an embedded index"
  return 0
}

rm -rf "$OUT/pkg" "$OUT/pkg-bare" "$OUT/dist" "$OUT/FOLIO_BIN" "$OUT/FOLIO_SRC"
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
    copy_dist "$REPO/dist"
  else
    note "FOLIO_BIN=$FOLIO_BIN: no target/web-pkg*: run scripts/build-web.sh first; the Folio rows will show an error"
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
