"""Tables that a page break cut in two, mended before the review readers see them.

Why: an IRM tick table that runs over a page break arrives as two tables. The second part may
repeat the header rows (Word's "repeat header row"), or carry nothing but the tail of a row the
break cut — the last letters of a header cell ("ad/or" of "Transform/ador"), or the second
line of a commitment title. Read apart, the first part loses the column whose header was cut
and the second part has no header at all. Mended, the header is whole again and every row
keeps its own cells.

Two tables are one when the first is the last thing on its page, the second the first thing
on the next, and both have the same columns at the same place.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from ..labels import IRM_TICKS, fold
from ..pdf.pages import Cell, Page, Table

EDGE_TOLERANCE = 3.0  # points by which the two parts' left and right edges may differ
_TICKS = frozenset(fold(t) for t in IRM_TICKS)
_STARTS_ITEM = re.compile(r"^\W*(?:\d{1,3}\b|(?:compromisos?|commitments?)\b)", re.I)


def document_tables(pages: Sequence[Page]) -> list[Table]:
    """Every table in document order; where a table goes on over a page break, the row the
    break cut is mended in the first part and taken out of the second.

    The parts stay apart so each row keeps its page; the readers carry the column layout from
    the first part into the next (see review_legacy).
    """
    out: list[Table] = []
    last: tuple[int, int] | None = None  # (page index, table index) of the latest part read
    for i, page in enumerate(pages):
        for k, table in enumerate(page.tables):
            if (k == 0 and last is not None and last[0] == i - 1
                    and last[1] == len(pages[i - 1].tables) - 1
                    and _continues(pages[i - 1], pages[i - 1].tables[last[1]], page, table)):
                out[-1], table = mend_break(out[-1], table)
            if table.rows:
                out.append(table)
                last = (i, k)
            else:
                last = None  # nothing of it is left to go on from
    return out


def _continues(prev_page: Page, prev: Table, page: Page, table: Table) -> bool:
    """`table`, first on `page`, goes on from `prev`, last on the page before."""
    if _width(prev) != _width(table):
        return False
    if abs(prev.x0 - table.x0) > EDGE_TOLERANCE or abs(prev.x1 - table.x1) > EDGE_TOLERANCE:
        return False
    if any(line.top >= prev.bottom for line in prev_page.lines):
        return False  # text after the first part: the table ended on its page
    return not any(line.bottom <= table.top for line in page.lines)


def _width(table: Table) -> int:
    return max((len(r) for r in table.rows), default=0)


def mend_break(first: Table, second: Table) -> tuple[Table, Table]:
    """The two parts of a table, the row cut by the break made whole in `first`.

    The tail of the cut row is the first row of `second` after any header rows it repeats.
    """
    rows = list(second.rows)
    at = _repeated_header(first.rows, rows)
    if at < len(rows) and first.rows and _has_text(first.rows[-1]) and _is_tail(rows[at], first.rows[-1]):
        mended = first.rows[:-1] + (_join_rows(first.rows[-1], rows[at]),)
        del rows[at]
        if at == len(rows) and at:  # nothing but the repeated header is left
            rows = []
        return replace(first, rows=mended), replace(second, rows=tuple(rows))
    return first, second


def _key(row: Sequence[Cell | None]) -> tuple[str, ...]:
    return tuple(fold(" ".join(c.text.split())) if c else "" for c in row)


def _repeated_header(first: Sequence[Sequence[Cell | None]], second: Sequence[Sequence[Cell | None]]) -> int:
    """How many rows at the top of `second` repeat the rows at the top of `first`."""
    n = 0
    while n < len(first) and n < len(second) and any(_key(second[n])) and _key(first[n]) == _key(second[n]):
        n += 1
    return n


def _is_tail(row: Sequence[Cell | None], upper: Sequence[Cell | None]) -> bool:
    """Whether `row` only finishes `upper`, the row above the break: it has text, does not
    start an item, is not a theme row spanning the table, and marks no level that `upper`
    does not (Word shades both parts of a split row; a tick stays in the first part)."""
    texts = [c.text.strip() for c in row if c is not None and c.text.strip()]
    if not texts:
        return False
    first = next((c.text.strip() for c in row if c is not None), "")
    if first and _STARTS_ITEM.match(first):
        return False
    if sum(1 for c in row if c is None) >= len(row) - 1:
        return False  # a theme row spanning the table is a row of its own
    return _marks(row) <= _marks(upper)


def _marks(row: Sequence[Cell | None]) -> set[int]:
    """Columns marked by a tick, or by shading alone where the row is not shaded throughout
    (a shaded header row is style, not marks)."""
    cells = [(j, c) for j, c in enumerate(row) if c is not None]
    styled = bool(cells) and all(c.filled for _, c in cells)
    out = {j for j, c in cells if fold(c.text.strip()) in _TICKS}
    if not styled:
        out |= {j for j, c in cells if c.filled and not c.text.strip()}
    return out


def _has_text(row: Sequence[Cell | None]) -> bool:
    return any(c is not None and c.text.strip() for c in row)


def _join_rows(upper: Sequence[Cell | None], lower: Sequence[Cell | None]) -> tuple[Cell | None, ...]:
    out: list[Cell | None] = []
    for j, cell in enumerate(upper):
        tail = lower[j] if j < len(lower) else None
        if cell is None or tail is None or not tail.text.strip():
            out.append(cell)
            continue
        text = f"{cell.text}\n{tail.text}" if cell.text.strip() else tail.text
        out.append(Cell(text=text, filled=cell.filled or tail.filled))
    return tuple(out)
