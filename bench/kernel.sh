#!/usr/bin/env bash
# Per service of a running stack, per accepted answer over bench/load.sh's measured window: CPU
# milliseconds, read/write system calls (syscr + syscw of /proc/PID/io) and context switches (the
# voluntary and involuntary switches of the threads alive at both ends). Usage:
#   bench/kernel.sh [clients] [seconds] [rate]     (defaults 64 30 200; the stack must be up)
# The window opens when LoadBench prints "measuring the API" and closes 3 s after its length (its
# drain). Accepted answers are LoadBench's rate times the window's length.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clients="${1:-64}"
seconds="${2:-30}"
rate="${3:-200}"
pids="${REHEARSE_DATA_DIR:-$here/.rehearse/data}/stack.pids"
[[ -f "$pids" ]] || { echo "no stack runs (no $pids): start one with ./rehearse up" >&2; exit 1; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

snapshot() {
  python3 - "$pids" <<'PY'
import json, os, sys
parent = {}
for d in os.listdir("/proc"):
    if d.isdigit():
        try:
            st = open(f"/proc/{d}/stat").read()
            parent[int(d)] = int(st[st.rindex(")") + 2:].split()[1])
        except OSError:
            pass
def tree(pid):
    return [pid] + [p for k, pp in parent.items() if pp == pid for p in tree(k)]
totals = {}
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) < 2 or not f[1].isdigit():
        continue
    name, pid = f[0], int(f[1])
    ticks = calls = switches = 0
    for p in [pid] if name == "launcher" else tree(pid):
        try:
            st = open(f"/proc/{p}/stat").read()
            x = st[st.rindex(")") + 2:].split()
            ticks += int(x[11]) + int(x[12])
            io = dict(l.split(": ") for l in open(f"/proc/{p}/io").read().splitlines())
            calls += int(io["syscr"]) + int(io["syscw"])
            for t in os.listdir(f"/proc/{p}/task"):
                for l in open(f"/proc/{p}/task/{t}/status"):
                    if "ctxt_switches" in l:
                        switches += int(l.split()[1])
        except OSError:
            pass
    total = totals.setdefault(name, [0, 0, 0])
    total[0] += ticks
    total[1] += calls
    total[2] += switches
json.dump(totals, sys.stdout)
PY
}

"$here/bench/load.sh" "$clients" "$seconds" "$rate" > "$out/load.log" 2>&1 &
load=$!
until grep -q "^measuring the API" "$out/load.log"; do
  kill -0 "$load" 2>/dev/null || { cat "$out/load.log"; exit 1; }
  sleep 0.2
done
snapshot > "$out/before.json"
sleep "$((seconds + 3))"
snapshot > "$out/after.json"
wait "$load"
grep "API: answer accepted" "$out/load.log"
python3 - "$out" "$seconds" <<'PY'
import json, re, sys
out, seconds = sys.argv[1], int(sys.argv[2])
before = json.load(open(f"{out}/before.json"))
after = json.load(open(f"{out}/after.json"))
per_second = float(re.search(r"API: answer accepted \(metrics\+next\)\s+([\d.]+)",
                             open(f"{out}/load.log").read()).group(1))
answers = per_second * seconds
print(f"{answers:,.0f} accepted answers; per answer, over the window and its 3 s drain:")
print(f"{'service':15s} {'CPU ms':>8s} {'syscalls':>9s} {'switches':>9s}")
total = [0, 0, 0]
for name, now in after.items():
    d = [now[i] - before.get(name, [0, 0, 0])[i] for i in range(3)]
    total = [total[i] + d[i] for i in range(3)]
    print(f"{name:15s} {d[0] * 10 / answers:8.2f} {d[1] / answers:9.1f} {d[2] / answers:9.1f}")
print(f"{'total':15s} {total[0] * 10 / answers:8.2f} {total[1] / answers:9.1f} {total[2] / answers:9.1f}")
PY
