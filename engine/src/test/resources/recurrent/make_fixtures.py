#!/usr/bin/python3
"""PyTorch reference runs of nn.RNN / nn.LSTM / nn.GRU for StackedRecurrentLayerTest.

Run from this folder with Debian's python3-torch (1.13):  /usr/bin/python3 make_fixtures.py
Writes one safetensors file per case. Inputs and parameters are drawn in float32 (seed 0);
the reference run is in float64 from those same values, so the files hold exact figures.

Each file holds: x [B, T, I]; h0 (and c0) batch first [B, L*D, H] when the case has an
initial state; mask [B, T] (1 real, 0 padding) when it is masked (run through
pack_padded_sequence, whose outputs at padded steps are 0); the parameters under "p."
with PyTorch's names; out [B, T, D*H]; h_n (and c_n) [L*D, B, H]; the loss weights w_out,
w_h (and w_c) of loss = sum(out * w_out) + sum(h_n * w_h) (+ sum(c_n * w_c)); and the
gradients of that loss: "grad.x", "grad.h0", "grad.c0", "grad.p.<name>".
Metadata: cell (rnn_tanh, rnn_relu, lstm, gru), hidden_size, num_layers, bidirectional.
"""
import json
import struct

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

B, T, I, H = 3, 5, 4, 3
LENGTHS = [5, 2, 4]  # per sample, for masked cases

CASES = [
    # name suffix, num_layers, bidirectional, initial state, masked
    ('uni', 1, False, False, False),
    ('stacked-bidirectional', 2, True, True, False),
    ('stacked-bidirectional-masked', 2, True, True, True),
    ('stacked-masked', 2, False, True, True),
]


def module(cell, layers, bidirectional):
    if cell == 'lstm':
        return nn.LSTM(I, H, layers, batch_first=True, bidirectional=bidirectional)
    if cell == 'gru':
        return nn.GRU(I, H, layers, batch_first=True, bidirectional=bidirectional)
    return nn.RNN(I, H, layers, nonlinearity=cell[4:], batch_first=True, bidirectional=bidirectional)


def write(path, tensors, metadata):
    header, blobs, offset = {'__metadata__': metadata}, [], 0
    for name, t in tensors.items():
        data = t.detach().to(torch.float32).contiguous().numpy().tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def case(cell, name, layers, bidirectional, with_state, masked):
    torch.manual_seed(0)
    dirs = 2 if bidirectional else 1
    states = 2 if cell == 'lstm' else 1
    rnn = module(cell, layers, bidirectional)
    x = torch.randn(B, T, I)
    h0 = [torch.randn(B, layers * dirs, H) * 0.5 for _ in range(states)] if with_state else []
    mask = torch.tensor([[1.0 if t < n else 0.0 for t in range(T)] for n in LENGTHS])
    w_out = torch.randn(B, T, dirs * H)
    w_state = [torch.randn(layers * dirs, B, H) for _ in range(states)]

    rnn = rnn.double()
    xd = x.double().requires_grad_()
    hd = [h.double().requires_grad_() for h in h0]
    init = None
    if with_state:
        torch_state = [h.transpose(0, 1).contiguous() for h in hd]  # PyTorch wants [L*D, B, H]
        init = tuple(torch_state) if cell == 'lstm' else torch_state[0]
    if masked:
        packed = pack_padded_sequence(xd, torch.tensor(LENGTHS), batch_first=True, enforce_sorted=False)
        out, final = rnn(packed, init)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=T)
    else:
        out, final = rnn(xd, init)
    finals = list(final) if cell == 'lstm' else [final]
    loss = (out * w_out.double()).sum() + sum((f * w.double()).sum() for f, w in zip(finals, w_state))
    loss.backward()

    tensors = {'x': x}
    for label, h in zip(['h0', 'c0'], h0):
        tensors[label] = h
    if masked:
        tensors['mask'] = mask
    for pname, p in rnn.named_parameters():
        tensors['p.' + pname] = p.detach()
    tensors['out'] = out
    for label, f in zip(['h_n', 'c_n'], finals):
        tensors[label] = f
    tensors['w_out'] = w_out
    for label, w in zip(['w_h', 'w_c'], w_state):
        tensors[label] = w
    tensors['grad.x'] = xd.grad
    for label, h in zip(['h0', 'c0'], hd):
        tensors['grad.' + label] = h.grad
    for pname, p in rnn.named_parameters():
        tensors['grad.p.' + pname] = p.grad
    write(f'{cell}-{name}.safetensors', tensors, {
        'cell': cell, 'hidden_size': str(H), 'num_layers': str(layers), 'bidirectional': str(bidirectional).lower()})


if __name__ == '__main__':
    for cell in ['rnn_tanh', 'rnn_relu', 'lstm', 'gru']:
        for c in CASES:
            case(cell, *c)
