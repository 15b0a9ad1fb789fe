#!/usr/bin/env bash
# Answers analysed per second on one core (150-word answers with timings), the answers' offline
# dimension scores per second (what the interview job adds per answer for the lake), and the ratios
# to the baseline measured in the same JMH run. Builds the benchmarks jar if needed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$here" && mvn -B -q -DskipTests package -pl bench -am)
fi
out="$(mktemp)"
java -Xmx256m -jar "$jar" AnswerAnalyzerBenchmark -rf json -rff "$out.json" "$@" | tail -5
python3 - "$out.json" <<'PY'
import json, sys
rows = {r["benchmark"].rsplit(".", 1)[1]: r["primaryMetric"] for r in json.load(open(sys.argv[1]))}
full, base, dims = rows["analyze"], rows["baselineWordCountAndPace"], rows["scoreDimensions"]
print(f"answers analysed per second per core: {full['score']:,.0f} ± {full['scoreError']:,.0f}")
print(f"baseline (word count and pace only):  {base['score']:,.0f} ± {base['scoreError']:,.0f}")
print(f"full analysis costs {base['score'] / full['score']:.1f}x the baseline")
print(f"dimension scores per second per core: {dims['score']:,.0f} ± {dims['scoreError']:,.0f}"
      f" ({1e6 / dims['score']:.1f} µs an answer, {base['score'] / dims['score']:.1f}x the baseline)")
PY
rm -f "$out" "$out.json"
