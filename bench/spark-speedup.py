#!/usr/bin/env python3
"""On-paper speed-up of data-parallel training on P machines, from a measured single-machine step.

A ring all-reduce of N float32 values between P machines sends and receives 2 (P-1)/P * 4N bytes
per machine in 2 (P-1) messages, so one sum costs
    c(P) = 2 (P-1)/P * 4N / bandwidth + 2 (P-1) * latency.
Gradient all-reduce (barrier mode) pays c(P) every step; local SGD pays c(P) every K steps; the
synchronous mode pays a Spark job per step (measured: 15-30 ms in local[2], 60-80 ms across JVMs).
Weak scaling keeps each machine's batch at the single-machine batch (the global batch grows P
times): time per step t + c, so P t / (t + c) times the samples per second. Strong scaling keeps
the global batch and splits it (each machine computes t / P, assuming compute falls linearly with
the batch, an upper bound for small shares): t / (t / P + c).

Usage: bench/spark-speedup.py NAME STEP_MS BATCH PARAMS [NAME STEP_MS BATCH PARAMS ...]
       options --gbit 10 --latency-us 50 --k 8 --job-ms 70
"""
import argparse


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", nargs="+", help="NAME STEP_MS BATCH PARAMS, repeated")
    p.add_argument("--gbit", type=float, default=10.0, help="link bandwidth, Gbit/s (default 10)")
    p.add_argument("--latency-us", type=float, default=50.0, help="latency per message, microseconds (default 50)")
    p.add_argument("--k", type=int, default=8, help="local SGD: steps between averagings (default 8)")
    p.add_argument("--job-ms", type=float, default=70.0, help="synchronous mode: a Spark job per step, ms (default 70)")
    a = p.parse_args()
    if len(a.models) % 4:
        p.error("give NAME STEP_MS BATCH PARAMS for every model")
    bytes_per_s = a.gbit * 1e9 / 8
    print(f"links of {a.gbit:g} Gbit/s, {a.latency_us:g} us per message; local SGD K = {a.k}; "
          f"a Spark job per step {a.job_ms:g} ms")
    print(f"{'model':<16}{'P':>4}{'ring ms':>9}{'weak: all-reduce':>18}{'local SGD':>11}"
          f"{'sync job':>10}{'strong: all-reduce':>20}  batches (per machine / global)")
    for i in range(0, len(a.models), 4):
        name, t, batch, n = a.models[i], float(a.models[i + 1]), int(a.models[i + 2]), int(a.models[i + 3])
        for machines in (4, 16):
            c = 2 * (machines - 1) / machines * 4 * n / bytes_per_s * 1e3 + 2 * (machines - 1) * a.latency_us / 1e3
            weak = machines * t / (t + c)
            local = machines * t / (t + c / a.k)
            job = machines * t / (t + a.job_ms)
            share = batch / machines
            strong = f"{t / (t / machines + c):.1f}x" if share >= 1 else "-"
            print(f"{name:<16}{machines:>4}{c:>9.2f}{weak:>17.1f}x{local:>10.1f}x{job:>9.1f}x{strong:>20}"
                  f"  weak {batch}/{batch * machines}, strong {share:g}/{batch}")


if __name__ == "__main__":
    main()
