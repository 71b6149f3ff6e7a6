#!/usr/bin/env bash
# The Transformer examples against their PyTorch references, side by side: ROUNDS interleaved
# rounds (PyTorch, then Neurite), 2 threads both, through the assembled bin/neurite.
#   fashion-vit: one training epoch (the best of EPOCHS) of examples/transformer/fashion-vit.yaml
#     against bench/reference/pytorch_fashion.py transformer;
#   shakespeare-gpt: milliseconds per training step of examples/transformer/shakespeare-gpt.yaml
#     (its second epoch of STEPS random batches of 12, divided by STEPS: warm; the run's collections
#     and their pauses from its -Xlog:gc, both epochs and the warm-up) against the median
#     ms/step of bench/reference/pytorch_charlm.py gpt --iters STEPS; and generation speed, 500
#     characters at temperature 0.8 from a newline (Neurite with its key/value cache, the
#     reference without one, as it ships). The reference times its sampling loop in its warm
#     process after training; Neurite's "loop" figure is the same loop (neurite generate --timing:
#     from the first character drawn after the prompt pass to the last) in a fresh JVM after a
#     --warm-up of WARM_UP throwaway characters, its "cold" figure the whole command from the
#     process's start (JVM start-up, plugins, model, warm-up, prompt, loop). The warm-up is 8000
#     characters because the decode step's packed kernels reach the JIT's last tier only after some
#     5000: the loop ran at 4,785-4,952 characters/s after 2000, 8,471-8,824 after 8000 and 8,523
#     after 20000 (2026-12-06, quiet machine). A step runs in one lane, the calling thread; the
#     same command with -Dneurite.decodeLanes=2 (a decode worker takes half of each product, see
#     engine/.../kernel/DecodeLanes.java) is timed too, so the rounds show what a second lane gives.
# Prints every round's figures and ratios (time ratios: Neurite / PyTorch, below 1 is faster;
# generation: Neurite / PyTorch tokens per second, above 1 is faster), then the medians.
#
# Usage: bench/transformer.sh [rounds]   (default 3; EPOCHS=2, STEPS=300, WARM_UP=8000; MVN_ARGS="-o" for an
#        offline build; GPT_JAVA_OPTS adds JVM options to the gpt training run, e.g.
#        GPT_JAVA_OPTS=-Dneurite.spinMicros=0 for helper threads that sleep at once)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
EPOCHS=${EPOCHS:-2}
STEPS=${STEPS:-300}
WARM_UP=${WARM_UP:-8000}
PYTHON=/usr/bin/python3
DATA=examples/data/fashion-mnist
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-transformer.XXXXXX")

echo "building the distribution (mvn -pl distribution -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl distribution -am package -DskipTests
NEURITE=$(ls -d distribution/target/neurite-*/ | grep -v '\.tar' | head -1)bin/neurite

echo "results in $OUT"
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r/$ROUNDS: PyTorch fashion-vit ..."
  FASHION_MNIST_DIR="$DATA" "$PYTHON" bench/reference/pytorch_fashion.py transformer --epochs "$EPOCHS" \
    > "$OUT/torch-vit-$r.txt" 2>&1
  echo "round $r/$ROUNDS: Neurite fashion-vit ..."
  JAVA_OPTS="-Dneurite.threads=2" "$NEURITE" train examples/transformer/fashion-vit.yaml --set training.epochs="$EPOCHS" \
    --out "$OUT/runs-vit-$r" > "$OUT/neurite-vit-$r.txt" 2>&1
  echo "round $r/$ROUNDS: PyTorch shakespeare-gpt ..."
  "$PYTHON" bench/reference/pytorch_charlm.py gpt --iters "$STEPS" \
    --text examples/data/tinyshakespeare/input.txt > "$OUT/torch-gpt-$r.txt" 2>&1
  echo "round $r/$ROUNDS: Neurite shakespeare-gpt ..."
  JAVA_OPTS="-Dneurite.threads=2 -Xlog:gc:file=$OUT/gc-gpt-$r.log ${GPT_JAVA_OPTS:-}" "$NEURITE" train examples/transformer/shakespeare-gpt.yaml --set training.epochs=2 \
    --set data.train.random_windows=$((12 * STEPS)) --set data.train.held_out_windows=120 \
    --out "$OUT/runs-gpt-$r" > "$OUT/neurite-gpt-$r.txt" 2>&1
  "$NEURITE" generate "$(ls -d "$OUT/runs-gpt-$r"/*/ | head -1)" --prompt $'\n' --length 500 --temperature 0.8 \
    --timing --warm-up "$WARM_UP" > "$OUT/neurite-gen-$r.txt" 2>&1
  JAVA_OPTS="-Dneurite.decodeLanes=2" "$NEURITE" generate "$(ls -d "$OUT/runs-gpt-$r"/*/ | head -1)" --prompt $'\n' \
    --length 500 --temperature 0.8 --timing --warm-up "$WARM_UP" > "$OUT/neurite-gen2-$r.txt" 2>&1
