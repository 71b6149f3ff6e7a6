#!/usr/bin/env bash
# Training epochs of the recurrent Fashion-MNIST examples (examples/recurrent/fashion-*.yaml)
# against the PyTorch reference models (bench/reference/pytorch_fashion.py rnn|lstm|gru),
# side by side: for each model, ROUNDS interleaved rounds (PyTorch, then Neurite, ...),
# EPOCHS epochs each, 2 threads both. Prints every epoch's seconds and, per round, the ratio
# of the best epochs (Neurite / PyTorch), then the median ratio per model.
# The model "charlm" is the character-level LSTM (examples/recurrent/shakespeare-lstm.yaml
# against bench/reference/pytorch_charlm.py lstm): milliseconds per training step, PyTorch's
# median over CHARLM_ITERS steps against Neurite's best epoch divided by its batches.
# Only meaningful on a quiet machine: say how loaded it was with the figures.
#
# Usage: bench/recurrent.sh [rounds]    (default 3; EPOCHS=2, MODELS="rnn gru lstm charlm" by default)
# Environment: MVN_ARGS="-o" extra Maven arguments; SKIP_BUILD=1 to use the assembled distribution.
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
EPOCHS=${EPOCHS:-2}
MODELS=${MODELS:-rnn gru lstm charlm}
CHARLM_ITERS=${CHARLM_ITERS:-300}
PYTHON=/usr/bin/python3
DATA=examples/data/fashion-mnist
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-recurrent.XXXXXX")

# shellcheck source=bench/lib/distribution.sh
source bench/lib/distribution.sh

echo "results in $OUT"
for model in $MODELS; do
  for ((r = 1; r <= ROUNDS; r++)); do
    echo "$model round $r/$ROUNDS: PyTorch ..."
    if [[ "$model" == charlm ]]; then
      "$PYTHON" bench/reference/pytorch_charlm.py lstm --iters "$CHARLM_ITERS" \
        --text examples/data/tinyshakespeare/input.txt > "$OUT/torch-$model-$r.txt" 2>&1
      config=examples/recurrent/shakespeare-lstm.yaml
    else
      FASHION_MNIST_DIR="$DATA" "$PYTHON" bench/reference/pytorch_fashion.py "$model" --epochs "$EPOCHS" \
        > "$OUT/torch-$model-$r.txt" 2>&1
      config=examples/recurrent/fashion-$model.yaml
    fi
    echo "$model round $r/$ROUNDS: Neurite ..."
    "$HOME_DIR/bin/neurite" train "$config" --set "training.epochs=$EPOCHS" \
      --set training.checkpoint_every=0 --out "$OUT/runs-$model-$r" > "$OUT/neurite-$model-$r.txt" 2>&1
  done
done

"$PYTHON" - "$OUT" "$ROUNDS" $MODELS <<'PY'
import re, statistics, sys
sys.path.insert(0, 'bench/lib')
from fashion_epochs import torch_epochs
out, rounds, models = sys.argv[1], int(sys.argv[2]), sys.argv[3:]

def neurite_epochs(text):
    return [float(s) for s in re.findall(r'^epoch \d+/\d+ .*?([\d.]+) s\s*$', text, re.M)]

def charlm_torch_ms(text):
    return float(re.search(r'train: ([\d.]+) ms/step median', text).group(1))

def charlm_neurite_ms(model, r, text):
    # The run's train.log says how many training samples an epoch has; batches of 32.
    folder = re.search(r'run folder: (.*)', text).group(1).strip()
    samples = int(re.search(r'data: (\d+) training samples', open(f'{folder}/train.log').read()).group(1))
    return 1000 * min(neurite_epochs(text)) / -(-samples // 32)

print(f"{'model':>6} {'round':>5}  {'PyTorch epoch s':<28} {'Neurite epoch s':<28} {'best ratio':>10}")
for model in [m for m in models if m == 'charlm']:
    ratios = []
    for r in range(1, rounds + 1):
        t = charlm_torch_ms(open(f'{out}/torch-{model}-{r}.txt').read())
        n = charlm_neurite_ms(model, r, open(f'{out}/neurite-{model}-{r}.txt').read())
        ratios.append(n / t)
        print(f"{model:>6} {r:>5}  PyTorch {t:.1f} ms/step, Neurite {n:.1f} ms/step (best epoch)  ratio {n / t:.2f}")
    print(f"{model:>6} median over rounds of (Neurite ms/step / PyTorch ms/step): {statistics.median(ratios):.2f}")
for model in [m for m in models if m != 'charlm']:
    ratios = []
    for r in range(1, rounds + 1):
        t = torch_epochs(open(f'{out}/torch-{model}-{r}.txt').read())
        n = neurite_epochs(open(f'{out}/neurite-{model}-{r}.txt').read())
        ratio = min(n) / min(t)
        ratios.append(ratio)
        print(f"{model:>6} {r:>5}  {', '.join(f'{x:.2f}' for x in t):<28} {', '.join(f'{x:.2f}' for x in n):<28}"
              f" {ratio:>10.2f}")
    print(f"{model:>6} median over rounds of (best Neurite epoch / best PyTorch epoch): {statistics.median(ratios):.2f}")
PY
