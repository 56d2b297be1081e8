"""What the readers hand to the rest of the pipeline: a contract as blocks of text with their place.

The readers (``clausecheck.read``) turn PDF, DOCX and TXT into a ``SourceDocument``; everything
after them (segmentation, matching, judgement, redlining) works on this one shape, so a new input
format only needs a new reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class BlockKind(str, Enum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    TABLE_CELL = "table-cell"
    HEADER_FOOTER = "header-footer"  # kept for completeness; never judged as a clause


@dataclass(frozen=True)
class Block:
    """One paragraph (or table cell) as the reader of the document sees it.

    ``label`` is the number a reader sees in front of the paragraph when the format keeps it
    apart from the text (Word's automatic numbering: ``6.1``, ``(a)``, ``第六条``). Where the
    number is typed into the text (PDF, TXT), ``label`` is None and the segmenter finds it.
    ``page`` is 1-based; None where the format has no pages (DOCX, TXT).
    ``ref`` locates the block in its source for writers that edit the original (the DOCX
    paragraph index in document order, for example); readers may leave it None.
    """

    text: str
    page: int | None = None
    label: str | None = None
    kind: BlockKind = BlockKind.PARAGRAPH
    style: str | None = None
    ref: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    format: str  # "pdf" | "docx" | "txt"
    blocks: tuple[Block, ...]
    pages: int | None = None
    encoding: str | None = None  # TXT only: the detected encoding
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)
