#!/usr/bin/env bash
# Answer round-trip latency, one request at a time, against GET /health measured in the same run.
# Uses the running stack, or starts one (and stops it afterwards).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
answers="${1:-200}"
started=""
stop_started() {
  if [[ -n "$started" ]]; then
    kill -TERM "$started" 2>/dev/null || true
    wait "$started" 2>/dev/null || true
  fi
}
trap stop_started EXIT
if ! curl -sf "http://127.0.0.1:${REHEARSE_API_PORT:-8080}/ready" >/dev/null 2>&1; then
  "$here/rehearse" up > /tmp/rehearse-bench-up.log 2>&1 &
  started=$!
  until grep -q "rehearse stack is up" /tmp/rehearse-bench-up.log; do
    kill -0 "$started" 2>/dev/null || { cat /tmp/rehearse-bench-up.log; exit 1; }
    sleep 1
  done
fi
"$here/rehearse" bench --answers "$answers"
