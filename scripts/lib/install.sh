# Install helpers shared by scripts/setup.sh and scripts/fuzz-smoke.sh. Source it; it defines
# functions only. Every function is safe under `set -euo pipefail`: a tool that is absent is an
# empty answer, not a failed pipeline that ends the calling script.

# tool_version <command>: the second word of `<command> --version`, or nothing if it is absent.
tool_version() {
  command -v "$1" >/dev/null 2>&1 || return 0
  "$1" --version 2>/dev/null | awk 'NR == 1 { print $2 }' || true
}

# cargo_install <crate> [version]: `cargo install` the crate, at that exact version if given.
# It tries `--locked` first (the dependency versions the crate was released with). A registry
# that lacks one of those exact versions (seen here: wasm-bindgen-cli 0.2.130 locks a
# webpki-roots the registry does not serve) fails that at once; it then resolves the
# dependencies afresh, which takes the newest compatible versions the registry has.
cargo_install() {
  local crate=$1 version=${2:-}
  local args=(install "$crate" --force)
  [[ -n $version ]] && args+=(--version "$version")
  if cargo "${args[@]}" --locked; then
    return 0
  fi
  printf 'install: "cargo %s --locked" failed (above); retrying without --locked\n' "${args[*]}" >&2
  cargo "${args[@]}"
}

# lock_version <package> [lock file]: the version of a package in Cargo.lock, or nothing.
lock_version() {
  local lock=${2:-Cargo.lock}
  [[ -f $lock ]] || return 0
  awk -v want="$1" '
    /^\[\[package\]\]/ { name = "" }
    /^name = / { gsub(/"/, "", $3); name = $3 }
    /^version = / && name == want { gsub(/"/, "", $3); print $3; exit }
  ' "$lock"
}

# ensure_wasm_bindgen <version>: wasm-bindgen-cli at exactly that version on PATH, installed if
# it is absent or another version. The CLI must match the crate exactly, or its glue will not
# load the module.
ensure_wasm_bindgen() {
  local want=$1 have
  have=$(tool_version wasm-bindgen)
  # Another `cargo install wasm-bindgen-cli` may already be running (a provisioning step); wait
  # for it rather than compile the same thing twice on a 2-core machine.
  if [[ $have != "$want" ]] && pgrep -f 'cargo install wasm-bindgen-cli' >/dev/null 2>&1; then
    printf 'setup: another "cargo install wasm-bindgen-cli" is running; waiting for it (up to 20 min)\n'
    for _ in $(seq 1 240); do
      pgrep -f 'cargo install wasm-bindgen-cli' >/dev/null 2>&1 || break
      sleep 5
    done
    have=$(tool_version wasm-bindgen)
  fi
  if [[ $have == "$want" ]]; then
    printf 'setup: wasm-bindgen-cli %s: present\n' "$want"
    return 0
  fi
  printf 'setup: installing wasm-bindgen-cli %s (found: %s); this compiles for a few minutes\n' \
    "$want" "${have:-none}"
  cargo_install wasm-bindgen-cli "$want"
  have=$(tool_version wasm-bindgen)
  if [[ $have != "$want" ]]; then
    printf 'setup: error: wasm-bindgen %s was installed but "wasm-bindgen --version" reports "%s" (is ~/.cargo/bin on PATH?)\n' \
      "$want" "${have:-nothing}" >&2
    return 1
  fi
}
