"""Read one untrusted file in a short-lived child process, under a memory limit and a deadline.

Why a child per read: PDFium *aborts the process* when an allocation fails (a 1.5 MB PDF whose
content stream inflates to 1.5 GB, for example), and a reader stuck in a pathological file cannot
be interrupted from Python. Only a separate process can be limited and killed without taking the
batch down. The child is ``fork``ed from the worker that will judge the document, so it starts at
once with the readers already imported; it returns the ``SourceDocument`` pickled through a pipe
and exits. The worker, which holds the sentence encoder and model, never runs the readers itself.

Where the limit applies: ``RLIMIT_AS`` in the child is set to the address space the child
inherited plus ``max_memory``. The inherited part (the worker's model, mostly shared copy-on-write
pages) is not counted against the file; what reading this file may add is. The judging worker has
no such limit: its memory is the model's and the extracted text's, which the read already bounded.

Cost (``benchmarks/batch_bench.py``, a worker of 180 MiB resident, 320 MiB mapped): about 8 ms of
CPU per file — the fork (copying page tables), pages the child touches being copied, pickling the
document — against 0.2-0.7 s to read and judge one; on the busy shared build machine 30-50 ms of
wall time, most of it waiting for a core for the child and then for the worker. ``gc.freeze()``
before the fork keeps the child's garbage collector off the worker's objects (it would otherwise
touch, and so copy, all of them).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from clausecheck.document import SourceDocument
from clausecheck.read.limits import ReadLimits

_EXIT_NO_MEMORY = 86  # the child ran out of memory even to report it
_EXIT_FAILED = 70
GiB = 1 << 30


@dataclass(frozen=True)
class Limits:
    """Per-document limits. ``max_memory``: bytes the reading process may add to its address
    space (None: no limit); ``timeout``: seconds for one document, read and judgement (None: no
    limit)."""

    max_memory: int | None = GiB
    timeout: float | None = 60.0
    # What the readers themselves refuse (pages, characters, inflated bytes, XML depth): checked
    # inside the reader, before the process guard above has to step in.
    read: ReadLimits | None = None


@dataclass(frozen=True)
class ReadFailure:
    code: str
    message: str


def describe_size(n: int) -> str:
    for unit, size in (("GiB", GiB), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            v = n / size
            return f"{v:.0f} {unit}" if v == int(v) else f"{v:.1f} {unit}"
    return f"{n} bytes"


def too_large(limits: Limits) -> ReadFailure:
    assert limits.max_memory is not None
    return ReadFailure(
        "too-large",
        f"Reading this file needed more than the {describe_size(limits.max_memory)} memory limit "
        "(--max-memory); it is far larger than a contract or built to explode when decompressed "
        "(a decompression bomb).")


def timed_out(limits: Limits, what: str = "Reading") -> ReadFailure:
    return ReadFailure("timeout", f"{what} this file took longer than the {limits.timeout:g} s limit "
                                  "(--timeout); it was given up.")


def _statm() -> tuple[int, int]:
    """(address space, resident set) of this process in bytes."""
    with open("/proc/self/statm") as fh:
        vm, rss = fh.read().split()[:2]
    page = os.sysconf("SC_PAGE_SIZE")
    return int(vm) * page, int(rss) * page


_prctl = None


def _load_prctl():
    # Loaded in the parent, before fork: importing ctypes and dlopen() in each child cost ~25 ms.
    global _prctl
    if _prctl is None:
        try:
            import ctypes

            _prctl = ctypes.CDLL(None, use_errno=True).prctl
        except Exception:
            _prctl = False
    return _prctl


def die_with_parent() -> None:
    """Linux: have the kernel kill this process when its parent dies (a killed batch leaves no
    orphans reading or judging). Best effort elsewhere."""
    prctl = _load_prctl()
    if prctl:
        with contextlib.suppress(Exception):
            prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def can_isolate() -> bool:
    return hasattr(os, "fork") and os.path.exists("/proc/self/statm")


def read_isolated(path: Path, *, password: str | None, limits: Limits,
                  budget_s: float | None = None,
                  while_reading: Callable[[], object] | None = None) -> SourceDocument | ReadFailure:
    """Read ``path`` in a forked child under ``limits``; the document, or why not.

    ``budget_s`` overrides ``limits.timeout`` (what is left of the document's time).
    ``while_reading``: work for this process while the child reads (a single check opens the reader
    then: the two overlap, and the fork comes before any thread the work starts). Its time does
    not count against the reading's; an error it raises is raised once the child is collected."""
    timeout = limits.timeout if budget_s is None else budget_s
    if not can_isolate():  # pragma: no cover - Windows/macOS without /proc: in process, unlimited
        if while_reading is not None:
            while_reading()
        return _read(path, password, limits)
    _load_prctl()
    vm_before, rss_before = _statm()
    rfd, wfd = os.pipe()
    # Frozen objects are left alone by the child's garbage collector: without this, its first full
    # collection walks (and so copies, page by page) every object the worker holds.
    gc.freeze()
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() in a process with threads (a Dask worker). The child only
        # reads a file and exits; it takes no lock another thread could hold.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid != 0:
        gc.unfreeze()
    if pid == 0:  # child
        code = _EXIT_FAILED
        try:
            os.close(rfd)
            die_with_parent()
            if limits.max_memory is not None:
                import resource

                cap = vm_before + limits.max_memory
                resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            result = _read(path, password, limits)
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            view = memoryview(data)
            while view:
                view = view[os.write(wfd, view):]
            code = 0
        except MemoryError:
            code = _EXIT_NO_MEMORY
        except BaseException:  # noqa: BLE001 - the child must never return into the worker's code
            code = _EXIT_FAILED
        finally:
            os._exit(code)

    os.close(wfd)
    chunks: list[bytes] = []
    expired = False
    collected = False
    pending: Exception | None = None
    try:
        if while_reading is not None:
            try:
                while_reading()
            except Exception as exc:  # noqa: BLE001 - raised below, once the child is collected
                pending = exc
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                expired = True
                break
            ready, _, _ = select.select([rfd], [], [], left)
            if not ready:
                continue
            chunk = os.read(rfd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        collected = True
    finally:
        os.close(rfd)
        if expired or not collected:  # (not collected: an interrupt; the child must not outlive it)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
    if pending is not None:
        raise pending
    if expired:
        return timed_out(limits)
    peak_rss = usage.ru_maxrss * 1024  # KiB on Linux
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        # An allocation that fails under the limit aborts PDFium (SIGABRT) or lands on a null
        # pointer; the child's peak memory says whether the limit was what it ran into.
        if limits.max_memory is not None and peak_rss - rss_before >= limits.max_memory // 2:
            return too_large(limits)
        name = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
        return ReadFailure("corrupt", f"The reader crashed on this file ({name}); it is damaged or malformed.")
    if os.WEXITSTATUS(status) == _EXIT_NO_MEMORY and limits.max_memory is not None:
        return too_large(limits)
    try:
        result = pickle.loads(b"".join(chunks))
    except Exception:
        return ReadFailure("internal-error", f"The reading process failed (exit {os.WEXITSTATUS(status)}).")
    return result


def _read(path: Path, password: str | None, limits: Limits) -> SourceDocument | ReadFailure:
    from clausecheck.errors import UnreadableDocument
    from clausecheck.read import read_document

    try:
        return read_document(path, password=password, limits=limits.read)
    except UnreadableDocument as exc:
        # read_document turns a MemoryError into "corrupt"; under our limit it means too large.
        if isinstance(exc.__context__, MemoryError) and limits.max_memory is not None:
            return too_large(limits)
        return ReadFailure(exc.code, exc.message)
    except MemoryError:
        if limits.max_memory is not None:
            return too_large(limits)
        return ReadFailure("too-large", "Reading this file ran out of memory.")
    except Exception as exc:  # a reader bug: name it, do not take the batch down
        return ReadFailure("internal-error", f"The reader failed unexpectedly ({type(exc).__name__}: {exc}).")
