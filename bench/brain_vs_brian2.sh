#!/bin/sh
# Side by side on this machine: `ketaclinic brain bench NETWORK` and Brian2's C++
# standalone build of the same network (bench/brian2_coba.py), 10 s of biological
# time, one thread each, run alternately REPS times so both see the same load.
# Prints one JSON line per run; docs/performance.md reports the medians.
# Usage: bench/brain_vs_brian2.sh [BUILD_DIR] [REPS] [coba|cuba] [SEED]
set -eu
build=${1:-build/ci}
reps=${2:-5}
net=${3:-coba}
seed=${4:-1}
dir=/tmp/brian2_${net}_seed${seed}
here=$(dirname "$0")
/usr/bin/python3 "$here/brian2_coba.py" --network "$net" --seed "$seed" --duration 10 --reps 0 --dir "$dir" \
  > /dev/null 2>&1
i=0
while [ "$i" -lt "$reps" ]; do
  "$build/src/app/ketaclinic" brain bench "$net" --duration 10s --threads 1 --seed "$seed" --format json |
    /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(json.dumps({"side": "ketaclinic", "network": d["network"], "seed": d["seed"], "wall_s": round(d["wall_time_s"], 4), "mean_rate_hz": round(d["mean_rate_hz"], 4), "spikes": d["spikes"], "peak_memory_mb": round(d["peak_memory_mb"], 1), "rate_distribution": {k: round(v, 4) for k, v in d["rate_distribution"].items()}}))'
  /usr/bin/python3 "$here/brian2_coba.py" --network "$net" --seed "$seed" --duration 10 --reps 1 --dir "$dir" \
    --no-build | sed 's/^{/{"side": "brian2", /'
  i=$((i + 1))
done
