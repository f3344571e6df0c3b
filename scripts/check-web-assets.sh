#!/usr/bin/env bash
# Checks that the committed web files the folio CLI embeds (crates/folio-cli/web/) are exactly
# what scripts/build-web.sh builds from this checkout, byte for byte: rebuilds them (unless
# --no-build: then it checks what the last build-web.sh run wrote), then compares with git.
# Fails, naming the files, when they differ or are missing; the fix is to run
# `bash scripts/build-web.sh` and commit crates/folio-cli/web/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

WEB=crates/folio-cli/web
# languages/: the module with every language and its offline script; large/: the module for large
# indexes (the rest is shared).
FILES=(folio.js folio-worker.js folio-engine.js folio_bg.wasm folio.css folio.d.ts folio-highlight.js folio-load.js folio-offline.js
       languages/folio_bg.wasm languages/folio-offline.js large/folio_bg.wasm)
die() { printf 'check-web-assets: error: %s\n' "$*" >&2; exit 1; }

case ${1:-} in
  --no-build) ;;
  "") bash scripts/build-web.sh ;;
  *) die "usage: bash scripts/check-web-assets.sh [--no-build]" ;;
esac

stale=()
for f in "${FILES[@]}"; do
  [[ -f $WEB/$f ]] || die "$WEB/$f was not written by scripts/build-web.sh"
  # Tracked and unchanged: the index (staged) and the work tree both match the commit.
  if ! git ls-files --error-unmatch "$WEB/$f" >/dev/null 2>&1 \
     || ! git diff --quiet HEAD -- "$WEB/$f"; then
    stale+=("$f")
  fi
done
if ((${#stale[@]} > 0)); then
  printf 'check-web-assets: %s\n' "the committed web files differ from what this checkout builds:" >&2
  for f in "${stale[@]}"; do
    git diff --stat HEAD -- "$WEB/$f" >&2 || true
    printf '  %s\n' "$WEB/$f" >&2
  done
  die "run \`bash scripts/build-web.sh\` and commit $WEB/ (the folio CLI embeds these files)"
fi
printf 'check-web-assets: %s/ is what build-web.sh builds (%s files, byte for byte)\n' "$WEB" "${#FILES[@]}"
