#!/usr/bin/python3
"""Reference values for the per-step regression losses (PerStepRegressionLossesTest).

Run from this folder: /usr/bin/python3 per_step_regression_losses.py > per_step_regression_losses.json

Predictions and targets [batch 2, time 4, features 3] (float32, seeded); the first sequence has
3 real steps, the second 2, and the targets of padded steps are NaN (Neurite's ignored value).
torch 1.13, computed in float64 on the float32 inputs: F.mse_loss, F.l1_loss and
F.huber_loss (delta 1 and 0.5) over the real steps only (prediction[mask], target[mask];
reduction mean), and the gradient of each loss with respect to the whole prediction (0 at
padded steps).
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(0)
prediction32 = torch.randn(2, 4, 3).float()
target32 = torch.randn(2, 4, 3).float()
lengths = [3, 2]
mask = torch.zeros(2, 4, dtype=torch.bool)
for b, n in enumerate(lengths):
    mask[b, :n] = True
targets_with_padding = target32.clone()
targets_with_padding[~mask] = float("nan")


def case(name, value_of, **kwargs):
    x = prediction32.double().detach().clone().requires_grad_(True)
    loss = value_of(x[mask], target32.double()[mask], **kwargs)
    loss.backward()
    return {"name": name, "options": kwargs, "loss": loss.item(), "grad": x.grad.reshape(-1).tolist()}


fixture = {
    "shape": [2, 4, 3],
    "prediction": prediction32.reshape(-1).tolist(),
    # JSON has no NaN: padded steps are null here, NaN in the test
    "targets": [None if v != v else v for v in targets_with_padding.reshape(-1).tolist()],
    "cases": [
        case("mse", F.mse_loss),
        case("mae", F.l1_loss),
        case("huber", F.huber_loss, delta=1.0),
        case("huber", F.huber_loss, delta=0.5),
    ],
}
print(json.dumps(fixture, indent=1))
