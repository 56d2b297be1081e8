#!/usr/bin/env python3
"""Train the screen (``clausecheck.screen``): per undertaking, a logistic model over hashed word and
character pairs for "a commitment on it, or a take-back of it", on the reader's training data
(``clausecheck.encoder.data``: the real labels in ``training/labels/`` and the generated data),
and, with ``--distill``, on what the trained reader reads in every candidate sentence of the mined
real contracts (``scripts/distill_screen.py``: its commitment + take-back probability is the soft
target), so that the screen ranks sentences as they occur in contracts, not only those a cue chose
for labeling. numpy only; a few minutes on a CPU; deterministic.

    python scripts/distill_screen.py            # once: ~10 minutes
    python scripts/train_screen.py --distill .cache/screen-distill.jsonl [--out models]

Writes ``<out>/screen.npz`` + ``screen.sha256`` + ``screen.metrics.json`` (per undertaking, on the
validation split: average precision, and the share of positives among the top 1 / 3 / 5 sentences
the screen ranks highest).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.encoder import data as D  # noqa: E402
from clausecheck.encoder.marking import mark_parties  # noqa: E402
from clausecheck.encoder.schema import ROLE_CLASSES  # noqa: E402
from clausecheck.labels import UNDERTAKINGS  # noqa: E402
from clausecheck.screen import DIM, features  # noqa: E402

POSITIVE = {ROLE_CLASSES.index("commitment"), ROLE_CLASSES.index("take-back")}


def targets(examples) -> np.ndarray:
    y = np.full((len(UNDERTAKINGS), len(examples)), -1, dtype=np.float32)
    for j, ex in enumerate(examples):
        for i, r in enumerate(ex.role):
            if r >= 0:
                y[i, j] = float(r in POSITIVE)
    return y


def distilled(path: Path, valid_groups: set[str]) -> tuple[list[str], np.ndarray]:
    """The sentences ``scripts/distill_screen.py`` had the reader read (text from ``../shared/``,
    found again by index and hash, marked as at run time) and, per undertaking, the reader's
    commitment + take-back probability. Contracts in the labels' validation split are left out, so
    that the validation figures stay honest."""
    import distill_screen  # noqa: PLC0415 (a sibling script)

    from clausecheck.library import load_library  # noqa: PLC0415
    from clausecheck.refs import shared_root  # noqa: PLC0415

    rows: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["index"] >= 0 and row["file"] not in valid_groups:
            rows.setdefault(row["file"], []).append(row)
    root, library = shared_root(), load_library()
    texts, ys, stale = [], [], 0
    for name, items in rows.items():
        judge, pool = distill_screen.pool_of(root / name, library)
        by_index = {s.index: s for s in pool}
        for row in items:
            s = by_index.get(row["index"])
            if s is None or distill_screen.text_hash(s.text) != row["sha"]:
                stale += 1  # the segmenter changed since the reading: run distill_screen.py again
                continue
            texts.append(mark_parties(s.text, judge.parties))
            ys.append(np.minimum(1.0, np.add(row["commitment"], row["take_back"])))
    if stale:
        print(f"distill: {stale} rows no longer match their sentence; skipped")
    return texts, np.array(ys, dtype=np.float32).T.reshape(len(UNDERTAKINGS), -1)


def train(feats: list[np.ndarray], y: np.ndarray, *, epochs: int, l2: float, lr: float, seed: int,
          labeled: int | None = None):
    """AdaGrad logistic regression, one model per undertaking, positives weighted up to balance.
    ``y`` in [0, 1] (soft targets allowed; -1 = unknown); the balance is computed on the first
    ``labeled`` examples (the human labels; the distilled ones follow)."""
    rng = np.random.default_rng(seed)
    n_u = y.shape[0]
    labeled = y.shape[1] if labeled is None else labeled
    w = np.zeros((n_u, DIM), np.float64)
    b = np.zeros(n_u, np.float64)
    g2 = np.full((n_u, DIM), 1e-8)
    gb2 = np.full(n_u, 1e-8)
    for i in range(n_u):
        known = np.flatnonzero(y[i] >= 0)
        hard = y[i, :labeled][y[i, :labeled] >= 0]
        pos = max(1, int((hard == 1).sum()))
        weight_pos = min(20.0, (len(hard) - pos) / pos)
        for _ in range(epochs):
            for j in rng.permutation(known):
                idx = feats[j]
                z = b[i] + w[i, idx].sum()
                p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
                t = y[i, j]
                g = (p - t) * (1.0 + (weight_pos - 1.0) * t)
                grad = g + l2 * w[i, idx]
                g2[i, idx] += grad * grad
                w[i, idx] -= lr * grad / np.sqrt(g2[i, idx])
                gb2[i] += g * g
                b[i] -= lr * g / np.sqrt(gb2[i])
    return w, b


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores)
    hits = labels[order] == 1
    if not hits.any():
        return float("nan")
    precision = np.cumsum(hits) / (np.arange(len(hits)) + 1)
    return float(precision[hits].mean())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--l2", type=float, default=1e-6)
    ap.add_argument("--lr", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--distill", type=Path, default=None,
                    help="the reader's readings of real contract sentences (scripts/distill_screen.py)")
    a = ap.parse_args(argv)
    problems: list[str] = []
    examples = D.load_label_files(problems=problems) + D.load_generated()
    train_ex, valid_ex = D.split(examples)
    print(f"examples: {len(examples)}; train {len(train_ex)}, valid {len(valid_ex)}; problems {len(problems)}")
    ft = [features(ex.text) for ex in train_ex]
    y = targets(train_ex)
    n_distilled = 0
    if a.distill is not None:
        valid_groups = {ex.group for ex in valid_ex}
        texts, yd = distilled(a.distill, valid_groups)
        n_distilled = len(texts)
        print(f"distilled: {n_distilled} sentences read by the reader")
        ft += [features(t) for t in texts]
        y = np.concatenate([y, yd], axis=1)
    w, b = train(ft, y, epochs=a.epochs, l2=a.l2, lr=a.lr, seed=a.seed, labeled=len(train_ex))
    # Validation: average precision per undertaking on the held-out split, real sentences apart.
    fv = [features(ex.text) for ex in valid_ex]
    yv = targets(valid_ex)
    scores = np.array([[b[i] + w[i, f].sum() for f in fv] for i in range(len(UNDERTAKINGS))])
    real = np.array([ex.source != "generated" for ex in valid_ex])
    metrics = {}
    for i, u in enumerate(UNDERTAKINGS):
        known = yv[i] >= 0
        metrics[u] = {
            "average_precision": round(average_precision(scores[i, known], yv[i, known]), 4),
            "average_precision_real": round(average_precision(scores[i, known & real], yv[i, known & real]), 4),
            "positives": int((yv[i] == 1).sum()), "n": int(known.sum()),
        }
        print(u, metrics[u])
    a.out.mkdir(parents=True, exist_ok=True)
    path = a.out / "screen.npz"
    with open(path, "wb") as fh:
        np.savez_compressed(fh, weights=w.astype(np.float16), bias=b.astype(np.float32),
                            undertakings=np.array(UNDERTAKINGS))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    path.with_suffix(".sha256").write_text(f"{digest}  screen.npz\n")
    (a.out / "screen.metrics.json").write_text(json.dumps(
        {"examples": {"train": len(train_ex), "valid": len(valid_ex), "distilled": n_distilled}, "epochs": a.epochs, "l2": a.l2,
         "lr": a.lr, "validation": metrics}, indent=1) + "\n")
    print(f"wrote {path} ({path.stat().st_size:,} bytes, sha256 {digest[:16]}...)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
