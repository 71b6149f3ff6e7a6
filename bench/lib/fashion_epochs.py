"""Reads the epoch seconds the Fashion-MNIST benches print, for bench/fashion-mlp.sh,
bench/fashion-cnn.sh and bench/recurrent.sh (which put bench/lib on sys.path)."""
import re


def torch_epochs(text):
    """Seconds of each epoch from bench/reference/pytorch_fashion.py's 'epoch wall s: a, b, ...' line."""
    m = re.search(r'epoch wall s\s*:\s*(.*)', text)
    return [float(x) for x in m.group(1).split(',')]


def neurite_epochs(text):
    """Seconds of each epoch from the last column of Neurite's epoch table rows."""
    rows = re.findall(r'^\s*(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+([\d.]+)\s*$', text, re.M)
    return [float(s) for _, s in rows]
