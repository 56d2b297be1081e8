"""The ``clausecheck`` command: a thin layer over the library API.

Exit codes (``clausecheck.errors.ExitCode``) are part of the contract: 0 all compliant, 1 some
undertaking weakened or missing, 2 usage or library error, 3 some input could not be read (the
others are still reported).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clausecheck.errors import ExitCode, LibraryError
from clausecheck.findings import Report, Status
from clausecheck.report import FORMATS, render


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="clausecheck",
        description="Check procurement agreements for the supplier undertakings of Art. 6 of the "
                    "Cybersecurity Review Measures (网络安全审查办法).")
    p.add_argument("--version", action="version", version="clausecheck 0.1.0")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("check", help="check contracts (files or folders, recursively)")
    c.add_argument("paths", nargs="+", metavar="PATH", help="PDF, DOCX or TXT files, or folders")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--out", metavar="FILE", help="write the report here instead of to standard output")
    c.add_argument("--library", metavar="PATH", help="a clause library folder or file to check against")
    c.add_argument("--password", metavar="PW", help="password for encrypted PDFs")
    c.add_argument("--no-embeddings", action="store_true", help="rules only (for comparison)")
    c.add_argument("--no-model", action="store_true", help="without the trained model (for comparison)")
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    c.set_defaults(func=cmd_check)

    lib = sub.add_parser("library", help="work with clause libraries")
    lsub = lib.add_subparsers(dest="library_command", required=True)
    v = lsub.add_parser("validate", help="validate a clause library folder or file")
    v.add_argument("path", metavar="PATH")
    v.set_defaults(func=cmd_library_validate)

    e = sub.add_parser("eval", help="score clausecheck against a labeled corpus (labeling-guide format)")
    e.add_argument("corpus", metavar="CORPUS_DIR")
    e.add_argument("--library", metavar="PATH")
    e.add_argument("--no-embeddings", action="store_true", help="rules only (ablation)")
    e.add_argument("--no-model", action="store_true", help="rules and embeddings, no trained model (ablation)")
    e.add_argument("--json", metavar="FILE", help="also write the metrics and every disagreement as JSON")
    e.add_argument("--show-errors", action="store_true", help="list every disagreement")
    e.set_defaults(func=cmd_eval)

    from clausecheck.commands import compare as compare_cmd
    from clausecheck.commands import fix as fix_cmd
    from clausecheck.commands import model as model_cmd

    fix_cmd.register(sub)
    compare_cmd.register(sub)
    model_cmd.register(sub)
    return p


def exit_code_for(report: Report) -> ExitCode:
    if any(d.error for d in report.documents):
        return ExitCode.UNREADABLE_INPUT
    if any(f.status != Status.COMPLIANT for d in report.documents for f in d.findings):
        return ExitCode.FINDINGS
    return ExitCode.ALL_COMPLIANT


def _engine(args):
    from clausecheck.api import Engine

    return Engine(args.library, use_embeddings=not getattr(args, "no_embeddings", False),
                  use_model=not getattr(args, "no_model", False))


def cmd_check(args) -> int:
    from clausecheck.api import iter_contract_files

    missing = [p for p in args.paths if not Path(p).exists()]
    engine = _engine(args)
    files = list(iter_contract_files(args.paths))
    if len(files) > 1:
        engine.preload()
    if not files and not missing:
        print("clausecheck: no PDF, DOCX or TXT files found in " + ", ".join(args.paths), file=sys.stderr)
        return int(ExitCode.USAGE)
    bar = None
    if len(files) > 1 and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr, desc="checking")
    docs = []
    for f in files:
        if bar:
            bar.set_postfix_str(f.name[-40:], refresh=False)
        docs.append(engine.check(f, password=args.password))
        if bar:
            bar.update(1)
    if bar:
        bar.close()
    report = Report(documents=tuple(docs))
    text = render(report, args.format)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    for d in report.documents:
        if d.error:
            print(f"clausecheck: cannot read {d.file}: [{d.error.code}] {d.error.message}", file=sys.stderr)
    return int(exit_code_for(report))


def cmd_library_validate(args) -> int:
    from clausecheck.library import load_library

    lib = load_library(args.path)
    print(f"{args.path}: valid clause library with {len(lib.undertakings)} undertakings "
          f"({', '.join(lib.ids)})")
    return int(ExitCode.ALL_COMPLIANT)


def cmd_eval(args) -> int:
    from clausecheck.evaluate import evaluate, format_summary

    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"clausecheck eval: {corpus} is not a folder", file=sys.stderr)
        return int(ExitCode.USAGE)
    res = evaluate(corpus, _engine(args))
    summary = res.summary()
    if not summary["documents"]:
        print(f"clausecheck eval: no labeled documents (*.labels.json) in {corpus}", file=sys.stderr)
        return int(ExitCode.USAGE)
    print(format_summary(summary))
    if args.show_errors:
        for e in res.errors:
            print(json.dumps(e, ensure_ascii=False))
    if args.json:
        Path(args.json).write_text(json.dumps({"summary": summary, "disagreements": res.errors},
                                              ensure_ascii=False, indent=2), encoding="utf-8")
    return int(ExitCode.ALL_COMPLIANT)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except LibraryError as exc:
        print(f"clausecheck: clause library error: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except BrokenPipeError:
        return int(ExitCode.ALL_COMPLIANT)


if __name__ == "__main__":
    sys.exit(main())
