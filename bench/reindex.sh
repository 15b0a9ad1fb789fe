#!/usr/bin/env bash
# The RAG reindex on the stack: PROFILES synthetic profiles indexed by the live job, then two
# reindexes timed from request to success, against embedding the same chunks in-process (the
# baseline, same run). Uses the running stack, or starts one (and stops it after).
# Usage: bench/reindex.sh [PROFILES]     (default 300)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$here/batch-jobs/target/lib" || ! -d "$here/bench/target/classes" ]]; then
  (cd "$here" && mvn -B -q -DskipTests install -pl bench -am)
fi
. "$here/bench/stack.sh"
use_stack reindex || true
prepared="$(java -Xmx1g -cp "$here/bench/target/classes:$here/batch-jobs/target/classes:$here/batch-jobs/target/lib/*" \
  dev.rehearse.bench.ReindexBench "${1:-300}" | tee /dev/stderr)"
baseline="$(awk '/^baseline-chunks-per-second/ {print $2}' <<< "$prepared")"
# each reindex as an operator runs it, timed from the command's start to its summary
for run in 1 2; do
  t0=$(date +%s.%N)
  summary="$("$here/rehearse" batch reindex | tr '\r' '\n')"
  t1=$(date +%s.%N)
  processed="$(awk '/^processed/ {print $2}' <<< "$summary")"
  awk -v r="$run" -v n="$processed" -v t0="$t0" -v t1="$t1" -v b="$baseline" 'BEGIN {
    s = t1 - t0
    printf "reindex %d: %d chunks (every profile on the stack) in %.1f s: %.0f chunks/s, %.2fx the baseline\n", r, n, s, n / s, n / s / b
  }'
done
