#!/usr/bin/env python3
"""Mine candidate sentences from ``../shared/real-contracts/cuad-all`` for labeling.

Writes batches of candidates (a reference, and the text for the labeler) to a scratch folder
outside the repository; what is committed afterwards is only the labels with their references.
Documents chosen for document-level labeling (``training/labels/documents/selection.json``),
agreements with no supplier (joint filings, joint ventures, alliances, non-competes) and everything
in ``cuad-it/`` are never mined.

Sentences are cut with offsets kept (paragraphs at blank lines, then sentence ends that are not
abbreviations or clause numbers). Each document gives up to ``--per-doc`` sentences: mostly those
that touch the undertakings' subject matter (data, systems and equipment, suspension and support,
review and audit) weighted by how many such cues they carry, plus a few at random so the labels
also show what ordinary contract sentences look like.

    python scripts/mine_sentences.py --out /work/scratch/batches --batch-size 400
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from clausecheck.refs import shared_root, text_sha

CUES = {
    "review": r"review|audit|inspect|examin|regulat|governmental|authorit|cooperat|assist|security|investigat",
    "data": r"\bdata\b|information|records|personal|privacy|collect|database|customer list|\buser",
    "device": r"system|equipment|device|network|software|virus|disabl|remote|\baccess|malicious|lock|update|install|code",
    "supply": r"suspend|interrupt|terminat|discontinu|cease|\bstop|withh[oe]ld|support|maintenance|supply|deliver|continu"
              r"|force majeure|export|sanction",
}
STRONG = re.compile(
    r"suspen|interrupt|discontinu|disabl|virus|malicious|back ?door|time ?bomb|remote(ly)? access|export control|sanction"
    r"|cooperat\w* with|regulat\w* (review|examination|authorit)|access (to|and use)|use of (the )?(customer|client|user)"
    r"|aggregate|anonymi|usage data|personal (data|information)|for any reason|sole discretion|at its option|convenience"
    r"|survive|continue to (provide|perform|supply)|withhold|self-help|lock", re.I)
# Agreements with no supplier (neither party provides a product or service to the other) teach
# nothing about who promises what to whom.
NO_SUPPLIER = re.compile(r"joint[_ -]?filing|non[_ -]?compet|joint[_ -]?venture|strategic[_ -]alliance|collaborat", re.I)
KIND = re.compile(r"\b(may|shall|will|must|agrees?|warrants?|represents?|disclaim\w*|acknowledg\w*|liable|except)\b", re.I)
_PARA = re.compile(r"\n[ \t]*\n")
_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"“'(\[]?[A-Z0-9])")
_ABBR = re.compile(r"(\b(?:Inc|Co|Corp|Ltd|No|Nos|Sec|Art|Para|e\.g|i\.e|etc|vs|v|Mr|Mrs|Ms|Dr|St|U\.S|U\.K|L\.L\.C|L\.P|N\.A|S\.A)|"
                   r"\b[A-Za-z]|\b\d+(?:\.\d+)*|\([a-z0-9ivx]+\))$", re.I)


def sentence_spans(text: str):
    """(start, end) of each sentence, offsets into ``text``."""
    pos = 0
    paras = []
    for m in _PARA.finditer(text):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(text)))
    for a, b in paras:
        start = a
        for m in _END.finditer(text, a, b):
            if _ABBR.search(text[start:m.start()]):
                continue
            yield start, m.end()
            start = m.end()
        yield start, b


def _clean_span(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def candidates(file: str, text: str):
    for a, b in sentence_spans(text):
        a, b = _clean_span(text, a, b)
        s = text[a:b]
        n = len(s)
        if n < 40 or n > 1500 or sum(c.isalpha() for c in s) < 0.6 * n or not KIND.search(s):
            continue
        fams = [k for k, rx in CUES.items() if re.search(rx, s, re.I)]
        score = len(fams) + 2 * len(STRONG.findall(s))
        yield {"file": file, "start": a, "end": b, "sha": text_sha(s), "score": score, "families": fams}


def mineable_documents(root: Path):
    """(reference name, text) of every cuad-all contract that may be mined: not held out for the
    document-level dev/test splits, and with a supplier (not a joint filing or a loan)."""
    sel = json.loads((Path(__file__).resolve().parents[1] / "training/labels/documents/selection.json").read_text())
    held = set(sel["dev"]) | set(sel["test"])
    for p in sorted((root / "cuad-all").glob("*.txt")):
        file = f"cuad-all/{p.name}"
        if file in held or NO_SUPPLIER.search(p.name):
            continue
        yield file, p.read_text(encoding="utf-8")


def labeled_spans() -> set[tuple[str, int, int]]:
    """(file, start, end) of every sentence already labeled: a later round never mines it again."""
    done = set()
    for p in (Path(__file__).resolve().parents[1] / "training/labels/sentences").rglob("*.jsonl"):
        for line in p.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            if "start" in d:
                done.add((d["file"], d["start"], d["end"]))
    return done


def batch_by_document(picked: list[dict], batch_size: int, rng: random.Random, first: int) -> list[list[dict]]:
    """Whole documents go to one batch (a labeler works out who the supplier is once per document),
    in document order, batches filled evenly; each sentence gets its id ``bNN-MMM``."""
    by_doc: dict[str, list[dict]] = {}
    for c in picked:
        by_doc.setdefault(c["file"], []).append(c)
    docs = sorted(by_doc)
    rng.shuffle(docs)
    batches: list[list[dict]] = [[] for _ in range(max(1, round(len(picked) / batch_size)))]
    for d in docs:  # fill the emptiest batch: batches come out even
        min(batches, key=len).extend(sorted(by_doc[d], key=lambda c: c["start"]))
    for k, batch in enumerate(batches):
        for j, c in enumerate(batch):
            c["id"] = f"b{k + first:02d}-{j:03d}"
    return batches


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--batch-size", type=int, default=400)
    ap.add_argument("--per-doc", type=int, default=18)
    ap.add_argument("--random-per-doc", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--overlap", type=int, default=25,
                    help="each batch also gets this many sentences of the next batch: two labelers, one agreement figure")
    args = ap.parse_args(argv)
    root = shared_root()
    if root is None:
        print("mine_sentences: ../shared/real-contracts is not here", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    picked = []
    for file, text in mineable_documents(root):
        cands = list(candidates(file, text))
        if not cands:
            continue
        topical = [c for c in cands if c["score"] >= 2]
        # Weighted sample without replacement: more cues, more likely, but not only the top.
        keys = sorted(topical, key=lambda c: -rng.random() ** (1.0 / c["score"]))
        chosen = keys[: args.per_doc]
        ids = {(c["start"], c["end"]) for c in chosen}
        rest = [c for c in cands if (c["start"], c["end"]) not in ids]
        chosen += rng.sample(rest, min(args.random_per_doc, len(rest)))
        for c in chosen:
            c["how"] = "topical" if (c["start"], c["end"]) in ids else "random"
            c["text"] = re.sub(r"\s+", " ", text[c["start"]:c["end"]]).strip()
        picked += chosen
    batches = batch_by_document(picked, args.batch_size, rng, first=1)
    args.out.mkdir(parents=True, exist_ok=True)
    for k, batch in enumerate(batches):
        extra = [dict(c, overlap=True) for c in batches[(k + 1) % len(batches)][: args.overlap]]
        with open(args.out / f"batch-{k + 1:02d}.jsonl", "w", encoding="utf-8") as fh:
            for c in batch + extra:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(picked)} candidates from {len({c['file'] for c in picked})} documents "
          f"in {len(batches)} batches -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
