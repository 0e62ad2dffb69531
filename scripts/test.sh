#!/usr/bin/env bash
# Every check of the project, in order: formatting, lints, native tests, browser
# tests (wasm-bindgen-test in headless Chromium), the release build and its size,
# and end-to-end tests against that build. Ends with one line "N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TERM_COLOR=never
logs=target/test-logs
mkdir -p "$logs"
passed=0; failed=0; failures=()

# Runs one step, showing its output, and adds its tests to the totals: the counts
# its runner reports, or one check when it reports none.
step() {
  local name=$1; shift
  echo "==> $name"
  "$@" 2>&1 | tee "$logs/$name.log"
  local rc=${PIPESTATUS[0]}
  local p f
  p=$(grep -hoE '(test result: [a-zA-Z]+\. [0-9]+ passed|^# pass [0-9]+)' "$logs/$name.log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
  f=$(grep -hoE '([0-9]+ failed;|^# fail [0-9]+)' "$logs/$name.log" | grep -oE '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
  p=${p:-0}; f=${f:-0}
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
  elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
  fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -gt 0 ] && failures+=("$name")
  return 0
}

step fmt cargo fmt --check
step clippy cargo clippy --all-targets --locked -- -D warnings
step clippy-wasm cargo clippy --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
step native cargo test --locked
step browser cargo test --locked --target wasm32-unknown-unknown --test browser
step build trunk build --release --offline
step size scripts/size.sh
if [ -f dist/index.html ]; then
  step e2e node --test tests/e2e/
else
  echo "==> e2e skipped: no release build"; failed=$((failed + 1)); failures+=("e2e")
fi

[ ${#failures[@]} -gt 0 ] && echo "failed steps: ${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
