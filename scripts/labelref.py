#!/usr/bin/env python3
"""Make and check text references for labels (see ``clausecheck.refs``).

    python scripts/labelref.py locate cuad-all/NAME.txt "exact words of the sentence"
    python scripts/labelref.py show cuad-all/NAME.txt 1200 1450
    python scripts/labelref.py check training/labels/...      # every ref in these files resolves

``locate`` prints the JSON reference; whitespace in the quote matches any whitespace in the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from clausecheck.refs import RefError, TextRef, locate, make_ref, source_text


def _refs(obj):
    if isinstance(obj, dict):
        if {"start", "end", "sha"} <= obj.keys():
            yield obj
        for v in obj.values():
            yield from _refs(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _refs(v)


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "locate":
        occ = int(argv[3]) if len(argv) > 3 else 0
        try:
            print(json.dumps(locate(argv[1], argv[2], occurrence=occ).to_json()))
        except RefError as exc:
            print(f"labelref: {exc}", file=sys.stderr)
            return 1
        return 0
    if len(argv) == 4 and argv[0] == "show":
        ref = make_ref(argv[1], int(argv[2]), int(argv[3]))
        print(json.dumps(ref.to_json()))
        print(source_text(argv[1])[ref.start:ref.end])
        return 0
    if argv and argv[0] == "check":
        bad = n = 0
        for f in argv[1:]:
            for p in ([Path(f)] if Path(f).is_file() else sorted(Path(f).rglob("*.json*"))):
                lines = p.read_text(encoding="utf-8").splitlines() if p.suffix == ".jsonl" else [p.read_text(encoding="utf-8")]
                for line in filter(None, lines):
                    doc = json.loads(line)
                    default = doc.get("file") if isinstance(doc, dict) else None
                    for r in _refs(doc):
                        n += 1
                        try:
                            TextRef.from_json(r, default).resolve()
                        except (RefError, KeyError) as exc:
                            bad += 1
                            print(f"{p}: {exc}", file=sys.stderr)
        print(f"{n} references, {bad} broken")
        return 1 if bad else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
