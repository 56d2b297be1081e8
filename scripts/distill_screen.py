#!/usr/bin/env python3
"""Read every candidate sentence of the mined real contracts with the trained reader, for the screen
to learn from (``scripts/train_screen.py --distill``).

The screen (``clausecheck.screen``) chooses which of a contract's sentences the reader reads beyond
the rules' own candidates. Trained on the labeled sentences alone it has seen a few thousand
sentences, chosen by cues, and scores most ordinary sentences near zero, so a commitment in words
no cue foresaw (a contractor's promise to keep working under the current statement of work while a
change is disputed) is ranked far down and never read. Here the reader reads what the screen will see at run time — the
recall pool of each cuad-all contract (binding, permissive or acknowledging sentences), marked by
the parties the judge detects — and its probabilities become soft targets: the screen learns to
predict where the reader would find a commitment or a take-back, over the sentences as they occur.

Contracts reserved for evaluation (``training/labels/documents/selection.json``) and every cuad-it
contract are never read. Nothing of the text is written: each row is the file, the sentence's index
in the segmented document, a hash of its text, and the reader's probabilities.

    python scripts/distill_screen.py [--out .cache/screen-distill.jsonl] [--limit N]

About 50,000 sentences from ~400 contracts: ~10 minutes on two cores (resumes from its output).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clausecheck.encoder.data import excluded_files  # noqa: E402
from clausecheck.encoder.marking import mark_parties  # noqa: E402
from clausecheck.encoder.runtime import get_reader  # noqa: E402
from clausecheck.judge import DocumentJudge, _window  # noqa: E402
from clausecheck.labels import UNDERTAKINGS  # noqa: E402
from clausecheck.library import load_library  # noqa: E402
from clausecheck.read import read_document  # noqa: E402
from clausecheck.refs import shared_root  # noqa: E402

DEFAULT_OUT = ROOT / ".cache" / "screen-distill.jsonl"


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def pool_of(path: Path, library) -> tuple[DocumentJudge, list]:
    """The judge's recall pool of one contract (the sentences the screen scores at run time)."""
    judge = DocumentJudge(read_document(path), library)
    return judge, judge._recall_pool()


def contracts(root: Path) -> list[str]:
    banned = excluded_files()
    it_names = {p.stem for p in (root / "cuad-it").glob("*.txt")}
    return [f"cuad-all/{p.name}" for p in sorted((root / "cuad-all").glob("*.txt"))
            if f"cuad-all/{p.name}" not in banned and p.stem not in it_names]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--limit", type=int, default=0, help="at most this many contracts (0: all)")
    a = ap.parse_args(argv)
    root = shared_root()
    if root is None:
        print("distill_screen: ../shared/real-contracts is not here", file=sys.stderr)
        return 2
    library = load_library()
    reader = get_reader()
    files = contracts(root)[: a.limit or None]
    done = set()
    if a.out.is_file():
        done = {json.loads(line)["file"] for line in a.out.read_text(encoding="utf-8").splitlines() if line.strip()}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    t0, n = time.time(), 0
    with open(a.out, "a", encoding="utf-8") as fh:
        for k, name in enumerate(files):
            if name in done:
                continue
            judge, pool = pool_of(root / name, library)
            if not pool:
                fh.write(json.dumps({"file": name, "index": -1}) + "\n")  # read, nothing to learn from
                continue
            preds = reader.read([mark_parties(_window(judge.cues, s.text), judge.parties) for s in pool])
            for s, p in zip(pool, preds, strict=True):
                fh.write(json.dumps({
                    "file": name, "index": s.index, "sha": text_hash(s.text),
                    "commitment": [round(p.role[u]["commitment"], 4) for u in UNDERTAKINGS],
                    "take_back": [round(p.role[u]["take-back"], 4) for u in UNDERTAKINGS]}) + "\n")
            n += len(pool)
            fh.flush()
            if k % 20 == 0:
                print(f"{k + 1}/{len(files)} contracts, {n} sentences, {time.time() - t0:.0f} s", flush=True)
    print(f"done: {len(files)} contracts, {n} new sentences in {time.time() - t0:.0f} s -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
