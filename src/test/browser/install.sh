#!/usr/bin/env bash
# Installs playwright-core (exact pin) for the demo page's browser test. Run by Maven
# (generate-test-resources). playwright-core downloads no browser: the test drives Debian's
# /usr/bin/chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1; then
  echo "ERROR: node is not on PATH. The demo page's browser test needs Node.js 20+ (it does not skip)." >&2
  exit 1
fi
stamp=node_modules/.package-lock.json
if [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ] && [ "$stamp" -nt package.json ]; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
