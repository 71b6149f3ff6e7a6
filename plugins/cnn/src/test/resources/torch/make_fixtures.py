#!/usr/bin/python3
"""PyTorch reference values for the cnn plugin's layers (TorchLayersTest).

Regenerate with:  /usr/bin/python3 make_fixtures.py   (torch 1.13; writes layers.json here)

Each case names a Neurite layer (type and options, as in a config), the PyTorch module that is the
same layer, the per-sample input shape, the module's parameters (state dict names and layouts, which
Neurite's match), an input batch, the output in training mode, the output gradient dy backpropagated
(sum(y * dy)), and the gradients of the input and of every parameter. Batch norm cases also give the
running statistics after the step and an output in inference mode.
"""
import json
import os

import torch
import torch.nn as nn

torch.manual_seed(0)


def flat(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1)]}


class Relu(nn.Module):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def forward(self, x):
        return torch.relu(self.inner(x))


CASES = {}


def case(name, layer, module, input_shape, batch=2, params_of=None):
    params_of = params_of or module
    for p in params_of.parameters():  # away from PyTorch's small default values, so every term counts
        with torch.no_grad():
            p.copy_(torch.randn(p.shape) * 0.5)
    before = {k: flat(v) for k, v in params_of.state_dict().items() if k != "num_batches_tracked"}
    x = torch.randn(batch, *input_shape, requires_grad=True)
    module.train()
    y = module(x)
    dy = torch.randn(*y.shape)
    (y * dy).sum().backward()
    entry = {
        "layer": layer,
        "input": list(input_shape),
        "params": before,
        "x": flat(x),
        "y": flat(y),
        "dy": flat(dy),
        "dx": flat(x.grad),
        "grads": {k: flat(p.grad) for k, p in params_of.named_parameters()},
    }
    if isinstance(params_of, nn.BatchNorm2d):
        entry["running_after"] = {"running_mean": flat(params_of.running_mean),
                                  "running_var": flat(params_of.running_var)}
        module.eval()
        x2 = torch.randn(batch, *input_shape)
        entry["x_inference"] = flat(x2)
        entry["y_inference"] = flat(module(x2))
    CASES[name] = entry


conv = nn.Conv2d(3, 4, 3, padding=1)
case("conv2d_relu", {"type": "conv2d", "filters": 4, "kernel": 3, "padding": 1, "activation": "relu"},
     Relu(conv), (3, 6, 5), params_of=conv)
case("conv2d_same_dilated_grouped",
     {"type": "conv2d", "filters": 6, "kernel": [4, 3], "padding": "same", "dilation": [1, 2], "groups": 2},
     nn.Conv2d(4, 6, (4, 3), padding="same", dilation=(1, 2), groups=2), (4, 6, 7))
conv = nn.Conv2d(2, 3, (2, 3), stride=(1, 2))
case("conv2d_asymmetric", {"type": "conv2d", "filters": 3, "kernel": [2, 3], "stride": [1, 2],
                           "padding": [1, 0, 2, 1]},
     nn.Sequential(nn.ZeroPad2d((2, 1, 1, 0)), conv), (2, 5, 6), params_of=conv)
case("conv2d_depthwise", {"type": "conv2d", "filters": 6, "kernel": 3, "stride": 2, "groups": 3, "use_bias": False},
     nn.Conv2d(3, 6, 3, stride=2, groups=3, bias=False), (3, 7, 7))
case("conv1d", {"type": "conv1d", "filters": 6, "kernel": 3, "stride": 2, "padding": 2, "dilation": 2, "groups": 2},
     nn.Conv1d(4, 6, 3, stride=2, padding=2, dilation=2, groups=2), (4, 11))
case("conv_transpose2d", {"type": "conv_transpose2d", "filters": 6, "kernel": 3, "stride": 2, "padding": 1,
                          "output_padding": 1, "groups": 2},
     nn.ConvTranspose2d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2), (4, 3, 4))
case("max_pool2d", {"type": "max_pool2d", "kernel": 3, "stride": 2, "padding": 1}, nn.MaxPool2d(3, 2, 1), (3, 7, 6))
case("avg_pool2d", {"type": "avg_pool2d", "kernel": [2, 3], "stride": [2, 1], "padding": 1},
     nn.AvgPool2d((2, 3), (2, 1), 1), (3, 5, 6))
case("global_avg_pool", {"type": "global_avg_pool"}, nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten()), (3, 4, 5))
case("global_max_pool", {"type": "global_max_pool"}, nn.Sequential(nn.AdaptiveMaxPool2d(1), nn.Flatten()), (3, 4, 5))
case("adaptive_avg_pool2d", {"type": "adaptive_avg_pool2d", "output_size": [3, 2]}, nn.AdaptiveAvgPool2d((3, 2)),
     (2, 7, 5))
case("adaptive_max_pool2d", {"type": "adaptive_max_pool2d", "output_size": 3}, nn.AdaptiveMaxPool2d(3), (2, 7, 5))
case("batch_norm_images", {"type": "batch_norm"}, nn.BatchNorm2d(3), (3, 4, 5), batch=4)
case("upsample_nearest", {"type": "upsample", "scale_factor": 2}, nn.Upsample(scale_factor=2), (2, 3, 4))
case("upsample_bilinear", {"type": "upsample", "size": [5, 7], "mode": "bilinear"},
     nn.Upsample(size=(5, 7), mode="bilinear"), (2, 3, 4))
case("upsample_bilinear_aligned", {"type": "upsample", "scale_factor": [2, 3], "mode": "bilinear",
                                   "align_corners": True},
     nn.Upsample(scale_factor=(2, 3), mode="bilinear", align_corners=True), (2, 3, 4))
case("zero_pad2d", {"type": "zero_pad2d", "padding": [1, 0, 2, 1]}, nn.ZeroPad2d((2, 1, 1, 0)), (2, 3, 4))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "layers.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES}, f)
