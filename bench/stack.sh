# Sourced by the stack-level benchmarks: uses the running stack, or starts one and stops it when
# the benchmark exits. Usage: use_stack NAME [VAR=VALUE]...  (the variables are set for `up` only;
# its output goes to /tmp/rehearse-NAME-up.log).
bench_stack_pid=""
bench_stack_cleanups=()
bench_stack_exit() {
  for c in "${bench_stack_cleanups[@]}"; do eval "$c"; done
  if [[ -n "$bench_stack_pid" ]]; then
    kill -TERM "$bench_stack_pid" 2>/dev/null || true
    wait "$bench_stack_pid" 2>/dev/null || true
  fi
}
trap bench_stack_exit EXIT

# use_stack NAME [VAR=VALUE]...: returns 0 when it started the stack, 1 when one was running
use_stack() {
  local name="$1" log="/tmp/rehearse-$1-up.log"
  shift
  if curl -sf "http://127.0.0.1:${REHEARSE_API_PORT:-8080}/ready" >/dev/null 2>&1; then
    return 1
  fi
  env "$@" "$here/rehearse" up > "$log" 2>&1 &
  bench_stack_pid=$!
  until grep -q "rehearse stack is up" "$log"; do
    kill -0 "$bench_stack_pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 1
  done
  return 0
}
