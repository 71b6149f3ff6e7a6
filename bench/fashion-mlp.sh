#!/usr/bin/env bash
# One training epoch of the Fashion-MNIST MLP (784-256-128-10 ReLU, Adam 1e-3, batch 128,
# 60,000 images), Neurite's embedded example against the PyTorch reference, side by side:
# ROUNDS interleaved rounds (PyTorch, then Neurite, ...), EPOCHS epochs each, 2 threads both.
# Prints every epoch's seconds and, per round, the ratio of the best epochs
# (Neurite / PyTorch), then the median ratio over the rounds.
#
# Usage: bench/fashion-mlp.sh [rounds]       (default 3; EPOCHS=3 by default)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
EPOCHS=${EPOCHS:-3}
PYTHON=/usr/bin/python3
DATA=examples/data/fashion-mnist
JAR=examples/embedded/target/neurite-example-embedded.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-mlp.XXXXXX")

echo "building the example (mvn -pl examples/embedded -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl examples/embedded -am package -DskipTests

echo "results in $OUT"
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r/$ROUNDS: PyTorch ..."
  FASHION_MNIST_DIR="$DATA" "$PYTHON" bench/reference/pytorch_fashion.py mlp --epochs "$EPOCHS" \
    > "$OUT/torch-$r.txt" 2>&1
  echo "round $r/$ROUNDS: Neurite ..."
  java --add-modules jdk.incubator.vector -jar "$JAR" "$DATA" --epochs "$EPOCHS" \
    > "$OUT/neurite-$r.txt" 2>&1
done

"$PYTHON" - "$OUT" "$ROUNDS" <<'PY'
import statistics, sys
sys.path.insert(0, 'bench/lib')
from fashion_epochs import torch_epochs, neurite_epochs
out, rounds = sys.argv[1], int(sys.argv[2])

ratios = []
print(f"{'round':>5}  {'PyTorch epoch s':<28} {'Neurite epoch s':<28} {'best ratio':>10}")
for r in range(1, rounds + 1):
    t = torch_epochs(open(f'{out}/torch-{r}.txt').read())
    n = neurite_epochs(open(f'{out}/neurite-{r}.txt').read())
    ratio = min(n) / min(t)
    ratios.append(ratio)
    print(f"{r:>5}  {', '.join(f'{x:.2f}' for x in t):<28} {', '.join(f'{x:.2f}' for x in n):<28} {ratio:>10.2f}")
print(f"median over rounds of (best Neurite epoch / best PyTorch epoch): {statistics.median(ratios):.2f}")
PY
