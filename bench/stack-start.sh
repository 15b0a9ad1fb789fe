#!/usr/bin/env bash
# Cold and warm start of the full local stack, and its total resident memory once up.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(mktemp -d /tmp/rehearse-start-XXXXXX)"
chmod 755 "$dir"
export REHEARSE_DATA_DIR="$dir/data" REHEARSE_LOG_DIR="$dir/logs"

# resident memory (kB) of a process and all its descendants
tree_rss() {
  local total
  total=$(awk '/VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0)
  for child in $(pgrep -P "$1"); do
    total=$((total + $(tree_rss "$child")))
  done
  echo "${total:-0}"
}

start() {
  local label="$1" t0 pid
  t0=$(date +%s.%N)
  "$here/rehearse" up > "$dir/up-$label.log" 2>&1 &
  pid=$!
  until grep -q "rehearse stack is up" "$dir/up-$label.log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$dir/up-$label.log"; exit 1; }
    sleep 0.2
  done
  printf '%s start: %.1f s\n' "$label" "$(echo "$(date +%s.%N) - $t0" | bc)"
  if [[ "$label" == warm ]]; then
    local rss
    rss=$(tree_rss "$pid")
    printf 'total RSS of the stack (launcher and services): %d MB\n' $((rss / 1024))
  fi
  kill -TERM "$pid"; wait "$pid" || true
}

start cold
start warm
rm -rf "$dir"
