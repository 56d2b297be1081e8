#!/usr/bin/env python3
"""Choose the cuad-all contracts labeled whole, at document level, and split them dev / test.

Chosen by kind (a supplier provides a product or service to a customer: services, outsourcing,
maintenance, development, consulting, licence, supply, manufacturing, hosting, reseller,
distribution), by size (long enough to be a real agreement, short enough to be read whole) and
by how much it is about information technology (at least ``MIN_IT`` mentions of software, data,
systems, networks, hosting, websites: the contracts the Measures are about), then shuffled with a
fixed seed; alternate picks go to dev and test. Only file names are chosen here: nothing was run on the
text. These documents are kept out of every sentence-level training set.

    python scripts/select_label_docs.py > training/labels/documents/selection.json
"""

from __future__ import annotations

import json
import random
import re
import sys

from clausecheck.refs import shared_root

KINDS = re.compile(r"outsourc|servic|mainten|develop|consult|licen[cs]|supply|manufactur|hosting|reseller|software"
                   r"|distribut", re.I)
NOT_PROCUREMENT = re.compile(r"capital_maintenance|income_maintenance|yield_maintenance", re.I)
IT_WORDS = re.compile(r"\b(software|data|database|system|network|computer|technical support|hosting|server|website"
                      r"|web site|internet|information technology)\b", re.I)
MIN_IT = 12
MIN_CHARS, MAX_CHARS = 8_000, 120_000
N = 44
SEED = 20261130


def main() -> int:
    root = shared_root()
    if root is None:
        print("select_label_docs: ../shared/real-contracts is not here", file=sys.stderr)
        return 2
    names = sorted(p.name for p in (root / "cuad-all").glob("*.txt")
                   if KINDS.search(p.name) and not NOT_PROCUREMENT.search(p.name)
                   and MIN_CHARS <= p.stat().st_size <= MAX_CHARS
                   and len(IT_WORDS.findall(p.read_text(encoding="utf-8"))) >= MIN_IT)
    rng = random.Random(SEED)
    rng.shuffle(names)
    picked = names[:N]
    out = {"seed": SEED, "rule": {"kinds": KINDS.pattern, "chars": [MIN_CHARS, MAX_CHARS], "min_it_mentions": MIN_IT},
           "eligible": len(names),
           "dev": sorted(f"cuad-all/{n}" for n in picked[0::2]),
           "test": sorted(f"cuad-all/{n}" for n in picked[1::2])}
    json.dump(out, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
