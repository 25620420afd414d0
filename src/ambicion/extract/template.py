"""Read commitments from the OGP template: label | value tables and milestone tables.

Input is the document's tables, already merged across page breaks (read/tables.py) or taken
from a Word file. A commitment opens at a "Compromiso N° …" row (merged heading row, or a
number or title label); label rows fill its fields; a milestones table (milestone | start |
end) or a "Hitos" row fills its milestones. Tables with no recognised label at all (summary
matrices, annexes) are ignored rather than guessed at. This module only walks the table's
shape (which cell is a label, which its value); where a value goes is fill.py's decision.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..read.tables import MergedTable, RowTexts
from ..read.columns import cell_role, field_table_header, milestone_header
from ..read.label import Label, label_of
from ..read.segment import (
    MILESTONE_COLUMNS,
    is_matrix,
)
from .fields import (
    Draft,
    clean_value,
    parse_heading,
)
from .fill import Filler


def _cell_label(text: str, first: bool = True) -> Label | None:
    """The labeller's reading of a table cell (`first`: the row's label cell)."""
    return label_of(text, cell=True, first=first)


def _has_labels(table: MergedTable) -> bool:
    for row in table.rows:
        cells = [t for t in row.texts() if t and t.strip()]
        if not cells:
            continue
        if parse_heading(cells[0]) or _cell_label(cells[0], first=False) or milestone_header(row.texts()):
            return True
    return False


class _Reader(Filler):
    """The template walk: table rows and cells, each label handed to the filler."""

    def take(self, table: MergedTable) -> None:
        """Walk `table` when it is a commitment's: label rows, milestone tables, or the rest
        of the table before it; summary matrices and label-less tables are left out."""
        if is_matrix(table):
            return
        if _has_labels(table) or (self.drafts and _continues(table)):
            self.table(table)

    def kept(self) -> list[Draft]:
        """The commitments filled, without empty ones and ones with nothing to name them."""
        return [d for d in self.drafts if not d.empty and (d.title or d.number or d.fields)]

    # ------------------------------------------------------------ rows

    def table(self, table: MergedTable) -> None:
        mcols: dict[str, int] | None = None
        pending: str | None = None  # a label on its own row, its value below
        header: list[str | None] | None = None  # a row of labels, values in the next row
        notes: set[int] = set()  # columns a "Campo | Descripción | Observaciones" header calls notes
        for row in table.rows:
            texts = row.texts()
            columns = field_table_header(texts)
            if columns is not None:
                notes = {i for role, i in columns.items() if role == "notes"}
                continue
            if notes:
                texts = [None if i in notes else t for i, t in enumerate(texts)]
            cells = [(i, t.strip()) for i, t in enumerate(texts) if t is not None and t.strip()]
            if not cells:
                continue
            page = row.page
            cols = milestone_header(texts)
            if cols:
                mcols, pending, header = cols, None, None
                self.cur.touch("milestones", page)
                continue
            first_i, first = cells[0]
            heading = parse_heading(first)
            found = _cell_label(first) if not heading else None
            code = "number" if heading else (found.field if found else None)
            if mcols is not None and (code is None or code in MILESTONE_COLUMNS):
                self.milestone_row(texts, mcols, row.page, row.end_page)
                continue
            mcols = None
            if header is not None and code is None:
                for i, t in cells:
                    name = header[i] if i < len(header) else None
                    if name:
                        self.labelled(name, t, page)
                header = None
                continue
            header = None
            if len(cells) == 1:
                if heading:
                    self.open(heading[0], heading[1], page)
                elif found and found.value:
                    self.labelled(found.field, found.value, page)  # "Entidad responsable: MEF" in one cell
                    pending = None
                elif found:
                    pending = found.field
                    if pending == "milestones":
                        self.cur.touch("milestones", page)
                elif pending:
                    self.labelled(pending, first, page)
                    pending = None
                elif first_i > 0 and texts[0] == "" and self.last_code:
                    self.put(self.last_code, first, page, extend=True)  # empty label: same field
                else:
                    self.put(self.last_code or "description", first, page)
                continue
            pending = None
            labels = [None if heading and k == 0 else _cell_label(t, first=k == 0)
                      for k, (_, t) in enumerate(cells)]
            if all(labels) and len(cells) >= 2 and not any(lab.value for lab in labels if lab):
                header = [None] * len(texts)
                for (i, _), lab in zip(cells, labels):
                    header[i] = lab.field if lab else None
                continue
            if first_i > 0 and texts[0] == "" and self.last_code:
                self.put(self.last_code, "\n".join(t for _, t in cells), page, extend=True)
                continue
            self.pairs(cells, labels, heading, page, row.end_page)

    def pairs(self, cells: list[tuple[int, str]], labels: list[Label | None],
              heading: tuple[str, str] | None, page: int | None, end_page: int | None) -> None:
        """A row of label | value (| label | value …) cells: each label takes the unlabelled
        cells after it as its value, or the value printed in its own cell."""
        i = 0
        while i < len(cells):
            text = cells[i][1]
            found = labels[i]
            value_parts = []
            j = i + 1
            while j < len(cells) and not labels[j]:
                value_parts.append(cells[j][1])
                j += 1
            value = "\n".join(value_parts)
            if i == 0 and heading:
                self.open(heading[0], heading[1] or value, page)
            elif found is None:
                # an unknown label: keep its text rather than lose it
                self.put("additional", f"{text}: {value}" if value else text, page)
            else:
                self.labelled(found.field, value or found.value, page)
            self.touch_end(self.last_code or "description", page, end_page)
            i = j


def _continues(table: MergedTable) -> bool:
    """A table that starts with an empty label cell: the rest of the previous one, cut off
    from it by a footnote or a caption at the page end."""
    first = table.rows[0].texts() if table.rows else []
    return bool(first) and first[0] == "" and any(t and t.strip() for t in first[1:])


def read_tables(tables: Sequence[MergedTable]) -> list[Draft]:
    """Commitments found in the template tables, in document order (possibly none)."""
    reader = table_reader()
    for table in tables:
        reader.take(table)
    return reader.kept()


def table_reader() -> "_Reader":
    """A filler that walks tables (`take`), for a pass that also walks running text."""
    return _Reader()



# ---------------------------------------------------------------- one commitment per row

# Header cells of a matrix that name the commitment itself (its number or its title).
_NAME_CODES = ("number", "title")


def _matrix_columns(texts: RowTexts) -> dict[int, str] | None:
    """Column -> field for a matrix's header row: known labels, "N°" for the number; the
    row must name the commitment (a number or title column) and one more field."""
    cols: dict[int, str] = {}
    for i, t in enumerate(texts):
        if not t or not t.strip():
            continue
        found = _cell_label(t)
        code = found.field if found else None
        if code is None and cell_role(t) == "index":
            code = "number"
        if code is not None and code != "contact":
            cols[i] = code
    named = any(c in _NAME_CODES or c in ("description", "what") for c in cols.values())
    return cols if named and len(cols) >= 2 else None


def read_matrix_rows(tables: Sequence[MergedTable]) -> list[Draft]:
    """Commitments from matrices with one commitment per row, under a header of labels
    ("N° | Compromiso | Entidad responsable | Hitos | Plazo"); the header may repeat on
    each page, and a theme row (one cell across the table) is skipped."""
    drafts: list[Draft] = []
    for table in tables:
        cols: dict[int, str] | None = None
        for row in table.rows:
            texts = row.texts()
            cells = [(i, t.strip()) for i, t in enumerate(texts) if t and t.strip()]
            if len(cells) < 2:
                continue  # empty, or a theme row merged across the table
            header = _matrix_columns(texts)
            if header is not None and all(_cell_label(t) or cell_role(t) for _, t in cells):
                cols = header
                continue
            if cols is None:
                continue
            d = Draft()
            for i, value in cells:
                code = cols.get(i)
                if code is None:
                    continue
                if code in _NAME_CODES:
                    m = re.fullmatch(r"(?:n[°º.]?\s*)?(\d{1,3}(?:\.\d{1,2})?)\.?", value, re.I)
                    if m and d.number is None:
                        d.number = m.group(1)
                        d.touch("number", row.page)
                        continue
                    heading = parse_heading(value)
                    if heading:
                        d.number = d.number or heading[0]
                        value = heading[1] or value
                    numbered = re.match(r"^(\d{1,3})\s*[.)]\s+(\S.*)$", value, re.S)
                    if numbered and d.number is None:
                        d.number, value = numbered.group(1), numbered.group(2)
                    d.add("title", clean_value(value), row.page)
                elif code == "milestones":
                    Filler([d]).milestone_items(value, row.page)
                else:
                    d.add(code, clean_value(value), row.page)
            if not d.empty and (d.title or d.fields):
                drafts.append(d)
    return drafts
