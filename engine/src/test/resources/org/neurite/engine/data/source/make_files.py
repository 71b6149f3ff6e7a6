#!/usr/bin/python3
"""Writes tagged.jsonl and first-lines.csv from Tiny Shakespeare (run from this folder)."""
import json

TEXT = open('../../../../../../../../../examples/data/tinyshakespeare/input.txt', encoding='utf-8').read()
IDS = {c: i for i, c in enumerate(sorted(set(TEXT)))}

# sentences of the first speeches (40 characters at most), 1 where a word starts
lines = [l for l in TEXT.split('\n')[:60] if l and not l.endswith(':')][:6]
with open('tagged.jsonl', 'w') as f:
    for line in (l[:40] for l in lines):
        starts = [1 if c != ' ' and (i == 0 or line[i - 1] == ' ') else 0 for i, c in enumerate(line)]
        f.write(json.dumps({"steps": [IDS[c] for c in line], "label": starts}) + "\n")

# the first line of the first 8 speeches (30 characters at most), labelled 1 for a citizen
with open('first-lines.csv', 'w') as f:
    for speech in TEXT.split('\n\n')[:8]:
        speaker, first = speech.split('\n')[:2]
        label = 1 if 'Citizen' in speaker else 0
        f.write(",".join([str(label)] + [str(IDS[c]) for c in first[:30]]) + "\n")
