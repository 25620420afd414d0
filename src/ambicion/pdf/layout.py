"""What a PDF page holds once read: lines, spans, ruled or unruled tables, footnotes.

These types sit below every PDF module (the page readers, the pdfium fast path, the
table merger), so none of those has to import another to share them.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

# Texts up to this long are shared between pages (see `shared`); longer ones rarely repeat.
SHARED_CHARS = 120


def shared(text: str) -> str:
    """One copy of a short text that many pages print (a running header, a template label,
    a month), instead of one per page: the pages are all held until the last is read, to
    find the running lines. Interned strings go when no page holds them any more."""
    return sys.intern(text) if len(text) <= SHARED_CHARS else text


@dataclass(frozen=True, slots=True)
class Span:
    """A run of a line's words with no wide gap inside: a cell of an unruled table, or a
    label and its value set apart by white space."""

    text: str
    x0: float
    x1: float
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """A visual line of text outside any table, in reading order."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0  # the size most of its characters are set in
    bold: bool = False
    spans: tuple[Span, ...] = ()  # filled when the line has wide gaps (pdfplumber path)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    filled: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A ruled table as a grid of cells; merged cells repeat as None (pdfplumber's habit)."""

    rows: tuple[tuple[Cell | None, ...], ...]
    top: float
    bottom: float
    page: int
    x0: float = 0.0
    x1: float = 0.0
    # each cell's box (x0, top, x1, bottom), parallel to `rows`; empty when not known or not
    # asked for (pdf/pages.py `cell_boxes`)
    boxes: tuple[tuple[tuple[float, float, float, float] | None, ...], ...] = ()

    def texts(self) -> list[list[str]]:
        return [[c.text if c else "" for c in row] for row in self.rows]


@dataclass(frozen=True, slots=True)
class Page:
    """One page: lines outside tables, the tables, and the page's size."""

    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]
    tables: tuple[Table, ...]
    images: int = 0  # pictures or drawings on the page: tells a scan from a blank page
    problems: int = 0  # warnings pdfminer raised reading the page: a sign of damage
    footnotes: tuple[Line, ...] = ()  # the notes at the page foot, kept out of the text
    pictures: int = 0  # raster images alone: a page of pictures and no text is a scan
    hidden: tuple[str, ...] = ()  # what hid text left out as unseen (pdf/visibility.py)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def chars(self) -> int:
        return sum(len(line.text) for line in self.lines) + sum(
            len(c.text) for t in self.tables for row in t.rows for c in row if c
        )
