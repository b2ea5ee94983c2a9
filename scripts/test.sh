#!/usr/bin/env bash
# README command 2: install what is missing, build native and wasm, run every test:
# Catch2 (ctest), the wasm module under Node, and the page in headless Chromium.
set -uo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="${TMPDIR:-/tmp}"

bash scripts/setup.sh || exit 1
bash scripts/build.sh native || exit 1
bash scripts/build.sh wasm || exit 1
node scripts/build-web.mjs >&2 || exit 1

passed=0
failed=0
status=0

echo "== native: Catch2 via ctest"
ctest --test-dir build/native --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" 2>&1 | tee build/ctest.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
total=$(grep -oE 'tests failed out of [0-9]+' build/ctest.log | grep -oE '[0-9]+$' || echo 0)
bad=$(grep -oE '[0-9]+ tests failed out of' build/ctest.log | grep -oE '^[0-9]+' || echo 0)
passed=$((passed + total - bad))
failed=$((failed + bad))
[ -f build/native/interaction-coverage.txt ] && cat build/native/interaction-coverage.txt

suites=(tests/js/)
[ -d tests/browser ] && suites+=(tests/browser/)
echo "== wasm under Node and the page in headless Chromium: node --test ${suites[*]}"
node --test --test-concurrency=1 "${suites[@]}" 2>&1 | tee build/node-test.log
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
passed=$((passed + $(grep -oE '^# pass [0-9]+' build/node-test.log | grep -oE '[0-9]+$' || echo 0)))
failed=$((failed + $(grep -oE '^# fail [0-9]+' build/node-test.log | grep -oE '[0-9]+$' || echo 0)))

echo "== summary (ctest cases + node tests)"
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] || status=1
exit "$status"
