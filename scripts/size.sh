#!/usr/bin/env bash
# Prints raw and gzipped bytes of every file in dist/ and the total, and fails when
# the gzipped total is over the budget (in bytes, default 460 KiB).
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-471040}
[ -d dist ] || { echo "size: no dist/ (run trunk build --release first)"; exit 1; }
total_raw=0; total_gz=0
printf '%-44s %10s %10s\n' file raw gzip
while IFS= read -r f; do
  raw=$(wc -c < "$f"); gz=$(gzip -9c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '%-44s %10d %10d\n' "${f#dist/}" "$raw" "$gz"
done < <(find dist -type f | LC_ALL=C sort)
printf '%-44s %10d %10d\n' TOTAL "$total_raw" "$total_gz"
if [ "$total_gz" -gt "$budget" ]; then
  echo "size: over budget: $total_gz > $budget bytes gzipped"
  exit 1
fi
echo "size: within budget: $total_gz <= $budget bytes gzipped"
