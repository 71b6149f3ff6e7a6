"""CPU seconds of each epoch of a `neurite train` run, by kind of thread.

Runs the command given after the options, finds the java process it starts, and samples the CPU
time (user + system, /proc/PID/task/*/stat) of each of its threads every few milliseconds. An
epoch ends when its line appears in the run's metrics.csv (under the --out folder given here). For
each epoch it prints the CPU seconds of the threads that compute (main and the kernel pool), of the
JIT compilers and of the garbage collector, the wall-clock seconds between the same two points (an
epoch and what the launcher does after it: checkpoint, plots) and when the epoch ended (Unix
seconds), as CSV into CSV_OUT. On a machine shared with
other work, wall-clock epochs measure the other work as much as the run; CPU seconds do not (apart
from cache effects), so a first epoch that waits for the JIT shows here as compute time above the
warm epochs' and as compiler time. The first epoch counts from when the run folder appears (the
launcher makes it once the data is loaded and the kernels are warm, just before training).

Usage: python3 epoch_cpu.py RUNS_FOLDER CSV_OUT -- command...   (exit status: the command's)
"""
import glob
import os
import subprocess
import sys
import time

TICKS = os.sysconf('SC_CLK_TCK')
POLL_SECONDS = 0.01


def kind_of(name):
    if name.startswith('C1 Compiler') or name.startswith('C2 Compiler'):
        return 'jit'
    if name.startswith('VM Thread') or name.startswith('GC ') or 'GC' in name or name.startswith('G1'):
        return 'gc'
    if name.startswith('neurite-kernel') or name in ('java', 'main'):
        return 'compute'
    return 'other'


def descendants(pid):
    """pid and every process below it."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for child in glob.glob(f'/proc/{p}/task/*/children'):
            try:
                todo.extend(int(c) for c in open(child).read().split())
            except OSError:
                pass
    return found


def java_pid(root):
    for p in descendants(root):
        try:
            if open(f'/proc/{p}/comm').read().strip() == 'java':
                return p
        except OSError:
            pass
    return None


def thread_cpu(pid):
    """CPU seconds by thread id: (name, seconds)."""
    threads = {}
    for stat in glob.glob(f'/proc/{pid}/task/*/stat'):
        try:
            text = open(stat).read()
        except OSError:
            continue
        name = text[text.index('(') + 1:text.rindex(')')]
        fields = text[text.rindex(')') + 2:].split()
        threads[stat.split('/')[4]] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return threads


def epochs_written(runs):
    files = glob.glob(os.path.join(runs, '*', 'metrics.csv'))
    if not files:
        return 0
    try:
        lines = open(files[0]).read().splitlines()
    except OSError:
        return 0
    return sum(1 for line in lines[1:] if line.split(',')[0].isdigit())


def main():
    runs, out = sys.argv[1], sys.argv[2]
    command = sys.argv[sys.argv.index('--') + 1:]
    proc = subprocess.Popen(command)
    pid, seen, epochs = None, {}, 0
    rows, last, started = [], {'compute': 0.0, 'jit': 0.0, 'gc': 0.0, 'other': 0.0}, False
    while proc.poll() is None:
        time.sleep(POLL_SECONDS)
        if pid is None:
            pid = java_pid(proc.pid)
            continue
        for tid, value in thread_cpu(pid).items():
            seen[tid] = value  # a thread that ends keeps its last reading
        totals = {k: 0.0 for k in last}
        for name, seconds in seen.values():
            totals[kind_of(name)] += seconds
        if not started:
            started = bool(glob.glob(os.path.join(runs, '*', '')))
            last, last_at = totals, time.time()
            continue
        done = epochs_written(runs)
        if done > epochs:
            now = time.time()
            for epoch in range(epochs + 1, done + 1):
                # two epochs between samples cannot be told apart: the later gets nothing
                first = epoch == epochs + 1
                rows.append([epoch] + [totals[k] - last[k] if first else 0.0 for k in last]
                            + [now - last_at if first else 0.0, now])
            last, last_at, epochs = totals, now, done
    with open(out, 'w') as f:
        f.write('epoch,compute_cpu_s,jit_cpu_s,gc_cpu_s,other_cpu_s,wall_s,ended_at\n')
        for row in rows:
            f.write(','.join([str(row[0])] + [f'{v:.3f}' for v in row[1:]]) + '\n')
    sys.exit(proc.returncode)


if __name__ == '__main__':
    main()
