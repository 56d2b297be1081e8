"""The ``clausecheck`` command: a thin layer over the library API.

Exit codes (``clausecheck.errors.ExitCode``) are part of the contract: 0 all compliant, 1 some
undertaking weakened or missing, 2 usage or library error, 3 some input could not be read (the
others are still reported), 4 internal error (a bug; one line naming the file, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from clausecheck.errors import ExitCode, LibraryError
from clausecheck.findings import Report
from clausecheck.read.limits import MiB, ReadLimits
from clausecheck.report import FORMATS


class _Parser(argparse.ArgumentParser):
    """argparse, with a hint when a file name that starts with "-" was taken for an option."""

    argv: list[str] = []

    def error(self, message: str):  # type: ignore[override]
        super().error(message + _dash_hint(_Parser.argv))


def _dash_hint(argv: list[str]) -> str:
    before = argv[: argv.index("--")] if "--" in argv else argv
    names = [a for a in before if a.startswith("-") and not a.startswith("--") and len(a) > 1
             and ("." in a or Path(a).exists())]
    if not names:
        return ""
    return (f"\n(If {names[0]} is a file name, put -- before it: "
            f"clausecheck check -- {' '.join(names)})")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be greater than 0")
    return value


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="clausecheck",
        description="Check procurement agreements for the supplier undertakings of Art. 6 of the "
                    "Cybersecurity Review Measures (网络安全审查办法).")
    p.add_argument("--version", action="version", version="clausecheck 0.1.0")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    c = sub.add_parser("check", help="check contracts (files or folders, recursively)")
    c.add_argument("paths", nargs="+", metavar="PATH", help="PDF, DOCX or TXT files, or folders")
    c.add_argument("--format", choices=FORMATS, default="text")
    c.add_argument("--out", metavar="FILE", help="write the report here instead of to standard output")
    c.add_argument("--library", metavar="PATH", help="a clause library folder or file to check against")
    c.add_argument("--password", metavar="PW", help="password for encrypted PDFs")
    c.add_argument("--no-model", action="store_true",
                   help="the rules alone, without the trained reader (for comparison)")
    c.add_argument("--no-embeddings", action="store_true", help=argparse.SUPPRESS)  # older name of --no-model
    c.add_argument("--quiet", action="store_true", help="no progress bar")
    lim = c.add_argument_group("reading limits (a file over one is reported as too-large)")
    d = ReadLimits()
    lim.add_argument("--max-pages", type=_positive, metavar="N", default=d.max_pages,
                     help=f"pages of a PDF (default {d.max_pages})")
    lim.add_argument("--max-chars", type=_positive, metavar="N", default=d.max_chars,
                     help=f"characters of text in a document (default {d.max_chars})")
    lim.add_argument("--max-inflate-mb", type=_positive, metavar="MB", default=d.max_decompressed_bytes // MiB,
                     help=f"MiB a file's compressed content may inflate to (default {d.max_decompressed_bytes // MiB}; "
                          f"one DOCX part: a quarter of it)")
    lim.add_argument("--max-stream-mb", type=_positive, metavar="MB", default=d.max_stream_bytes // MiB,
                     help=f"MiB one PDF page-content stream may inflate to (default {d.max_stream_bytes // MiB})")
    lim.add_argument("--max-xml-depth", type=_positive, metavar="N", default=d.max_xml_depth,
                     help=f"how deep DOCX content may nest (default {d.max_xml_depth})")
    lim.add_argument("--max-xml-elements", type=_positive, metavar="N", default=d.max_xml_elements,
                     help=f"XML elements in one DOCX part (default {d.max_xml_elements})")
    c.add_argument("--lang", choices=("en", "zh"), default="en",
                   help="language of the report's labels and explanations (quoted contract text and suggested "
                        "wording stay in the contract's language)")
    c.add_argument("--brief", action="store_true", help="text format: leave out the quoted evidence")
    from clausecheck.commands import check as check_cmd

    check_cmd.add_arguments(c)  # batch: --jobs, --resume, --dask, --max-memory, --timeout
    c.set_defaults(func=check_cmd.run)

    lib = sub.add_parser("library", help="work with clause libraries")
    lsub = lib.add_subparsers(dest="library_command", required=True)
    v = lsub.add_parser("validate", help="validate a clause library folder or file")
    v.add_argument("path", metavar="PATH")
    v.set_defaults(func=cmd_library_validate)

    e = sub.add_parser("eval", help="score clausecheck against a labeled corpus (labeling-guide format)")
    e.add_argument("corpus", metavar="CORPUS_DIR")
    e.add_argument("--library", metavar="PATH")
    e.add_argument("--no-model", action="store_true", help="the rules alone, without the trained reader (ablation)")
    e.add_argument("--no-embeddings", action="store_true", help=argparse.SUPPRESS)  # older name of --no-model
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
    from clausecheck.batch import exit_code

    return exit_code(report.documents)


def limits_from_args(args) -> ReadLimits:
    """The reading limits a ``check`` command line asks for (defaults where it does not)."""
    d = ReadLimits()
    inflate = getattr(args, "max_inflate_mb", d.max_decompressed_bytes // MiB) * MiB
    return ReadLimits(
        max_decompressed_bytes=inflate,
        max_part_bytes=max(1, inflate // 4),
        max_stream_bytes=getattr(args, "max_stream_mb", d.max_stream_bytes // MiB) * MiB,
        max_pages=getattr(args, "max_pages", d.max_pages),
        max_chars=getattr(args, "max_chars", d.max_chars),
        max_xml_depth=getattr(args, "max_xml_depth", d.max_xml_depth),
        max_xml_elements=getattr(args, "max_xml_elements", d.max_xml_elements),
    )


def _engine(args):
    from clausecheck.api import Engine

    no_model = getattr(args, "no_model", False) or getattr(args, "no_embeddings", False)
    return Engine(args.library, use_model=not no_model, limits=limits_from_args(args))


def cannot_read(doc, lang: str) -> str:
    """The stderr line for an unreadable file, in ``lang``."""
    from clausecheck.i18n import ERROR_CODES, pick

    reason = pick(ERROR_CODES, doc.error.code, lang, default=doc.error.code)
    if lang == "zh":
        return f"clausecheck：无法读取 {doc.file}：[{doc.error.code}] {reason}"
    return f"clausecheck: cannot read {doc.file}: [{doc.error.code}] {doc.error.message}"


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
    _Parser.argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except LibraryError as exc:
        print(f"clausecheck: clause library error: {exc}", file=sys.stderr)
        return int(ExitCode.USAGE)
    except BrokenPipeError:
        return int(ExitCode.ALL_COMPLIANT)
    except KeyboardInterrupt:
        print("clausecheck: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line and its own exit code, never a bare traceback
        import os

        if os.environ.get("CLAUSECHECK_DEBUG"):
            raise
        print(f"clausecheck: internal error: {type(exc).__name__}: {exc} "
              "(set CLAUSECHECK_DEBUG=1 for the traceback)", file=sys.stderr)
        return int(ExitCode.INTERNAL_ERROR)


def entry() -> None:
    """The ``clausecheck`` command (and ``python -m clausecheck``): ``main``, then a quick exit.
    Tearing the interpreter down (freeing every module, the reader's session and the compiled
    cues) took 0.2-0.3 s of each cold ``check``: once the output is flushed and the exit
    handlers have run (logging, Dask, multiprocessing, temporary files), nothing is left to do.
    ``main`` itself returns, for callers in the same process."""
    import atexit
    import contextlib
    import os

    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(BrokenPipeError, ValueError):  # a closed pipe: nothing more can go there
            stream.flush()
    atexit._run_exitfuncs()
    os._exit(code)


if __name__ == "__main__":
    entry()
