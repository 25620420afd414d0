"""Lay a document's blocks out as one tall page, so formats without pages read like a PDF.

The plan reader finds commitment starts and fields on pages of lines and tables (headings
above tables, tables merged over page breaks, the prose segmenter for running text). A Word
or text document becomes one such page: each block a line or a table, in order, spaced so
every block starts a paragraph, headings set bold and larger, list items with their printed
numbering. Page numbers are not the document's own, so readers drop them for these formats.
"""

from __future__ import annotations

from ..pdf.layout import Cell, Line, Page, Table
from .blocks import Document, Heading, ListItem, Paragraph, TableBlock

BODY_SIZE = 11.0
WIDTH = 500.0
LINE = 12.0  # height of a line
GAP = 10.0  # space between blocks: always a paragraph break for the prose reader


def as_pages(doc: Document) -> list[Page]:
    """The document's blocks as one page of Lines and Tables, in reading order."""
    lines: list[Line] = []
    tables: list[Table] = []
    y = 0.0
    for block in doc.blocks:
        if isinstance(block, TableBlock):
            for table in _tables(block):
                rows = len(table)
                tables.append(Table(rows=table, top=y, bottom=y + rows * LINE, page=1, x0=0.0, x1=WIDTH))
                y += rows * LINE + GAP
            continue
        if isinstance(block, Heading):
            size = block.style.size or max(BODY_SIZE + 1, 16.0 - block.level)
            line = Line(block.text, 0.0, y, WIDTH, y + LINE, size=size, bold=True)
        elif isinstance(block, ListItem):
            text = f"{block.numbering} {block.text}" if block.numbering else block.text
            line = Line(text, 0.0, y, WIDTH, y + LINE, size=block.style.size or BODY_SIZE,
                        bold=block.style.bold)
        elif isinstance(block, Paragraph):
            line = Line(block.text, 0.0, y, WIDTH, y + LINE, size=block.style.size or BODY_SIZE,
                        bold=block.style.bold)
        else:  # pragma: no cover - every block kind is handled above
            continue
        lines.append(line)
        y += LINE + GAP
    return [Page(number=1, width=WIDTH, height=max(y, 1.0), lines=tuple(lines), tables=tuple(tables))]


def _tables(block: TableBlock) -> list[tuple[tuple[Cell | None, ...], ...]]:
    """The table's grid (a merged position is None), then each nested table after it."""
    grid = tuple(tuple(Cell(c.text, filled=c.shaded) if c is not None else None for c in row)
                 for row in block.grid())
    out = [grid] if grid else []
    for cell in block.cells:
        for nested in cell.tables:
            out.extend(_tables(nested))
    return out
