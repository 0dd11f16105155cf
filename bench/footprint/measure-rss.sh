#!/usr/bin/env bash
# Idle resident memory (RSS) of one server running the WAR: boot, wait for /health/live, stay
# idle for IDLE seconds, then read `ps -o rss`. Prints one line: runtime, flags, boot seconds, RSS.
#
#   bench/footprint/measure-rss.sh payara  [JVM flags...]
#   bench/footprint/measure-rss.sh wildfly [JVM flags...]
#
# Needs `mvn package` (Payara) or `mvn verify -Pwildfly` (a configured target/wildfly-*) first.
# IDLE (default 30) and PORT (default 18480) come from the environment.
set -euo pipefail
cd "$(dirname "$0")/../.."
runtime=$1; shift
flags=("$@")
idle=${IDLE:-30}
port=${PORT:-18480}
work=target/footprint/$runtime
rm -rf "$work"; mkdir -p "$work"
log=$work/server.log

start=$(date +%s.%N)
case $runtime in
  payara)
    java "${flags[@]}" -jar target/runtime/payara-micro.jar \
      --deploy target/y-jakarta.war --contextroot / --port "$port" --nohazelcast \
      --addlibs target/runtime/sqlite-jdbc.jar \
      --prebootcommandfile server-config/payara/pre-boot-commands.txt \
      --postbootcommandfile server-config/payara/post-boot-commands.txt \
      --rootdir "$work/root" >"$log" 2>&1 &
    launcher=$!
    ;;
  wildfly)
    src=$(ls -d target/wildfly-*/ | head -1)
    cp -a "$src" "$work/wildfly"
    cp target/y-jakarta.war "$work/wildfly/standalone/deployments/ROOT.war"
    offset=$((port - 8080))
    # standalone.conf's sizing slot (default -Xms64m -Xmx512m); its other defaults stay
    if [ ${#flags[@]} -gt 0 ]; then export JBOSS_JAVA_SIZING="${flags[*]}"; fi
    "$work/wildfly/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
      -Djboss.socket.binding.port-offset="$offset" >"$log" 2>&1 &
    launcher=$!
    ;;
  *) echo "usage: $0 payara|wildfly [JVM flags...]" >&2; exit 2 ;;
esac

java_pid() {
  if [ "$runtime" = wildfly ]; then pgrep -P "$launcher" java || true; else echo "$launcher"; fi
}
cleanup() {
  local pid; pid=$(java_pid)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  kill "$launcher" 2>/dev/null || true
  wait "$launcher" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 480); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/health/live"; then break; fi
  kill -0 "$launcher" 2>/dev/null || { echo "server exited; see $log" >&2; exit 1; }
  sleep 0.25
done
curl -sf -o /dev/null "http://127.0.0.1:$port/health/live" || { echo "no answer; see $log" >&2; exit 1; }
booted=$(echo "$(date +%s.%N) - $start" | bc)
sleep "$idle"
rss_kb=$(ps -o rss= -p "$(java_pid)" | tr -d ' ')
printf '%s\tflags=[%s]\tboot=%.1fs\trss=%d MB\n' "$runtime" "${flags[*]:-}" "$booted" $((rss_kb / 1024))