done

"$PYTHON" - "$OUT" "$ROUNDS" "$STEPS" <<'PY'
import re, statistics, sys
out, rounds, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def read(name):
    return open(f'{out}/{name}').read()

def neurite_epochs(text):
    return [float(s) for s in re.findall(r'^epoch \d+/\d+ .*?([\d.]+) s$', text, re.M)]

vit, step, gen, gen2, cold = [], [], [], [], []
for r in range(1, rounds + 1):
    t_vit = [float(x) for x in re.search(r'epoch wall s\s*:\s*(.*)', read(f'torch-vit-{r}.txt')).group(1).split(',')]
    n_vit = neurite_epochs(read(f'neurite-vit-{r}.txt'))
    t_step = float(re.search(r'train: ([\d.]+) ms/step', read(f'torch-gpt-{r}.txt')).group(1))
    n_step = 1000 * neurite_epochs(read(f'neurite-gpt-{r}.txt'))[-1] / steps
    t_gen = float(re.search(r'generation: (\d+) tokens/s', read(f'torch-gpt-{r}.txt')).group(1))
    n_gen = float(re.search(r'^generation loop: .*: (\d+) characters/s', read(f'neurite-gen-{r}.txt'), re.M).group(1))
    n_gen2 = float(re.search(r'^generation loop: .*: (\d+) characters/s', read(f'neurite-gen2-{r}.txt'), re.M).group(1))
    n_cold = float(re.search(r'^whole command: .*: (\d+) characters/s', read(f'neurite-gen-{r}.txt'), re.M).group(1))
    pauses = [(kind, float(ms)) for kind, ms in
              re.findall(r'Pause (Young|Full).* ([\d.]+)ms$', read(f'gc-gpt-{r}.log'), re.M)]
    vit.append(min(n_vit) / min(t_vit))
    step.append(n_step / t_step)
    gen.append(n_gen / t_gen)
    gen2.append(n_gen2 / t_gen)
    cold.append(n_cold / t_gen)
    print(f'round {r}  fashion-vit epoch s: PyTorch {min(t_vit):.2f}  Neurite {min(n_vit):.2f}  ratio {vit[-1]:.2f}')
    print(f'round {r}  shakespeare-gpt ms/step: PyTorch {t_step:.2f}  Neurite {n_step:.2f}  ratio {step[-1]:.2f};'
          f' Neurite\'s collections over the whole run ({2 * steps} steps): {len(pauses)}'
          f' ({sum(1 for k, _ in pauses if k == "Full")} full), pauses {sum(ms for _, ms in pauses) / 1000:.2f} s')
    print(f'round {r}  generation tokens/s: PyTorch (no cache, its loop) {t_gen:.0f}  Neurite (cache, its loop after'
          f' warm-up) {n_gen:.0f}  ratio {gen[-1]:.1f}; Neurite whole command (fresh JVM) {n_cold:.0f}'
          f'  ratio {cold[-1]:.2f}; Neurite two lanes (-Dneurite.decodeLanes=2, its loop) {n_gen2:.0f}  ratio {gen2[-1]:.1f}')
print(f'median fashion-vit epoch ratio (Neurite / PyTorch): {statistics.median(vit):.2f}')
print(f'median shakespeare-gpt ms/step ratio (Neurite / PyTorch): {statistics.median(step):.2f}')
print(f'median generation speed ratio, loop (Neurite cache / PyTorch no cache): {statistics.median(gen):.1f}')
print(f'median generation speed ratio, loop in two lanes (Neurite cache / PyTorch no cache): {statistics.median(gen2):.1f}')
print(f'median generation speed ratio, Neurite whole command / PyTorch loop: {statistics.median(cold):.2f}')
PY
