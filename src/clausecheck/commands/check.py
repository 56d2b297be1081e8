"""``clausecheck check PATH...``: the batch on the command line (the work is in ``clausecheck.batch``).

Order of events: arguments, the clause library and ``--out`` are checked before any document is
touched (a problem is a usage error, exit 2, and an existing report is left as it was); then every
input is listed (``clausecheck.inputs``), checked by the workers, and the report is written: JSONL
line by line as documents complete, the other formats atomically at the end.
"""

from __future__ import annotations

import argparse
import re
import sys

from clausecheck.errors import ExitCode

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$", re.I)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$", re.I)


def parse_size(text: str) -> int | None:
    """``1GiB``, ``512MiB``, ``1G``, ``2000000``; ``none`` or ``0`` for no limit."""
    if text.strip().lower() in ("none", "off", "0"):
        return None
    m = _SIZE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (write e.g. 1GiB, 512MiB or none)")
    n, unit, _ = m.groups()
    return int(float(n) * 1024 ** " kmgt".index(unit.lower() or " "))


def parse_duration(text: str) -> float | None:
    """``60``, ``60s``, ``2m``, ``1h``; ``none`` or ``0`` for no limit."""
    if text.strip().lower() in ("none", "off", "0"):
        return None
    m = _DURATION.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r} (write e.g. 60s, 2m or none)")
    n, unit = m.groups()
    scale = {"ms": 0.001, "s": 1, None: 1, "m": 60, "min": 60, "h": 3600}[unit.lower() if unit else None]
    return float(n) * scale


def parse_jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return n


def add_arguments(c: argparse.ArgumentParser) -> None:
    c.add_argument("--jobs", "-j", type=parse_jobs, metavar="N",
                   help="worker processes (default: the machine's cores); results do not depend on it")
    c.add_argument("--resume", action="store_true",
                   help="with --format jsonl --out FILE: keep the documents FILE already has (same name, "
                        "same content) and add the rest")
    c.add_argument("--dask", metavar="ADDRESS",
                   help='run on a Dask cluster (tcp://host:8786; pip install "clausecheck[dask]")')
    c.add_argument("--max-memory", type=parse_size, default="1GiB", metavar="SIZE",
                   help="memory the reading of one file may use (default 1GiB; 'none' for no limit)")
    c.add_argument("--timeout", type=parse_duration, default="60s", metavar="DURATION",
                   help="time for one document, read and judged (default 60s; 'none' for no limit)")


def _usage(msg: str) -> int:
    print(f"clausecheck check: {msg}", file=sys.stderr)
    return int(ExitCode.USAGE)


def run(args) -> int:
    from clausecheck.batch import BatchError, EngineOptions, check_batch, exit_code, finalize, make_runner
    from clausecheck.dask_runner import DaskUnavailable
    from clausecheck.inputs import discover, out_target_problem
    from clausecheck.isolate import Limits
    from clausecheck.library import load_library
    from clausecheck.report.summary import SummaryBuilder

    if args.resume and (args.format != "jsonl" or not args.out):
        return _usage("--resume needs --format jsonl and --out FILE (the file to carry on)")
    if args.library is not None:
        # A user's library that does not validate is a usage error before any work (LibraryError);
        # the shipped one is validated by the tests, and loading it here would cost every run 0.1 s.
        load_library(args.library)
    if args.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            return _usage('--dask needs Dask: pip install "clausecheck[dask]"')

    entries = discover(args.paths, exclude=[args.out] if args.out else [])
    if args.out:
        problem = out_target_problem(args.out, entries)
        if problem:
            return _usage(problem)
    if not any(e.kind != "skipped" for e in entries):
        skipped = sum(1 for e in entries if e.kind == "skipped")
        return _usage("no PDF, DOCX or TXT files found in " + ", ".join(args.paths)
                      + (f" ({skipped} files of other types)" if skipped else ""))

    order = {e.name: e.order for e in entries}
    summary = SummaryBuilder(order)
    code = ExitCode.ALL_COMPLIANT
    done: frozenset[str] = frozenset()
    stream = None
    resumed = 0
    if args.format == "jsonl":
        from clausecheck.sink import JsonlStream, NotAReport, prepare_resume

        if args.resume:
            try:
                state, kept = prepare_resume(args.out, entries)
            except NotAReport as exc:
                return _usage(str(exc))
            done, resumed = state.done, state.kept
            for d in kept:
                summary.add(d)
                code = max(code, exit_code([d]))
            if state.dropped_torn or state.dropped_stale or state.foreign:
                print(f"clausecheck: resuming {args.out}: {state.kept} documents kept"
                      f"{f', {state.dropped_torn} unfinished line(s) dropped' if state.dropped_torn else ''}"
                      f"{f', {state.dropped_stale} changed or repeated file(s) to check again' if state.dropped_stale else ''}"
                      f"{f', {state.foreign} record(s) of files not in this run kept' if state.foreign else ''}",
                      file=sys.stderr)
        stream = JsonlStream(args.out, append=args.resume)

    options = EngineOptions(library=args.library, use_model=not (args.no_model or args.no_embeddings),
                            password=args.password)
    from clausecheck.cli import limits_from_args

    limits = Limits(max_memory=args.max_memory, timeout=args.timeout, read=limits_from_args(args))
    todo = sum(1 for e in entries if e.name not in done)
    try:
        runner = make_runner(options, limits, jobs=args.jobs, dask=args.dask, single=todo <= 1)
    except DaskUnavailable as exc:
        return _usage(str(exc))
    bar = None
    if todo > 1 and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(total=todo, unit="file", file=sys.stderr, desc="checking")
    docs = []
    try:
        for doc in check_batch(entries, runner=runner, done=done):
            code = max(code, exit_code([doc]))
            _say_problem(doc, args.lang)
            if stream is not None:
                stream.write(doc)
                summary.add(doc)
            else:
                docs.append(doc)
            if bar:
                bar.set_postfix_str(doc.file[-40:], refresh=False)
                bar.update(1)
    except BaseException as exc:
        if stream is not None:
            stream.close()  # what was written stays: --resume carries on from it
        if isinstance(exc, BatchError):
            print(f"clausecheck: internal error: {exc}", file=sys.stderr)
            return int(ExitCode.INTERNAL_ERROR)
        raise
    finally:
        if bar:
            bar.close()

    if stream is not None:
        stream.finish(summary.build())
        if args.out:
            print(f"clausecheck: wrote {args.out} (jsonl: {stream.written} documents"
                  f"{f' added to the {resumed} already there' if args.resume else ''})", file=sys.stderr)
        return int(code)

    from clausecheck.report import render
    from clausecheck.sink import write_atomic

    report = finalize(entries, docs)
    text = render(report, args.format, lang=args.lang, brief=args.brief)
    if args.out:
        write_atomic(args.out, text)
        print(f"clausecheck: wrote {args.out} ({args.format}: {len(report.documents)} documents)", file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return int(exit_code(report.documents))


def _say_problem(doc, lang: str = "en") -> None:
    if doc.error is None:
        return
    if doc.error.code == "internal-error":
        print(f"clausecheck: internal error on {doc.file}: {doc.error.message}", file=sys.stderr)
    else:
        from clausecheck.cli import cannot_read

        print(cannot_read(doc, lang), file=sys.stderr)
