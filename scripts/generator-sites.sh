#!/usr/bin/env bash
# Builds Folio's generator test sites with the real generators, installed from the package
# registries at the versions committed in tests/generators/:
#   MkDocs + mkdocs-material, Sphinx + furo  (tests/generators/requirements.txt, a venv)
#   Eleventy                                 (tests/generators/eleventy/package-lock.json)
# into target/generator-sites/<mkdocs|sphinx|eleventy>/, each a fresh folder of built pages.
# The installs go to target/generators/ and are skipped when they are already there with the
# same pinned versions. Needs only python3 (with venv and pip) and node/npm.
#
# Usage: bash scripts/generator-sites.sh [mkdocs|sphinx|eleventy]...   (default: all three)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
SRC=$ROOT/tests/generators
WORK=$ROOT/target/generators
OUT=$ROOT/target/generator-sites
VENV=$WORK/venv
mkdir -p "$WORK" "$OUT"

sites=("$@")
[ ${#sites[@]} -gt 0 ] || sites=(mkdocs sphinx eleventy)

step() { printf '== %s\n' "$*" >&2; }

# The stamp of an install is the checksum of the file it was installed from: a changed pin
# reinstalls, an unchanged one skips the registry entirely.
stamp_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

python_generators() {
  local want have=''
  want=$(stamp_of "$SRC/requirements.txt")
  [ -f "$VENV/.folio-stamp" ] && have=$(cat "$VENV/.folio-stamp")
  if [ "$want" = "$have" ] && [ -x "$VENV/bin/mkdocs" ] && [ -x "$VENV/bin/sphinx-build" ]; then
    return
  fi
  step "installing MkDocs, Sphinx and their themes into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || {
    echo "generator-sites.sh: python3 -m venv failed; on Debian/Ubuntu: apt-get install python3-venv" >&2
    exit 1
  }
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$SRC/requirements.txt"
  echo "$want" >"$VENV/.folio-stamp"
}

eleventy_generator() {
  local dir=$WORK/eleventy want have=''
  mkdir -p "$dir"
  want=$(stamp_of "$SRC/eleventy/package.json" "$SRC/eleventy/package-lock.json")
  [ -f "$dir/node_modules/.folio-stamp" ] && have=$(cat "$dir/node_modules/.folio-stamp")
  if [ "$want" != "$have" ] || [ ! -x "$dir/node_modules/.bin/eleventy" ]; then
    step "installing Eleventy into $dir"
    cp "$SRC/eleventy/package.json" "$SRC/eleventy/package-lock.json" "$dir/"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$dir/node_modules/.folio-stamp"
  fi
}

build_mkdocs() {
  python_generators
  step "building the MkDocs site into $OUT/mkdocs"
  rm -rf "$OUT/mkdocs"
  DISABLE_MKDOCS_2_WARNING=true NO_MKDOCS_2_WARNING=1 "$VENV/bin/mkdocs" build --quiet --strict \
    -f "$SRC/mkdocs/mkdocs.yml" -d "$OUT/mkdocs"
}

build_sphinx() {
  python_generators
  step "building the Sphinx site into $OUT/sphinx"
  rm -rf "$OUT/sphinx" "$WORK/sphinx-doctrees"
  # The doctrees go beside the output, as `make html` keeps them in _build/doctrees.
  "$VENV/bin/sphinx-build" --quiet --fail-on-warning -b html \
    -d "$WORK/sphinx-doctrees" "$SRC/sphinx" "$OUT/sphinx"
}

build_eleventy() {
  eleventy_generator
  step "building the Eleventy site into $OUT/eleventy"
  local dir=$WORK/eleventy
  # Eleventy resolves the config's imports from the project folder, so the sources are laid
  # next to the installed node_modules rather than read in place.
  rm -rf "$dir/src" "$OUT/eleventy"
  cp -r "$SRC/eleventy/src" "$dir/src"
  cp "$SRC/eleventy/eleventy.config.js" "$dir/"
  (cd "$dir" && node_modules/.bin/eleventy --quiet --output="$OUT/eleventy")
}

for site in "${sites[@]}"; do
  case "$site" in
    mkdocs) build_mkdocs ;;
    sphinx) build_sphinx ;;
    eleventy) build_eleventy ;;
    *) echo "generator-sites.sh: unknown site '$site' (expected mkdocs, sphinx or eleventy)" >&2; exit 2 ;;
  esac
done
step "built: ${sites[*]} in $OUT"
