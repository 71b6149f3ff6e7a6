"""Inference latency and throughput of the Fashion-MNIST MLP (784-256-128-10 ReLU) in PyTorch,
the reference for bench/inference.sh (Neurite's org.neurite.engine.inference.Predictor).

Usage: /usr/bin/python3 pytorch_inference.py [--threads 2] [--seconds 10]

As the Java side does per call: raw pixels (0-255) in, divided by 255, the network in eval mode
under no_grad, softmax probabilities out. Batch 1: every call timed alone (perf_counter_ns) for
--seconds after a warm-up, median and p99 in microseconds. Batch 1000: samples per second over
repeated calls. Prints one JSON line.
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--seconds', type=float, default=10.0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(),
                          nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)).eval()
    raw = torch.randint(0, 256, (1000, 1, 28, 28)).float()
    one = raw[:1].clone()

    def predict(x):
        return torch.softmax(model(x / 255.0), dim=1)

    with torch.no_grad():
        end = time.perf_counter() + min(3.0, args.seconds / 3)
        while time.perf_counter() < end:  # warm-up
            predict(one)
            predict(raw)
        times = []
        end = time.perf_counter() + args.seconds / 2
        while time.perf_counter() < end:
            t0 = time.perf_counter_ns()
            predict(one)
            times.append((time.perf_counter_ns() - t0) / 1000.0)
        times.sort()
        batches = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < args.seconds / 2:
            predict(raw)
            batches += 1
        throughput = batches * 1000 / (time.perf_counter() - t0)
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(),
                      'batch1_median_us': times[len(times) // 2],
                      'batch1_p99_us': times[min(len(times) - 1, int(len(times) * 0.99))],
                      'batch1_calls': len(times), 'batch1000_samples_per_s': throughput}))


if __name__ == '__main__':
    main()
