#!/usr/bin/env bash
# Prints raw and gzipped bytes of every file in dist/ and checks three budgets
# (gzipped bytes; the README gives the reasons):
#   - a first visit to each section (what a page downloads before the service
#     worker controls it: the page, the stylesheet, the icon, the manifest, the
#     section's module from first/ and, for its worked example, the larger of its
#     prerendered fragments in frames/) at most 300 KB;
#   - the offline set (everything but first/ and frames/: what the worker caches,
#     and all a returning visitor ever loads) at most 535 KiB;
#   - the whole folder at most 1,960 KiB.
# The precompressed .gz and .br siblings (scripts/precompress.mjs) are other
# encodings of the same files, not more to download: they are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
first_budget=300000
offline_budget=547840
total_budget=2007040
[ -d dist ] || { echo "size: no dist/ (run trunk build --release first)"; exit 1; }
# Each file is compressed once; the budgets below read the sizes from here.
declare -A gzipped
gz() { echo "${gzipped[$1]}"; }
total_raw=0; total_gz=0; offline_gz=0; over=0
printf '%-44s %10s %10s\n' file raw gzip
while IFS= read -r f; do
  raw=$(wc -c < "$f"); g=$(gzip -9c "$f" | wc -c); gzipped[$f]=$g
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + g))
  case "$f" in dist/first/* | dist/frames/*) ;; *) offline_gz=$((offline_gz + g)) ;; esac
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$g"
done < <(find dist -type f ! -name '*.gz' ! -name '*.br' | LC_ALL=C sort)
printf '%-44s %10d %10d\n' TOTAL "$total_raw" "$total_gz"

check() { # what, bytes, budget
  if [ "$2" -gt "$3" ]; then
    echo "size: over budget: $1 $2 > $3 bytes gzipped"; over=1
  else
    echo "size: within budget: $1 $2 <= $3 bytes gzipped"
  fi
}

shared=0
for f in dist/index.html dist/styles-*.css dist/icon.svg dist/manifest.json; do
  [ -n "${gzipped[$f]:-}" ] || { echo "size: no $f"; exit 1; }
  shared=$((shared + $(gz "$f")))
done
# One first-visit module per section, as src/bin/ lists them.
for entry in src/bin/*.rs; do
  part=$(basename "$entry" .rs)
  js=$(find dist/first -name "$part-*.js" 2>/dev/null | head -1)
  wasm=$(find dist/first -name "$part-*_bg.wasm" 2>/dev/null | head -1)
  if [ -z "$js" ] || [ -z "$wasm" ]; then
    echo "size: no first-visit module for $part in dist/first/"; over=1; continue
  fi
  example=0
  for f in dist/frames/"$part".*.html; do
    [ -f "$f" ] || continue
    g=$(gz "$f"); [ "$g" -gt "$example" ] && example=$g
  done
  check "first visit to $part" $((shared + $(gz "$js") + $(gz "$wasm") + example)) "$first_budget"
done
check "offline set (all but first/ and frames/)" "$offline_gz" "$offline_budget"
check "whole dist/" "$total_gz" "$total_budget"
exit "$over"
