"""The library API the CLI and the web app stand on: read -> segment -> match -> judge -> suggest.

``Engine`` holds what is costly to load (the clause library, the sentence encoder) so a batch, or
a web session, loads it once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from clausecheck.errors import UnreadableDocument
from clausecheck.findings import DocumentError, DocumentReport, Report
from clausecheck.read.limits import ReadLimits

SUPPORTED_SUFFIXES = (".pdf", ".docx", ".txt")
_READ_LOCK = threading.Lock()


class Engine:
    def __init__(self, library: str | Path | None = None, *, use_model: bool = True,
                 limits: ReadLimits | None = None, use_embeddings: bool | None = None):
        """``use_model=False``: the rules alone (the ablation). ``use_embeddings`` is the older
        name of the same switch, still accepted."""
        from clausecheck.library import load_library

        self.library = load_library(library)
        self.use_model = use_model and use_embeddings is not False
        self.limits = limits or ReadLimits()

    def preload(self) -> Engine:
        """Load the trained reader now rather than on the first clause that needs it: what a
        batch run or the web app wants (the CLI on one file stays lazy)."""
        if self.use_model:
            from clausecheck.encoder.runtime import get_reader

            get_reader().read(["clausecheck"])
        return self

    def open_reader_in_background(self) -> None:
        """Start opening the trained reader in a thread (``encoder.runtime.load_in_background``):
        for a single cold check, which reads and applies the rules meanwhile."""
        if self.use_model:
            from clausecheck.encoder.runtime import load_in_background

            load_in_background()

    def check_document(self, source) -> DocumentReport:
        """Judge an already-read ``SourceDocument``; what the reader could not read or changed
        goes into the report's warnings (:func:`clausecheck.readnotes.apply_read_notes`)."""
        from clausecheck.judge import judge_document
        from clausecheck.readnotes import apply_read_notes
        from clausecheck.suggest import coordinate

        # The findings' fixes are made to agree as one redline applies them (a clause struck for
        # one undertaking is not amended for another).
        report = coordinate(judge_document(source, self.library, use_model=self.use_model))
        return apply_read_notes(report, source)

    def check_source(self, source, name: str, *, judge_non_contracts: bool = True) -> DocumentReport:
        """Judge an already-read ``SourceDocument`` under the name the user knows it by, first
        asking whether it looks like a contract at all (``clausecheck.triage``): one that does not
        carries a ``not-a-contract`` warning and, unless ``judge_non_contracts``, no findings."""
        from clausecheck.judge import judge_document
        from clausecheck.parties import detect_parties
        from clausecheck.segment import segment
        from clausecheck.triage import not_a_contract

        seg = segment(source)
        parties = detect_parties(seg, self.library)
        warning = not_a_contract(source, seg, parties, self.library, name)
        from clausecheck.readnotes import apply_read_notes

        if warning is not None and not judge_non_contracts:
            report = DocumentReport(file=name, language=seg.language, pages=source.pages, warnings=(warning,))
            return apply_read_notes(report, source)
        from clausecheck.suggest import coordinate

        report = apply_read_notes(coordinate(judge_document(
            source, self.library, use_model=self.use_model, seg=seg, parties=parties)), source)
        update: dict = {"file": name}
        if warning is not None:
            update["warnings"] = (*report.warnings, warning)
        return report.model_copy(update=update)

    def check(self, path: str | Path, *, password: str | None = None,
              display_name: str | None = None) -> DocumentReport:
        """Read and judge one file. An unreadable file gives a report with ``error`` set."""
        from clausecheck.read import read_document

        name = display_name or str(path)
        self.open_reader_in_background()
        try:
            # PDFium is not thread-safe; the web app calls one Engine from several sessions.
            with _READ_LOCK:
                source = read_document(Path(path), password=password, limits=self.limits)
        except UnreadableDocument as exc:
            # The message names the file as the user gave it (not a temporary upload path).
            return DocumentReport(file=name, error=DocumentError(code=exc.code, message=f"{name}: {exc.message}"))
        report = self.check_document(source)
        return report.model_copy(update={"file": name})

    def check_paths(self, paths: Iterable[str | Path], *, password: str | None = None,
                    progress: Callable[[Path], None] | None = None) -> Report:
        docs = []
        for path in iter_contract_files(paths):
            if progress:
                progress(path)
            docs.append(self.check(path, password=password))
        return Report(documents=tuple(docs))


def iter_contract_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly are always checked (the reader says if it cannot); folders are walked
    recursively for the supported suffixes, in a stable order."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES and not f.name.startswith("~$"):
                    yield f
        else:
            yield p


_default_engine: Engine | None = None


def _engine(library: str | Path | None) -> Engine:
    global _default_engine
    if library is not None:
        return Engine(library)
    if _default_engine is None:
        _default_engine = Engine().preload()
    return _default_engine


def check(path: str | Path, *, library: str | Path | None = None,
          password: str | None = None) -> DocumentReport:
    """Check one contract file against the clause library (the shipped one by default)."""
    return _engine(library).check(path, password=password)


def check_paths(paths: Iterable[str | Path], *, library: str | Path | None = None,
                password: str | None = None) -> Report:
    return _engine(library).check_paths(paths, password=password)
