#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for dosecalc; does nothing when all is present.
# All output goes to stderr so that `npm run --silent cli` keeps stdout for JSON.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake make g++ emscripten binaryen nlohmann-json3-dev catch2 chromium firefox-esr webkit2gtk-driver xvfb xauth)
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2  # with recommends (fonts for the page tests)
fi

# Node 20 or later (package.json "engines"; the tests use node --test options Node 18 lacks). Debian 12's own
# nodejs package is 18, so when that is all there is, say so plainly rather than fail later.
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "setup: dosecalc needs Node.js 20 or later; this machine has $(node --version 2>/dev/null || echo none)." >&2
  echo "setup: Debian 12's nodejs package is 18: install Node 20+ (e.g. from nodesource.com) and run this again." >&2
  exit 1
fi

# npm packages exactly as locked; reinstalled when the lockfile is newer than the install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
