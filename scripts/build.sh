#!/usr/bin/env bash
# Builds the native core, CLI and tests (build/native) or the WebAssembly module (build/wasm, copied
# to web/generated). Build output goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
case "${1:-}" in
  native)
    [ -f build/native/CMakeCache.txt ] || cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build build/native -j "$jobs" >&2
    ;;
  wasm)
    export NODE_PATH=/usr/share/nodejs  # em++'s JS optimizer needs acorn from here
    [ -f build/wasm/CMakeCache.txt ] || emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release >&2
    cmake --build build/wasm -j "$jobs" >&2
    ;;
  *)
    echo "usage: scripts/build.sh native|wasm" >&2
    exit 1
    ;;
esac
