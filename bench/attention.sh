#!/usr/bin/env bash
# Neurite's fused multi-head attention against PyTorch's (split heads, matmuls, softmax) at the
# Transformer examples' shapes, side by side: ROUNDS interleaved rounds (PyTorch, then Neurite),
# 2 threads both, forward alone and forward + backward. Prints each round's microseconds per
# call (Neurite: JMH's average; PyTorch: median of its repeats) and the ratios.
#
# Usage: bench/attention.sh [rounds]     (default 3; also ROUNDS=n; MVN_ARGS="-o" for an offline build)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
PYTHON=/usr/bin/python3
JAR=bench/target/benchmarks.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-attention.XXXXXX")

echo "building the benchmarks (mvn -pl bench -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests

echo "results in $OUT"
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r/$ROUNDS: PyTorch ..."
  "$PYTHON" bench/reference/pytorch_attention.py > "$OUT/torch-$r.txt"
  echo "round $r/$ROUNDS: Neurite (JMH) ..."
  java -jar "$JAR" 'org.neurite.bench.AttentionBenchmark' ${JMH_ARGS:-} -rf json -rff "$OUT/neurite-$r.json" \
    > "$OUT/neurite-$r.log" 2>&1
done

"$PYTHON" - "$OUT" "$ROUNDS" <<'PY'
import json, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
ratios = {}
for r in range(1, rounds + 1):
    torch = {}
    for m in re.finditer(r'^(\S+) (\S+) best_us=([\d.]+) median_us=([\d.]+)', open(f'{out}/torch-{r}.txt').read(), re.M):
        torch[(m.group(1), m.group(2))] = float(m.group(4))
    for row in json.load(open(f'{out}/neurite-{r}.json')):
        key = (row['params']['shape'], row['benchmark'].rsplit('.', 1)[1])
        neurite = row['primaryMetric']['score']
        ratio = neurite / torch[key]
        ratios.setdefault(key, []).append(ratio)
        print(f'round {r}  {key[0]:<18} {key[1]:<16} PyTorch {torch[key]:>9.1f} us  Neurite {neurite:>9.1f} us'
              f'  Neurite / PyTorch {ratio:.2f}')
for key, rs in ratios.items():
    print(f'median ratio {key[0]:<18} {key[1]:<16} {statistics.median(rs):.2f}')
PY
