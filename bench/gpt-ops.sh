#!/usr/bin/env bash
# Where a shakespeare-gpt training step goes, per op, in both frameworks: PyTorch's profiler on the
# reference step of bench/reference/pytorch_charlm.py gpt (bench/reference/pytorch_gpt_ops.py: its
# ops' self times, and each op's share of the process's CPU time per step without the profiler),
# then Neurite's op timing on the same model, recipe and batch (org.neurite.bench.GptOpCpuTimes
# with -Dneurite.opTimes=true: each op's forward and backward CPU time per step). One thread both
# by default, where CPU times hold on a busy machine and the two tables compare op by op; THREADS=2
# shows the calling thread's share at two threads (PyTorch: wall time inside the ops; Neurite: the
# caller's CPU, which includes its waits for the helper). CLOCK=wall times Neurite's ops by the wall
# clock instead (-Dneurite.opTimes=wall): on a quiet machine, an op's time at THREADS=2 against
# THREADS=1 says how well it is split over the two threads.
#
# Usage: bench/gpt-ops.sh [steps]   (default 100 timed steps; WARMUP=200 steps before them,
#        THREADS=1, MVN_ARGS="-o" for an offline build)
# Needs: Java 17, Maven, /usr/bin/python3 with torch (see bench/reference/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

STEPS=${1:-100}
WARMUP=${WARMUP:-200}
THREADS=${THREADS:-1}
CLOCK=${CLOCK:-cpu}
op_times=true
[[ "$CLOCK" == wall ]] && op_times=wall

echo "building the benchmarks (mvn -pl bench -am package) ..."
# shellcheck disable=SC2086
mvn -q -B ${MVN_ARGS:-} -pl bench -am package -DskipTests

echo "== PyTorch: bench/reference/pytorch_gpt_ops.py --threads $THREADS --warmup $WARMUP --steps $STEPS"
/usr/bin/python3 bench/reference/pytorch_gpt_ops.py --threads "$THREADS" --warmup "$WARMUP" --steps "$STEPS" \
  --text examples/data/tinyshakespeare/input.txt
echo
echo "== Neurite: GptOpCpuTimes $STEPS $WARMUP, -Dneurite.threads=$THREADS -Dneurite.opTimes=$op_times"
java --add-modules jdk.incubator.vector -Dneurite.threads="$THREADS" -Dneurite.opTimes="$op_times" \
  -cp bench/target/benchmarks.jar org.neurite.bench.GptOpCpuTimes "$STEPS" "$WARMUP" 2>/dev/null
