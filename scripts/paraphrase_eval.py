"""Ablation on text nobody tuned to: the training generator's held-out templates.

Each item of ``training/data/valid.jsonl`` (seed templates the reader was never trained on, and
never seen when the rules were written) becomes a one-clause contract; the judge rules on it with
the rules alone and with the trained reader. Commitment items must get their labeled status;
"none" and "benign" items must stay missing for every undertaking. Prints accuracy by language and
role, and writes them as JSON with ``--json``.

    python scripts/paraphrase_eval.py [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

from clausecheck.document import Block, SourceDocument
from clausecheck.encoder.runtime import get_reader
from clausecheck.judge import DocumentJudge
from clausecheck.library import load_library

ROOT = Path(__file__).resolve().parents[1]
PREAMBLE = {
    "en": 'This Agreement is between Acme Ltd. (the "Customer") and Vendor Inc. (the "Supplier").',
    "zh": "甲方（采购人）与乙方（供应商）签订本合同。",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "training" / "data" / "valid.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    lib, reader = load_library(), get_reader()
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
        for name, r in (("rules only", None), ("rules + reader", reader)):
            judge = DocumentJudge(doc, lib, reader=r)
            for rid in reqs:
                finding, _ = judge.judge(lib.get(rid))
                t = tally[(it["language"], it["role"], name)]
                t[0] += finding.status == want
                t[1] += 1
    rows = [{"language": lang, "role": role, "judge": name, "accuracy": round(right / n, 3), "n": n}
            for (lang, role, name), (right, n) in sorted(tally.items())]
    print(f"{'language':<9} {'role':<11} {'judge':<16} accuracy      n")
    for r in rows:
        print(f"{r['language']:<9} {r['role']:<11} {r['judge']:<16} {r['accuracy']:8.3f}  {r['n']:5d}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
