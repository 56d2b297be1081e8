"""``clausecheck compare V1 V2``: how each Art. 6 undertaking changed between two drafts.

Exit codes: 0 no undertaking regressed, 1 some undertaking regressed, 2 usage (bad arguments or
an invalid clause library), 3 a draft could not be read.
"""

from __future__ import annotations

import sys
from pathlib import Path

from clausecheck.errors import ExitCode, LibraryError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "compare", help="compare two drafts: which undertakings improved or regressed",
        description="Check two drafts of a contract and report, per undertaking, the verdict in each "
                    "and whether it improved, regressed or stayed. Exit 1 when any regressed.")
    p.add_argument("v1", metavar="V1", help="the earlier draft (.pdf, .docx or .txt)")
    p.add_argument("v2", metavar="V2", help="the later draft")
    p.add_argument("--format", choices=("text", "json", "html"), default="text", help="output format")
    p.add_argument("--out", metavar="FILE", help="write the comparison to FILE instead of stdout")
    p.add_argument("--library", metavar="PATH", help="a clause library to use instead of the shipped one")
    p.add_argument("--password", metavar="PW", help="password of encrypted drafts")
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the labels")
    p.set_defaults(func=run)


def run(args) -> int:
    from clausecheck.api import Engine
    from clausecheck.compare import compare, read_drafts, render

    try:
        engine = Engine(args.library)
    except LibraryError as exc:
        print(f"clausecheck compare: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    reports = []
    unreadable = False
    for path in (args.v1, args.v2):
        rep = engine.check(Path(path), password=args.password, display_name=str(path))
        if rep.error is not None:
            print(f"clausecheck compare: {rep.error.message} [{rep.error.code}]", file=sys.stderr)
            unreadable = True
        reports.append(rep)
    if unreadable:
        return int(ExitCode.UNREADABLE_INPUT)
    cmp = compare(reports[0], reports[1], *read_drafts(args.v1, args.v2, args.password))
    text = render(cmp, args.format, lang=args.lang)
    if args.out:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            print(f"clausecheck compare: cannot write {args.out}: {exc}", file=sys.stderr)
            return int(ExitCode.USAGE)
    else:
        sys.stdout.write(text)
    return int(ExitCode.FINDINGS if cmp.has_regression else ExitCode.ALL_COMPLIANT)

