#!/usr/bin/env python3
"""Regenerate crates/annotate/gazetteers/clusters.txt: distributional word
clusters for the named-entity recognizer.

Unlabeled text (only the words, never the gold labels): the PolNeAR article
texts (../shared/data/quotes/*.jsonl), the words of the CoNLL-2003 *training*
file and of UD English EWT train. The CoNLL dev file is not used.

Method: every word seen at least MIN_COUNT times (case kept) gets a vector of
positive PMI with the 1,000 most frequent lowercased words at offsets -2, -1,
+1 and +2; the vectors are reduced to 64 dimensions (randomized SVD),
normalized, and clustered with spherical k-means at three granularities
(1,024 clusters, then 256 and 64 clusters of their centroids), like the
prefixes of Brown clusters. One line a
word: `word<TAB>c64<TAB>c256<TAB>c1024`.

Deterministic (fixed seeds). Needs numpy: the script installs it into a
temporary directory with pip if it is not importable.

Usage: python3 scripts/gazetteers_clusters.py [SHARED_DATA_DIR]
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "annotate", "gazetteers", "clusters.txt")
MIN_COUNT = 3
N_CONTEXT = 1000
DIM = 64
KS = (64, 256, 1024)

try:
    import numpy as np
except ImportError:
    tmp = tempfile.mkdtemp()
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", tmp, "numpy"], check=True)
    sys.path.insert(0, tmp)
    import numpy as np

TOKEN = re.compile(r"n't|'s|'S|(?:[A-Z]\.)+|\w+(?:[-.'&]\w+)*|[^\w\s]", re.UNICODE)


def tokenize(text):
    for line in text.split("\n"):
        words = TOKEN.findall(line.replace("\u2019", "'").replace("\u2014", "-").replace("\u2013", "-"))
        if words:
            yield words


def sentences(data):
    seen = set()
    qdir = os.path.join(data, "quotes")
    for f in sorted(os.listdir(qdir)):
        if f.endswith(".jsonl"):
            for line in open(os.path.join(qdir, f), encoding="utf-8"):
                t = json.loads(line)["text"]
                if t not in seen:
                    seen.add(t)
                    yield from tokenize(t)
    cur = []
    for line in open(os.path.join(data, "ner", "conll2003.train.txt"), encoding="utf-8"):
        p = line.split()
        if not p or p[0] == "-DOCSTART-":
            if cur:
                yield cur
            cur = []
        else:
            cur.append(p[0])
    if cur:
        yield cur
    cur = []
    for line in open(os.path.join(data, "ud", "en_ewt-ud-train.conllu"), encoding="utf-8"):
        if line.startswith("#"):
            continue
        p = line.rstrip("\n").split("\t")
        if len(p) < 2:
            if cur:
                yield cur
            cur = []
        elif p[0].isdigit():
            cur.append(p[1])
    if cur:
        yield cur


def kmeans(x, k, seed, iters=20):
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        a = np.argmax(x @ c.T, axis=1)
        for j in range(k):
            m = x[a == j]
            if len(m):
                v = m.sum(0)
                c[j] = v / (np.linalg.norm(v) + 1e-9)
            else:
                c[j] = x[rng.integers(len(x))]
    return np.argmax(x @ c.T, axis=1)


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data")
    sents = list(sentences(data))
    counts = collections.Counter(w for s in sents for w in s)
    lower = collections.Counter()
    for w, n in counts.items():
        lower[w.lower()] += n
    ctx = {w: i for i, (w, _) in enumerate(lower.most_common(N_CONTEXT))}
    vocab = sorted(w for w, n in counts.items() if n >= MIN_COUNT and len(w) <= 40 and "\t" not in w)
    vid = {w: i for i, w in enumerate(vocab)}
    print(f"{sum(len(s) for s in sents)} tokens, {len(vocab)} words", file=sys.stderr)
    offs = (-2, -1, 1, 2)
    m = np.zeros((len(vocab), N_CONTEXT * len(offs)), dtype=np.float32)
    for s in sents:
        ls = [w.lower() for w in s]
        for i, w in enumerate(s):
            r = vid.get(w)
            if r is None:
                continue
            for k, o in enumerate(offs):
                j = i + o
                if 0 <= j < len(s):
                    c = ctx.get(ls[j])
                    if c is not None:
                        m[r, k * N_CONTEXT + c] += 1
    total = m.sum()
    row = m.sum(1, keepdims=True) + 1e-9
    col = m.sum(0, keepdims=True) + 1e-9
    with np.errstate(divide="ignore"):
        pmi = np.log(m * total / (row * col))
    pmi[~np.isfinite(pmi)] = 0
    np.maximum(pmi, 0, out=pmi)
    rng = np.random.default_rng(1)
    q, _ = np.linalg.qr(pmi @ rng.standard_normal((pmi.shape[1], DIM * 2)).astype(np.float32))
    for _ in range(3):  # power iterations
        q, _ = np.linalg.qr(pmi @ (pmi.T @ q))
    b = q.T @ pmi
    ub, sv, _ = np.linalg.svd(b, full_matrices=False)
    x = (q @ ub[:, :DIM]) * sv[:DIM]
    x /= np.linalg.norm(x, axis=1, keepdims=True) + 1e-9
    # Hierarchical: the finest clusters first, then clusters of their
    # centroids, so that every coarse cluster is a union of finer ones.
    fine = kmeans(x, KS[-1], seed=KS[-1])
    labels = [fine]
    pts, assign = x, fine
    for k in reversed(KS[:-1]):
        cent = np.stack([pts[assign == j].sum(0) for j in range(assign.max() + 1)])
        cent /= np.linalg.norm(cent, axis=1, keepdims=True) + 1e-9
        up = kmeans(cent, k, seed=k)
        labels.insert(0, up[labels[0]])
        pts, assign = cent, up
    labels = [labels[0], labels[1], labels[2]]
    with open(OUT, "w", encoding="utf-8") as f:
        for i, w in enumerate(vocab):
            f.write(w + "\t" + "\t".join(str(int(l[i])) for l in labels) + "\n")
    print(f"wrote {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
