#!/usr/bin/env bash
# Regenerates tests/golden/*.report.json with the native CLI. Review the diff before committing:
# a golden report changes only when the data or the engine meant it to.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh native
for request in tests/golden/*.request.json; do
  report="${request%.request.json}.report.json"
  ./build/native/dosecalc assess "$request" > "$report" || true
done
ls tests/golden/*.report.json | wc -l | xargs echo "golden reports written:" >&2
