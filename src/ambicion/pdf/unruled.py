"""Find tables drawn without rules: a label column and a value column set apart by white space.

Plans often lay out each commitment as a two-column label | value table with no borders;
pdfplumber finds only ruled tables, and its lines run the label and the value together
("Entidad responsable Autoridad Nacional …"). A page's lines carry their wide-gap spans
(pdf/pages.py); where several lines have a second span starting at the same x, and the lines
around them are label or value continuations, those lines become a Table, so the readers
above meet the same grid as for a ruled table.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from .columns import gutter
from .layout import Cell, Line, Page, Table

ALIGN = 4.0  # points: how closely value columns line up
MIN_PAIRS = 2  # label + value lines needed to call a region a table
MAX_LABEL_SHARE = 0.6  # the label column is narrower than this share of the text width
HEAD_BAND, HEAD_MIN = 0.1, 80.0  # the page head (share of height, at least points), as pages.py


@dataclass(frozen=True)
class Columns:
    """Where an unruled table's label and value columns start, carried to the next page."""

    left: float
    value: float


def find_unruled_tables(page: Page, carried: Columns | None = None) -> tuple[Page, Columns | None]:
    """`page` with each borderless two-column region turned from lines into a Table, and the
    columns of its last such table (None when there is none).

    `carried` gives the columns of the previous page's table, so value lines opening this
    page join it even when no label on this page shows the columns.
    """
    lines = sorted(page.lines, key=lambda ln: (ln.top, ln.x0))
    column = _value_column(lines)
    if column is not None:
        left = min(ln.spans[0].x0 for ln in lines if _pair(ln, column))
        right = max(ln.x1 for ln in lines)
        if (column - left) > MAX_LABEL_SHARE * max(right - left, 1.0) or _prose_columns(lines, column):
            return page, None
    elif carried is not None:
        left, column = carried.left, carried.value
    else:
        return page, None
    kinds = [_kind(ln, column, left) for ln in lines]
    head = max(page.height * HEAD_BAND, HEAD_MIN)  # running headers stand above this
    tables: list[Table] = []
    used: set[int] = set()
    i = 0
    while i < len(lines):
        if kinds[i] == "other":
            i += 1
            continue
        if kinds[i] == "label":
            i += 1  # a label line goes on from a pair above it; alone it is text (a heading)
            continue
        j = i
        while j + 1 < len(lines) and kinds[j + 1] != "other" and _close(lines[j], lines[j + 1]):
            j += 1
        region = range(i, j + 1)
        pairs = sum(1 for k in region if kinds[k] == "pair")
        # value lines opening the page go on from a table cut by the page break
        opening = all(lines[k].bottom <= head for k in range(i)) and kinds[i] == "value"
        if pairs >= MIN_PAIRS or opening:
            tables.append(_table([lines[k] for k in region], [kinds[k] for k in region], column,
                                 left, page.number))
            used.update(region)
        i = j + 1
    if not tables:
        return page, None
    keep = tuple(ln for k, ln in enumerate(lines) if k not in used)
    foot = page.height - head
    ends_page = not any(tables[-1].bottom < ln.top < foot for ln in keep)
    return (dataclasses.replace(page, lines=keep, tables=page.tables + tuple(tables)),
            Columns(left=left, value=column) if ends_page else None)


def _value_column(lines: Sequence[Line]) -> float | None:
    starts: Counter[int] = Counter()
    for ln in lines:
        if len(ln.spans) == 2:
            starts[round(ln.spans[1].x0 / ALIGN)] += 1
    if not starts:
        return None
    key, n = starts.most_common(1)[0]
    if n < MIN_PAIRS:
        return None
    xs = [ln.spans[1].x0 for ln in lines if len(ln.spans) == 2 and round(ln.spans[1].x0 / ALIGN) == key]
    return min(xs)


def _prose_columns(lines: Sequence[Line], column: float) -> bool:
    """True for a page set in two columns of running text (pdf/columns.py reads those)."""
    return gutter(lines) is not None


def _pair(ln: Line, column: float) -> bool:
    return len(ln.spans) == 2 and abs(ln.spans[1].x0 - column) <= ALIGN and ln.spans[0].x1 < column - 5


def _kind(ln: Line, column: float, left: float) -> str:
    if _pair(ln, column):
        return "pair"
    if not ln.spans and abs(ln.x0 - column) <= ALIGN:
        return "value"
    if not ln.spans and abs(ln.x0 - left) <= ALIGN and ln.x1 < column - 5:
        return "label"
    return "other"


def _close(a: Line, b: Line) -> bool:
    height = max(a.bottom - a.top, 1.0)
    return b.top - a.bottom <= 3 * height


def _table(lines: Sequence[Line], kinds: Sequence[str], column: float, left: float, page: int) -> Table:
    rows: list[tuple[list[str], list[str]]] = []
    spans: list[list[float]] = []  # per row: top, bottom
    prev: Line | None = None
    prev_kind = ""
    for ln, kind in zip(lines, kinds):
        has_label = kind in ("pair", "label")
        gap_big = prev is not None and (ln.top - prev.bottom) > 0.6 * max(prev.bottom - prev.top, 1.0)
        if not rows or (has_label and (gap_big or prev_kind == "value")):
            rows.append(([], []))
            spans.append([ln.top, ln.bottom])
        spans[-1][1] = ln.bottom
        label, value = rows[-1]
        if kind == "pair":
            label.append(ln.spans[0].text)
            value.append(ln.spans[1].text)
        elif kind == "label":
            label.append(ln.text)
        else:
            value.append(ln.text)
        prev, prev_kind = ln, kind
    grid = tuple((Cell("\n".join(lab)), Cell("\n".join(val))) for lab, val in rows)
    right = max(ln.x1 for ln in lines)
    boxes = tuple(((left, top, column - 1.0, bottom), (column, top, right, bottom)) for top, bottom in spans)
    return Table(rows=grid, top=lines[0].top, bottom=lines[-1].bottom, page=page,
                 x0=left, x1=right, boxes=boxes)
