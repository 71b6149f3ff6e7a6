#!/usr/bin/python3
"""The character bigram model of examples/shakespeare-bigram.yaml in PyTorch (CPU reference).

Usage: /usr/bin/python3 pytorch_bigram.py [--epochs 3] [--text PATH]

Same data and setting as the Neurite example: Tiny Shakespeare, characters as tokens (the
sorted set of the text's characters: 65), the first 90 % of the text for training and the last
10 % for validation, each cut into windows of 64 characters every 64 with the next character
as the target of every step; embedding 65 x 32, then a linear layer 32 -> 65 at every step;
cross-entropy, Adam 0.01, batches of 64 windows shuffled every epoch, seed 0.

Reports the mean training loss and the validation loss (nats per character) after each epoch.
"""
import argparse
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


def windows(ids, size):
    count = (len(ids) - size - 1) // size + 1
    starts = torch.arange(count) * size
    x = torch.stack([ids[s:s + size] for s in starts])
    y = torch.stack([ids[s + 1:s + 1 + size] for s in starts])
    return x, y


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--epochs', type=int, default=3)
    parser.add_argument('--text', default=os.path.join(HERE, '../../examples/data/tinyshakespeare/input.txt'))
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    text = open(args.text, encoding='utf-8').read()
    chars = sorted(set(text))
    ids = torch.tensor([chars.index(c) for c in text])
    cut = round(0.9 * len(ids))
    train_x, train_y = windows(ids[:cut], 64)
    val_x, val_y = windows(ids[cut:], 64)
    model = nn.Sequential(nn.Embedding(len(chars), 32), nn.Linear(32, len(chars)))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(train_x))
        total, count = 0.0, 0
        for i in range(0, len(order), 64):
            batch = order[i:i + 64]
            logits = model(train_x[batch])
            loss = F.cross_entropy(logits.reshape(-1, len(chars)), train_y[batch].reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
            count += len(batch)
        with torch.no_grad():
            val = F.cross_entropy(model(val_x).reshape(-1, len(chars)), val_y.reshape(-1)).item()
        print(f"epoch {epoch}/{args.epochs}  loss {total / count:.4f}  val_loss {val:.4f}")


if __name__ == '__main__':
    main()
