"""Read a page set in two columns of running text column by column, not across.

The page reader builds lines across the whole page width, so on a two-column page each line
joins a piece of the left column to a piece of the right one. When the page's lines split at
one common gutter and the left pieces nearly all fill their column (prose, not a label |
value table: see pdf/unruled.py), the pieces become lines of their own and the page reads
the left column top to bottom, then the right one. Full-width lines above the columns (a
title) stay first, those below (a footer note) last.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Sequence

from .layout import Line, Page, Span

ALIGN = 4.0
MIN_LINES = 4  # paired lines needed before a page counts as set in columns
FULL_SHARE = 0.7  # share of left pieces that reach the gutter in running text


def gutter(lines: Sequence[Line]) -> float | None:
    """The x where the right column starts, when the page is set in two text columns."""
    starts: Counter[int] = Counter(round(ln.spans[1].x0 / ALIGN) for ln in lines if len(ln.spans) == 2)
    if not starts:
        return None
    key, n = starts.most_common(1)[0]
    if n < MIN_LINES:
        return None
    paired = [ln for ln in lines if len(ln.spans) == 2 and round(ln.spans[1].x0 / ALIGN) == key]
    ends = [ln.spans[0].x1 for ln in paired]
    edge = max(ends)
    width = edge - min(ln.spans[0].x0 for ln in paired)
    full = sum(1 for x in ends if x >= edge - 0.1 * width)
    return min(ln.spans[1].x0 for ln in paired) if full >= FULL_SHARE * len(ends) else None


def read_in_columns(page: Page) -> Page:
    """`page` with its lines in column order when it is set in two text columns."""
    lines = sorted(page.lines, key=lambda ln: (ln.top, ln.x0))
    x = gutter(lines)
    if x is None:
        return page
    inside = [k for k, ln in enumerate(lines) if len(ln.spans) == 2 or ln.x1 < x or ln.x0 >= x - ALIGN]
    first, last = inside[0], inside[-1]
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines[first:last + 1]:
        if len(ln.spans) == 2:
            left.append(_piece(ln, ln.spans[0]))
            right.append(_piece(ln, ln.spans[1]))
        elif ln.x0 >= x - ALIGN:
            right.append(ln)
        else:
            left.append(ln)
    ordered = (*lines[:first], *left, *right, *lines[last + 1:])
    return dataclasses.replace(page, lines=tuple(ordered))


def _piece(line: Line, span: Span) -> Line:
    return Line(text=span.text, x0=span.x0, top=line.top, x1=span.x1, bottom=line.bottom,
                size=line.size, bold=span.bold)
