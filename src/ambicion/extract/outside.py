"""Commitment headings printed as text above template tables on PDF pages, put into the tables.

Which heading opens which table is the segmenter's decision (`read.segment.above_tables`,
signals "heading_above_table" and "title_above_table", the same one Word and text drafts
use); this module only applies it to PDF pages before the tables are merged over page
breaks: each heading that opens a label | value table becomes a one-row table where it was
printed (one merged cell, with the table's width and horizontal extent), and a heading
repeated over a continued table ("Compromiso 3 (continuación)") is removed, so the continued
table still joins the part before the break. The table merger and the template reader then
meet a "Compromiso N° …" row opening the commitment.
"""

from __future__ import annotations

import dataclasses
from typing import Sequence

from ..pdf.pages import Cell, Page, Table
from ..pdf.tables import from_table
from ..read.segment import Above, Para, above_tables
from ..read.paragraphs import cut_at_tables, lines_from_pages, paragraphs


def lift_headings(pages: Sequence[Page]) -> list[Page]:
    """`pages` with each heading that opens a template table turned into a one-row table
    above it, and each heading that repeats the current commitment removed."""
    pages = list(pages)
    slots = [(page.number, table) for page in pages for table in sorted(page.tables, key=lambda t: t.top)]
    if not slots:
        return pages
    paras = paragraphs(cut_at_tables(lines_from_pages(pages), slots))
    gaps = _gaps(paras, slots)
    found = above_tables(paras, gaps, [from_table(t, n) for n, t in slots])
    added: dict[int | None, list[Table]] = {}
    removed: list[Para] = []
    for s in sorted(found):
        above = found[s]
        taken = [paras[k] for k in above.paras]
        removed.extend(taken)
        if above.signal == "repeated_heading":
            continue
        para, table = taken[0], slots[s][1]
        added.setdefault(para.page, []).append(heading_table(para, above, table))
    return [_rebuilt(page, added.get(page.number, ()), removed) for page in pages]


def heading_table(para: Para, above: Above, table: Table) -> Table:
    """The heading as the one-row table the template reader expects, where it was printed:
    "Compromiso N: title" merged over the table (only the number and the title are kept,
    whatever form was printed), or an unnumbered title as a title row."""
    width = max((len(r) for r in table.rows), default=1) or 1
    top = para.top if para.top is not None else table.top
    bottom = para.bottom if para.bottom is not None and para.end_page == para.page else top + 1.0
    return Table(rows=(heading_row(above, width),), top=top, bottom=bottom,
                 page=para.page or table.page, x0=table.x0, x1=table.x1)


def heading_row(above: Above, width: int) -> tuple[Cell | None, ...]:
    """The row a start found above a table puts on top of it, `width` cells wide."""
    if above.number is None:  # an unnumbered title: "Nombre del compromiso" | title
        return (Cell("Nombre del compromiso"), Cell(above.title)) + (None,) * max(width - 2, 0)
    text = f"Compromiso {above.number}: {above.title}" if above.title else f"Compromiso {above.number}"
    return (Cell(text),) + (None,) * (max(width, 1) - 1)


def _gaps(paras: Sequence[Para], slots: Sequence[tuple[int, Table]]) -> list[list[int]]:
    """For each table, the paragraphs printed after the previous table and before it."""
    gaps: list[list[int]] = []
    k = 0
    for page_no, table in slots:
        gap: list[int] = []
        while k < len(paras) and (paras[k].page or 0, paras[k].top or 0.0) < (page_no, table.top):
            gap.append(k)
            k += 1
        gaps.append(gap)
    return gaps


def _rebuilt(page: Page, tables: Sequence[Table], removed: Sequence[Para]) -> Page:
    gone = [p for p in removed if p.page is not None and p.page <= page.number <= (p.end_page or p.page)]
    if not tables and not gone:
        return page
    lines = tuple(line for line in page.lines if not any(_covers(p, page.number, line.top) for p in gone))
    return dataclasses.replace(page, lines=lines, tables=page.tables + tuple(tables))


def _covers(p: Para, page: int, top: float) -> bool:
    """True when the line at `top` on `page` belongs to paragraph `p`."""
    start = p.top if page == p.page else float("-inf")
    end = p.bottom if page == (p.end_page or p.page) else float("inf")
    return start is not None and end is not None and start - 0.5 <= top <= end + 0.5
