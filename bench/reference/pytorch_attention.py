#!/usr/bin/python3
"""Multi-head attention at the Transformer examples' shapes (PyTorch, CPU), the counterpart of
Neurite's AttentionBenchmark: softmax(q k^T / sqrt(d) [+ causal mask]) v over [batch, heads, time, d]
after splitting [batch, time, width] into heads, forward alone (no_grad) and forward + backward.

Usage: /usr/bin/python3 pytorch_attention.py [--threads 2] [--repeats 200]
Prints, per shape, the best and median microseconds of each, as JMH's AverageTime does per call.
"""
import argparse
import math
import statistics
import time

import torch

SHAPES = ['vit_128_16_4_64', 'gpt_12_64_4_128']


def attend(q, k, v, heads, causal):
    b, t, w = q.shape
    split = lambda x: x.view(b, t, heads, w // heads).transpose(1, 2)
    qh, kh, vh = split(q), split(k), split(v)
    scores = qh @ kh.transpose(-2, -1) / math.sqrt(w // heads)
    if causal:
        scores = scores.masked_fill(torch.ones(t, t, dtype=torch.bool).triu(1), float('-inf'))
    return (scores.softmax(-1) @ vh).transpose(1, 2).reshape(b, t, w)


def timed(fn, repeats):
    for _ in range(max(10, repeats // 10)):
        fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e6)
    return min(times), statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--repeats', type=int, default=200)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    print(f'torch={torch.__version__} threads={torch.get_num_threads()}')
    for shape in SHAPES:
        name, b, t, heads, w = shape.split('_')
        b, t, heads, w = int(b), int(t), int(heads), int(w)
        causal = name == 'gpt'
        q, k, v = (torch.rand(b, t, w) * 2 - 1 for _ in range(3))
        up = torch.rand(b, t, w) * 2 - 1
        qg, kg, vg = (x.clone().requires_grad_() for x in (q, k, v))

        def forward():
            with torch.no_grad():
                attend(q, k, v, heads, causal)

        def forward_backward():
            for x in (qg, kg, vg):
                x.grad = None
            attend(qg, kg, vg, heads, causal).backward(up)

        for label, fn in (('forward', forward), ('forwardBackward', forward_backward)):
            best, median = timed(fn, args.repeats)
            print(f'{shape} {label} best_us={best:.1f} median_us={median:.1f}')


if __name__ == '__main__':
    main()
