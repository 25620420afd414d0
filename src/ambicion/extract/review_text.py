"""Small helpers shared by the IRM review readers: the document's tables and the line stream.

What a commitment heading and a list of commitment numbers look like lives in the reading
model (read/review_heads.py), shared with the segmenter; it is re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from ..read.blocks import Document, Heading, TableBlock, TableCell
from ..read.review_segment import ReviewStart, block_tables, block_text, review_starts
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


@dataclass(frozen=True, slots=True)
class TextLine:
    """A line of the document in reading order, whether it came from the page or a table row."""

    text: str
    page: int
    size: float = 0.0
    bold: bool = False
    from_table: bool = False
    cells: int = 0  # non-empty cells of the table row this line came from
    same_cell: bool = False  # a further line of the one-cell row the line before came from
    start: ReviewStart | None = None  # the commitment start the segmenter found on this line


def line_stream(doc: Document, rated_cell: Callable[[str], bool] | None = None,
                starts: Sequence[ReviewStart] | None = None) -> list[TextLine]:
    """The document's blocks in reading order as lines; table rows become "label value" lines.

    A heading, paragraph or list item is one line (a title that wraps is already one block).
    A key–value annex is sometimes typeset as a two-column table, so rows are flattened into
    lines where the table stands; a row of one cell (a framed summary box) gives one line
    per rating it holds, and a row of which two or more cells each hold a rating
    ("Verificable: Sí | Potencial de resultados: Modesto", told by `rated_cell`) gives one
    line per cell. Each line where the segmenter found a commitment start
    (`review_segment.review_starts`, computed here unless `starts` gives them) carries it.
    """
    out: list[TextLine] = []
    found = review_starts(doc.blocks) if starts is None else starts
    by_place = {(s.block, s.table, s.row, s.line): s for s in found if s.signal != "tick_row"}
    tables = 0
    for index, block in enumerate(doc.blocks):
        if isinstance(block, TableBlock):
            for _, table in block_tables([block]):
                out.extend(_table_lines(table, rated_cell, index, tables, by_place))
                tables += 1
            continue
        size, bold = block.style.size, block.style.bold
        if isinstance(block, Heading):
            size, bold = size or max(_BODY + 1, 16.0 - block.level), True
        out.append(TextLine(block_text(block), block.page or 1, size, bold,
                            start=by_place.get((index, None, None, None))))
    return out


_BODY = 11.0  # the size a Word heading without one is taken to stand above


def _table_lines(table: TableBlock, rated_cell: Callable[[str], bool] | None, index: int, ordinal: int,
                 starts: dict[tuple[int, int | None, int | None, int | None], ReviewStart]) -> Iterator[TextLine]:
    for r, row in enumerate(table.grid()):
        filled = [c for c in row if c and c.text.strip()]
        texts = [" ".join(c.text.split()) for c in filled]
        if len(filled) == 1:  # a summary box: one cell holding a line per rating
            parts = [" ".join(ln.split()) for ln in filled[0].text.splitlines() if ln.strip()]
        elif rated_cell is not None and sum(1 for t in texts if rated_cell(t)) >= 2:
            parts = texts
        else:
            parts = [" ".join(texts)] if filled else []
        page = row_page(table, r)
        for l_i, text in enumerate(parts):
            start = starts.get((index, ordinal, r, l_i)) if len(filled) == 1 else None
            yield TextLine(text, page, 0.0, False, True, len(filled), l_i > 0, start)


Grid = Sequence[Sequence[TableCell | None]]  # a table's rows; None where a merged cell covers


def document_tables(doc: Document) -> Iterator[tuple[int, TableBlock]]:
    """Every table of the document with the index of its block, in reading order; a table
    nested in a cell (Word) comes right after the table that holds it. Tables cut by a page
    break arrive joined (read/tables.py)."""
    return block_tables(doc.blocks)


def row_page(table: TableBlock, r: int) -> int:
    """The page row `r` was printed on (page 1 in a Word file that records no page breaks)."""
    if r < len(table.row_pages):
        page = table.row_pages[r][0]
        if page is not None:
            return page
    return table.page or 1
