"""``clausecheck fix INPUT -o OUTPUT``: write a redline (tracked changes + comments) of a contract.

Exit codes: 0 nothing to fix (all four undertakings compliant; OUTPUT is an unchanged copy as a
DOCX), 1 changes proposed (some undertaking weakened or missing), 2 usage (bad arguments, an
invalid clause library, OUTPUT not a .docx or the same file as INPUT), 3 INPUT unreadable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from clausecheck.errors import ExitCode, LibraryError, UnreadableDocument


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "fix", help="write a DOCX redline with tracked changes and comments that fix the findings",
        description="Check INPUT (PDF, DOCX or TXT) and write OUTPUT, a Word document in which every "
                    "suggested fix is a tracked change with a comment citing Art. 6 of the "
                    "Cybersecurity Review Measures. PDF and TXT input is rebuilt as a DOCX.")
    p.add_argument("input", metavar="INPUT", help="the contract to fix (.pdf, .docx or .txt)")
    p.add_argument("-o", "--output", metavar="OUTPUT", required=True, help="the redlined .docx to write")
    p.add_argument("--library", metavar="PATH", help="a clause library to use instead of the shipped one")
    p.add_argument("--password", metavar="PW", help="password of an encrypted PDF or DOCX")
    p.add_argument("--author", default="clausecheck", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args) -> int:
    src = Path(args.input)
    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        print(f"clausecheck fix: OUTPUT must be a .docx file, not {out.name}", file=sys.stderr)
        return int(ExitCode.USAGE)
    if src.exists() and out.exists() and src.resolve() == out.resolve():
        print("clausecheck fix: OUTPUT must not overwrite INPUT", file=sys.stderr)
        return int(ExitCode.USAGE)

    from clausecheck.api import Engine
    from clausecheck.redline import redline

    try:
        engine = Engine(args.library)
    except LibraryError as exc:
        print(f"clausecheck fix: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    report = engine.check(src, password=args.password)
    if report.error is not None:
        print(f"clausecheck fix: {report.error.message} [{report.error.code}]", file=sys.stderr)
        return int(ExitCode.UNREADABLE_INPUT)
    try:
        result = redline(src, report, out, author=getattr(args, "author", "clausecheck") or "clausecheck",
                         password=args.password)
    except UnreadableDocument as exc:
        print(f"clausecheck fix: {exc}", file=sys.stderr)
        return int(ExitCode.UNREADABLE_INPUT)
    except OSError as exc:
        print(f"clausecheck fix: cannot write {out}: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)

    statuses = {f.requirement: str(getattr(f.status, "value", f.status)) for f in report.findings}
    for req, status in statuses.items():
        print(f"{status:<10} {req}")
    for ch in result.applied:
        print(f"  {ch.kind:<7} [{ch.requirement}] {_short(ch.text)}")
    for sk in result.skipped:
        print(f"  skipped [{sk.requirement}] {sk.kind}: {sk.why}", file=sys.stderr)
    for w in result.warnings:
        print(f"note: {w}", file=sys.stderr)
    print(f"wrote {out} ({len(result.applied)} tracked change(s), {len(result.skipped)} skipped)")
    needs_fix = any(s != "compliant" for s in statuses.values())
    return int(ExitCode.FINDINGS if needs_fix else ExitCode.ALL_COMPLIANT)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
