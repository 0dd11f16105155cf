#!/usr/bin/env bash
# Installs the exact npm packages the tests use. Run by Maven (generate-test-resources).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1; then
  echo "ERROR: node is not on PATH. The interop and Yjs differential tests need Node.js 20+ (they do not skip)." >&2
  exit 1
fi
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt package.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
