#!/usr/bin/env bash
# Languages: what each costs the site's search module, and what Folio gets on XQuAD per language.
#
#   eval/languages.sh sizes [feature-set ...]   # site wasm (no embedded index) per feature set
#   eval/languages.sh quality [lang ...]        # folio nDCG@10 on the DEV half of xquad-<lang>
#
# sizes: each feature set is a comma-separated list of folio-core features, `none` for the
# default module (English and Russian) or `all` for all-languages; default: none, all, then each
# language alone (with English and Russian, always there). The module is built as scripts/build-web.sh builds the
# site module (profile wasm, std rebuilt with immediate-abort panics when rust-src is there,
# --no-default-features), bound by wasm-bindgen and optimised by wasm-opt -Oz with the same flags;
# it is not loaded in Node (sizes only: build-web.sh checks the module it ships). Prints
# raw and gzip -9 bytes. Builds go to target/lang-sizes/ (their own target dir).
# quality: `folio index` + `folio search` with target/release/folio, built with
# `cargo build --release -p folio-cli --features languages` (FOLIO_BIN to change it), then
# eval/metrics.py; no peers, no BM25 (eval/run.sh gives those). Run both under nice -n 19.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LANGS=(ar da de el es fi fr hi hu it nl no pt ro sv ta tr)
CORPORA=${CORPORA_DIR:-../shared/corpora}

sizes() {
  local sets=("$@")
  if [[ ${#sets[@]} -eq 0 ]]; then
    sets=(none all "${LANGS[@]/#/lang-}")
  fi
  local target=wasm32-unknown-unknown tdir=target/lang-sizes sysroot flags wasm
  sysroot=$(rustc --print sysroot)
  local cargo=(cargo build --profile wasm --target "$target" --target-dir "$tdir" -p folio --no-default-features)
  wasm=$tdir/$target/wasm/folio.wasm
  flags=""
  if [[ -d "$sysroot/lib/rustlib/src/rust/library/std" ]]; then
    cargo=(env RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" "${cargo[@]}" -Z build-std=std,panic_abort)
  fi
  local opt=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
             --enable-reference-types --enable-multivalue)
  printf '| module | features | raw bytes | gzip -9 bytes |\n|---|---|---|---|\n'
  for set in "${sets[@]}"; do
    case $set in
      none) features=() ;;
      all) features=(--features folio-core/all-languages) ;;
      *) features=(--features "$(sed 's/\(^\|,\)/\1folio-core\//g' <<<"$set")") ;;
    esac
    "${cargo[@]}" "${features[@]}" >&2
    local out=$tdir/bind-$set
    rm -rf "$out" && mkdir -p "$out"
    wasm-bindgen --target web --out-dir "$out" --out-name folio "$wasm" >&2
    wasm-opt -Oz "${opt[@]}" "$out/folio_bg.wasm" -o "$out/opt.wasm" >&2
    printf '| site | %s | %s | %s |\n' "$set" "$(stat -c %s "$out/opt.wasm")" "$(gzip -9 -c "$out/opt.wasm" | wc -c)"
  done
}

quality() {
  local langs=("$@") bin=${FOLIO_BIN:-target/release/folio} out=eval/out/languages
  [[ ${#langs[@]} -gt 0 ]] || langs=(en ru es zh vi ro hi de el tr ar th)
  mkdir -p "$out"
  printf '| set | nDCG@10 | MRR@10 |\n|---|---|---|\n'
  for l in "${langs[@]}"; do
    local d=$CORPORA/xquad-$l
    rm -rf "$out/$l.folio-index"
    "$bin" index "$d/docs.jsonl" --out "$out/$l.folio-index" >"$out/$l.index.log" 2>&1
    "$bin" search "$out/$l.folio-index" --queries "$d/queries.tsv" --run "$out/$l.trec" --limit 100 >"$out/$l.search.log" 2>&1
    python3 eval/metrics.py "$d/qrels.tsv" "$out/$l.trec" |
      awk -v l="xquad-$l" '/nDCG@10/ { for (i = 1; i <= NF; i++) { if ($i == "nDCG@10") n = $(i+1); if ($i == "MRR@10") m = $(i+1) } print "| " l " | " n " | " m " |" }'
  done
}

case ${1:-} in
  sizes) shift; sizes "$@" ;;
  quality) shift; quality "$@" ;;
  *) sed -n '2,15p' "$0"; exit 2 ;;
esac
