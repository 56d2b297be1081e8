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
from clausecheck.i18n import REQUIREMENT_SHORT, STATUS_LABELS, note_text, pick, section_label

CHANGE_KINDS = {"delete": {"en": "strike", "zh": "删除"}, "replace": {"en": "replace", "zh": "替换"},
                "insert": {"en": "insert", "zh": "新增"}}


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
    p.add_argument("--lang", choices=("en", "zh"), default="en", help="language of the messages printed")
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

    lang = getattr(args, "lang", "en") or "en"
    zh = lang == "zh"
    statuses = {f.requirement: str(getattr(f.status, "value", f.status)) for f in report.findings}
    for req, status in statuses.items():
        print(f"{status if not zh else pick(STATUS_LABELS, status, lang):<10} "
              f"{req if not zh else pick(REQUIREMENT_SHORT, req, lang)}")
    for ch in result.applied:
        where = section_label(ch.section, lang)
        what = pick(CHANGE_KINDS, ch.kind, lang)
        name = ch.requirement if not zh else pick(REQUIREMENT_SHORT, ch.requirement, lang)
        print(f"  {what:<7} [{name}]{' ' + where if where else ''} {_short(ch.text)}")
    for sk in result.skipped:
        name = sk.requirement if not zh else pick(REQUIREMENT_SHORT, sk.requirement, lang)
        print(f"  {'未能定位' if zh else 'skipped'} [{name}] {pick(CHANGE_KINDS, sk.kind, lang)}: {sk.why}",
              file=sys.stderr)
    # Said plainly, on stdout with the result: a redline rebuilt from a PDF is not the original's layout.
    for note in result.notes:
        print(("注意：" if zh else "NOTE: ") + note_text(note, lang))
    print(f"已写入 {out}（{len(result.applied)} 处修订，{len(result.skipped)} 处未能定位）" if zh else
          f"wrote {out} ({len(result.applied)} tracked change(s), {len(result.skipped)} skipped)")
    needs_fix = any(s != "compliant" for s in statuses.values())
    return int(ExitCode.FINDINGS if needs_fix else ExitCode.ALL_COMPLIANT)


def _short(text: str, n: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
