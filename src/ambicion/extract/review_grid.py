"""Ratings from summary tables whose columns are IRM fields and whose cells hold the values.

Results Reports and some Action Plan Reviews summarise the commitments in a table such as
"Compromiso | Finalización | ¿Se avanzó en la apertura del Gobierno?" with one row per
commitment ("1. Título | Sustancial | Marginalmente"). The header cells are the same labels
the key–value annex uses, so they are recognised with the annex reader's label matching.
Tick tables (older reports) are left to the tick-table reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..labels import IMPACT_TO_AMBITION
from ..model import IrmRating, Provenance, Rating
from ..read.blocks import Document, TableCell
from .review_current import match_field, parse_value
from .review_legacy import find_layout
from ..read.review_segment import row_start
from .review_text import Grid, document_tables, has_star, row_page


@dataclass(frozen=True)
class GridLayout:
    ncols: int
    fields: dict[int, str]  # column index -> field code
    data_start: int

    @property
    def first_field(self) -> int:
        return min(self.fields)


def find_grid(rows: Grid) -> GridLayout | None:
    """A header row with at least two field labels and nothing after the label, else None."""
    for r, row in enumerate(rows[:3]):
        fields: dict[int, str] = {}
        for j, cell in enumerate(row):
            if cell is None or not cell.text.strip():
                continue
            found = match_field(" ".join(cell.text.split()))
            if found is not None and not found[1]:
                fields[j] = found[0]
        if len(fields) >= 2 and min(fields) > 0:
            return GridLayout(ncols=len(row), fields=fields, data_start=r + 1)
    return None


def grid_ratings(doc: Document, source: str) -> list[IrmRating]:
    """One rating per data row of every field-labelled summary table, in document order."""
    out: list[IrmRating] = []
    layout: GridLayout | None = None
    for _, table in document_tables(doc):
        grid = table.grid()
        if not grid or find_layout(grid) is not None:
            layout = None
            continue
        own = find_grid(grid)
        if own is not None:
            layout, start = own, own.data_start
        elif layout is not None and len(grid[0]) == layout.ncols:
            start = 0  # the table goes on after text in between, without its header
        else:
            layout = None
            continue
        for r in range(start, len(grid)):
            rating = _row(grid[r], layout, row_page(table, r), source)
            if rating is not None:
                out.append(rating)
    return out


def _row(row: Sequence[TableCell | None], layout: GridLayout, page: int, source: str) -> IrmRating | None:
    if len(row) != layout.ncols:
        return None
    label = " ".join(" ".join(c.text.split()) for c in row[:layout.first_field] if c and c.text.strip())
    found = row_start(label)  # the segmenter's reading of a row label, as in `review_starts`
    if found is None:
        return None
    numbers, title = found
    values: dict[str, object] = {}
    for j, code in layout.fields.items():
        cell = row[j]
        if cell is not None and cell.text.strip():
            value = parse_value(code, " ".join(cell.text.split()))
            if value is not None:
                values[code] = value
    if not values:
        return None
    potential, impact = values.get("potential_results"), values.get("potential_impact")
    ambition = (potential.normalized if isinstance(potential, Rating)
                else IMPACT_TO_AMBITION.get(impact.normalized) if isinstance(impact, Rating) else None)

    def rating(name: str) -> Rating | None:
        v = values.get(name)
        return v if isinstance(v, Rating) else None

    def flag(name: str) -> bool | None:
        v = values.get(name)
        return v if isinstance(v, bool) else None

    return IrmRating(
        number=numbers[0] if numbers else None,
        title=title,
        verifiable=flag("verifiable"),
        open_gov_lens=flag("open_gov_lens"),
        potential_results=rating("potential_results"),
        promising=flag("promising"),
        specificity=rating("specificity"),
        potential_impact=rating("potential_impact"),
        completion=rating("completion"),
        opened_government=rating("opened_government"),
        starred=True if has_star(label) else None,
        ambition=ambition,
        cluster=numbers if len(numbers) > 1 else (),
        provenance=Provenance(source=source, page_start=page, page_end=page,
                              field_pages={k: page for k in values}),
    )
