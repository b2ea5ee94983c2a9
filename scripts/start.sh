#!/usr/bin/env bash
# README command 1: install what is missing, build the wasm module and the page, serve it on
# http://127.0.0.1:PORT/ (PORT defaults to 8080) and print the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh wasm
node scripts/build-web.mjs >&2
exec node scripts/serve.mjs dist --port "${PORT:-8080}"
