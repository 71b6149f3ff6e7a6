#!/usr/bin/python3
"""PyTorch reference values for the engine's convolution-family ops (ConvFamilyTorchTest).

Regenerate with:  /usr/bin/python3 make_fixtures.py   (torch 1.13; writes conv-family.json here)

Each case records its inputs, the op's arguments, the output, the output gradient dy it was
backpropagated with (sum(y * dy)), and the gradient of every input. Inputs come from a fixed seed.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(0)


def t(*shape):
    return torch.randn(*shape, dtype=torch.float32)


def flat(x):
    return {"shape": list(x.shape), "data": [float(v) for v in x.detach().reshape(-1)]}


CASES = {}


def case(name, fn, args, **inputs):
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    y = fn(**leaves)
    dy = t(*y.shape)
    (y * dy).sum().backward()
    CASES[name] = {
        "args": args,
        "inputs": {k: flat(v) for k, v in inputs.items()},
        "output": flat(y),
        "dy": flat(dy),
        "grads": {k: flat(v.grad) for k, v in leaves.items()},
    }


# conv2d: dilation, groups, stride, symmetric padding
case("conv2d_dilated_grouped", lambda x, w, b: F.conv2d(x, w, b, stride=(2, 1), padding=(1, 2), dilation=(2, 1),
                                                       groups=2),
     {"stride": [2, 1], "padding": [1, 2], "dilation": [2, 1], "groups": 2},
     x=t(2, 4, 7, 6), w=t(6, 2, 3, 2), b=t(6))
# depthwise: one group per input channel, two kernels each
case("conv2d_depthwise", lambda x, w, b: F.conv2d(x, w, b, padding=1, groups=3),
     {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 3},
     x=t(2, 3, 5, 5), w=t(6, 1, 3, 3), b=t(6))
# asymmetric padding {top, bottom, left, right} = {1, 0, 2, 1}: F.pad takes (left, right, top, bottom)
case("conv2d_asymmetric", lambda x, w: F.conv2d(F.pad(x, (2, 1, 1, 0)), w, None, stride=(1, 2)),
     {"stride": [1, 2], "padding": [1, 0, 2, 1], "dilation": [1, 1], "groups": 1},
     x=t(2, 2, 5, 6), w=t(3, 2, 2, 3))
# 'same' padding with an even kernel and dilation: PyTorch puts the extra pixel at the end
case("conv2d_same", lambda x, w, b: F.conv2d(x, w, b, padding="same", dilation=(1, 2)),
     {"stride": [1, 1], "padding": [1, 2, 2, 2], "dilation": [1, 2], "groups": 1},
     x=t(1, 2, 6, 7), w=t(3, 2, 4, 3), b=t(3))
case("conv1d", lambda x, w, b: F.conv1d(x, w, b, stride=2, padding=2, dilation=2, groups=2),
     {"stride": 2, "padding": [2], "dilation": 2, "groups": 2},
     x=t(2, 4, 9), w=t(6, 2, 3), b=t(6))
case("conv_transpose2d", lambda x, w, b: F.conv_transpose2d(x, w, b, stride=(2, 3), padding=(1, 0),
                                                            output_padding=(1, 2), groups=2),
     {"stride": [2, 3], "padding": [1, 0], "output_padding": [1, 2], "dilation": [1, 1], "groups": 2},
     x=t(2, 4, 3, 4), w=t(4, 3, 3, 2), b=t(6))
case("conv_transpose2d_dilated", lambda x, w: F.conv_transpose2d(x, w, None, stride=1, padding=1, dilation=2),
     {"stride": [1, 1], "padding": [1, 1], "output_padding": [0, 0], "dilation": [2, 2], "groups": 1},
     x=t(1, 3, 4, 3), w=t(3, 2, 3, 3))
case("upsample_nearest", lambda x: F.interpolate(x, size=(7, 5), mode="nearest"), {"size": [7, 5]},
     x=t(2, 2, 3, 4))
case("upsample_nearest_scale2", lambda x: F.interpolate(x, scale_factor=2, mode="nearest"), {"size": [6, 8]},
     x=t(1, 2, 3, 4))
case("upsample_bilinear", lambda x: F.interpolate(x, size=(5, 7), mode="bilinear", align_corners=False),
     {"size": [5, 7], "align_corners": False}, x=t(2, 2, 3, 4))
case("upsample_bilinear_aligned", lambda x: F.interpolate(x, size=(5, 7), mode="bilinear", align_corners=True),
     {"size": [5, 7], "align_corners": True}, x=t(1, 2, 3, 4))
case("adaptive_avg_pool2d", lambda x: F.adaptive_avg_pool2d(x, (3, 2)), {"size": [3, 2]}, x=t(2, 3, 7, 5))
case("adaptive_max_pool2d", lambda x: F.adaptive_max_pool2d(x, (3, 4)), {"size": [3, 4]}, x=t(2, 3, 7, 5))
case("global_avg_pool", lambda x: F.adaptive_avg_pool2d(x, 1), {"size": [1, 1]}, x=t(2, 3, 4, 5))
case("global_max_pool", lambda x: F.adaptive_max_pool2d(x, 1), {"size": [1, 1]}, x=t(2, 3, 4, 5))
# 3x3 windows of stride 1, as the reference CNN's second layer: odd sizes, 'same', 'valid', padding
# on one side only, and a larger map
case("conv2d_3x3_same_odd", lambda x, w, b: F.conv2d(x, w, b, padding=1),
     {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1},
     x=t(3, 9, 7, 9), w=t(10, 9, 3, 3), b=t(10))
case("conv2d_3x3_valid", lambda x, w: F.conv2d(x, w, None),
     {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "groups": 1},
     x=t(2, 5, 8, 6), w=t(4, 5, 3, 3))
case("conv2d_3x3_one_sided", lambda x, w, b: F.conv2d(F.pad(x, (2, 0, 0, 1)), w, b),
     {"stride": [1, 1], "padding": [0, 1, 2, 0], "dilation": [1, 1], "groups": 1},
     x=t(2, 4, 6, 5), w=t(3, 4, 3, 3), b=t(3))
case("conv2d_3x3_many_tiles", lambda x, w, b: F.conv2d(x, w, b, padding=1),
     {"stride": [1, 1], "padding": [1, 1], "dilation": [1, 1], "groups": 1},
     x=t(2, 3, 20, 17), w=t(5, 3, 3, 3), b=t(5))

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "conv-family.json"), "w") as f:
    json.dump({"torch": torch.__version__, "cases": CASES}, f)
