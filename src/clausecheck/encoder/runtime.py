"""The process-wide reader: loaded once, on first use, shared by every document the process judges.

Threads: all cores for a process that judges alone (the CLI on one file, ``--jobs 1``); one where
several worker processes share the machine (``CLAUSECHECK_READER_THREADS=1``, which the batch sets for
its workers when it runs more than one), or they would fight for the same cores.
``CLAUSECHECK_READER_ADAPTER`` names another adapter file (experiments, retraining).
"""

from __future__ import annotations

import os
import threading

from clausecheck.encoder.reader import Reader

_lock = threading.Lock()
_reader: Reader | None = None


def get_reader() -> Reader:
    global _reader
    with _lock:
        if _reader is None:
            threads = int(os.environ.get("CLAUSECHECK_READER_THREADS", "0") or 0) or None
            # Another adapter (an experiment, a retrained one) in place of the shipped models/ one;
            # it is hash-checked against the .sha256 beside it like the shipped one.
            adapter = os.environ.get("CLAUSECHECK_READER_ADAPTER") or None
            _reader = Reader.load(adapter, threads=threads)
        return _reader
