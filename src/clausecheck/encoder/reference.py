"""A plain numpy forward pass of the reader (BERT encoder, mean pooling, heads), in float64.

Slow and simple on purpose: it is the yardstick the ONNX graph is checked against (tests, and
``benchmarks/reader_bench.py``), computed from the same merged weights but by different code.
"""

from __future__ import annotations

import math

import numpy as np


def _ln(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _erf(x: np.ndarray) -> np.ndarray:
    return np.vectorize(math.erf)(x)


def forward(weights: dict[str, np.ndarray], ids: list[int], *, heads: int = 12, eps: float = 1e-12
            ) -> tuple[np.ndarray, np.ndarray]:
    """(pooled [H] before normalisation, logits [N_LOGITS]) for one token sequence (no padding)."""
    w = {k: v.astype(np.float64) for k, v in weights.items()}
    n = len(ids)
    x = w["emb.word"][ids] + w["emb.pos"][:n] + w["emb.type"][0]
    x = _ln(x, w["emb.ln.w"], w["emb.ln.b"], eps)
    hidden = x.shape[1]
    hd = hidden // heads
    i = 0
    while f"l{i}.q.w" in w:
        p = f"l{i}."

        def lin(t, m, p=p):
            return t @ w[p + m + ".w"].T + w[p + m + ".b"]

        q = lin(x, "q").reshape(n, heads, hd).transpose(1, 0, 2)
        k = lin(x, "k").reshape(n, heads, hd).transpose(1, 0, 2)
        v = lin(x, "v").reshape(n, heads, hd).transpose(1, 0, 2)
        s = q @ k.transpose(0, 2, 1) / math.sqrt(hd)
        s = np.exp(s - s.max(-1, keepdims=True))
        s /= s.sum(-1, keepdims=True)
        ctx = (s @ v).transpose(1, 0, 2).reshape(n, hidden)
        x = _ln(x + lin(ctx, "ao"), w[p + "aln.w"], w[p + "aln.b"], eps)
        h = lin(x, "fi")
        h = 0.5 * h * (1.0 + _erf(h / math.sqrt(2.0)))
        x = _ln(x + lin(h, "fo"), w[p + "oln.w"], w[p + "oln.b"], eps)
        i += 1
    pooled = x.mean(0)
    logits = pooled @ w["head.W"] + w["head.b"] if "head.W" in w else np.zeros(0)
    return pooled, logits
