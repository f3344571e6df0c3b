#!/usr/bin/env bash
# Runs everything: setup, Rust format/lint/tests, the wasm build, and the browser tests.
# Stops at the first failing step and says which one it was.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

CURRENT=""
trap 'rc=$?; if ((rc != 0)); then printf "\ntest.sh: FAILED at step: %s (exit %s)\n" "$CURRENT" "$rc" >&2; fi' EXIT

step() {
  CURRENT=$1; shift
  printf '\n==> %s\n' "$CURRENT"
  local t0=$SECONDS
  "$@"
  printf '<== %s: ok (%ss)\n' "$CURRENT" "$((SECONDS - t0))"
}

step "set-up logic (node --test tests/scripts/)" node --test --test-reporter=spec tests/scripts/
step "setup (scripts/setup.sh)"                  bash scripts/setup.sh
step "rustfmt (cargo fmt --check)"               cargo fmt --all -- --check
step "clippy (cargo clippy -D warnings)"         cargo clippy --workspace --all-targets -- -D warnings
step "rust tests (cargo test --workspace)"       cargo test --workspace
step "eval metrics (python3 -m unittest)"        python3 -m unittest discover -s eval -p 'test_*.py'
step "fuzz smoke (scripts/fuzz-smoke.sh)"        bash scripts/fuzz-smoke.sh
step "JS type check (tsc --checkJs)"              npx --no-install tsc -p tsconfig.json
step "response samples vs folio.d.ts (tsc --strict)" npx --no-install tsc -p tests/types/tsconfig.json
step "JS lint (eslint)"                          npx --no-install eslint www/src scripts/*.mjs tests/e2e tests/unit www/demo.js eslint.config.js
step "JS unit tests (node --test tests/unit/)"   node --test --test-reporter=spec tests/unit/
step "wasm build (scripts/build-web.sh)"         bash scripts/build-web.sh
step "web files committed (check-web-assets.sh)" bash scripts/check-web-assets.sh --no-build
step "CLI on WASI (pack-npm.sh, wasi/check.mjs)" bash -c 'bash scripts/pack-npm.sh && cargo build -p folio-cli && node crates/folio-cli/wasi/check.mjs'
step "npm package (node --test tests/npm/)"      node --test --test-reporter=spec tests/npm/
step "generator sites (generator-sites.sh)"      bash scripts/generator-sites.sh
shopt -s nullglob
e2e=(tests/e2e/*.test.mjs)
((${#e2e[@]} > 0)) || { CURRENT="browser tests"; echo "no tests found in tests/e2e/" >&2; exit 1; }
step "browser tests (node --test tests/e2e/)"    node --test --test-reporter=spec "${e2e[@]}"

CURRENT=""
printf '\ntest.sh: all steps passed\n'
