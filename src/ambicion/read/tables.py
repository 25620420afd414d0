"""Join tables that a page break cut in two, so every reader sees each table whole.

pdfplumber returns one table per page. When a commitment table, a milestones table or an IRM
tick table runs over a page break, the second part is a separate table at the top of the next
page; it may repeat the header rows (Word's "repeat header row"), and the row the break split
goes on in the first row of the new page: an empty or repeated label cell (plans), or only the
tail of a cell — the last letters of a header cell ("ad/or" of "Transform/ador"), the second
line of a commitment title (tick tables). Joined, the header is whole again, so the column
layout it gives holds for every row after the break, and each row keeps the page it was
printed on. This is the one place such joins happen, for plans and reviews alike. It knows
nothing about commitments: the caller passes `starts_new`, which says whether a row opens a
new table of its own (e.g. "Compromiso N° 3"), and may pass `tail`, its rule for the row that
finishes the one above the break (the default suits label | value tables).

A break can also leave a table's opening row alone at the foot of a page. When that row is a
single merged cell (the usual "Compromiso N° 3: …" heading), the page reader does not see it
as a table at all — pdfplumber drops ruled boxes with only one cell — so it arrives as text
lines below the page's last table. Such lines are put back as the first row of the table
that opens the next page, or the commitment they name would be read into the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from ..pdf.layout import Cell, Line, Page, Table
from ..labels import IRM_TICKS, fold

RowTexts = list[str | None]


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class MergedTable:
    """A logical table, possibly printed over several pages."""

    rows: tuple[Row, ...]
    # (page, top) of each printed part, in order; empty when not from pages
    parts: tuple[tuple[int, float], ...] = ()

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
    tail: "TailRule | None" = None,
) -> list[MergedTable]:
    """Return the document's tables in reading order, joining continuations across pages.

    A table continues the previous one when it is the first thing on its page, the previous
    table was the last thing on the page before, both have the same columns (and horizontal
    extent, when known), and its first row does not `starts_new`. An opening row cut off at
    the foot of the page before (see the module note) is put back on top of the table.
    `tail` decides whether a continuation's first row finishes the row above the break
    (see `append_continuation`).
    """
    out: list[list[Row]] = []
    parts: list[list[tuple[int, float]]] = []
    last_table: Table | None = None
    last_ends_page = False
    orphan: Row | None = None  # an opening row left alone at the foot of the previous page
    for page in pages:
        tables = sorted(page.tables, key=lambda t: t.top)
        for i, table in enumerate(tables):
            first_on_page = i == 0 and not any(line.bottom <= table.top + 1 for line in page.lines)
            rows = [Row(tuple(r), page.number) for r in table.rows]
            if (
                orphan is not None and first_on_page and orphan.page == page.number - 1
                and rows and not starts_new(rows[0].texts())
            ):
                cells = (orphan.cells + (None,) * _width(table))[: max(_width(table), 1)]
                out.append([Row(cells, orphan.page), *rows])
                parts.append([(page.number, table.top)])
            elif (
                out and last_table is not None and last_ends_page and first_on_page
                and last_table.page == page.number - 1
                and _same_shape(last_table, table, tolerance)
                and rows and not starts_new(rows[0].texts())
            ):
                append_continuation(out[-1], rows, tail)
                parts[-1].append((page.number, table.top))
            else:
                out.append(rows)
                parts.append([(page.number, table.top)])
            last_table = table
        orphan = _orphan_row(page, tables, starts_new)
        if tables:
            last = tables[-1]
            last_ends_page = not any(line.top >= last.bottom - 1 for line in page.lines)
        else:
            last_ends_page = False
            if page.lines:
                last_table = None
    return [MergedTable(tuple(rows), tuple(where)) for rows, where in zip(out, parts) if rows]


def _orphan_row(page: Page, tables: Sequence[Table], starts_new: Callable[[RowTexts], bool],
                max_lines: int = 8) -> Row | None:
    """The text closing `page` below its last table, as a one-cell row, when it opens a table.

    The closing block is the run of lines of one size at the page foot with no paragraph gap
    inside; the heading is its shortest tail that `starts_new` (a wrapped title takes up to
    `max_lines` lines), so a paragraph just above the heading is left out.
    """
    bottom = max((t.bottom for t in tables), default=None)
    tail = sorted((ln for ln in page.lines if bottom is None or ln.top >= bottom - 1),
                  key=lambda ln: (ln.top, ln.x0))
    if not tail:
        return None
    block: list[Line] = [tail[-1]]
    for line in reversed(tail[:-1]):
        nxt = block[0]
        gap = nxt.top - line.bottom
        if len(block) >= max_lines or abs(line.size - nxt.size) > 0.5 \
                or gap > max(line.bottom - line.top, 1.0):
            break
        block.insert(0, line)
    for k in range(len(block) - 1, -1, -1):
        text = "\n".join(ln.text for ln in block[k:])
        if starts_new([text]):
            return Row((Cell(text),), page.number)
    return None


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


TailRule = Callable[[Row, Row], bool]  # (row above the break, first row after it) -> a tail?


def append_continuation(target: list[Row], rows: list[Row], tail: TailRule | None = None) -> None:
    """Add a continuation's rows, dropping the header rows it repeats and re-joining the row
    the break split. `tail` says whether the first row left finishes the row above; without
    it, a row finishes the one above when its label cell is empty, goes on in lower case, or
    repeats the label of a two-column row, and the rest of it has text."""
    rows = rows[_repeated_header(target, rows):]
    if rows and target:
        first, prev = rows[0], target[-1]
        if tail is not None:
            if _has_text(prev) and tail(prev, first):
                target[-1] = Row(_join_cells(prev.cells, first.cells, keep_first=False), prev.page,
                                 first.end_page)
                rows = rows[1:]
            target.extend(rows)
            return
        label = _text(first.cells[0]) if first.cells else ""
        prev_label = _text(prev.cells[0]) if prev.cells else ""
        rest_has_text = any(_text(c) for c in first.cells[1:])
        # a label cut by the break goes on in lower case ("Descripción del" / "compromiso")
        label_goes_on = bool(prev_label) and label[:1].islower() and not prev_label.endswith((".", ":"))
        if rest_has_text and (not label or label_goes_on or (label == prev_label and len(first.cells) == 2)):
            target[-1] = Row(_join_cells(prev.cells, first.cells,
                                         keep_first=bool(prev_label) and not label_goes_on),
                             prev.page, first.page)
            rows = rows[1:]
    target.extend(rows)


def _key(row: Row) -> tuple[str, ...]:
    return tuple(fold(" ".join(c.text.split())) if c else "" for c in row.cells)


def _repeated_header(target: Sequence[Row], rows: Sequence[Row]) -> int:
    """How many rows at the top of a continuation repeat the rows at the top of the table."""
    n = 0
    while n < len(target) and n < len(rows) and any(_key(rows[n])) and _key(target[n]) == _key(rows[n]):
        n += 1
    return n


def _has_text(row: Row) -> bool:
    return any(_text(c) for c in row.cells)


_TICKS = frozenset(fold(t) for t in IRM_TICKS)
_STARTS_ITEM = re.compile(r"^\W*(?:\d{1,3}\b|(?:compromisos?|commitments?)\b)", re.I)


def numbered_row_tail(upper: Row, row: Row) -> bool:
    """The tail rule for tables whose rows open with a number (IRM tick tables): `row` only
    finishes `upper` when it has text, does not open an item, is not a theme row spanning the
    table, and marks no level that `upper` does not (Word shades both parts of a split row;
    a tick stays in the first part)."""
    cells = row.cells
    if not any(_text(c) for c in cells):
        return False
    first = next((c.text.strip() for c in cells if c is not None), "")
    if first and _STARTS_ITEM.match(first):
        return False
    if sum(1 for c in cells if c is None) >= len(cells) - 1:
        return False  # a theme row spanning the table is a row of its own
    return _marks(cells) <= _marks(upper.cells)


def _marks(cells: Sequence[Cell | None]) -> set[int]:
    """Columns marked by a tick, or by shading alone where the row is not shaded throughout
    (a shaded header row is style, not marks)."""
    present = [(j, c) for j, c in enumerate(cells) if c is not None]
    styled = bool(present) and all(c.filled for _, c in present)
    out = {j for j, c in present if fold(c.text.strip()) in _TICKS}
    if not styled:
        out |= {j for j, c in present if c.filled and not c.text.strip()}
    return out


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
