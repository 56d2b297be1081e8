#!/usr/bin/env python3
"""Mine a third round of cuad-all sentences for labeling: the ones the shipped reader is least sure
about (uncertainty sampling). Per mined document with labeled parties, the sentences the screen
ranks highest for any undertaking are marked by role (as the judge marks them) and read; those
whose commitment or take-back probability for some undertaking lies between ``--low`` and
``1 - --low`` are kept, the least sure first. A label there teaches the reader most per sentence.
Same rules as ``mine_sentences.py``: references only, never the documents reserved for
evaluation, never cuad-it, never a sentence already labeled.

    python scripts/mine_uncertain.py --out /work/scratch/batches3 --batch-size 150
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from clausecheck.encoder.data import document_parties
from clausecheck.encoder.marking import mark_parties
from clausecheck.encoder.runtime import get_reader
from clausecheck.refs import shared_root
from clausecheck.screen import get_screen

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mine_sentences import batch_by_document, candidates, labeled_spans, mineable_documents  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def uncertainty(reading) -> tuple[float, list[str]]:
    """How close to a coin toss the reader's role call is, on the undertaking where it is closest."""
    best, why = 0.0, []
    for req, probs in reading.role.items():
        for role in ("commitment", "take-back"):
            p = probs[role]
            u = min(p, 1.0 - p)
            if u > best:
                best, why = u, [f"{req}:{role}={p:.2f}"]
    return best, why


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--batch-size", type=int, default=150)
    ap.add_argument("--screened-per-doc", type=int, default=10, help="sentences the reader reads per document")
    ap.add_argument("--per-doc", type=int, default=3)
    ap.add_argument("--low", type=float, default=0.15)
    ap.add_argument("--first-batch", type=int, default=31)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args(argv)
    root = shared_root()
    if root is None:
        print("mine_uncertain: ../shared/real-contracts is not here", file=sys.stderr)
        return 2
    done = labeled_spans()
    parties = document_parties()
    reader, screen = get_reader(), get_screen()
    picked = []
    for file, text in mineable_documents(root):
        if file not in parties:
            continue
        cands = [c for c in candidates(file, text) if (file, c["start"], c["end"]) not in done]
        if not cands:
            continue
        marked = [mark_parties(text[c["start"]:c["end"]], parties[file]) for c in cands]
        scores = screen.scores(marked)
        top = sorted(range(len(cands)), key=lambda i: -max(float(s[i]) for s in scores.values()))
        top = top[: args.screened_per_doc]
        readings = reader.read([marked[i] for i in top])
        scored = []
        for i, r in zip(top, readings, strict=True):
            u, why = uncertainty(r)
            if u >= args.low:
                scored.append((u, i, why))
        for _u, i, why in sorted(scored, reverse=True)[: args.per_doc]:
            c = cands[i]
            picked.append({"file": file, "start": c["start"], "end": c["end"], "sha": c["sha"], "how": "uncertain",
                           "uncertain": why, "text": " ".join(text[c["start"]:c["end"]].split())})
    batches = batch_by_document(picked, args.batch_size, random.Random(args.seed), first=args.first_batch)
    args.out.mkdir(parents=True, exist_ok=True)
    for k, batch in enumerate(batches):
        # The reader's guess stays out of what the labelers see.
        with open(args.out / f"batch-{k + args.first_batch:02d}.jsonl", "w", encoding="utf-8") as fh:
            for c in batch:
                fh.write(json.dumps({k2: v for k2, v in c.items() if k2 != "uncertain"}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} sentences from {len({c['file'] for c in picked})} documents in {len(batches)} batches"
          f" -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
