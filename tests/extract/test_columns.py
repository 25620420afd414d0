"""Header cells by meaning (read/columns.py) and tolerant label cells (read/label.py)."""

from __future__ import annotations

import pytest

from ambicion.read.columns import field_table_header, milestone_header
from ambicion.read.label import label_of


@pytest.mark.parametrize("row, expected", [
    (["N°", "Hito", "Fecha inicio", "Fecha fin", "Entidad responsable"],
     {"index": 0, "text": 1, "start": 2, "end": 3, "responsible": 4}),
    (["Milestones", "Expected outputs", "Expected completion date", "Stakeholders"],
     {"text": 0, "deliverable": 1, "end": 2, "responsible": 3}),
    (["Fecha de término", "Actividad / hito verificable", "Fecha de inicio prevista"],
     {"end": 0, "text": 1, "start": 2}),
    (["Hito", "Responsable", "Presupuesto", "Fecha límite"],  # one unknown column among three known
     {"text": 0, "responsible": 1, "end": 3}),
    (["Atividade", "Data de início", "Data de término"], {"text": 0, "start": 1, "end": 2}),
])
def test_milestone_headers_in_any_order_and_language(row, expected):
    assert milestone_header(row) == expected


@pytest.mark.parametrize("row", [
    ["Entidad responsable", "Ministerio de Salud"],  # a label | value row
    ["No.", "Commitment", "Lead institution", "Access to information"],  # a summary matrix
    ["Hito", "Publicar el reglamento"],
    ["Fecha de inicio", "Fecha de término"],  # dates without an activity
])
def test_rows_that_are_not_milestone_headers(row):
    assert milestone_header(row) is None


def test_label_value_header_with_a_notes_column():
    assert field_table_header(["Campo", "Descripción", "Observaciones"]) == {"label": 0, "value": 1, "notes": 2}
    assert field_table_header(["Field", "Content"]) == {"label": 0, "value": 1}
    assert field_table_header(["Descripción", "Campo"]) is None


@pytest.mark.parametrize("cell, code", [
    ("DESCRIPCIÓN DEL COMPROMISO:", "description"),
    ("Descripcion del compromsio", "description"),  # misspelt
    ("3. Descripción del compromiso", "description"),  # numbered label
    ("Lead institution", "institutions"),
    ("Duration", "dates"),
    ("Ministerio de Salud", None),
])
def test_label_cells_match_tolerantly(cell, code):
    found = label_of(cell, cell=True)
    assert (found.field if found else None) == code
