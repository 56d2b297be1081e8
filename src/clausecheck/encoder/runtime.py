"""The process-wide reader: loaded once, on first use, shared by every document the process judges.

Threads: all cores for a process that judges alone (the CLI on one file, ``--jobs 1``); one where
several worker processes share the machine (``CLAUSECHECK_READER_THREADS=1``, which the batch sets for
its workers when it runs more than one), or they would fight for the same cores.
``CLAUSECHECK_READER_ADAPTER`` names another adapter file (experiments, retraining).
"""

from __future__ import annotations

import contextlib
import os
import threading

from clausecheck.encoder.reader import Reader

_lock = threading.Lock()
_reader: Reader | None = None
_loading: threading.Thread | None = None


def get_reader(*, build_if_missing: bool = True) -> Reader:
    global _reader
    with _lock:
        if _reader is None:
            threads = int(os.environ.get("CLAUSECHECK_READER_THREADS", "0") or 0) or None
            # Another adapter (an experiment, a retrained one) in place of the shipped models/ one;
            # it is hash-checked against the .sha256 beside it like the shipped one.
            adapter = os.environ.get("CLAUSECHECK_READER_ADAPTER") or None
            _reader = Reader.load(adapter, threads=threads, build_if_missing=build_if_missing)
        return _reader


def load_in_background() -> None:
    """Start opening the reader in a thread, once, while the caller reads and segments a document:
    onnxruntime releases the GIL while it creates the session (about half a second), so a cold
    ``clausecheck check`` overlaps it with reading the PDF and compiling the clause library instead
    of waiting for it. Only an already built reader is opened here; building one (a fresh machine)
    and any error are left to the first clause that needs the reader, where they are reported."""
    global _loading
    if _reader is not None or _loading is not None:
        return  # (each is set once: no need to wait for the lock, which a load in progress holds)
    with _lock:
        if _reader is not None or _loading is not None:
            return
        _loading = threading.Thread(target=_open_quietly, name="clausecheck-reader-open")
        _loading.start()


def _open_quietly() -> None:
    # (any error is left for get_reader() on the judge's path, which raises it for the user)
    with contextlib.suppress(Exception):
        get_reader(build_if_missing=False)
