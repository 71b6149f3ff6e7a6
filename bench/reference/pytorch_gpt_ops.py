#!/usr/bin/python3
"""Where a training step of pytorch_charlm.py's gpt spends its time, per op (PyTorch profiler).

Usage: /usr/bin/python3 pytorch_gpt_ops.py [--threads 1] [--warmup 30] [--steps 50] [--text PATH]

Builds the reference model of `pytorch_charlm.py gpt` (its Gpt, batch and load, imported) with the
same optimizer, schedule and clipping (written again here: pytorch_charlm.py is kept byte for byte
as the reference setup, and builds them inside its main), runs --warmup steps, then --steps steps without the
profiler (the process's CPU and wall milliseconds per step), then --steps more with torch.profiler,
and prints each op's self time per step (the sum over the profiled steps divided by their number;
the profiler's "self CPU" is the calling thread's wall time inside the op), largest first, and its
share of the unprofiled process CPU time per step ("est. CPU"). On a machine busy with other work
the wall times swell and only the shares mean something: use one thread there. bench/gpt-ops.sh prints this beside Neurite's table.
"""
import argparse
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_charlm import Gpt, batch, load, HERE  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--warmup', type=int, default=30)
    ap.add_argument('--steps', type=int, default=50)
    ap.add_argument('--text', default=os.path.join(HERE, '..', 'data', 'tinyshakespeare', 'input.txt'))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    train, _, chars = load(args.text)
    vocab, block, size, iters = len(chars), 64, 12, 2000
    model = Gpt(vocab, block)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    rest = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.1},
                             {'params': rest, 'weight_decay': 0.0}], lr=1e-3, betas=(0.9, 0.99))

    def rate(step):
        if step < 100:
            return 1e-3 * (step + 1) / 100
        return 1e-4 + 0.5 * (1 + math.cos(math.pi * (step - 100) / (iters - 100))) * (1e-3 - 1e-4)

    g = torch.Generator().manual_seed(0)

    def step(i):
        for group in opt.param_groups:
            group['lr'] = rate(i)
        x, y = batch(train, block, size, g)
        loss = F.cross_entropy(model(x).reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()

    for i in range(args.warmup):
        step(i)
    n = args.steps
    cpu, wall = time.process_time(), time.perf_counter()
    for i in range(args.warmup, args.warmup + n):
        step(i)
    cpu, wall = 1000 * (time.process_time() - cpu) / n, 1000 * (time.perf_counter() - wall) / n
    print(f'PyTorch {torch.__version__}, {torch.get_num_threads()} threads ({len(os.listdir("/proc/self/task"))} '
          f'in the process), {n} steps after {args.warmup} without the profiler: process CPU {cpu:.2f} ms/step, '
          f'wall {wall:.2f} ms/step')
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
        for i in range(args.warmup + n, args.warmup + 2 * n):
            step(i)
    rows = sorted(prof.key_averages(), key=lambda e: e.self_cpu_time_total, reverse=True)
    total = sum(e.self_cpu_time_total for e in rows) / 1000 / n
    print(f'then {n} steps with the profiler: ops self time {total:.2f} ms/step; "est. CPU" is an op\'s share of it '
          f'times the process CPU per step without the profiler')
    print(f'{"op":<44} {"ms/step":>8} {"calls/step":>10} {"share":>6} {"est. CPU":>8}')
    for e in rows:
        ms = e.self_cpu_time_total / 1000 / n
        if ms < 0.01:
            continue
        print(f'{e.key:<44} {ms:8.3f} {e.count / n:10.1f} {100 * ms / total:5.1f}% {cpu * ms / total:8.3f}')


if __name__ == '__main__':
    main()
