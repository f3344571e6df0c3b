#!/usr/bin/env bash
# Folio performance benchmark: one command, one markdown table per corpus (+ a scale table).
#
#   bench/run.sh [corpus ...]       # default: seeds cranfield wikipedia-en-leads (+ scale table)
#
# Builds Folio (CLI + wasm packages into bench/out/), installs bench/'s npm packages on first use,
# then runs bench.mjs. Tables go to stdout and bench/out/report.md; progress to stderr.
# Environment (see README.md): FOLIO_SRC=auto|tree|head, FOLIO_BIN, FOLIO_BUILD=0,
# ENGINES, SCALE=0|1, SCALE_SIZES, SCALE_ENGINES, BENCH_*_TIMEOUT, CORPORA_DIR, CHROMIUM_PATH.
set -uo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
note() { echo "[bench] $*" >&2; }
T0=$(date +%s)

if [ ! -d "$BENCH/node_modules/playwright-core" ] || [ ! -d "$BENCH/node_modules/@orama/orama" ]; then
  # Not `npm ci`: the registry here lacks pagefind's non-linux optional binaries, which `npm ci`
  # insists on; `npm install` honours package-lock.json and leaves it unchanged.
  note "npm install (bench/package-lock.json)"
  (cd "$BENCH" && timeout 300 npm install --no-audit --no-fund >&2) || note "npm install failed: peers will show errors"
fi

if [ "${FOLIO_BUILD:-1}" = 1 ]; then
  bash "$BENCH/lib/build-folio.sh"
else
  note "FOLIO_BUILD=0: using bench/out/pkg, pkg-bare and FOLIO_BIN as left by the last build"
fi
note "Folio builds took $(( $(date +%s) - T0 )) s"

# Overall guard: bench.mjs has its own per-step timeouts; this only stops a run that hangs.
timeout "${BENCH_TOTAL_TIMEOUT:-3600}" node "$BENCH/bench.mjs" "$@"
rc=$?
# What misspelt queries fetch from the split indexes (typo-fetch.mjs; Folio's own figures).
for c in cranfield wikipedia-en-leads; do
  idx="$BENCH/out/sites/$c/folio/index.folio"
  if [ -f "$idx" ] && [ -d "$BENCH/out/sites/$c/folio/chunks" ]; then
    node "$BENCH/typo-fetch.mjs" "$idx" "$BENCH/queries/misspelt.tsv" "$c" "$BENCH/out/pkg-bare" | tee -a "$BENCH/out/report.md"
  fi
done
# Where the engine's bytes go (twiggy on the wasm-opt input that scripts/build-web.sh keeps).
if command -v twiggy >/dev/null; then
  (cd "$BENCH/.." && node bench/size-table.mjs > "$BENCH/out/size-table.md") && note "size table: bench/out/size-table.md"
else
  note "size table skipped: twiggy is not installed (cargo install twiggy)"
fi
note "total $(( $(date +%s) - T0 )) s"
exit $rc
