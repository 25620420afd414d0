"""A PDF as blocks: the page reader's lines grouped into headings, paragraphs and list items,
its tables (merged over page breaks) as grids with spans, footnotes and running lines apart.

This is the block view of what pdf/ reads; the plan segmenter still works on the pages
themselves, and this view serves `read_document` users (and the review readers as they move
onto blocks).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Sequence

from ..pdf.layout import Line, Page
from ..pdf.pages import iter_pages, strip_running_lines
from ..pdf.tables import MergedTable, merge_tables
from .blocks import Block, Box, Document, Heading, ListItem, Paragraph, Style, TableBlock, TableCell

_ITEM = re.compile(r"^\s*(?P<mark>[•·▪◦●○■□➢►\-–—*]|\(?[a-z]\)|\d{1,2}(?:\.\d{1,2})*[.)]?)\s+(?P<text>\S.*)$")


def read_pdf(path: str | Path, max_pages: int | None = None) -> Document:
    """Every page of a PDF as blocks in reading order. Raises InputError for bad files."""
    p = Path(path)
    raw = list(iter_pages(p, max_pages=max_pages))
    kept = strip_running_lines(raw)
    return document_from_pages(kept, source=str(p), raw=raw)


def document_from_pages(pages: Sequence[Page], source: str, raw: Sequence[Page] = ()) -> Document:
    """Blocks from pages already read (running lines removed); `raw`, the pages as read,
    tells which lines were running headers or footers."""
    body = _body_size(pages)
    tables = merge_tables(pages)
    placed: list[tuple[tuple[int, float], Block]] = []
    for page in pages:
        for para in _paragraphs(page.lines):
            placed.append(((page.number, para[0].top), _block(para, page.number, body)))
    for t in tables:
        top = _table_top(pages, t)
        placed.append(((t.page_start or 0, top), _table_block(t, top)))
    placed.sort(key=lambda item: item[0])
    furniture = tuple(Paragraph(text=ln.text, page=pg.number, box=Box(ln.x0, ln.top, ln.x1, ln.bottom))
                      for pg, kept in zip(raw, pages) for ln in pg.lines
                      if (round(ln.top, 1), ln.text) not in {(round(k.top, 1), k.text) for k in kept.lines})
    footnotes = tuple(Paragraph(text=ln.text, page=pg.number, box=Box(ln.x0, ln.top, ln.x1, ln.bottom),
                                style=Style(size=ln.size))
                      for pg in pages for ln in pg.footnotes)
    return Document(source=source, format="pdf", blocks=tuple(b for _, b in placed),
                    furniture=furniture, footnotes=footnotes, pages=len(pages))


def _body_size(pages: Sequence[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines joined while they follow closely in the same size and weight; an item mark
    ("•", "1.", "a)") opens a new one."""
    out: list[list[Line]] = []
    for ln in sorted(lines, key=lambda x: (x.top, x.x0)):
        if out:
            prev = out[-1][-1]
            height = max(prev.bottom - prev.top, 1.0)
            same = abs(prev.size - ln.size) < 0.5 and prev.bold == ln.bold
            if same and ln.top - prev.bottom <= 0.6 * height and not _ITEM.match(ln.text):
                out[-1].append(ln)
                continue
        out.append([ln])
    return out


def _block(lines: list[Line], page: int, body: float) -> Block:
    text = _join(ln.text for ln in lines)
    box = Box(min(ln.x0 for ln in lines), lines[0].top, max(ln.x1 for ln in lines), lines[-1].bottom)
    style = Style(size=lines[0].size, bold=lines[0].bold)
    if lines[0].bold and body and lines[0].size > body + 0.5 and len(text) <= 300:
        level = 1 if lines[0].size >= body + 3 else 2 if lines[0].size >= body + 1.5 else 3
        return Heading(text=text, level=level, page=page, box=box, style=style)
    m = _ITEM.match(text)
    if m:
        return ListItem(text=m.group("text"), numbering=m.group("mark"), page=page, box=box, style=style)
    return Paragraph(text=text, page=page, box=box, style=style)


def _join(texts) -> str:
    out = ""
    for t in texts:
        t = " ".join(t.split())
        if out.endswith("-") and t[:1].islower():
            out = out[:-1] + t
        else:
            out = f"{out} {t}" if out else t
    return out


def _table_top(pages: Sequence[Page], table: MergedTable) -> float:
    page = next((p for p in pages if p.number == table.page_start), None)
    if page is None:
        return 0.0
    first = table.rows[0].cells if table.rows else ()
    for t in page.tables:
        if t.rows and tuple(t.rows[0]) == tuple(first):
            return t.top
    return min((t.top for t in page.tables), default=0.0)


def _table_block(table: MergedTable, top: float) -> TableBlock:
    """A merged table as a grid; a None position widens the cell to its left (pdfplumber
    repeats a merged cell as None)."""
    cells: list[TableCell] = []
    cols = table.columns
    for r, row in enumerate(table.rows):
        current: int | None = None
        for c, cell in enumerate(row.cells):
            if cell is None:
                if current is not None:
                    x = cells[current]
                    cells[current] = TableCell(text=x.text, row=x.row, col=x.col, col_span=x.col_span + 1,
                                               shaded=x.shaded)
                continue
            cells.append(TableCell(text=cell.text, row=r, col=c, shaded=cell.filled))
            current = len(cells) - 1
    return TableBlock(cells=tuple(cells), rows=len(table.rows), cols=cols, page=table.page_start,
                      page_end=table.page_end, box=None)
