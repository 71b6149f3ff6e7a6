#!/usr/bin/env bash
# Inference of the Fashion-MNIST MLP (784-256-128-10 ReLU) from Java through
# org.neurite.engine.inference.Predictor, side by side with PyTorch 1.13 doing the same per call
# (raw pixels / 255, eval mode, no_grad, softmax): batch-1 latency (median and p99, microseconds)
# and batch-1000 throughput (samples/s). ROUNDS interleaved rounds (PyTorch, then Neurite's JMH
# benchmark), 2 threads both; prints each round and the medians over the rounds with the ratios.
#
# Usage: bench/inference.sh [rounds] [JMH options, such as -wi 2 -i 3 for a short check]
#        (default 3 rounds; JMH's defaults are those of InferenceBenchmark)
# Environment: MVN_ARGS="-o" (extra Maven arguments), JAVA_OPTS (options of the JMH launcher JVM),
#              TORCH_SECONDS (PyTorch's measuring time per round, default 10)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=3
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  ROUNDS=$1
  shift
fi
PYTHON=/usr/bin/python3
JAR=bench/target/benchmarks.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-inference.XXXXXX")

echo "building the benchmarks (mvn -pl bench -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests

echo "results in $OUT"
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r/$ROUNDS: PyTorch ..."
  "$PYTHON" bench/reference/pytorch_inference.py --threads 2 --seconds "${TORCH_SECONDS:-10}" \
    > "$OUT/torch-$r.json" 2> "$OUT/torch-$r.log"
  echo "round $r/$ROUNDS: Neurite ..."
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -jar "$JAR" 'org.neurite.bench.InferenceBenchmark' "$@" \
    -rf json -rff "$OUT/neurite-$r.json" > "$OUT/neurite-$r.log" 2>&1 \
    || { tail -30 "$OUT/neurite-$r.log"; exit 1; }
done
grep -m1 'GEMM kernel' "$OUT/neurite-1.log" || true

"$PYTHON" - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
rows = []
for r in range(1, rounds + 1):
    t = json.load(open(f'{out}/torch-{r}.json'))
    n = {}
    for b in json.load(open(f'{out}/neurite-{r}.json')):
        m = b['primaryMetric']
        if b['benchmark'].endswith('batchOfOne'):
            n['median'] = m['scorePercentiles']['50.0']
            n['p99'] = m['scorePercentiles']['99.0']
        else:
            n['throughput'] = m['score'] * 1000
    rows.append((t['batch1_median_us'], n['median'], t['batch1_p99_us'], n['p99'],
                 t['batch1000_samples_per_s'], n['throughput']))
print(f"{'round':>5}  {'batch 1 median us':>24}  {'batch 1 p99 us':>22}  {'batch 1000 samples/s':>26}")
print(f"{'':>5}  {'PyTorch':>11} {'Neurite':>12}  {'PyTorch':>10} {'Neurite':>11}  {'PyTorch':>12} {'Neurite':>13}")
for i, x in enumerate(rows, 1):
    print(f"{i:>5}  {x[0]:>11.1f} {x[1]:>12.1f}  {x[2]:>10.1f} {x[3]:>11.1f}  {x[4]:>12.0f} {x[5]:>13.0f}")
med = [statistics.median(x[i] for x in rows) for i in range(6)]
print(f"{'median':>6} {med[0]:>11.1f} {med[1]:>12.1f}  {med[2]:>10.1f} {med[3]:>11.1f}  {med[4]:>12.0f} {med[5]:>13.0f}")
print(f"Neurite / PyTorch: batch-1 median latency {med[1] / med[0]:.2f}x, p99 {med[3] / med[2]:.2f}x;"
      f" batch-1000 throughput {med[5] / med[4]:.2f}x (goal: latency < 100 us, throughput >= 1.00x)")
PY
