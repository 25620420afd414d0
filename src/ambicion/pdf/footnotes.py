"""Keep footnotes apart: the block of small print at a page foot that opens with a mark.

Word and LibreOffice set footnotes smaller than the body and number them ("1 Ley N° …");
left among the page's lines they would run into the field that ends the page. They move to
`Page.footnotes`, where nothing reads them into a commitment.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from .layout import Line, Page

_MARK = re.compile(r"^\s*(?:\d{1,3}|[*†‡])\s*\S")
# A footnote is set at least this many points smaller than the page's body text.
SMALLER_BY = 0.9


def body_size(lines: tuple[Line, ...] | list[Line]) -> float:
    """The size most of the page's characters are set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def separate_footnotes(page: Page) -> Page:
    """`page` with its footnote block moved from `lines` to `footnotes`."""
    lines = sorted(page.lines, key=lambda ln: (ln.top, ln.x0))
    if len(lines) < 2:
        return page
    body = body_size(lines)
    if body <= 0:
        return page
    k = len(lines)
    while k > 0 and 0 < lines[k - 1].size <= body - SMALLER_BY:
        k -= 1
    run = lines[k:]
    if not run or k == 0:
        return page
    bottom_table = max((t.bottom for t in page.tables), default=0.0)
    start = next((i for i, ln in enumerate(run) if _MARK.match(ln.text) and ln.top >= bottom_table), None)
    if start is None:
        return page
    notes = tuple(run[start:])
    keep = tuple(ln for ln in page.lines if ln not in notes)
    return dataclasses.replace(page, lines=keep, footnotes=page.footnotes + notes)
