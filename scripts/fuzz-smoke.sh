#!/usr/bin/env bash
# Runs each fuzz target (fuzz/fuzz_targets/) for a few seconds from its committed corpus, and fails
# if any target crashes. Installs cargo-fuzz if it is missing. Stable Rust only: libFuzzer's flags
# are nightly-only, so RUSTC_BOOTSTRAP=1 unlocks them. See fuzz/README.md for longer runs.
#
#   bash scripts/fuzz-smoke.sh             # every target, FUZZ_SECONDS (12) each
#   FUZZ_SECONDS=60 bash scripts/fuzz-smoke.sh query
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"

SECONDS_EACH=${FUZZ_SECONDS:-12}
TARGETS=("$@")
((${#TARGETS[@]} > 0)) || TARGETS=(query index_decode corpus)
export RUSTC_BOOTSTRAP=1
# No AddressSanitizer for the smoke run: the code under test is safe Rust, and without it the
# build is shorter and each target runs several times more inputs. The README's long run keeps it.
FUZZ_FLAGS=(--sanitizer none)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz" >&2
  # shellcheck source=lib/install.sh
  . ../scripts/lib/install.sh
  cargo_install cargo-fuzz
fi

printf '==> fuzz build (cargo fuzz build %s)\n' "${FUZZ_FLAGS[*]}"
cargo fuzz build "${FUZZ_FLAGS[@]}"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=()
for target in "${TARGETS[@]}"; do
  # A scratch copy of the corpus, so the inputs a smoke run adds are not committed by accident.
  work="$scratch/$target"
  mkdir -p "$work" "artifacts/$target"
  cp -r "corpus/$target/." "$work/" 2>/dev/null || true
  log="$scratch/$target.log"
  printf '==> fuzz %s (%ss)\n' "$target" "$SECONDS_EACH"
  if cargo fuzz run "${FUZZ_FLAGS[@]}" "$target" "$work" -- \
      -max_total_time="$SECONDS_EACH" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
      -print_final_stats=1 -artifact_prefix="$PWD/artifacts/$target/" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    printf '<== fuzz %s: ok, %s inputs run\n' "$target" "$runs"
  else
    tail -n 60 "$log" >&2
    printf '<== fuzz %s: CRASH (the input is saved in fuzz/artifacts/%s/)\n' "$target" "$target" >&2
    failed+=("$target")
  fi
done

if ((${#failed[@]} > 0)); then
  echo "fuzz-smoke: crashed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz-smoke: ${#TARGETS[@]} passed, 0 failed"
