#!/usr/bin/env bash
# CPU of a running stack while it is idle: each service's CPU time (its process and descendants) over
# a window, in % of one core, from /proc. Run it on a stack started by ./rehearse up, a couple of
# minutes after the start, with no load; the data directory is the stack's (REHEARSE_DATA_DIR).
#   bench/idle.sh [SECONDS]        (default 60)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
window="${1:-60}"
pids_file="${REHEARSE_DATA_DIR:-.rehearse/data}/stack.pids"
if [[ ! -f "$pids_file" ]]; then
  echo "no $pids_file: start the stack first (./rehearse up)" >&2
  exit 2
fi
hz="$(getconf CLK_TCK)"

# a process and its descendants
tree() {
  echo "$1"
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$child"; done
}

# CPU ticks (user + system) of one process, or of it and its descendants
ticks() {
  local total=0 pid stat
  for pid in $( [[ "$2" == tree ]] && tree "$1" || echo "$1"); do
    stat="$(cat /proc/"$pid"/stat 2>/dev/null)" || continue
    # the fields after the command name, which may hold spaces: utime and stime are 12th and 13th
    read -r -a f <<< "${stat##*) }"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

declare -A before
names=()
while read -r name pid _; do
  [[ "$pid" =~ ^[0-9]+$ ]] || continue
  names+=("$name:$pid")
  # the launcher alone: its services are counted on their own lines
  scope=tree; [[ "$name" == launcher ]] && scope=self
  before[$name]="$(ticks "$pid" "$scope")"
done < "$pids_file"

sleep "$window"

total=0
printf '%-14s %10s %12s\n' process "cpu ms" "% of a core"
for entry in "${names[@]}"; do
  name="${entry%%:*}"; pid="${entry##*:}"
  scope=tree; [[ "$name" == launcher ]] && scope=self
  used=$(( $(ticks "$pid" "$scope") - before[$name] ))
  total=$((total + used))
  awk -v n="$name" -v t="$used" -v hz="$hz" -v w="$window" \
    'BEGIN { printf "%-14s %10.0f %11.1f%%\n", n, t * 1000 / hz, 100 * t / hz / w }'
done
awk -v t="$total" -v hz="$hz" -v w="$window" \
  'BEGIN { printf "%-14s %10.0f %11.1f%%   (over %d s)\n", "total", t * 1000 / hz, 100 * t / hz / w, w }'
