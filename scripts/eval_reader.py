#!/usr/bin/env python3
"""Per-head validation metrics of the *run-time* reader (int8 ONNX, and the fp32 graph for comparison).

    python scripts/eval_reader.py [--adapter models/reader-adapter.npz] [--out FILE.json]

Uses the validation split of :mod:`clausecheck.encoder.data` (real labels by document, generated
data by seed template); builds the adapter into a private cache if needed. No torch.
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
from clausecheck.encoder.adapter import Adapter  # noqa: E402
from clausecheck.encoder.build import FP32_FILE  # noqa: E402
from clausecheck.encoder.reader import Reader, probabilities  # noqa: E402
from clausecheck.encoder.schema import HEADS  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--adapter", type=Path, default=ROOT / "models" / "reader-adapter.npz")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    examples = D.load_label_files() + D.load_generated()
    _, valid = D.split(examples)
    ad = Adapter.load(args.adapter)
    out: dict = {"adapter": str(args.adapter), "sha256": ad.sha256, "layers": ad.layers, "valid": len(valid)}
    with tempfile.TemporaryDirectory() as tmp:
        r32 = Reader.load(ad, cache_root=Path(tmp), model_file=FP32_FILE)  # builds, keeping the fp32 graph
        r8 = Reader.load(ad, cache_root=Path(tmp))
        for name, r in (("int8", r8), ("fp32", r32)):
            out[name] = D.runtime_metrics(r, valid)
        _, l8 = r8.run([e.text for e in valid])
        _, l32 = r32.run([e.text for e in valid])
    p8, p32 = probabilities(l8), probabilities(l32)
    # softmax heads: same top class; sigmoid heads: every label on the same side of 0.5
    out["int8_vs_fp32_top_agreement"] = {
        h.name: float(np.mean(np.all((p8[h.name] >= 0.5) == (p32[h.name] >= 0.5), axis=1))) if h.multi_label
        else float(np.mean(p8[h.name].argmax(1) == p32[h.name].argmax(1))) for h in HEADS}
    out["int8_vs_fp32_max_prob_diff"] = {k: float(np.abs(p8[k] - p32[k]).max()) for k in p8}
    text = json.dumps(D.no_nan(out), indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    for name in ("int8", "fp32"):
        print(name, {k: round(v["macro_f1"], 3) for k, v in out[name]["all"].items()})
    print("int8 vs fp32 agreement", {k: round(v, 3) for k, v in out["int8_vs_fp32_top_agreement"].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
