"""Check many documents: every core, every document isolated, results as they complete.

    entries = discover(["contracts/"])
    for doc in check_batch(entries, options=EngineOptions(), limits=Limits(), jobs=4):
        ...                                   # DocumentReports in completion order
    report = finalize(entries, docs)          # input order, exact duplicates folded

The unit of work is a :class:`Task`: one file, or the same contract next to itself in several
formats (``a.pdf`` + ``a.txt``). :func:`process_task` does it wherever it runs (a local worker
process, or a Dask worker for ``dask_runner``): read each file in a forked child under the memory
limit and deadline (``clausecheck.isolate``), compare siblings, then judge with the worker's
``Engine``, loaded once per worker.

Local workers (:class:`LocalRunner`) are ``spawn``ed processes supervised by the caller: a worker
that overruns the per-document timeout while judging is killed and replaced, one that dies is
replaced; the document gets a clear error (``timeout``, ``internal-error``) and the run goes on.
Judging is deterministic and every worker is configured alike (one BLAS thread), so the verdicts
do not depend on ``jobs`` or on which worker got which document.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from clausecheck.document import SourceDocument
from clausecheck.errors import ExitCode, ModelUnavailable
from clausecheck.findings import DocumentError, DocumentReport, Report
from clausecheck.inputs import Entry, sibling_groups
from clausecheck.isolate import Limits, ReadFailure, read_isolated, timed_out, too_large

# Error codes a batch reports besides the readers' own (``UnreadableDocument``): they arise around
# the reading, so the single-document API never returns them.
BATCH_ERROR_CODES = {
    "too-large": "reading needed more memory than --max-memory (a decompression bomb, say)",
    "timeout": "reading and judging took longer than --timeout",
    "special-file": "a FIFO, socket or device: never opened",
    "broken-link": "a symbolic link to nothing",
    "symlink-loop": "a symbolic link that leads back to itself, or to a folder above it",
    "internal-error": "an unexpected exception or a worker that died (exit code 4)",
}

# Two files named alike in different formats are the same contract when their word sequences are
# this similar. Measured on the 50 CUAD PDF/TXT pairs: the lowest pair is 0.895 (Indel similarity
# of words); unrelated contracts sit far below.
SAME_CONTRACT_SIMILARITY = 0.85
# Time a worker gets beyond ``timeout`` per file to hand its report over before it is killed.
GRACE_S = 0.5
STARTUP_TIMEOUT_S = 300.0


@dataclass(frozen=True)
class EngineOptions:
    """How each worker builds its ``Engine``: picklable, so it can travel to any process."""

    library: str | None = None
    use_model: bool = True  # False: the rules alone
    password: str | None = None

    def build(self, preload: bool = True):
        from clausecheck.api import Engine

        engine = Engine(self.library, use_model=self.use_model)
        return engine.preload() if preload else engine


@dataclass(frozen=True)
class Member:
    """One file of a task. Local workers read ``path``; remote ones get ``data`` (the bytes, so
    they need no shared file system)."""

    name: str
    path: str | None = None
    data: bytes | None = None
    sha256: str | None = None
    named: bool = False


@dataclass(frozen=True)
class Task:
    id: int
    members: tuple[Member, ...]


@dataclass
class RunStats:
    """What a run measured (for the benchmark and sizing): peak memory of each worker process and
    of its reading children, and seconds per task."""

    worker_peak_rss_kib: dict[int, int] = field(default_factory=dict)
    reader_peak_rss_kib: dict[int, int] = field(default_factory=dict)
    task_seconds: list[float] = field(default_factory=list)
    # CPU time of the worker and its reading children per task: on a shared machine a better
    # measure of the cost of a document than wall time (for sizing a run)
    task_cpu_seconds: list[float] = field(default_factory=list)
    read_seconds: list[float] = field(default_factory=list)
    workers_started: int = 0

    def record(self, pid: int, info: Mapping) -> None:
        self.worker_peak_rss_kib[pid] = max(self.worker_peak_rss_kib.get(pid, 0), int(info.get("rss_kib", 0)))
        self.reader_peak_rss_kib[pid] = max(self.reader_peak_rss_kib.get(pid, 0),
                                            int(info.get("children_rss_kib", 0)))
        self.task_seconds.append(float(info.get("seconds", 0.0)))
        if "cpu_seconds" in info:
            self.task_cpu_seconds.append(float(info["cpu_seconds"]))
        self.read_seconds.extend(info.get("read_seconds", ()))


class BatchError(Exception):
    """The run itself cannot go on (no worker can start); not about one document."""


# ---------------------------------------------------------------- text identity
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+")


def words(text: str) -> list[str]:
    """Words for comparing two renderings of a text (NFKC, case-folded; each CJK character one
    word): layout, punctuation and line breaks do not count."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def text_sha256(text: str) -> str:
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def same_contract(a: list[str], b: list[str]) -> bool:
    if not a or not b or min(len(a), len(b)) / max(len(a), len(b)) < SAME_CONTRACT_SIMILARITY:
        return False
    from rapidfuzz.distance import Indel

    return Indel.normalized_similarity(a, b) >= SAME_CONTRACT_SIMILARITY


