#!/usr/bin/env bash
# The recurrent character-level language models (examples/recurrent/shakespeare-lstm|gru.yaml)
# against bench/reference/pytorch_charlm.py lstm|gru, side by side: the same protocol (2000 steps
# of 32 random windows of 64 characters, Adam 2e-3, clipping at 5.0, validation loss over 200
# fixed batches of the last 10 %). For each model, ROUNDS interleaved rounds (PyTorch, then
# Neurite); prints the validation losses and their difference (aimed at within 0.03), the
# milliseconds per step (Neurite: its epoch's training seconds / steps) and generation speed with
# the ratios, and Neurite's sample. Generation, 500 characters at temperature 0.8: PyTorch times
# its sampling loop (no cache) in its warm process after training; Neurite's "loop" figure is the
# same loop (neurite generate --timing: from the first character drawn after the prompt pass to
# the last) in a fresh JVM after a --warm-up of WARM_UP throwaway characters, and its "cold"
# figure the whole command from the process's start (JVM start-up, plugins, model, warm-up,
# prompt, loop). A round takes minutes on a quiet machine; speed figures only mean something there.
#
# Usage: bench/charlm.sh [rounds]    (default 1; MODELS="lstm" by default, also gru)
# Environment: MVN_ARGS="-o" extra Maven arguments; SKIP_BUILD=1 to use the assembled distribution;
#              STEPS=N for a shorter run of both (then the losses are not the reference's);
#              WARM_UP=N throwaway characters before Neurite's timed generation (default 2000).
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-1}}
MODELS=${MODELS:-lstm}
STEPS=${STEPS:-2000}
WARM_UP=${WARM_UP:-2000}
PYTHON=/usr/bin/python3
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-charlm.XXXXXX")

# shellcheck source=bench/lib/distribution.sh
source bench/lib/distribution.sh

echo "results in $OUT"
for model in $MODELS; do
  for ((r = 1; r <= ROUNDS; r++)); do
    echo "$model round $r/$ROUNDS: PyTorch ..."
    "$PYTHON" bench/reference/pytorch_charlm.py "$model" --iters "$STEPS" \
      --text examples/data/tinyshakespeare/input.txt > "$OUT/torch-$model-$r.txt" 2>&1
    echo "$model round $r/$ROUNDS: Neurite ..."
    runs="$OUT/runs-$model-$r"
    "$HOME_DIR/bin/neurite" train "examples/recurrent/shakespeare-$model.yaml" --out "$runs" \
      --set "data.train.random_windows=$((STEPS * 32))" --set training.checkpoint_every=0 \
      > "$OUT/neurite-$model-$r.txt" 2>&1
    run=$(ls -d "$runs"/*/ | head -1)
    "$HOME_DIR/bin/neurite" generate "$run" --prompt "ROMEO:" --length 500 --temperature 0.8 --timing \
      --warm-up "$WARM_UP" > "$OUT/sample-$model-$r.txt" 2> "$OUT/generate-$model-$r.txt"
  done
done

"$PYTHON" - "$OUT" "$ROUNDS" "$STEPS" $MODELS <<'PY'
import re, sys
out, rounds, steps, models = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]

def grab(pattern, text):
    m = re.search(pattern, text, re.M)
    return float(m.group(1)) if m else float('nan')

print(f"{'model':>5} {'round':>5} {'val loss PyTorch':>16} {'Neurite':>8} {'diff':>7}"
      f" {'ms/step PyTorch':>15} {'Neurite':>8} {'ratio':>6}")
gens = []
for model in models:
    for r in range(1, rounds + 1):
        t = open(f'{out}/torch-{model}-{r}.txt').read()
        n = open(f'{out}/neurite-{model}-{r}.txt').read()
        g = open(f'{out}/generate-{model}-{r}.txt').read()
        tv, tms, tgen = grab(r'validation loss ([\d.]+)', t), grab(r'train: ([\d.]+) ms/step', t), grab(r'generation: (\d+) tokens/s', t)
        nv = grab(r'val_loss ([\d.]+)', n)
        nms = grab(r'^epoch 1/1 .*?([\d.]+) s\s*$', n) * 1000 / steps
        loop = grab(r'^generation loop: .*: (\d+) characters/s', g)
        cold = grab(r'^whole command: .*: (\d+) characters/s', g)
        print(f"{model:>5} {r:>5} {tv:>16.4f} {nv:>8.4f} {nv - tv:>+7.4f} {tms:>15.1f} {nms:>8.1f} {nms / tms:>6.2f}")
        gens.append((model, r, tgen, loop, cold))
print(f"\ngeneration, 500 characters/s: PyTorch no cache (its loop, warm process) against Neurite's loop"
      f" (fresh JVM after its warm-up) and Neurite's whole command (fresh JVM, from the process's start)")
print(f"{'model':>5} {'round':>5} {'PyTorch':>8} {'Neurite loop':>12} {'ratio':>6} {'Neurite cold':>12} {'ratio':>6}")
for model, r, tgen, loop, cold in gens:
    print(f"{model:>5} {r:>5} {tgen:>8.0f} {loop:>12.0f} {loop / tgen:>6.1f} {cold:>12.0f} {cold / tgen:>6.2f}")
for model in models:
    print(f"\nNeurite's sample ({model}, last round):")
    print(open(f'{out}/sample-{model}-{rounds}.txt').read())
PY
