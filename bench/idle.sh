#!/usr/bin/env bash
# CPU of a running stack while it is idle: each service's CPU time (its process and descendants) over
# a window, in % of one core, from /proc; then the threads that used the most, per service. Run it on
# a stack started by ./rehearse up, with no load; the data directory is the stack's
# (REHEARSE_DATA_DIR). It first waits until the last service started is IDLE_AFTER_START seconds old
# (default 120: the JIT and the first checkpoints are past).
#   bench/idle.sh [SECONDS]        (default 60)
#   IDLE_THREADS=N                 threads listed per service (default 6; 0: none)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
window="${1:-60}"
after="${IDLE_AFTER_START:-120}"
top="${IDLE_THREADS:-6}"
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

# the processes of a service: the launcher alone (its services are counted on their own lines)
members() {
  if [[ "$1" == launcher ]]; then echo "$2"; else tree "$2"; fi
}

# CPU ticks (user + system) of processes, threads that exited included
ticks() {
  local total=0 pid stat
  for pid in "$@"; do
    stat="$(cat /proc/"$pid"/stat 2>/dev/null)" || continue
    read -r -a f <<< "${stat##*) }"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

# one line per thread of the given processes: "tid ticks name" (user + system ticks)
thread_ticks() {
  local pid task stat
  for pid in "$@"; do
    for task in /proc/"$pid"/task/*; do
      stat="$(cat "$task"/stat 2>/dev/null)" || continue
      # the fields after the command name, which may hold spaces: utime and stime are 12th and 13th
      read -r -a f <<< "${stat##*) }"
      echo "${task##*/} $((f[11] + f[12])) $(cat "$task"/comm 2>/dev/null | tr ' ' '_')"
    done
  done
}

names=()
pids=()
while read -r name pid _; do
  [[ "$pid" =~ ^[0-9]+$ ]] || continue
  names+=("$name")
  pids+=("$pid")
done < "$pids_file"

# wait until the youngest service is old enough
youngest=0
for pid in "${pids[@]}"; do
  stat="$(cat /proc/"$pid"/stat 2>/dev/null)" || continue
  read -r -a f <<< "${stat##*) }"
  ((f[19] > youngest)) && youngest=${f[19]}
done
age=$(awk -v s="$youngest" -v hz="$hz" '{ printf "%d", $1 - s / hz }' /proc/uptime)
if ((age < after)); then
  echo "waiting $((after - age)) s until the stack is $after s old" >&2
  sleep $((after - age))
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
declare -A before
for i in "${!names[@]}"; do
  # shellcheck disable=SC2046
  thread_ticks $(members "${names[$i]}" "${pids[$i]}") > "$tmp/$i.before"
  # shellcheck disable=SC2046
  before[$i]="$(ticks $(members "${names[$i]}" "${pids[$i]}"))"
done
sleep "$window"
declare -A used
for i in "${!names[@]}"; do
  # shellcheck disable=SC2046
  used[$i]=$(($(ticks $(members "${names[$i]}" "${pids[$i]}")) - before[$i]))
  # shellcheck disable=SC2046
  thread_ticks $(members "${names[$i]}" "${pids[$i]}") > "$tmp/$i.after"
  # per thread: ticks used in the window (a thread started during the window counts from zero)
  awk 'NR == FNR { t[$1] = $2; next } { d = $2 - ($1 in t ? t[$1] : 0); if (d > 0) print d, $3 }' \
    "$tmp/$i.before" "$tmp/$i.after" | sort -k1,1nr > "$tmp/$i.threads"
done

total=0
printf '%-14s %10s %12s\n' process "cpu ms" "% of a core"
for i in "${!names[@]}"; do
  total=$((total + used[$i]))
  awk -v n="${names[$i]}" -v t="${used[$i]}" -v hz="$hz" -v w="$window" \
    'BEGIN { printf "%-14s %10.0f %11.1f%%\n", n, t * 1000 / hz, 100 * t / hz / w }'
done
awk -v t="$total" -v hz="$hz" -v w="$window" \
  'BEGIN { printf "%-14s %10.0f %11.1f%%   (over %d s)\n", "total", t * 1000 / hz, 100 * t / hz / w, w }'

if ((top > 0)); then
  echo
  echo "busiest threads (cpu ms over the window; threads that exited during it are not counted)"
  for i in "${!names[@]}"; do
    line="$(head -n "$top" "$tmp/$i.threads" \
      | awk -v hz="$hz" '{ printf "%s%s %.0f", (NR > 1 ? ", " : ""), $2, $1 * 1000 / hz }')"
    [[ -n "$line" ]] && printf '  %-12s %s\n' "${names[$i]}" "$line"
  done
fi
