#!/usr/bin/env bash
# Batch analytics on a synthetic lake in a local folder: the full assessment and peer benchmarks of
# SESSIONS sessions against a baseline Spark pass over the same answers, in the same run; then the
# embedding rate of profile chunks (the reindex's ceiling). Usage:
#   bench/batch.sh [SESSIONS] [ANSWERS_PER_SESSION] [PROFILES]     (default 100000 10 300)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -d "$here/batch-jobs/target/lib" || ! -d "$here/bench/target/classes" ]]; then
  (cd "$here" && mvn -B -q -DskipTests install -pl bench -am)
fi
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
  java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
  sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done
SPARK_LOCAL_IP=127.0.0.1 java -Xmx6g $opens --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$here/bench/target/classes:$here/batch-jobs/target/classes:$here/batch-jobs/target/lib/*" \
  dev.rehearse.bench.BatchBench "${1:-100000}" "${2:-10}" "${3:-300}"
