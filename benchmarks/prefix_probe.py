#!/usr/bin/env python3
"""Which input prefix suits the reader: "query: ", "passage: " or none?

    python benchmarks/prefix_probe.py [--layers 6]

A linear probe: the *frozen* base encoder (first ``--layers`` layers, int8 ONNX, no adapter) embeds
the generated training data with each prefix; a ridge classifier on the pooled vectors is fitted on
the train split and scored (macro-F1 of the four role heads, and of ``weakened``) on the valid split.
The prefix whose features separate the labels best is the one to fine-tune from.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.encoder import data as D  # noqa: E402
from clausecheck.encoder.adapter import Adapter, save_adapter  # noqa: E402
from clausecheck.encoder.build import build  # noqa: E402
from clausecheck.encoder.reader import Reader  # noqa: E402
from clausecheck.encoder.schema import N_LOGITS  # noqa: E402
from clausecheck.labels import UNDERTAKINGS  # noqa: E402


def ridge_predict(xtr: np.ndarray, ytr: np.ndarray, xva: np.ndarray, classes: int, lam: float = 1.0) -> np.ndarray:
    """One-vs-rest ridge regression onto one-hot targets (class-balanced), argmax."""
    mu, sd = xtr.mean(0), xtr.std(0) + 1e-6
    a, b = (xtr - mu) / sd, (xva - mu) / sd
    a = np.hstack([a, np.ones((len(a), 1))])
    b = np.hstack([b, np.ones((len(b), 1))])
    y = np.eye(classes)[ytr]
    w = 1.0 / np.maximum(np.bincount(ytr, minlength=classes), 1)[ytr]
    aw = a * w[:, None]
    coef = np.linalg.solve(a.T @ aw + lam * np.eye(a.shape[1]), aw.T @ y)
    return (b @ coef).argmax(1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layers", type=int, default=6)
    args = ap.parse_args()
    train, valid = D.split(D.load_generated())
    ttr, tva = D.targets(train), D.targets(valid)
    tmp = Path(tempfile.mkdtemp())
    path = tmp / "probe.npz"
    out = {}
    for prefix in ("query: ", "passage: ", ""):
        save_adapter(path, {"layers": args.layers, "prefix": prefix, "max_tokens": 128},
                     {"head.W": np.zeros((384, N_LOGITS)), "head.b": np.zeros(N_LOGITS)})
        ad = Adapter.load(path)
        build(ad, root=tmp)
        r = Reader.load(ad, cache_root=tmp)
        xtr, xva = r.run([e.text for e in train])[0], r.run([e.text for e in valid])[0]
        f1 = {}
        for k, u in enumerate(UNDERTAKINGS):
            f1[u] = D.macro_f1(tva["role"][:, k], ridge_predict(xtr, ttr["role"][:, k], xva, 4))
        keep_tr, keep_va = ttr["weakened"] >= 0, tva["weakened"] >= 0
        pred = np.full(len(valid), -1)
        pred[keep_va] = ridge_predict(xtr[keep_tr], ttr["weakened"][keep_tr], xva[keep_va], 2)
        f1["weakened"] = D.macro_f1(tva["weakened"], pred)
        f1["mean"] = float(np.mean(list(f1.values())))
        out[repr(prefix)] = f1
        print(repr(prefix), json.dumps({k: round(v, 3) for k, v in f1.items()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