# ---------------------------------------------------------------- the unit of work
def error_report(name: str, code: str, message: str, sha256: str | None = None) -> DocumentReport:
    # Messages start with the file's name, as the single-file API's do.
    return DocumentReport(file=name, error=DocumentError(code=code, message=f"{name}: {message}"), sha256=sha256)


# The readers' own words for it (clausecheck.read), so a batch and a single file say the same.
PERMISSION_DENIED = ("Permission denied: the file exists but this user may not read it. Check the file's "
                     "permissions (or those of its folder), or copy it somewhere readable.")


def _hash_regular(path: str) -> tuple[str, int] | ReadFailure:
    """SHA-256 and size of a regular file, opened so that a FIFO swapped in cannot block."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except PermissionError:
        return ReadFailure("permission-denied", PERMISSION_DENIED)
    except OSError as exc:
        return ReadFailure("not-found", f"The file could not be opened ({exc.strerror or exc}).")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return ReadFailure("special-file", "This is not a regular file; it was not read.")
        h = hashlib.sha256()
        with os.fdopen(os.dup(fd), "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest(), st.st_size
    except OSError as exc:
        return ReadFailure("not-found", f"The file could not be read ({exc.strerror or exc}).")
    finally:
        os.close(fd)


def _read_member(m: Member, index: int, options: EngineOptions, limits: Limits,
                 tmp: list[str], while_reading=None) -> tuple[str | None, SourceDocument | ReadFailure]:
    """The SHA-256 of one member's bytes, and its document (or why it could not be read);
    ``while_reading`` runs here while a child reads it (``isolate.read_isolated``)."""
    started = time.perf_counter()
    if m.data is not None:  # sent as bytes (Dask): the readers want a file, so write one
        sha = m.sha256 or hashlib.sha256(m.data).hexdigest()
        size = len(m.data)
        if not tmp:
            tmp.append(tempfile.mkdtemp(prefix="clausecheck-"))
        # Keep the name's suffix: the readers use it to tell a .doc from a .txt.
        local = os.path.join(tmp[0], f"{index}-{os.path.basename(m.name)[-80:]}")
        with open(local, "wb") as fh:
            fh.write(m.data)
    else:
        assert m.path is not None
        got = _hash_regular(m.path)
        if isinstance(got, ReadFailure):
            return None, got
        sha, size = got
        local = m.path
    if limits.max_memory is not None and size > limits.max_memory:
        return sha, too_large(limits)
    # The document's time runs from here: hashing a large file counts against it too.
    budget = None if limits.timeout is None else max(0.0, limits.timeout - (time.perf_counter() - started))
    return sha, read_isolated(Path(local), password=options.password, limits=limits, budget_s=budget,
                              while_reading=while_reading)


def process_task(task: Task, engine, options: EngineOptions, limits: Limits,
                 timing: dict | None = None, while_reading=None) -> list[DocumentReport]:
    """Read, compare and judge the files of one task; one report per member, in member order.
    ``while_reading`` runs while the first member is read (a single check opens the reader then)."""
    tmp: list[str] = []
    read: list[tuple[Member, str | None, SourceDocument | ReadFailure]] = []
    try:
        for i, m in enumerate(task.members):
            t0 = time.perf_counter()
            sha, got = _read_member(m, i, options, limits, tmp, while_reading if i == 0 else None)
            if timing is not None:
                timing.setdefault("read_seconds", []).append(time.perf_counter() - t0)
            read.append((m, sha, got))
    finally:
        for d in tmp:
            shutil.rmtree(d, ignore_errors=True)

    toks = {m.name: words(got.text) for m, _, got in read if isinstance(got, SourceDocument)}
    primary: str | None = None
    dup_of: dict[str, str] = {}
    for m, _, _ in read:  # siblings: the first readable one (preferred format) is judged
        if m.name not in toks:
            continue
        if primary is None:
            primary = m.name
        elif same_contract(toks[primary], toks[m.name]):
            dup_of[m.name] = primary
    out: list[DocumentReport] = []
    for m, sha, got in read:
        if isinstance(got, ReadFailure):
            out.append(error_report(m.name, got.code, got.message, sha))
            continue
        tsha = hashlib.sha256(" ".join(toks[m.name]).encode("utf-8")).hexdigest()  # = text_sha256(text)
        if m.name in dup_of:
            out.append(DocumentReport(file=m.name, pages=got.pages, sha256=sha, text_sha256=tsha,
                                      duplicate_of=dup_of[m.name]))
            continue
        try:
            rep = engine.check_source(got, m.name, judge_non_contracts=m.named)
        except ModelUnavailable:
            raise  # the reader cannot open (a lazily opened one): no file's fault, the run's error
        except Exception as exc:  # a bug in judging: this file gets the error, the run goes on
            out.append(error_report(m.name, "internal-error",
                                    f"Internal error while judging this file ({type(exc).__name__}: {exc}). "
                                    "This is a bug in clausecheck; please report it.", sha))
            continue
        dups = tuple(n for n, p in dup_of.items() if p == m.name)
        out.append(rep.model_copy(update={"sha256": sha, "text_sha256": tsha, "duplicates": dups}))
    return out


# ---------------------------------------------------------------- local worker processes
def cpu_seconds() -> float:
    """CPU time of this process and of its reaped children (the reading children)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _limit_threads() -> None:
    # Several workers on one machine: each numpy/BLAS call on one thread, or they fight for cores.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _worker_main(conn, options: EngineOptions, limits: Limits, reader_threads: int | None = None) -> None:
    import resource
    import signal

    from clausecheck.isolate import die_with_parent

    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    _limit_threads()
    if reader_threads:
        # Several workers share the cores: the trained reader on one thread each (a single worker
        # keeps all of them: the supervisor only waits).
        os.environ["CLAUSECHECK_READER_THREADS"] = str(reader_threads)
    try:
        engine = options.build()
    except BaseException as exc:  # noqa: BLE001 - reported to the supervisor, which stops the run
        with contextlib.suppress(Exception):
            conn.send(("fatal", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the supervisor is gone
            return
        if task is None:
            return
        t0, cpu0 = time.perf_counter(), cpu_seconds()
        timing: dict = {}
        try:
            reports = process_task(task, engine, options, limits, timing)
        except Exception as exc:
            reports = [error_report(m.name, "internal-error",
                                    f"Internal error ({type(exc).__name__}: {exc}). This is a bug in "
                                    "clausecheck; please report it.") for m in task.members]
        info = {"seconds": time.perf_counter() - t0, "cpu_seconds": cpu_seconds() - cpu0,
                "read_seconds": timing.get("read_seconds", []),
                "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "children_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
        try:
            conn.send(("done", task.id, reports, info))
        except (BrokenPipeError, OSError):
            return


@dataclass
class _Slot:
    proc: BaseProcess
    conn: Connection
    pid: int | None = None
    ready: bool = False
    task: Task | None = None
    deadline: float | None = None
    started: float = field(default_factory=time.monotonic)


class LocalRunner:
    """``jobs`` worker processes on this machine, supervised: see the module docstring."""

    def __init__(self, options: EngineOptions, limits: Limits, jobs: int, stats: RunStats | None = None):
        import multiprocessing as mp

        self.options, self.limits, self.jobs = options, limits, max(1, jobs)
        # spawn: a fresh interpreter per worker, whatever threads this process has (a progress bar,
        # a web server). Workers fork their reading children themselves.
        self.ctx = mp.get_context("spawn")
        self.stats = stats if stats is not None else RunStats()
        self._startup_failures = 0

    def _start(self) -> _Slot:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main,
                                args=(child, self.options, self.limits, 1 if self.jobs > 1 else None),
                                name="clausecheck-worker", daemon=True)
        proc.start()
        child.close()
        self.stats.workers_started += 1
        return _Slot(proc=proc, conn=parent)

    def _budget(self, task: Task) -> float | None:
        if self.limits.timeout is None:
            return None
        return self.limits.timeout * len(task.members) + GRACE_S

    @staticmethod
    def _kill(slot: _Slot) -> None:
        with contextlib.suppress(Exception):
            slot.proc.kill()
        with contextlib.suppress(Exception):
            slot.proc.join(5)
        with contextlib.suppress(Exception):
            slot.conn.close()

    def run(self, tasks: Iterable[Task]) -> Iterator[DocumentReport]:
        from multiprocessing.connection import wait

        pending = deque(tasks)
        if not pending:
            return
        slots = [self._start() for _ in range(min(self.jobs, len(pending)))]
        try:
            while pending or any(s.task for s in slots):
                now = time.monotonic()
                for s in slots:
                    if s.ready and s.task is None and pending:
                        s.task = pending.popleft()
                        budget = self._budget(s.task)
                        s.deadline = None if budget is None else now + budget
                        s.conn.send(s.task)
                deadlines = [s.deadline for s in slots if s.deadline is not None]
                deadlines += [s.started + STARTUP_TIMEOUT_S for s in slots if not s.ready]
                wait_s = max(0.0, min(deadlines) - now) if deadlines else None
                waitables = [s.conn for s in slots] + [s.proc.sentinel for s in slots]
                ready = set(wait(waitables, timeout=wait_s))
                out: list[DocumentReport] = []
                kept: list[_Slot] = []
                for s in slots:
                    nxt = self._service(s, ready, out)
                    if nxt is None and pending:
                        nxt = self._start()
                    if nxt is not None:
                        kept.append(nxt)
                slots = kept
                yield from out
        finally:
            for s in slots:
                with contextlib.suppress(Exception):
                    s.conn.send(None)
            for s in slots:
                with contextlib.suppress(Exception):
                    s.proc.join(2)
                self._kill(s)

    def _service(self, s: _Slot, ready: set, out: list[DocumentReport]) -> _Slot | None:
        """Handle what one worker did; the slot to keep (None: the worker is gone)."""
        if s.conn in ready:
            try:
                msg = s.conn.recv()
            except (EOFError, OSError):
                msg = None
            if msg is not None:
                if msg[0] == "ready":
                    s.ready, s.pid = True, msg[1]
                    self._startup_failures = 0
                elif msg[0] == "fatal":
                    raise BatchError(f"a worker could not start: {msg[1]}")
                elif msg[0] == "done" and s.task is not None and msg[1] == s.task.id:
                    self.stats.record(s.pid or 0, msg[3])
                    s.task, s.deadline = None, None
                    out.extend(msg[2])
                return s
        elif s.proc.is_alive():
            now = time.monotonic()
            if s.task is not None and s.deadline is not None and now > s.deadline:
                # Judging overran its time: only killing the worker stops it.
                out.extend(error_report(m.name, "timeout", timed_out(self.limits, "Checking").message)
                           for m in s.task.members)
                self._kill(s)
                return None
            if not s.ready and now > s.started + STARTUP_TIMEOUT_S:
                raise BatchError(f"a worker did not start within {STARTUP_TIMEOUT_S:.0f} s")
            return s
        # The worker died: say so for its file, and let the caller start another if work is left.
        with contextlib.suppress(Exception):
            s.proc.join(5)  # its exit code is known once it is reaped
        code = s.proc.exitcode
        self._kill(s)
        if not s.ready:
            self._startup_failures += 1
            if self._startup_failures >= 2:
                raise BatchError(f"workers die while starting (exit code {code})")
        if s.task is not None:
            how = f"signal {-code}" if isinstance(code, int) and code < 0 else f"exit code {code}"
            out.extend(error_report(
                m.name, "internal-error",
                f"The worker checking this file died ({how}); the file was given up and the run went on. "
                "This is a bug in clausecheck or a library it uses.") for m in s.task.members)
        return None


# ---------------------------------------------------------------- the batch
def file_sha256(path: str) -> str | None:
    """The --resume key's content half (None for what is not a readable regular file)."""
    got = _hash_regular(path)
    return None if isinstance(got, ReadFailure) else got[0]


def plan(entries: Sequence[Entry], done: Collection[str] = ()) -> tuple[list[DocumentReport], list[Task]]:
    """Split the entries into reports known without reading (skipped files, special files, broken
    links) and tasks for the workers, leaving out the names in ``done`` (``--resume``: recorded
    before, with the same content; see ``clausecheck.sink``)."""
    pre: list[DocumentReport] = []
    for e in entries:
        if e.kind == "file" or e.name in done:
            continue
        if e.kind == "skipped":
            pre.append(DocumentReport(file=e.name, skipped=DocumentError(code=e.code or "skipped",
                                                                         message=e.message or "")))
        else:
            pre.append(error_report(e.name, e.code or "not-found", e.message or ""))
    groups = [g for g in sibling_groups(entries) if not all(e.name in done for e in g)]
    # Largest first: a long contract started last would keep one worker busy while the others
    # idle at the end of the run. Reports are put back in input order by ``finalize``.
    groups.sort(key=lambda g: -sum(e.size or 0 for e in g))
    # A group is checked whole (its members are compared), even when one of them is done.
    tasks = [Task(id=i, members=tuple(Member(name=e.name, path=e.name, named=e.named) for e in g))
             for i, g in enumerate(groups)]
    return pre, tasks


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class InlineRunner:
    """One document: judged in this process, its reading still isolated in a forked child under
    the limits. Starting a worker process (a second interpreter that loads the reader again) would
    add half a second to a single check for no protection that the reading child does not give."""

    def __init__(self, options: EngineOptions, limits: Limits, stats: RunStats | None = None):
        self.options, self.limits = options, limits
        self.stats = stats if stats is not None else RunStats()
        self._engine = None

    def run(self, tasks: Iterable[Task]) -> Iterator[DocumentReport]:
        for task in tasks:
            warm_up = None
            if self._engine is None:
                # The reader opens in a thread started once the child reading the first document
                # is forked: it overlaps the reading and the rules' part of judging, and the fork
                # comes before the thread.
                self._engine = self.options.build(preload=False)
                warm_up = self._engine.open_reader_in_background
            try:
                reports = process_task(task, self._engine, self.options, self.limits, while_reading=warm_up)
            except ModelUnavailable:
                raise  # the reader cannot open: the run's error, as when it was opened first
            except Exception as exc:  # a bug outside judging: this file gets the error
                reports = [error_report(m.name, "internal-error",
                                        f"Internal error while checking this file ({type(exc).__name__}: {exc}). "
                                        "This is a bug in clausecheck; please report it.") for m in task.members]
            yield from reports


def make_runner(options: EngineOptions, limits: Limits, *, jobs: int | None = None, dask: str | None = None,
                stats: RunStats | None = None, single: bool = False):
    """A ``LocalRunner``, a ``DaskRunner`` connected to ``dask`` (raises ``DaskUnavailable`` when
    it cannot be reached: before any work), or, for a single document, an ``InlineRunner``."""
    if dask is not None:
        from clausecheck.dask_runner import DaskRunner

        return DaskRunner(dask, options, limits, stats=stats)
    if single:
        return InlineRunner(options, limits, stats=stats)
    return LocalRunner(options, limits, jobs or default_jobs(), stats=stats)


def check_batch(entries: Sequence[Entry], *, options: EngineOptions | None = None, limits: Limits | None = None,
                jobs: int | None = None, dask: str | None = None, done: Collection[str] = (),
                stats: RunStats | None = None, runner=None) -> Iterator[DocumentReport]:
    """Every entry not in ``done``, once, as a ``DocumentReport``, in completion order."""
    pre, tasks = plan(entries, done)
    if runner is None:
        runner = make_runner(options or EngineOptions(), limits or Limits(), jobs=jobs, dask=dask, stats=stats)
    try:
        yield from pre
        for doc in runner.run(tasks):
            if doc.file not in done:  # a sibling of a file done before the run was interrupted
                yield doc
    finally:
        close = getattr(runner, "close", None)
        if close is not None:
            close()


def finalize(entries: Sequence[Entry], docs: Iterable[DocumentReport]) -> Report:
    """The report in input order, each name once, with documents of the same text folded: the
    first in input order is judged, the others point to it (``duplicate_of``)."""
    order = {e.name: e.order for e in entries}
    latest: dict[str, DocumentReport] = {}
    for d in docs:
        latest[d.file] = d
    ordered = sorted(latest.values(), key=lambda d: (order.get(d.file, len(order)), d.file))
    first: dict[str, int] = {}
    extra: dict[int, list[str]] = {}
    out: list[DocumentReport] = []
    for d in ordered:
        key = d.text_sha256
        if key and d.error is None and d.skipped is None and d.duplicate_of is None:
            if key in first:
                i = first[key]
                extra.setdefault(i, []).append(d.file)
                out.append(DocumentReport(file=d.file, pages=d.pages, sha256=d.sha256, text_sha256=key,
                                          duplicate_of=out[i].file))
                continue
            first[key] = len(out)
        out.append(d)
    for i, names in extra.items():
        out[i] = out[i].model_copy(update={"duplicates": (*out[i].duplicates, *names)})
    return Report(documents=tuple(out))


def exit_code(docs: Iterable[DocumentReport]) -> ExitCode:
    code = ExitCode.ALL_COMPLIANT
    for d in docs:
        if d.error is not None:
            if d.error.code == "internal-error":
                return ExitCode.INTERNAL_ERROR
            code = ExitCode.UNREADABLE_INPUT
        elif code == ExitCode.ALL_COMPLIANT and any(f.status != "compliant" for f in d.findings):
            code = ExitCode.FINDINGS
    return code
