#!/usr/bin/env bash
# One command for the whole quality evaluation.
#
#   eval/run.sh [corpus ...]        # default: cranfield cisi xquad-en xquad-ru
#
# For each corpus: Folio (index + search via the CLI), plain BM25, BM25 + Snowball,
# lunr, minisearch and pagefind write TREC runs (depth 100) into eval/out/, then one
# markdown table per corpus is printed on stdout (progress and notes go to stderr).
#
# Environment:
#   CORPORA_DIR   default /work/shared/corpora (read only; nothing is copied)
#   FOLIO_BIN     use this folio binary as is (no cargo build)
#   FOLIO_BUILD   1 (default): `cargo build --release -p folio-cli` first; 0: use target/release/folio as is
#   PEERS         default lunr,minisearch,pagefind (pagefind needs /usr/bin/chromium)
set -uo pipefail

EVAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$EVAL_DIR/.." && pwd)"
CORPORA_DIR="${CORPORA_DIR:-/work/shared/corpora}"
OUT="$EVAL_DIR/out"
PEERS="${PEERS:-lunr,minisearch,pagefind}"
LIMIT=100
if [ "$#" -gt 0 ]; then CORPORA=("$@"); else CORPORA=(cranfield cisi xquad-en xquad-ru); fi

note() { echo "[eval] $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

mkdir -p "$OUT"
T_ALL=$(now)

# ---- tools: node_modules and the Python venv (installed on first use) --------------
if [ ! -d "$EVAL_DIR/node_modules/lunr" ] || [ ! -d "$EVAL_DIR/node_modules/minisearch" ]; then
  # `npm ci` refuses this lock: the registry here lacks pagefind's darwin/windows/freebsd binaries, so
  # they are missing from package-lock.json; `npm install` honours the lock and leaves it unchanged.
  note "installing eval/ npm packages (npm install from package-lock.json)"
  (cd "$EVAL_DIR" && npm install --no-audit --no-fund >&2) || note "npm install failed: peers will be skipped"
fi
PY=python3
if [ ! -x "$EVAL_DIR/.venv/bin/python" ]; then
  note "creating eval/.venv with snowballstemmer"
  python3 -m venv "$EVAL_DIR/.venv" >&2 && "$EVAL_DIR/.venv/bin/pip" install -q -r "$EVAL_DIR/requirements.txt" >&2 \
    || note "venv/pip failed: bm25-snowball will be skipped"
fi
[ -x "$EVAL_DIR/.venv/bin/python" ] && PY="$EVAL_DIR/.venv/bin/python"
HAVE_STEM=0
"$PY" -c 'import snowballstemmer' 2>/dev/null && HAVE_STEM=1

# ---- Folio CLI -----------------------------------------------------------------------
FOLIO=""
if [ -n "${FOLIO_BIN:-}" ]; then
  FOLIO="$FOLIO_BIN"
elif [ "${FOLIO_BUILD:-1}" = "1" ]; then
  note "cargo build --release -p folio-cli"
  T=$(now)
  if (cd "$REPO" && cargo build --release -p folio-cli >&2); then
    FOLIO="$REPO/target/release/folio"
    note "folio built in $(secs "$T") s"
  else
    note "SKIPPING FOLIO: cargo build --release -p folio-cli failed (see above)"
  fi
else
  FOLIO="$REPO/target/release/folio"
fi
if [ -n "$FOLIO" ] && [ ! -x "$FOLIO" ]; then
  note "SKIPPING FOLIO: no executable at $FOLIO (CLI not built yet)"
  FOLIO=""
fi

# ---- runs ----------------------------------------------------------------------------
for c in "${CORPORA[@]}"; do
  D="$CORPORA_DIR/$c"
  if [ ! -f "$D/docs.jsonl" ] || [ ! -f "$D/queries.tsv" ] || [ ! -f "$D/qrels.tsv" ]; then
    note "$c: no docs.jsonl/queries.tsv/qrels.tsv under $D, skipping corpus"
    continue
  fi
  rm -f "$OUT/$c".*.trec

  if [ -n "$FOLIO" ]; then
    IDX="$OUT/$c.folio-index"
    rm -rf "$IDX"
    T=$(now)
    if "$FOLIO" index "$D/docs.jsonl" --out "$IDX" >"$OUT/$c.folio-index.log" 2>&1; then
      TI=$(secs "$T"); T=$(now)
      if "$FOLIO" search "$IDX" --queries "$D/queries.tsv" --run "$OUT/$c.folio.trec" --limit "$LIMIT" \
          >"$OUT/$c.folio-search.log" 2>&1; then
        note "$c folio: index ${TI} s ($(du -sk "$IDX" | cut -f1) KB on disk), search $(secs "$T") s"
      else
        note "$c folio: SEARCH FAILED, see $OUT/$c.folio-search.log:"; tail -5 "$OUT/$c.folio-search.log" >&2
        rm -f "$OUT/$c.folio.trec"
      fi
    else
      note "$c folio: INDEX FAILED, see $OUT/$c.folio-index.log:"; tail -5 "$OUT/$c.folio-index.log" >&2
    fi
  fi

  T=$(now)
  python3 "$EVAL_DIR/bm25_baseline.py" "$D/docs.jsonl" "$D/queries.tsv" --run "$OUT/$c.bm25-plain.trec" --limit "$LIMIT" \
    && note "$c bm25-plain: $(secs "$T") s"
  if [ "$HAVE_STEM" = 1 ]; then
    T=$(now)
    "$PY" "$EVAL_DIR/bm25_baseline.py" "$D/docs.jsonl" "$D/queries.tsv" --run "$OUT/$c.bm25-snowball.trec" --stem --limit "$LIMIT" \
      && note "$c bm25-snowball: $(secs "$T") s"
  else
    note "$c bm25-snowball: skipped (snowballstemmer not importable)"
  fi

  if [ -n "$PEERS" ]; then
    node "$EVAL_DIR/peers.mjs" --corpus "$D" --name "$c" --out "$OUT" --peers "$PEERS" --limit "$LIMIT" \
      || note "$c: some peers were skipped (see above)"
  fi
done

"$PY" "$EVAL_DIR/report.py" --corpora-dir "$CORPORA_DIR" --out "$OUT" "${CORPORA[@]}"
note "done in $(secs "$T_ALL") s; runs in $OUT"
