#!/usr/bin/env python3
"""Mine a second round of cuad-all sentences for labeling: the ones the undertakings' recall cues in
the clause library point at (a promise to keep performing during a dispute, support for a stated
period, a warranty of no disabling code, a limit on using the customer's data or systems), which the
first, broader round rarely reached. Same rules as ``mine_sentences.py``: references only, never the
documents reserved for evaluation, never cuad-it, never a sentence already labeled.

    python scripts/mine_targeted.py --out /work/scratch/batches2 --batch-size 500
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from clausecheck.library import load_library
from clausecheck.refs import shared_root, text_sha

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mine_sentences import (  # noqa: E402
    KIND,
    _clean_span,
    batch_by_document,
    labeled_spans,
    mineable_documents,
    sentence_spans,
)

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--batch-size", type=int, default=500)
    ap.add_argument("--per-doc", type=int, default=7)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    root = shared_root()
    if root is None:
        print("mine_targeted: ../shared/real-contracts is not here", file=sys.stderr)
        return 2
    done = labeled_spans()
    recall = {k: u.recall_low for k, u in load_library().compiled.undertakings.items()}
    rng = random.Random(args.seed)
    picked = []
    for file, text in mineable_documents(root):
        cands = []
        for a, b in sentence_spans(text):
            a, b = _clean_span(text, a, b)
            s = text[a:b]
            if (file, a, b) in done or not (40 <= len(s) <= 1500) or not KIND.search(s):
                continue
            low = " ".join(s.split()).lower()
            hits = {k: len(rx.findall(low)) for k, rx in recall.items() if rx is not None and rx.search(low)}
            if hits:
                cands.append((sum(hits.values()) + rng.random(), a, b, sorted(hits)))
        for _score, a, b, fams in sorted(cands, reverse=True)[: args.per_doc]:
            picked.append({"file": file, "start": a, "end": b, "sha": text_sha(text[a:b]), "families": fams,
                           "how": "targeted", "text": " ".join(text[a:b].split())})
    batches = batch_by_document(picked, args.batch_size, rng, first=21)
    args.out.mkdir(parents=True, exist_ok=True)
    for k, batch in enumerate(batches):
        with open(args.out / f"batch-{k + 21:02d}.jsonl", "w", encoding="utf-8") as fh:
            for c in batch:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(picked)} candidates from {len({c['file'] for c in picked})} documents in {len(batches)} batches"
          f" -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
