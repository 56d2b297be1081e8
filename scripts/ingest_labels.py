#!/usr/bin/env python3
"""Check labelers' sentence labels and turn them into committed labels (references, no text).

Labelers write, per batch, JSON lines with the batch ``id`` and their labels, triggers given as the
exact words of the sentence (``"trigger": "use reasonable efforts"``, ``"ground": "for any reason"``).
This script checks every value against ``clausecheck.labels`` and the batch, converts words to
offsets into the normalised sentence, and writes ``training/labels/sentences/NAME.jsonl``.

    python scripts/ingest_labels.py --check LABELS.jsonl --batch BATCH.jsonl
    python scripts/ingest_labels.py LABELS.jsonl --batch BATCH.jsonl --out training/labels/sentences/b01.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from pydantic import ValidationError

from clausecheck.labels import SentenceLabel


def _span(text: str, words: str | None, what: str) -> list[int] | None:
    if words is None:
        return None
    if isinstance(words, list) and len(words) == 2 and all(isinstance(x, int) for x in words):
        return words
    w = re.sub(r"\s+", " ", str(words)).strip()
    i = text.find(w)
    if i < 0:
        i = text.lower().find(w.lower())
    if i < 0:
        raise ValueError(f"{what} {w!r} is not in the sentence")
    return [i, i + len(w)]


def convert(raw: dict, cand: dict) -> SentenceLabel:
    text = cand["text"]
    und = {}
    for req, u in (raw.get("undertakings") or {}).items():
        u = dict(u)
        u["reasons"] = [{"code": r["code"], "trigger": _span(text, r.get("trigger"), f"{req} trigger")}
                        for r in u.get("reasons", [])]
        if "ground" in u:
            u["ground"] = _span(text, u.get("ground"), f"{req} ground")
        und[req] = u
    return SentenceLabel(id=cand["id"], file=cand["file"], start=cand["start"], end=cand["end"], sha=cand["sha"],
                         language=raw.get("language", "en"), party=raw["party"], kind=raw["kind"],
                         undertakings=und, labeler=str(raw.get("labeler", "")))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("labels", type=Path)
    ap.add_argument("--batch", type=Path, required=True)
    ap.add_argument("--check", action="store_true", help="only check; print problems and counts")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--overlap-out", type=Path,
                    help="labels of sentences owned by another batch (the agreement sample) go here")
    a = ap.parse_args(argv)
    cands = {c["id"]: c for c in map(json.loads, a.batch.read_text(encoding="utf-8").splitlines()) if c}
    out, problems, seen = [], [], set()
    for n, line in enumerate(a.labels.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            cand = cands[raw["id"]]
            if raw["id"] in seen:
                raise ValueError("labeled twice")
            seen.add(raw["id"])
            out.append(convert(raw, cand))
        except (ValueError, KeyError, ValidationError, json.JSONDecodeError) as exc:
            problems.append(f"{a.labels}:{n}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                            + (f" ({exc.errors()[0]['msg']} at {exc.errors()[0]['loc']})" if isinstance(exc, ValidationError) else ""))
    missing = sorted(set(cands) - seen)
    for p in problems:
        print(p)
    print(f"{len(out)} labels ok, {len(problems)} problems, {len(missing)} of {len(cands)} sentences not labeled yet"
          + (f" (first: {missing[:5]})" if missing else ""))
    if not a.check and a.out and not problems:
        owner = a.out.stem  # "b01": ids "b01-..." belong to this batch; the rest are its overlap sample
        for path, labs in ((a.out, [x for x in out if x.id.startswith(owner + "-")]),
                           (a.overlap_out, [x for x in out if not x.id.startswith(owner + "-")])):
            if path is None or not labs:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                for lab in labs:
                    fh.write(json.dumps(lab.model_dump(exclude_none=True), ensure_ascii=False) + "\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
