"""The same batch on an existing Dask cluster (``clausecheck check --dask tcp://host:8786``).

Install with ``pip install "clausecheck[dask]"`` on the machine that runs ``check`` and on every
worker. Each document travels to a worker as bytes, with its name, so workers need no shared
file system; the worker writes them to a private temporary folder, reads them in a forked child
under the same memory limit and deadline as a local run (``clausecheck.isolate``), judges them
with an ``Engine`` it loads once and keeps, and sends the ``DocumentReport`` back. The results
stream into the same reporters and the same ``--resume`` file as a local run.

At most a few tasks per worker thread are in flight, so the client holds the bytes of only that
many documents, however many the run has. Run workers with ``--nthreads 1`` (one document at a
time per process, as locally); ``--nworkers`` sets processes per machine.

What Dask cannot do that a local run does: kill a worker whose *judging* overruns the timeout
(reading is still killed at the deadline in its child). A task whose worker dies is retried by
Dask on another worker and, after Dask's ``allowed-failures``, reported as ``internal-error``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Iterable, Iterator

from clausecheck.batch import (
    EngineOptions,
    Member,
    RunStats,
    Task,
    error_report,
    process_task,
)
from clausecheck.findings import DocumentReport
from clausecheck.isolate import Limits, ReadFailure, too_large

IN_FLIGHT_PER_THREAD = 3

_engines: dict[EngineOptions, object] = {}
_engine_lock = threading.Lock()


def _engine_for(options: EngineOptions):
    """One Engine per worker process and options, loaded on its first task and kept."""
    with _engine_lock:
        if options not in _engines:
            for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "CLAUSECHECK_READER_THREADS"):
                os.environ.setdefault(var, "1")
            _engines[options] = options.build()
        return _engines[options]


def run_task_on_worker(task: Task, options: EngineOptions, limits: Limits) -> tuple[list[DocumentReport], dict]:
    """Runs on a Dask worker."""
    import resource

    engine = _engine_for(options)
    t0 = time.perf_counter()
    timing: dict = {}
    reports = process_task(task, engine, options, limits, timing)
    # (no CPU figure here: a Dask worker's process time includes its other threads)
    info = {"seconds": time.perf_counter() - t0, "read_seconds": timing.get("read_seconds", []),
            "rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
            "pid": os.getpid()}
    return reports, info


def _with_bytes(task: Task, limits: Limits) -> tuple[Task | None, list[DocumentReport]]:
    """The task with each member's bytes attached; files that cannot be sent become reports here."""
    from clausecheck.batch import _hash_regular  # shared O_NONBLOCK/regular-file check

    members, early = [], []
    for m in task.members:
        assert m.path is not None
        got = _hash_regular(m.path)
        if isinstance(got, ReadFailure):
            early.append(error_report(m.name, got.code, got.message))
            continue
        sha, size = got
        if limits.max_memory is not None and size > limits.max_memory:
            early.append(error_report(m.name, "too-large", too_large(limits).message, sha))
            continue
        try:
            fd = os.open(m.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            early.append(error_report(m.name, "not-found", f"The file could not be read ({exc.strerror or exc}).", sha))
            continue
        if hashlib.sha256(data).hexdigest() != sha:  # changed between hashing and reading
            sha = hashlib.sha256(data).hexdigest()
        members.append(Member(name=m.name, data=data, sha256=sha, named=m.named))
    if not members:
        return None, early
    return Task(id=task.id, members=tuple(members)), early


class DaskRunner:
    def __init__(self, address: str, options: EngineOptions, limits: Limits, stats: RunStats | None = None):
        try:
            from distributed import Client
        except ImportError as exc:
            raise DaskUnavailable('Dask is not installed: pip install "clausecheck[dask]"') from exc
        self.options, self.limits = options, limits
        self.stats = stats if stats is not None else RunStats()
        try:
            self.client = Client(address, timeout="15s")
        except Exception as exc:  # OSError, TimeoutError, ValueError for a bad address
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {address} ({type(exc).__name__}: {exc})") from None

    def run(self, tasks: Iterable[Task]) -> Iterator[DocumentReport]:
        from distributed import as_completed

        pending = iter(tasks)
        threads = sum(self.client.nthreads().values()) or 1
        window = max(2, IN_FLIGHT_PER_THREAD * threads)
        flying: dict[str, Task] = {}
        completed = as_completed()

        def fill() -> list[DocumentReport]:
            early: list[DocumentReport] = []
            while len(flying) < window:
                task = next(pending, None)
                if task is None:
                    break
                ready, unsent = _with_bytes(task, self.limits)
                early.extend(unsent)
                if ready is not None:
                    fut = self.client.submit(run_task_on_worker, ready, self.options, self.limits, pure=False,
                                             key=f"clausecheck-{ready.id}-{os.urandom(4).hex()}")
                    flying[fut.key] = ready
                    completed.add(fut)
            return early

        yield from fill()
        for fut in completed:  # as_completed keeps going while fill() adds futures
            task = flying.pop(fut.key)
            try:
                reports, info = fut.result()
                self.stats.record(int(info.get("pid", 0)), info)
            except Exception as exc:  # KilledWorker, a worker-side import error ...
                reports = [error_report(m.name, "internal-error",
                                        f"The Dask task for this file failed ({type(exc).__name__}: {exc}).")
                           for m in task.members]
            finally:
                with contextlib.suppress(Exception):
                    fut.release()
            yield from reports
            yield from fill()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()


class DaskUnavailable(Exception):
    """Dask is not installed, or the scheduler cannot be reached: a usage problem (exit 2)."""
