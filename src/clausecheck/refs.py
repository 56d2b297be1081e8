"""References to other people's text: a file under ``../shared/`` plus character offsets and a hash.

The project commits no text copied from the real contracts it learns from and is measured on
(CUAD, Common Paper). Labels point at the text instead: ``{"file": "cuad-all/X.txt", "start": 120,
"end": 410, "sha": "3f2a9c01b7de"}``. Training, tests and evaluation read the text from the shared
folder at run time, and the hash proves the offsets still point at the sentence that was labeled.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SHA_LEN = 12


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:SHA_LEN]


def shared_root() -> Path | None:
    """The real-contracts folder: ``$CLAUSECHECK_SHARED/real-contracts`` or ``../shared/real-contracts``
    next to the checkout. None where it is not there (the project runs without it)."""
    env = os.environ.get("CLAUSECHECK_SHARED")
    cands = [Path(env)] if env else []
    here = Path(__file__).resolve()
    cands += [p / "shared" for p in here.parents[:5]] + [Path.cwd().parent / "shared", Path("/work/shared")]
    for c in cands:
        if (c / "real-contracts").is_dir():
            return c / "real-contracts"
    return None


class RefError(ValueError):
    """A reference that does not resolve: the file is not there or the text has changed."""


@dataclass(frozen=True)
class TextRef:
    file: str  # relative to the real-contracts folder, e.g. "cuad-all/NAME.txt"
    start: int
    end: int
    sha: str

    def to_json(self) -> dict:
        return {"file": self.file, "start": self.start, "end": self.end, "sha": self.sha}

    @classmethod
    def from_json(cls, d: dict, file: str | None = None) -> TextRef:
        return cls(file=d.get("file") or file or "", start=int(d["start"]), end=int(d["end"]), sha=str(d["sha"]))

    def resolve(self, root: Path | None = None) -> str:
        text = source_text(self.file, root)[self.start:self.end]
        if text_sha(text) != self.sha:
            raise RefError(f"{self.file}[{self.start}:{self.end}]: the text there no longer matches its hash {self.sha}")
        return text


@lru_cache(maxsize=64)
def _read(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        return docx_text(path)
    # Newlines exactly as stored: offsets count every character of the file.
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def docx_text(path: Path) -> str:
    """The reference text of a Word file: every paragraph of the body, table cells included, in
    document order, one per line, as python-docx reads them (not clausecheck's own reader, whose
    output may change as it improves: references must keep pointing at the same characters)."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    lines = []
    for el in doc.element.body.iter():
        if el.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in el.iter(qn("w:t"))))
    return "\n".join(lines)


def source_text(file: str, root: Path | None = None) -> str:
    root = root or shared_root()
    if root is None:
        raise RefError(f"{file}: the shared real-contracts folder is not available")
    path = root / file
    if not path.is_file():
        raise RefError(f"{path}: no such file")
    return _read(path)


def make_ref(file: str, start: int, end: int, root: Path | None = None) -> TextRef:
    text = source_text(file, root)
    return TextRef(file=file, start=start, end=end, sha=text_sha(text[start:end]))


def locate(file: str, quote: str, root: Path | None = None, *, occurrence: int = 0) -> TextRef:
    """The reference of ``quote`` in ``file``, matched with any run of whitespace standing for any
    other (CUAD's text has hard line breaks and runs of spaces)."""
    text = source_text(file, root)
    words = quote.split()
    if not words:
        raise RefError("empty quote")
    rx = re.compile(r"\s+".join(re.escape(w) for w in words))
    hits = list(rx.finditer(text))
    if len(hits) <= occurrence:
        raise RefError(f"{file}: quote not found ({len(hits)} occurrences): {quote[:80]!r}")
    m = hits[occurrence]
    return TextRef(file=file, start=m.start(), end=m.end(), sha=text_sha(m.group(0)))


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
