#!/usr/bin/env bash
# Neurite's GEMM against PyTorch's, side by side on this machine: float32 C = A B at 1024^3,
# 1 and 2 threads. Runs ROUNDS interleaved rounds (PyTorch, then Neurite, then PyTorch ...),
# because shared machines drift between runs and only a ratio taken in one sitting means
# anything. Prints each round and the median of the rounds' ratios.
#
# Usage: bench/gemm.sh [rounds]        (default 3; also ROUNDS=n)
# Environment:
#   SIZE=1024            the square size
#   MVN_ARGS="-o"        extra Maven arguments for the build (for example offline)
#   KEEP_OPENBLAS_ENV=1  keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for PyTorch (by default they
#                        are unset for the PyTorch runs alone, so OpenBLAS picks its best kernel)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-${ROUNDS:-3}}
SIZE=${SIZE:-1024}
PYTHON=/usr/bin/python3
JAR=bench/target/benchmarks.jar
OUT=$(mktemp -d "${TMPDIR:-/tmp}/neurite-gemm.XXXXXX")

echo "building the benchmarks (mvn -pl bench -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests

torch_env=(env)
if [[ -z "${KEEP_OPENBLAS_ENV:-}" ]]; then
  torch_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
fi

echo "results in $OUT"
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r/$ROUNDS: PyTorch ..."
  "${torch_env[@]}" "$PYTHON" bench/reference/pytorch_gemm.py --sizes "$SIZE" --np-sizes '' \
    > "$OUT/torch-$r.txt"
  echo "round $r/$ROUNDS: Neurite (JMH) ..."
  java -jar "$JAR" 'org.neurite.bench.Gemm(OneThread|TwoThreads).sgemm' -p shape="nn_${SIZE}_${SIZE}_${SIZE}" \
    -rf json -rff "$OUT/neurite-$r.json" > "$OUT/neurite-$r.log" 2>&1
done

grep -m1 'OpenBLAS config' "$OUT/torch-1.txt" || true
grep -m1 'GEMM kernel' "$OUT/neurite-1.log" || true
"$PYTHON" - "$OUT" "$ROUNDS" "$SIZE" <<'PY'
import json, re, statistics, sys
out, rounds, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
flop = 2.0 * n ** 3
rows = []
for r in range(1, rounds + 1):
    torch = {}
    for line in open(f'{out}/torch-{r}.txt'):
        m = re.match(r'torch\s+(\d+)\s+(\d+)\s+\S+\s+(\S+)\s+\((\S+)\)', line)
        if m and int(m.group(2)) == n:
            torch[int(m.group(1))] = (float(m.group(3)), float(m.group(4)))
    neurite = {}
    for result in json.load(open(f'{out}/neurite-{r}.json')):
        threads = 1 if 'OneThread' in result['benchmark'] else 2
        us = [x for fork in result['primaryMetric']['rawData'] for x in fork]
        neurite[threads] = (flop / min(us) / 1e3, flop / statistics.median(us) / 1e3)
    for t in (1, 2):
        rows.append((r, t, torch[t], neurite[t]))
print()
print(f'float32 GEMM {n}^3, GFLOP/s: best (median) of each run; ratio = Neurite / PyTorch')
print(f"{'round':>5} {'threads':>7} {'PyTorch':>16} {'Neurite':>16} {'ratio best':>10} {'ratio median':>12}")
for r, t, (tb, tm), (nb, nm) in rows:
    print(f'{r:>5} {t:>7} {tb:>8.1f} ({tm:>5.1f}) {nb:>8.1f} ({nm:>5.1f}) {nb / tb:>10.2f} {nm / tm:>12.2f}')
print()
for t in (1, 2):
    sel = [x for x in rows if x[1] == t]
    print(f'{t} thread(s): median over {len(sel)} rounds: PyTorch {statistics.median(x[2][0] for x in sel):.1f}, '
          f'Neurite {statistics.median(x[3][0] for x in sel):.1f} GFLOP/s (best of each run); '
          f'ratio {statistics.median(x[3][0] / x[2][0] for x in sel):.2f} (best), '
          f'{statistics.median(x[3][1] / x[2][1] for x in sel):.2f} (median)')
PY
