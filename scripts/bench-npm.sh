#!/usr/bin/env bash
# Measures the npm package against the native CLI: `folio index` time (median of RUNS) and peak
# resident memory on each corpus given, checks that both write the same bundle (or, where the
# index bytes differ, the same answers: see same_answers), and times
# start-up (`folio --version`, or `--help` where the CLI has no --version yet) directly and
# through `npx`.
#
#   bash scripts/pack-npm.sh && cargo build --release -p folio-cli
#   RUNS=5 bash scripts/bench-npm.sh /work/shared/corpora/cranfield/docs.jsonl \
#     /work/shared/corpora/wikipedia-en-leads/docs.jsonl.gz
#
# NPM_FOLIO=<dir> names another unpacked package (default target/npm/package).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${RUNS:-5}
NATIVE=${NATIVE:-target/release/folio}
PKG=${NPM_FOLIO:-target/npm/package}
[[ -x "$NATIVE" ]] || { echo "bench-npm.sh: no $NATIVE; run cargo build --release -p folio-cli" >&2; exit 1; }
[[ -f "$PKG/folio.wasm" ]] || { echo "bench-npm.sh: no $PKG/folio.wasm; run bash scripts/pack-npm.sh" >&2; exit 1; }
(($# > 0)) || { echo "usage: bench-npm.sh <corpus>…" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median of the numbers on standard input
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure <label> <out dir> <command…>: RUNS runs; prints the median and range of wall seconds, the
# median CPU seconds (user + system: what the program costs, whatever else the machine is doing)
# and the median peak resident memory
measure() {
  local label=$1 out=$2; shift 2
  : >"$work/times"
  for ((i = 0; i < RUNS; i++)); do
    rm -rf "$out"
    /usr/bin/time -f '%e %M %U %S' -o "$work/one" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/one" >>"$work/times"
  done
  local t m lo hi cpu
  t=$(cut -d' ' -f1 "$work/times" | median)
  cpu=$(awk '{ print $3 + $4 }' "$work/times" | median)
  lo=$(cut -d' ' -f1 "$work/times" | sort -g | head -n1)
  hi=$(cut -d' ' -f1 "$work/times" | sort -g | tail -n1)
  m=$(cut -d' ' -f2 "$work/times" | median)
  printf '%-40s %7.2f s  (%5.2f–%5.2f)  %7.2f s  %6d MiB\n' "$label" "$t" "$lo" "$hi" "$cpu" "$((${m%.*} / 1024))"
}

# same_answers <corpus> <native bundle> <npm bundle>: for bundles whose index bytes differ. At scale
# they can: fst 0.4's builder shares nodes through a cache indexed by `(hash as usize) % size`,
# and usize is 32 bits on wasm32, so a few nodes are shared differently and the dictionary's
# bytes (not its keys and values) differ. Everything else must be the same bytes, and the native
# CLI must give the same ranked answers from both bundles to every query of the corpus's
# queries.tsv, or else to the titles of its first 1,000 documents.
same_answers() {
  local corpus=$1 a=$2 b=$3 queries
  # The chunks' names carry the build's id, which is a hash of the index: with other dictionary
  # bytes every chunk has another name. The same number of them is asked for.
  local differ chunks_a chunks_b
  differ=$(diff -r -q -x report.txt -x chunks "$a" "$b" | grep -v -E '^Files [^ ]*/index\.folio and' || true)
  chunks_a=$(find "$a" -path '*/chunks/*' -type f | wc -l)
  chunks_b=$(find "$b" -path '*/chunks/*' -type f | wc -l)
  if [[ -n "$differ" || "$chunks_a" != "$chunks_b" ]]; then
    echo "  DIFFERENT bundles from native and npm on $corpus, beyond the index files:" >&2
    echo "$differ" | head -n 20 >&2
    echo "  chunks: $chunks_a native, $chunks_b npm" >&2
    exit 1
  fi
  queries=$(dirname "$corpus")/queries.tsv
  if [[ ! -f "$queries" ]]; then
    queries=$work/queries.tsv
    node -e '
      const zlib = require("node:zlib"), fs = require("node:fs");
      let text = fs.readFileSync(process.argv[1]);
      if (process.argv[1].endsWith(".gz")) text = zlib.gunzipSync(text);
      const lines = text.toString("utf8").split("\n").filter(Boolean).slice(0, 1000);
      for (const [i, line] of lines.entries()) console.log(`${i + 1}\t${JSON.parse(line).title.replace(/\s+/g, " ")}`);
    ' "$corpus" >"$queries"
  fi
  "$NATIVE" search "$a" --queries "$queries" --run "$work/run.native" >/dev/null 2>&1
  "$NATIVE" search "$b" --queries "$queries" --run "$work/run.npm" >/dev/null 2>&1
  if ! cmp -s "$work/run.native" "$work/run.npm"; then
    echo "  DIFFERENT answers from the native and the npm bundle on $corpus ($queries)" >&2
    exit 1
  fi
  echo "  index bytes differ (index.folio $(stat -c %s "$a/index.folio") bytes native, $(stat -c %s "$b/index.folio") npm;" \
    "$chunks_a chunks each, $(du -sb "$a/chunks" 2>/dev/null | cut -f1) and $(du -sb "$b/chunks" 2>/dev/null | cut -f1) bytes);" \
    "every other file the same; same answers to the $(wc -l <"$queries") queries of $queries"
}

version_flag=--version
"$NATIVE" --version >/dev/null 2>&1 || version_flag=--help

echo "runs: $RUNS; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version)"
echo "folio.wasm: $(stat -c %s "$PKG/folio.wasm") bytes; tarball: $(stat -c %s target/npm/folio-search-*.tgz 2>/dev/null | head -n1 || echo '?') bytes"
printf '%-40s %9s  %-13s  %9s  %10s\n' "" "wall" "(range)" "cpu" "peak RSS"
for corpus in "$@"; do
  name=$(basename "$(dirname "$corpus")")
  measure "index $name: native" "$work/native" "$NATIVE" index "$corpus" --out "$work/native"
  measure "index $name: npm (node:wasi)" "$work/npm" node "$PKG/bin/folio.mjs" index "$corpus" --out "$work/npm"
  if diff -r -q -x report.txt "$work/native" "$work/npm" >/dev/null; then
    echo "  same bundle bytes (index.folio $(stat -c %s "$work/native/index.folio") bytes, chunks included)"
  else
    same_answers "$corpus" "$work/native" "$work/npm"
  fi
done

measure "folio $version_flag: native" "$work/x" "$NATIVE" "$version_flag"
measure "folio $version_flag: node bin/folio.mjs" "$work/x" node "$PKG/bin/folio.mjs" "$version_flag"
measure "node -e 0 (Node's own start-up)" "$work/x" node -e 0
# Through npx, as a site owner types it, from a folder the package is installed in.
mkdir -p "$work/app"
echo '{ "name": "app", "private": true }' >"$work/app/package.json"
tarball=$(ls target/npm/folio-search-*.tgz 2>/dev/null | head -n1 || true)
if [[ -n "$tarball" ]]; then
  (cd "$work/app" && npm install --no-audit --no-fund --offline --silent "$OLDPWD/$tarball")
  measure "npx folio $version_flag" "$work/x" bash -c "cd '$work/app' && npx --no folio $version_flag"
fi
