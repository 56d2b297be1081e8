"""Ablation on text nobody tuned to: the training generator's held-out templates.

Each item of ``training/data/valid.jsonl`` (seed templates never used for training, and never seen
when the rules were written) becomes a one-clause contract; the judge rules on it with and without
the trained model. Commitment items must get their labeled status; "none" and "benign" items must
stay missing for every undertaking. Prints accuracy by language and role.

    python scripts/paraphrase_eval.py [--limit N]
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from clausecheck.document import Block, SourceDocument
from clausecheck.judge import DocumentJudge
from clausecheck.library import load_library
from clausecheck.model import get_model
from clausecheck.nlp import get_encoder

ROOT = Path(__file__).resolve().parents[1]
PREAMBLE = {
    "en": 'This Agreement is between Acme Ltd. (the "Customer") and Vendor Inc. (the "Supplier").',
    "zh": "甲方（采购人）与乙方（供应商）签订本合同。",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "training" / "data" / "valid.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    lib, encoder, model = load_library(), get_encoder(), get_model()
    items = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line]
    items = [it for it in items if it["role"] in ("commitment", "none", "benign")]
    if args.limit:
        items = items[: args.limit]
    tally: dict[tuple, list[int]] = collections.defaultdict(lambda: [0, 0])
    for it in items:
        doc = SourceDocument(path=Path("item.txt"), format="txt",
                             blocks=(Block(PREAMBLE[it["language"]]), Block(it["text"])))
        reqs = [it["requirement"]] if it["requirement"] and it["role"] == "commitment" else list(lib.ids)
        want = it["status"] if it["role"] == "commitment" else "missing"
        for rid in reqs:
            for name, m in (("rules+encoder", None), ("rules+encoder+model", model)):
                finding, _ = DocumentJudge(doc, lib, encoder=encoder, model=m).judge(lib.get(rid))
                t = tally[(it["language"], it["role"], name)]
                t[0] += finding.status == want
                t[1] += 1
    print(f"{'language':<9} {'role':<11} {'judge':<22} accuracy      n")
    for (lang, role, name), (right, n) in sorted(tally.items()):
        print(f"{lang:<9} {role:<11} {name:<22} {right / n:8.3f}  {n:5d}")


if __name__ == "__main__":
    main()
