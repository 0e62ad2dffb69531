#!/bin/sh
# Trunk's post_build hook: everything that happens to the staging folder after Trunk,
# in order. Release builds: the glue minified, the first-visit modules and their
# loader, the prerendered worked examples. Every build: the static frame's words, the
# Content-Security-Policy, and sw.js, which lists every built file and names its
# cache after a hash of their contents, so each deploy replaces the previous cache
# and an unchanged build keeps it. Last, on release builds: every text and wasm file's
# precompressed .gz and .br siblings, for servers that send them (docs/DEPLOYING.md).
set -eu
dir="${TRUNK_STAGING_DIR:?run by trunk}"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$dir"
# Release builds ship the JavaScript glue minified (with its integrity hash updated).
# They also get the first-visit modules and the loader that picks one by the route.
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node "$here/scripts/minify-glue.mjs" "$dir"
  node "$here/scripts/modules.mjs" "$dir"
  node "$here/scripts/prerender.mjs" "$dir"
fi
# The static frame shown before the module runs, then the Content-Security-Policy
# with the hashes of the page's inline scripts as built.
node "$here/scripts/shell.mjs" "$dir"
node "$here/scripts/csp.mjs" "$dir"
# first/ and frames/ hold the first-visit modules and prerendered examples: a page
# the worker controls never loads them.
files=$(find . -type f ! -name sw.js ! -path './first/*' ! -path './frames/*' | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
{
  printf '// Generated at build time by scripts/post-build.sh.\n'
  printf 'const CACHE = "abkit-%s";\n' "$version"
  printf 'const FILES = ["./"'
  for f in $files; do printf ', "./%s"' "$f"; done
  printf '];\n'
  cat "$here/www/sw-body.js"
} > sw.js
# After every file is final (sw.js included), so the worker's list and the cache's
# name never see the siblings.
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node "$here/scripts/precompress.mjs" "$dir"
fi
