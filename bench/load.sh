#!/usr/bin/env bash
# Accepted answers per second and latency percentiles under concurrent load, against a bare Javalin
# endpoint measured in the same run. Usage: bench/load.sh [CLIENTS] [SECONDS] [RATE]
# Without RATE each client sends its next answer when the last one is answered (closed loop); with
# RATE (answers per second, all clients together) answers are sent on a fixed schedule (open loop)
# and latency counts from the scheduled send, so a slow reply delays nothing unseen.
# Uses the running stack, or starts one with rate limits raised for the run (and stops it after).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="${1:-16}"
seconds="${2:-30}"
rate="${3:-}"
jar="$here/bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$here" && mvn -B -q -DskipTests package -pl bench -am)
fi
started=""
tokens="$(mktemp)"
stop_started() {
  rm -f "$tokens"
  if [[ -n "$started" ]]; then
    kill -TERM "$started" 2>/dev/null || true
    wait "$started" 2>/dev/null || true
  fi
}
trap stop_started EXIT
if ! curl -sf "http://127.0.0.1:${REHEARSE_API_PORT:-8080}/ready" >/dev/null 2>&1; then
  REHEARSE_RATE_INTERVIEW_PER_MINUTE=1000000 "$here/rehearse" up > /tmp/rehearse-load-up.log 2>&1 &
  started=$!
  until grep -q "rehearse stack is up" /tmp/rehearse-load-up.log; do
    kill -0 "$started" 2>/dev/null || { cat /tmp/rehearse-load-up.log; exit 1; }
    sleep 1
  done
else
  echo "using the running stack: its interview rate limit (REHEARSE_RATE_INTERVIEW_PER_MINUTE) applies" >&2
fi
for i in $(seq 1 "$clients"); do
  "$here/rehearse" token --user "load-$i" >> "$tokens"
done
java -Xmx512m -cp "$jar" dev.rehearse.bench.LoadBench \
  "http://127.0.0.1:${REHEARSE_API_PORT:-8080}" "$tokens" "$seconds" $rate
