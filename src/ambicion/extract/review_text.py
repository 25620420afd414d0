"""Small text helpers shared by the IRM review readers: label matching and the line stream.

What a commitment heading and a list of commitment numbers look like lives in the reading
model (read/review_heads.py), shared with the segmenter; it is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..pdf.pages import Page
from ..read.review_heads import (  # noqa: F401  (re-exported for the readers)
    CLUSTER_HEADING,
    CLUSTER_SENTENCE,
    HEADING,
    NUMBER_LIST,
    NUMBERS_MENTION,
    STAR_WORDS,
    fold_aligned,
    has_star,
    normalize_number,
    parse_numbers,
    strip_stars,
)


@dataclass(frozen=True)
class TextLine:
    """A line of the document in reading order, whether it came from the page or a table row."""

    text: str
    page: int
    size: float = 0.0
    bold: bool = False
    from_table: bool = False
    cells: int = 0  # non-empty cells of the table row this line came from
    same_cell: bool = False  # a further line of the one-cell row the line before came from


def line_stream(pages: Iterable[Page], rated_cell: Callable[[str], bool] | None = None) -> list[TextLine]:
    """All lines of all pages in reading order; table rows become "label value" lines.

    A key–value annex is sometimes typeset as a two-column table, so rows are flattened
    into lines at the table's position on the page; a row of one cell (a framed summary
    box) gives one line per rating it holds, and a row of which two or more cells each hold
    a rating ("Verificable: Sí | Potencial de resultados: Modesto", told by `rated_cell`)
    gives one line per cell.
    """
    out: list[TextLine] = []
    for page in pages:
        items: list[tuple[float, int, TextLine]] = []
        for i, line in enumerate(page.lines):
            items.append((line.top, i, TextLine(" ".join(line.text.split()), page.number, line.size,
                                                line.bold)))
        for t_i, table in enumerate(page.tables):
            for r_i, row in enumerate(table.rows):
                filled = [c for c in row if c and c.text.strip()]
                texts = [" ".join(c.text.split()) for c in filled]
                if len(filled) == 1:  # a summary box: one cell holding a line per rating
                    parts = [" ".join(ln.split()) for ln in filled[0].text.splitlines() if ln.strip()]
                elif rated_cell is not None and sum(1 for t in texts if rated_cell(t)) >= 2:
                    parts = texts
                else:
                    parts = [" ".join(" ".join(c.text.split()) for c in filled)] if filled else []
                for l_i, text in enumerate(parts):
                    items.append((table.top + r_i * 0.01 + l_i * 0.0001, 10_000 + t_i * 1000 + r_i,
                                  TextLine(text, page.number, 0.0, False, True, len(filled), l_i > 0)))
        items.sort(key=lambda x: (x[0], x[1]))
        out.extend(item for _, _, item in items)
    return out
