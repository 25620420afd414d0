"""Month-and-year dates ("03/2025") are dates: in milestones and in the judge's date count."""

from __future__ import annotations

import pytest

import ambicion
from ambicion.dates import count_dates, find_dates
from ambicion.extract.fields import parse_milestone


@pytest.mark.parametrize("text, start, end", [
    ("Catálogo de datos aprobado (03/2025 – 06/2025)", "03/2025", "06/2025"),
    ("Portal en funcionamiento 07/2025 - 12/2025", "07/2025", "12/2025"),
    ("Informe anual publicado (12-2025)", None, "12-2025"),
])
def test_month_and_year_dates_close_a_milestone(text, start, end):
    m = parse_milestone(text)
    assert (m.start, m.end) == (start, end)
    assert "2025" not in m.text


def test_not_a_month_is_not_a_date():
    assert find_dates("expediente 13/2025") == []
    assert [d.group(0) for d in find_dates("del 15/03/2025")] == ["15/03/2025"]  # whole, not its tail
    assert count_dates("de 03/2025 a 06/2025") == 2


def test_milestones_with_month_and_year_in_a_text_draft():
    text = ("Compromiso 1: Registro abierto de obras\n\n"
            "Entidad responsable: Municipalidad Provincial\n\n"
            "Hitos:\n\n- Catálogo aprobado (03/2025 – 06/2025)\n- Portal en línea (07/2025 – 12/2025)\n")
    [c] = ambicion.read_draft(text)
    assert [(m.text, m.start, m.end) for m in c.milestones] == [
        ("Catálogo aprobado", "03/2025", "06/2025"), ("Portal en línea", "07/2025", "12/2025")]
