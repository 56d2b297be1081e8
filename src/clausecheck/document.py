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
class ReadWarning:
    """Something the reader could not read, or changed, that the user must know about.

    ``code`` is stable (it appears in the JSON report): ``pages-without-text``, ``pages-damaged``,
    ``garbled-text``, ``hidden-text-excluded``, ``characters-normalized``,
    ``converted-traditional-chinese``. ``pages`` lists the 1-based pages concerned (PDF);
    ``count`` is how many characters/runs/objects were concerned, where that is useful.
    ``unread`` is true when part of the contract was not read, so a verdict may rest on a part
    the reader never saw (the findings are then flagged ``needs_review``).
    """

    code: str
    message: str
    pages: tuple[int, ...] = ()
    count: int | None = None
    unread: bool = False


@dataclass(frozen=True)
class SourceDocument:
    path: Path
    format: str  # "pdf" | "docx" | "txt"
    blocks: tuple[Block, ...]
    pages: int | None = None
    encoding: str | None = None  # TXT only: the detected encoding
    warnings: tuple[ReadWarning, ...] = field(default_factory=tuple)
    # The text as written, per block, where the reader changed it for judging (Traditional
    # Chinese converted to Simplified); None where the block is unchanged. Evidence quotes are
    # mapped back to it so the user sees the contract's own words.
    original_texts: tuple[str | None, ...] = ()
    language: str | None = None  # what the reader detected: en, zh, zh-Hant, bilingual ...

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)
