#!/usr/bin/env bash
# The side-by-side benchmark, one command (repository root or anywhere):
#   bench/compare/run.sh            # full run, about 13 minutes after the build
#   QUICK=1 bench/compare/run.sh    # short durations, for development
# SKIP_BUILD=1 skips `mvn package` (target/y-jakarta.war and target/runtime/ must exist).
# Other knobs (environment): see README.md. Needs java, mvn, node 20+, redis-server, redis-cli, jcmd.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
for tool in java node redis-server redis-cli jcmd; do
  command -v "$tool" >/dev/null || { echo "ERROR: $tool is not on PATH" >&2; exit 1; }
done
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "building the WAR (mvn -B -q package -DskipTests) ..." >&2
  (cd "$repo" && mvn -B -q package -DskipTests)
fi
for f in target/y-jakarta.war target/runtime/payara-micro.jar target/runtime/sqlite-jdbc.jar; do
  [ -f "$repo/$f" ] || { echo "ERROR: $repo/$f is missing (run without SKIP_BUILD=1)" >&2; exit 1; }
done
cd "$here"
stamp=node_modules/.package-lock.json
if ! { [ -f "$stamp" ] && [ "$stamp" -nt package-lock.json ]; }; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node bench.mjs
