#!/usr/bin/env bash
# Accepted answers per second and latency percentiles under concurrent load, against a bare Javalin
# endpoint measured in the same run. Usage: bench/load.sh [CLIENTS] [SECONDS] [RATE]
# Without RATE each client sends its next answer when the last one is answered (closed loop); with
# RATE (answers per second, all clients together) answers are sent on a fixed schedule (open loop)
# and latency counts from the scheduled send, so a slow reply delays nothing unseen.
# Then the CPU each accepted answer cost, per service of the stack (from /proc, the services named in
# the data directory's stack.pids), less what the service uses idle (measured while the bare endpoint
# runs), and the load generator's own beside it.
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
tokens="$(mktemp)"
. "$here/bench/stack.sh"
bench_stack_cleanups+=("rm -f '$tokens'")
if ! use_stack load REHEARSE_RATE_INTERVIEW_PER_MINUTE=1000000; then
  echo "using the running stack: its interview rate limit (REHEARSE_RATE_INTERVIEW_PER_MINUTE) applies" >&2
fi
for i in $(seq 1 "$clients"); do
  "$here/rehearse" token --user "load-$i" >> "$tokens"
done
java -Xmx512m -Dbench.pids="${REHEARSE_DATA_DIR:-$here/.rehearse/data}/stack.pids" \
  -cp "$jar" dev.rehearse.bench.LoadBench \
  "http://127.0.0.1:${REHEARSE_API_PORT:-8080}" "$tokens" "$seconds" $rate
