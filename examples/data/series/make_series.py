#!/usr/bin/python3
"""Generates seasonal.csv, the series of examples/recurrent/forecast-gru.yaml, and prints the
naive baseline (tomorrow is today: the forecast is the window's last value) on its validation part.

Run from this folder: /usr/bin/python3 make_series.py > baseline.txt

An hourly-like series of 4000 steps: a daily cycle (24 steps, amplitude 2), a weekly one (168 steps,
amplitude 1) and AR(1) noise (coefficient 0.8, innovations of standard deviation 0.3), seeded, so the
file is the same on every run. The best possible one-step forecast knows both cycles and the noise's
last value; its mean squared error is the innovations' variance, 0.09.

The validation part is cut as the windows source cuts it (validation: {split: 0.2}): the last
round(0.2 * 4000) = 800 rows, and windows of 48 rows with the value 1 row later inside them.
"""
import math
import random

ROWS = 4000
WINDOW = 48
HELD_OUT = 0.2

random.seed(0)
noise = 0.0
values = []
for t in range(ROWS):
    noise = 0.8 * noise + random.gauss(0.0, 0.3)
    values.append(2 * math.sin(2 * math.pi * t / 24) + math.sin(2 * math.pi * t / 168) + noise)

with open("seasonal.csv", "w") as out:
    out.write("value\n")
    for v in values:
        out.write(f"{v:.5f}\n")

written = [float(f"{v:.5f}") for v in values]
cut = round((1 - HELD_OUT) * ROWS)
held_out = written[cut:]
errors = [(held_out[s + WINDOW] - held_out[s + WINDOW - 1]) ** 2 for s in range(len(held_out) - WINDOW)]
print(f"validation windows: {len(errors)}")
print(f"naive (last value) validation mse: {sum(errors) / len(errors):.4f}")
print("best possible mse (the innovations' variance): 0.0900")
