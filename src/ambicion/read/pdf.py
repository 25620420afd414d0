"""A PDF as blocks: the page reader's lines joined into headings, paragraphs and list items,
its tables (merged over page breaks) as grids with spans, footnotes and running lines apart.

Paragraphs are made the way every reader sees them (read/paragraphs.py), cut wherever a table
stands between two lines; tables cut by a page break are joined first (read/tables.py, told by
the segmenter which row opens a commitment of its own, or, for an IRM review, with the tail
rule of numbered rows). This is the PDF entry of the reading model: plans, drafts and reviews
are segmented from these blocks.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Callable, Sequence

from ..pdf.layout import Page
from ..pdf.pages import iter_pages, kept_pages
from .tables import MergedTable, RowTexts, TailRule, merge_tables
from .blocks import Block, Box, Document, Heading, ListItem, Paragraph, Style, TableBlock, TableCell
from .paragraphs import cut_at_tables, lines_from_pages, paragraphs
from .segment import Para, starts_commitment

_ITEM = re.compile(r"^\s*(?P<mark>[•·▪◦●○■□➢►\-–—*]|\(?[a-z]\)|\d{1,2}(?:\.\d{1,2})*[.)]?)\s+(?P<text>\S.*)$")


def read_pdf(path: str | Path, max_pages: int | None = None) -> Document:
    """Every page of a PDF as blocks in reading order. Raises InputError for bad files."""
    p = Path(path)
    raw = list(iter_pages(p, max_pages=max_pages))
    return document_from_pages(kept_pages(p, raw), source=str(p), raw=raw)


def document_from_pages(pages: Sequence[Page], source: str, raw: Sequence[Page] = (), *,
                        starts_new: Callable[[RowTexts], bool] = starts_commitment,
                        tail: TailRule | None = None,
                        opens_paragraph: Callable[[str], bool] | None = None) -> Document:
    """Blocks from pages already read (running lines removed); `raw`, the pages as read,
    tells which lines were running headers or footers. `starts_new` and `tail` are how
    tables cut by a page break are joined (read/tables.py): a plan's by default;
    `opens_paragraph`, lines that open a paragraph besides the usual ones (see paragraphs)."""
    body = _body_size(pages)
    slots = [(page.number, t) for page in pages for t in sorted(page.tables, key=lambda t: t.top)]
    tables = merge_tables(pages, starts_new=starts_new, tail=tail)
    placed_tables = sorted(((where, _table_block(t, box)) for t, (where, box) in
                            zip(tables, _table_places(pages, tables))), key=lambda item: item[0])
    # paragraphs keep the page reader's order (a two-column page reads column by column);
    # each table goes before the first paragraph printed below it, as cut_at_tables cut them
    blocks: list[Block] = []
    s = 0
    for para in paragraphs(cut_at_tables(lines_from_pages(pages), slots), opens=opens_paragraph):
        key = (para.page or 0, para.top or 0.0)
        while s < len(placed_tables) and placed_tables[s][0] <= key:
            blocks.append(placed_tables[s][1])
            s += 1
        blocks.append(_block(para, body))
    blocks.extend(b for _, b in placed_tables[s:])
    kept_keys = {(pg.number, round(ln.top, 1), ln.text) for pg in pages for ln in pg.lines}
    furniture = tuple(Paragraph(text=ln.text, page=pg.number, box=Box(ln.x0, ln.top, ln.x1, ln.bottom))
                      for pg in raw for ln in pg.lines
                      if (pg.number, round(ln.top, 1), ln.text) not in kept_keys)
    footnotes = tuple(Paragraph(text=ln.text, page=pg.number, box=Box(ln.x0, ln.top, ln.x1, ln.bottom),
                                style=Style(size=ln.size))
                      for pg in pages for ln in pg.footnotes)
    return Document(source=source, format="pdf", blocks=tuple(blocks),
                    furniture=furniture, footnotes=footnotes, pages=len(pages))


def _body_size(pages: Sequence[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for ln in page.lines:
            sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _block(para: Para, body: float) -> Block:
    """A paragraph as a heading (bold and larger than the body text), a list item (opening
    with a list mark) or a paragraph."""
    box = None
    if para.top is not None and para.bottom is not None:
        box = Box(para.x0 or 0.0, para.top, para.x1 or 0.0, para.bottom)
    style = Style(size=para.size, bold=para.bold)
    end = para.end_page if para.end_page != para.page else None
    if para.bold and body and para.size > body + 0.5 and len(para.text) <= 300:
        level = 1 if para.size >= body + 3 else 2 if para.size >= body + 1.5 else 3
        return Heading(text=para.text, level=level, page=para.page, box=box, style=style, page_end=end)
    m = _ITEM.match(para.text)
    if m:
        return ListItem(text=m.group("text"), numbering=m.group("mark"), page=para.page, box=box,
                        style=style, page_end=end)
    return Paragraph(text=para.text, page=para.page, box=box, style=style, page_end=end)


def _table_places(pages: Sequence[Page], tables: Sequence[MergedTable]
                  ) -> list[tuple[tuple[int, float], Box | None]]:
    """Where each merged table's first printed part stands: (page, top) and its box (for a
    table whose opening row was put back from the page foot before, the part under it)."""
    by_place = {(p.number, t.top): t for p in pages for t in p.tables}
    out: list[tuple[tuple[int, float], Box | None]] = []
    for table in tables:
        if not table.parts or table.parts[0] not in by_place:
            out.append(((table.page_start or 0, 0.0), None))
            continue
        part = by_place[table.parts[0]]
        out.append((table.parts[0], Box(part.x0, part.top, part.x1, part.bottom)))
    return out


def _table_block(table: MergedTable, box: Box | None) -> TableBlock:
    """A merged table as a grid; a None position widens the cell to its left (pdfplumber
    repeats a merged cell as None)."""
    cells: list[TableCell] = []
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
    return TableBlock(cells=tuple(cells), rows=len(table.rows), cols=table.columns, page=table.page_start,
                      page_end=table.page_end, box=box,
                      row_pages=tuple((row.page, row.last_page) for row in table.rows))
