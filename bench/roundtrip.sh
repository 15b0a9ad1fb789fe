#!/usr/bin/env bash
# Answer round-trip latency, one request at a time, against GET /health measured in the same run.
# Uses the running stack, or starts one (and stops it afterwards).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
answers="${1:-200}"
. "$here/bench/stack.sh"
use_stack bench || true
"$here/rehearse" bench --answers "$answers"
