#!/usr/bin/env bash
# Installs what building (and, with --test, testing) needs and is missing. Idempotent:
# a machine that has everything spends a second here.
#   wasm32 target, wasm-bindgen-cli (the version in Cargo.lock), Trunk 0.21.14,
#   npm packages from package-lock.json (binaryen's wasm-opt, terser, playwright-core,
#   axe-core for the accessibility checks),
#   with --test: Debian's chromium and chromium-driver, and a CJK font.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14
want_browser=false
[ "${1:-}" = "--test" ] && want_browser=true

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  # apt-get update only once, and only when something is missing.
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the library exactly; Trunk is told the same version.
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
pids=()
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]; then
  echo "setup: installing wasm-bindgen-cli $WBG_VERSION (about 13 minutes on 2 cores)"
  # Not --locked: one of its locked dependencies is not in the registry.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION" --quiet &
  pids+=($!)
fi
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  echo "setup: installing Trunk $TRUNK_VERSION (about 20-30 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet &
  pids+=($!)
fi
for pid in "${pids[@]}"; do wait "$pid"; done

if ! command -v npm >/dev/null; then
  echo "setup: installing Node.js and npm"
  apt_install nodejs npm
fi
if ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q 'version 132' \
   || [ ! -f node_modules/playwright-core/package.json ] \
   || [ ! -f node_modules/terser/package.json ] \
   || [ ! -f node_modules/axe-core/axe.min.js ]; then
  echo "setup: installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi

if $want_browser && ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }; then
  echo "setup: installing Debian's chromium and chromium-driver"
  apt_install chromium chromium-driver
fi
# Without a CJK font, headless Chromium draws Chinese as empty boxes of the wrong
# width, and the layout tests would measure pages no user sees.
if $want_browser && ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "setup: installing Debian's fonts-noto-cjk"
  apt_install fonts-noto-cjk fontconfig
fi
