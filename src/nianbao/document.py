"""The format-neutral document that every reader produces and the extractor consumes.

A Document is a flat sequence of blocks in reading order: paragraphs, cell grids and image
references. Readers know nothing of report templates; they only say where each piece of text
was found (line/column for text, page/bbox for PDF, table/row/col for HTML and DOCX).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SourceFormat = Literal["text", "html", "pdf", "docx", "image"]


@dataclass(slots=True)
class OcrReading:
    """How an OCR'd piece of text was read (readers/image_tables.py)."""

    score: float  # the lowest character probability of the cell (0-1)
    raw: str  # what the engine read, before digit look-alikes (O→0, l→1 …) were repaired in a numeric cell
    crop: tuple[int, int, int, int]  # x0, top, x1, bottom in pixels of the image the engine saw (as given)
    dpi: float  # pixels per inch of that image (rendered, declared or estimated)
    alternatives: tuple[str, ...] = ()  # other readings of a numeric cell, most likely first
    low: bool = False  # score below the trust threshold: a person should look at the crop
    image: str = ""  # the picture read, when it is not the page itself (a DOCX part, an HTML img src)


@dataclass(slots=True)
class Position:
    """Where a piece of text sits in the source. Fields that do not apply are None."""

    line: int | None = None  # 1-based line in a text source
    column: int | None = None  # 0-based character offset within that line
    offset: int | None = None  # 0-based character offset in the whole decoded source
    page: int | None = None  # 1-based page (PDF) or None
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in PDF points
    table: int | None = None  # index of the source table (HTML/DOCX/PDF), 0-based
    row: int | None = None  # row within the source table, 0-based
    col: int | None = None  # column within the source table, 0-based
    ocr: OcrReading | None = None  # set when the text was read from an image


@dataclass(slots=True)
class Paragraph:
    text: str
    pos: Position = field(default_factory=Position)
    kind: Literal["paragraph"] = "paragraph"


@dataclass(slots=True)
class Cell:
    """One logical cell. `merged` marks the copies a row/col span leaves in the grid."""

    text: str
    pos: Position = field(default_factory=Position)
    merged: bool = False


@dataclass(slots=True)
class Grid:
    """Rows of cells as the source laid them out (rows may have different lengths)."""

    rows: list[list[Cell]]
    pos: Position = field(default_factory=Position)
    kind: Literal["grid"] = "grid"

    def text(self) -> str:
        return "\n".join(" | ".join(c.text for c in row if not c.merged) for row in self.rows)


@dataclass(slots=True)
class ImageRef:
    """An image in the body (often a table published as a picture)."""

    src: str
    alt: str = ""
    pos: Position = field(default_factory=Position)
    kind: Literal["image"] = "image"


Block = Paragraph | Grid | ImageRef


@dataclass(slots=True)
class ReaderNote:
    """A problem a reader met. `rule` is an id of the rule catalogue (e.g. extract.reader_note)."""

    rule: str
    message: str  # Chinese
    message_en: str
    evidence: str = ""
    cells: tuple[str, ...] = ()


@dataclass(slots=True)
class Document:
    path: str
    format: SourceFormat
    sha256: str
    blocks: list[Block] = field(default_factory=list)
    # Key/value metadata a page printed outside the body (发布机构, 发布时间, …), as printed.
    page_meta: dict[str, str] = field(default_factory=dict)
    page_title: str | None = None
    # Reader-level problems (scanned pages, undecodable bytes…), reported as findings.
    notes: list[ReaderNote] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    def plain_text(self) -> str:
        parts: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                parts.append(b.text)
            elif isinstance(b, Grid):
                parts.append(b.text())
        return "\n".join(parts)
