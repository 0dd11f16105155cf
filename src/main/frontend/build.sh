#!/usr/bin/env bash
# Bundles the demo page (run by Maven in generate-resources). Usage: build.sh <output directory>
set -euo pipefail
cd "$(dirname "$0")"
out="${1:?usage: build.sh <output directory>}"
if ! command -v node >/dev/null 2>&1; then
  echo "ERROR: node is not on PATH. Bundling the demo page needs Node.js 20+ (or build with -Pno-demo to leave the page out)." >&2
  exit 1
fi
stamp=node_modules/.package-lock.json
if ! { [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt package.json ]; }; then
  # esbuild is a devDependency: install it even when NODE_ENV=production
  npm ci --include=dev --no-audit --no-fund --loglevel=error
fi
node build.mjs "$out"
