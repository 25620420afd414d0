"""The reading model: a document as blocks in reading order, whatever format it came in.

A block is a heading (with its level), a paragraph, a list item (with its numbering) or a
table (a grid of cells with row and column spans). Each carries the page it starts on, its
box and its style where the format has them (a Word file has no boxes, and pages only where
it recorded page breaks, approximate: read/docx.py; a text file no style). Running headers, footers, page numbers and footnotes are kept apart from the
blocks, so no reader above ever takes them for a commitment's text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union


@dataclass(frozen=True, slots=True)
class Box:
    """Where a block stands on its page, in points from the top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Style:
    """What the format says about a block's look: font size, weight, shading, style name."""

    size: float = 0.0  # 0: unknown
    bold: bool = False
    shaded: bool = False
    name: str = ""  # the Word paragraph style ("Heading 2"), when there is one


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1
    page: int | None = None
    box: Box | None = None
    style: Style = field(default_factory=Style)
    page_end: int | None = None  # when the heading runs over a page break
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    page: int | None = None
    box: Box | None = None
    style: Style = field(default_factory=Style)
    page_end: int | None = None  # when the paragraph runs over a page break
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True, slots=True)
class ListItem:
    text: str
    numbering: str = "•"  # as printed: "1.", "a)", "3.2", "•"
    level: int = 0
    page: int | None = None
    box: Box | None = None
    style: Style = field(default_factory=Style)
    page_end: int | None = None
    kind: Literal["list_item"] = "list_item"


@dataclass(frozen=True, slots=True)
class TableCell:
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    shaded: bool = False
    bold: bool = False
    tables: tuple["TableBlock", ...] = ()  # tables nested inside the cell (Word)


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table as a grid: each cell once, at its top-left position, with its spans."""

    cells: tuple[TableCell, ...]
    rows: int
    cols: int
    page: int | None = None
    page_end: int | None = None
    box: Box | None = None
    ruled: bool = True  # False for a table found from aligned white space
    # per row, the page it starts on and the page it ends on when a break split it (PDF)
    row_pages: tuple[tuple[int | None, int | None], ...] = ()
    kind: Literal["table"] = "table"

    def grid(self) -> list[list[TableCell | None]]:
        """Rows of cells; a position covered by a merged cell (not its top-left) is None."""
        out: list[list[TableCell | None]] = [[None] * self.cols for _ in range(self.rows)]
        for c in self.cells:
            if c.row < self.rows and c.col < self.cols:
                out[c.row][c.col] = c
        return out

    def texts(self) -> list[list[str | None]]:
        return [[c.text if c is not None else None for c in row] for row in self.grid()]


Block = Union[Heading, Paragraph, ListItem, TableBlock]


@dataclass(frozen=True, slots=True)
class Document:
    """A document read into blocks, with what is printed around the text kept apart."""

    source: str
    format: Literal["pdf", "docx", "text"]
    blocks: tuple[Block, ...]
    furniture: tuple[Paragraph, ...] = ()  # running headers and footers, page numbers
    footnotes: tuple[Paragraph, ...] = ()
    pages: int = 0  # 0 when the format has no pages (a Word file that records no page breaks)
