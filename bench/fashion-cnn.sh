#!/usr/bin/env bash
# One training epoch and the inference throughput of the reference Fashion-MNIST CNN (conv 1->32
# 3x3, pool, conv 32->64 3x3, pool, dense 3136->128->10; Adam 1e-3, batch 128, 60,000 images),
# Neurite (bench/.../FashionCnnRun, the model of examples/cnn/fashion-cnn.yaml) against the PyTorch
# reference (bench/reference/pytorch_fashion.py cnn), side by side: ROUNDS interleaved rounds
# (PyTorch, then Neurite, ...), EPOCHS epochs each, 2 threads both. Prints every epoch's seconds
# and, per round, the ratio of the best epochs (Neurite / PyTorch) and of the best inference
# throughputs at batch 1000 (Neurite / PyTorch; above 1 is faster) and both peak resident sets
# (PyTorch: its own ru_maxrss; Neurite: the JVM's, from /usr/bin/time), then the medians over rounds;
# then both peaks while training (each process's own peak read before its inference passes, whose
# batches of 1000 images set the whole-process figure); last, Neurite's process CPU seconds and
# collector pauses of each training epoch (figures that a shared machine does not distort as much).
#
# Usage: bench/fashion-cnn.sh [rounds]       (default 3; EPOCHS=2 by default)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
EPOCHS=${EPOCHS:-2}
PYTHON=/usr/bin/python3
DATA=examples/data/fashion-mnist
JAR=bench/target/benchmarks.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-cnn.XXXXXX")
HUGE_PAGES=
if grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  HUGE_PAGES=-XX:+UseTransparentHugePages
fi

echo "building the benchmarks (mvn -pl bench -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests

echo "results in $OUT"
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r/$ROUNDS: PyTorch ..."
  FASHION_MNIST_DIR="$DATA" "$PYTHON" bench/reference/pytorch_fashion.py cnn --epochs "$EPOCHS" \
    > "$OUT/torch-$r.txt" 2>&1
  echo "round $r/$ROUNDS: Neurite ..."
  # the serial collector and huge pages where the kernel gives them on request, as bin/neurite runs
  # `train` (the collector grows the heap only as far as the work needs)
  /usr/bin/time -f 'peak RSS (maxrss) KiB: %M' \
    java --add-modules jdk.incubator.vector -XX:+UseSerialGC $HUGE_PAGES -Dneurite.threads=2 -cp "$JAR" org.neurite.bench.FashionCnnRun \
    "$DATA" --epochs "$EPOCHS" > "$OUT/neurite-$r.txt" 2>&1
done

"$PYTHON" - "$OUT" "$ROUNDS" <<'PY'
import re, statistics, sys
sys.path.insert(0, 'bench/lib')
from fashion_epochs import torch_epochs, neurite_epochs
out, rounds = sys.argv[1], int(sys.argv[2])

def inference_best(text):
    return float(re.search(r'inference samples/s \(b=1000[^)]*\): best (\d+)', text).group(1))

def torch_rss_mib(text):
    return float(re.search(r'peak RSS \(ru_maxrss\)\s*:\s*([\d.]+) MiB', text).group(1))

def neurite_rss_mib(text):
    return int(re.search(r'peak RSS \(maxrss\) KiB: (\d+)', text).group(1)) / 1024.0

def torch_train_rss_mib(text):
    return float(re.search(r'peak RSS while training\s*:\s*([\d.]+) MiB', text).group(1))

def neurite_train_rss_mib(text):
    return float(re.search(r'peak RSS while training \(VmHWM\): ([\d.]+) MiB', text).group(1))

epoch_ratios, inference_ratios, rss, train_rss = [], [], [], []
print(f"{'round':>5}  {'PyTorch epoch s':<22} {'Neurite epoch s':<22} {'epoch ratio':>11} "
      f"{'PyTorch inf/s':>13} {'Neurite inf/s':>13} {'inf ratio':>9} {'PyTorch RSS':>11} {'Neurite RSS':>11}")
for r in range(1, rounds + 1):
    t_text = open(f'{out}/torch-{r}.txt').read()
    n_text = open(f'{out}/neurite-{r}.txt').read()
    t, n = torch_epochs(t_text), neurite_epochs(n_text)
    ti, ni = inference_best(t_text), inference_best(n_text)
    epoch_ratios.append(min(n) / min(t))
    inference_ratios.append(ni / ti)
    rss.append((torch_rss_mib(t_text), neurite_rss_mib(n_text)))
    train_rss.append((torch_train_rss_mib(t_text), neurite_train_rss_mib(n_text)))
    print(f"{r:>5}  {', '.join(f'{x:.2f}' for x in t):<22} {', '.join(f'{x:.2f}' for x in n):<22} "
          f"{epoch_ratios[-1]:>11.2f} {ti:>13.0f} {ni:>13.0f} {inference_ratios[-1]:>9.2f} "
          f"{rss[-1][0]:>7.0f} MiB {rss[-1][1]:>7.0f} MiB")
print(f"median over rounds of (best Neurite epoch / best PyTorch epoch): {statistics.median(epoch_ratios):.2f}")
print(f"median over rounds of (Neurite inference/s / PyTorch inference/s): {statistics.median(inference_ratios):.2f}")
print(f"median peak RSS: PyTorch {statistics.median(t for t, _ in rss):.0f} MiB, "
      f"Neurite {statistics.median(n for _, n in rss):.0f} MiB")
print(f"median peak RSS while training: PyTorch {statistics.median(t for t, _ in train_rss):.0f} MiB, "
      f"Neurite {statistics.median(n for _, n in train_rss):.0f} MiB")
print("Neurite, each epoch's training loop: process CPU and the collector's pauses (FashionCnnRun's EpochCosts):")
for r in range(1, rounds + 1):
    for line in re.findall(r'^\s*training loop: (.*)$', open(f'{out}/neurite-{r}.txt').read(), re.M):
        print(f"  round {r}: {line}")
PY
