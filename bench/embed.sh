#!/usr/bin/env bash
# The embedding rate of profile chunks on two threads (a reindex that embeds every chunk), against
# ONNX Runtime alone on the same chunks, in the same run; without the Spark part of batch.sh. Usage:
#   bench/embed.sh [PROFILES] [ROUNDS]     (default 300 3)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$here/batch-jobs/target/lib" || ! -d "$here/bench/target/classes" ]]; then
  (cd "$here" && mvn -B -q -DskipTests package -pl bench -am)
fi
java -Xmx1g -cp "$here/bench/target/classes:$here/batch-jobs/target/classes:$here/batch-jobs/target/lib/*" \
  dev.rehearse.bench.EmbeddingBench "${1:-300}" "${2:-3}"
