"""CPU milliseconds per training step by op, from a flight recording of `FashionCnnSteps`.

Reads the execution samples of a recording (`jfr print --events jdk.ExecutionSample`, the `jfr`
tool of the JDK) and files each sample under the op it was taken in: the innermost frame of the
engine's ops, optimizers, losses or data (e.g. `ConvProducts.lambda$weightGradient$3`, conv2's
weight gradient), then, within the op, under the innermost engine kernel frame (the GEMM's
micro-kernel, packing...). A sample is one moment of one thread, so an op's share of the samples
is its share of the process's CPU time; the shares are turned into milliseconds per step by the
CPU time per step that `FashionCnnSteps` printed (its "per step ... CPU X ms" line). Samples
taken during the warm-up steps count too, so compare shares of runs with the same --warmup.

Usage: python3 jfr_ops.py RECORDING.jfr STEPS_OUTPUT.txt [rows]
"""
import collections
import re
import subprocess
import sys

OP = re.compile(r'neurite\.engine\.(ops|optim|loss|data|activation|nn|train)\.')


def short(frame):
    parts = frame.split('.')
    return parts[-2] + '.' + parts[-1]


def main():
    recording, steps_out = sys.argv[1], sys.argv[2]
    rows = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    text = subprocess.run(['jfr', 'print', '--stack-depth', '64', '--events', 'jdk.ExecutionSample', recording],
                          check=True, capture_output=True, text=True).stdout
    cpu = float(re.search(r'per step over \d+ steps .*?: CPU ([\d.]+) ms', open(steps_out).read()).group(1))
    ops, kernels = collections.Counter(), collections.Counter()
    events = text.split('jdk.ExecutionSample')[1:]
    for event in events:
        frames = re.findall(r'^\s+([\w.$<>]+)\(', event, re.M)
        if not frames:
            continue
        op = next((short(f) for f in frames if OP.search(f)), None)
        if op is None:
            op = next((short(f) for f in frames if 'neurite' in f), 'outside the engine: ' + short(frames[0]))
        kernel = next((short(f) for f in frames if 'neurite.engine.kernel.' in f and 'Parallel' not in f), '')
        ops[op] += 1
        kernels[(op, kernel)] += 1
    n = sum(ops.values())
    print(f'{n} samples; CPU {cpu:.1f} ms per step (all threads)')
    print(f"{'op (innermost engine op frame)':<52} {'CPU ms/step':>11} {'share':>6}")
    for op, count in ops.most_common(rows):
        print(f'{op[:52]:<52} {cpu * count / n:>11.2f} {100.0 * count / n:>5.1f}%')
    print()
    print(f"{'op / kernel inside it':<80} {'CPU ms/step':>11} {'share':>6}")
    for (op, kernel), count in kernels.most_common(rows):
        name = op + (' / ' + kernel if kernel else '')
        print(f'{name[:80]:<80} {cpu * count / n:>11.2f} {100.0 * count / n:>5.1f}%')


if __name__ == '__main__':
    main()
