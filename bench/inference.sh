#!/usr/bin/env bash
# Inference of the Fashion-MNIST MLP from Java (org.neurite.engine.inference.Predictor): batch-1
# latency (median, p99, microseconds) and batch-1000 throughput (samples/s), with JMH.
# PyTorch's figure for the same model (eval mode, no_grad, batch 1000) is printed by
# bench/reference/pytorch_fashion.py mlp ("inference samples/s"); compare the two only when
# run side by side on a quiet machine.
#
# Usage: bench/inference.sh [JMH options, such as -wi 2 -i 3 for a short check]
# Environment: MVN_ARGS="-o" (extra Maven arguments), JAVA_OPTS (options of the JMH launcher JVM)
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=bench/target/benchmarks.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-inference.XXXXXX")

echo "building the benchmarks (mvn -pl bench -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests

# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -jar "$JAR" 'org.neurite.bench.InferenceBenchmark' "$@" -rf json -rff "$OUT/inference.json" > "$OUT/inference.log" 2>&1 \
  || { tail -30 "$OUT/inference.log"; exit 1; }
grep -m1 'GEMM kernel' "$OUT/inference.log" || true

/usr/bin/python3 - "$OUT/inference.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    m = r['primaryMetric']
    name = r['benchmark'].rsplit('.', 1)[1]
    if name == 'batchOfOne':
        p = m['scorePercentiles']
        print(f"batch 1: median {p['50.0']:.1f} us, p99 {p['99.0']:.1f} us ({m['scoreUnit']})")
    else:
        print(f"batch 1000: {m['score'] * 1000:.0f} samples/s (+- {m['scoreError'] * 1000:.0f})")
PY
echo "JMH output in $OUT"
