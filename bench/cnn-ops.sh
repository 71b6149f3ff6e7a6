#!/usr/bin/env bash
# The reference CNN's training step per op, PyTorch and Neurite, by CPU time, to find where
# Neurite loses: PyTorch's reference step (bench/reference/pytorch_fashion.py cnn --profile, its
# ops by self time under torch.profiler, scaled to the process's CPU time) and Neurite's
# (FashionCnnSteps under a flight recording, the samples filed by op with bench/lib/jfr_ops.py).
# One thread each by default (THREADS=2 for both on two), so that an op's time is its CPU time and
# the tables hold on a machine shared with other work; compare the ops' milliseconds and the whole
# step's CPU time, not wall-clock figures.
#
# Usage: bench/cnn-ops.sh [steps]     (default 60 profiled steps after 40 of warm-up; THREADS=1)
# Needs: Java 17 (with its jfr tool), Maven, /usr/bin/python3 with torch.
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=${1:-60}
WARMUP=${WARMUP:-40}
THREADS=${THREADS:-1}
DATA=examples/data/fashion-mnist
JAR=bench/target/benchmarks.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-cnn-ops.XXXXXX")

if [[ -z "${SKIP_BUILD:-}" ]]; then
  echo "building the benchmarks (mvn -pl bench -am package) ..."
  # shellcheck disable=SC2086
  mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests
fi

echo "== PyTorch: the reference step per op ($THREADS thread(s), $STEPS steps after $WARMUP)"
FASHION_MNIST_DIR="$DATA" /usr/bin/python3 bench/reference/pytorch_fashion.py cnn --threads "$THREADS" \
  --profile "$STEPS" --profile-warmup "$WARMUP" | head -32

echo
echo "== Neurite: FashionCnnSteps per op ($THREADS thread(s), $STEPS steps after $WARMUP; results in $OUT)"
java --add-modules jdk.incubator.vector -XX:+UseSerialGC -Dneurite.threads="$THREADS" \
  -XX:StartFlightRecording=filename="$OUT/steps.jfr",settings=profile \
  -cp "$JAR" org.neurite.bench.FashionCnnSteps "$DATA" --steps "$STEPS" --warmup "$WARMUP" \
  > "$OUT/steps.txt" 2>&1
grep -E '^(per step|steps )' "$OUT/steps.txt"
/usr/bin/python3 bench/lib/jfr_ops.py "$OUT/steps.jfr" "$OUT/steps.txt" 30
