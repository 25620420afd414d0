"""Merge ruled tables that a page break cut in two, so a reader sees each table whole.

pdfplumber returns one table per page. When a commitment table or a milestones table runs
over a page break, the second part is a separate table at the top of the next page; it may
repeat the heading row, and a row split by the break continues with an empty (or repeated)
label cell. This module knows nothing about commitments: the caller passes `starts_new`,
which says whether a row opens a new table of its own (e.g. "Compromiso N° 3").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from .pages import Cell, Page, Table

RowTexts = list[str | None]


@dataclass(frozen=True)
class Row:
    """A table row and the page it was printed on."""

    cells: tuple[Cell | None, ...]
    page: int | None
    last_page: int | None = None  # set when the row was split over a page break

    @property
    def end_page(self) -> int | None:
        return self.last_page if self.last_page is not None else self.page

    def texts(self) -> RowTexts:
        return [c.text if c is not None else None for c in self.cells]


@dataclass(frozen=True)
class MergedTable:
    """A logical table, possibly printed over several pages."""

    rows: tuple[Row, ...]

    @property
    def page_start(self) -> int | None:
        return self.rows[0].page if self.rows else None

    @property
    def page_end(self) -> int | None:
        return self.rows[-1].end_page if self.rows else None

    @property
    def columns(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


def from_table(table: Table, page: int | None = None) -> MergedTable:
    """Wrap one table as a MergedTable; `page=None` for tables with no pages (Word)."""
    return MergedTable(tuple(Row(tuple(r), page) for r in table.rows))


def merge_tables(
    pages: Sequence[Page],
    starts_new: Callable[[RowTexts], bool] = lambda texts: False,
    tolerance: float = 4.0,
) -> list[MergedTable]:
    """Return the document's tables in reading order, joining continuations across pages.

    A table continues the previous one when it is the first thing on its page, the previous
    table was the last thing on the page before, both have the same columns (and horizontal
    extent, when known), and its first row does not `starts_new`.
    """
    out: list[list[Row]] = []
    last_table: Table | None = None
    last_ends_page = False
    for page in pages:
        tables = sorted(page.tables, key=lambda t: t.top)
        for i, table in enumerate(tables):
            first_on_page = i == 0 and not any(line.bottom <= table.top + 1 for line in page.lines)
            rows = [Row(tuple(r), page.number) for r in table.rows]
            if (
                out and last_table is not None and last_ends_page and first_on_page
                and last_table.page == page.number - 1
                and _same_shape(last_table, table, tolerance)
                and rows and not starts_new(rows[0].texts())
            ):
                _append_continuation(out[-1], rows)
            else:
                out.append(rows)
            last_table = table
        if tables:
            last = tables[-1]
            last_ends_page = not any(line.top >= last.bottom - 1 for line in page.lines)
        else:
            last_ends_page = False
            if page.lines:
                last_table = None
    return [MergedTable(tuple(rows)) for rows in out if rows]


def _same_shape(a: Table, b: Table, tolerance: float) -> bool:
    if _width(a) != _width(b):
        return False
    if a.x1 and b.x1:
        return abs(a.x0 - b.x0) <= tolerance and abs(a.x1 - b.x1) <= tolerance
    return True


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def _text(cell: Cell | None) -> str:
    return cell.text.strip() if cell is not None else ""


def _append_continuation(target: list[Row], rows: list[Row]) -> None:
    """Add a continuation's rows, dropping a repeated heading and re-joining a split row."""
    if rows and target and [_text(c) for c in rows[0].cells] == [_text(c) for c in target[0].cells]:
        rows = rows[1:]  # the heading row repeated on the new page
    if rows and target:
        first, prev = rows[0], target[-1]
        label = _text(first.cells[0]) if first.cells else ""
        prev_label = _text(prev.cells[0]) if prev.cells else ""
        rest_has_text = any(_text(c) for c in first.cells[1:])
        if rest_has_text and (not label or (label == prev_label and len(first.cells) == 2)):
            target[-1] = Row(_join_cells(prev.cells, first.cells, keep_first=bool(prev_label)),
                             prev.page, first.page)
            rows = rows[1:]
    target.extend(rows)


def _join_cells(a: Iterable[Cell | None], b: Iterable[Cell | None], keep_first: bool) -> tuple[Cell | None, ...]:
    joined: list[Cell | None] = []
    for k, (x, y) in enumerate(zip(a, b)):
        if x is None or y is None:
            joined.append(x if y is None else (y if x is None else x))
            continue
        if k == 0 and keep_first:
            joined.append(x)
            continue
        text = "\n".join(t for t in (x.text.strip(), y.text.strip()) if t)
        joined.append(Cell(text=_dehyphen(text), filled=x.filled or y.filled))
    return tuple(joined)


def _dehyphen(text: str) -> str:
    return re.sub(r"(\w)-\n(\w)", r"\1\2", text)
