#!/usr/bin/python3
"""Reference values for the per-step classification losses (PerStepLossesTest).

Run from this folder: /usr/bin/python3 per_step_losses.py > per_step_losses.json

Logits [batch 2, time 4, classes 5] (float32, seeded) against per-step targets [2, 4] holding
-100 at padded steps. torch 1.13, computed in float64 on the float32 inputs:
F.cross_entropy / F.nll_loss over the flattened positions with ignore_index=-100
(reduction mean: the sum over the steps that are not ignored, divided by their number),
and the gradients of each loss with respect to its input.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(0)
logits32 = (torch.randn(2, 4, 5) * 2).float()
targets = torch.tensor([[1, 4, 0, -100], [3, -100, -100, 2]])
logits = logits32.double()
flat_targets = targets.reshape(-1)


def case(name, value_of, x, **kwargs):
    x = x.detach().clone().requires_grad_(True)
    loss = value_of(x.reshape(-1, 5), flat_targets, ignore_index=-100, **kwargs)
    loss.backward()
    return {"name": name, "options": kwargs, "loss": loss.item(), "grad": x.grad.reshape(-1).tolist()}


log_probs32 = torch.log_softmax(logits, -1).float()
fixture = {
    "shape": [2, 4, 5],
    "logits": logits32.reshape(-1).tolist(),
    "log_probabilities": log_probs32.reshape(-1).tolist(),
    "targets": targets.reshape(-1).tolist(),
    "cases": [
        case("cross_entropy", F.cross_entropy, logits),
        case("cross_entropy", F.cross_entropy, logits, label_smoothing=0.1),
        case("nll", F.nll_loss, log_probs32.double()),
    ],
}
print(json.dumps(fixture, indent=1))
