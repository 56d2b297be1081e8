"""Errors a user can act on, and the process exit codes (part of the CLI's contract)."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    ALL_COMPLIANT = 0
    FINDINGS = 1  # some undertaking weakened or missing (or, for compare, a regression)
    USAGE = 2  # bad arguments, or a clause library that does not validate
    UNREADABLE_INPUT = 3  # some input could not be read; the others are still reported
    # A bug, not a bad input: an unexpected exception (for one document, or in the run itself).
    # Reported as one line naming the file; set CLAUSECHECK_DEBUG=1 for the traceback.
    INTERNAL_ERROR = 4


class ClausecheckError(Exception):
    """Base class for errors clausecheck reports to its user."""


class UnreadableDocument(ClausecheckError):
    """A contract file that cannot be read. ``code`` is stable and appears in the JSON report.

    Codes: ``not-found``, ``broken-link``, ``symlink-loop``, ``permission-denied``,
    ``special-file`` (a pipe, socket or device, ``/dev/stdin``), ``empty``, ``encrypted`` (also a
    password-protected ZIP), ``wrong-password``, ``no-text`` (a scanned PDF without a text layer),
    ``garbled-text`` (text that extracts as no words: fonts without a Unicode mapping),
    ``unsupported-language`` (not English or Chinese), ``too-large`` (over a reading limit, see
    ``clausecheck.read.limits.ReadLimits``), ``corrupt``, ``unknown-encoding``, ``unsupported-type``.
    A batch (the check command) reports more codes, for what happens around the readers: see
    ``clausecheck.batch.BATCH_ERROR_CODES``.
    """

    def __init__(self, path: Path | str, code: str, message: str):
        self.path = Path(path)
        self.code = code
        self.message = message
        super().__init__(f"{self.path}: {message}")


class LibraryError(ClausecheckError):
    """A clause library file that does not validate. The message names the file and line."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = Path(path)
        self.line = line
        where = f"{self.path}:{line}" if line else str(self.path)
        super().__init__(f"{where}: {message}")


class ModelUnavailable(ClausecheckError):
    """The trained reader cannot be opened: its base files, its adapter or its built cache
    (``encoder.base.BaseError``, ``encoder.adapter.AdapterError``, ``encoder.reader.ReaderError``).
    A run's error, never one document's: a batch that meets it while judging raises it."""
