"""Plan metadata and heading details read from text."""

from __future__ import annotations

import pytest

from ambicion.extract.fields import parse_heading, parse_milestone
from ambicion.extract.plan import find_country, find_period


@pytest.mark.parametrize("text, period", [
    ("Plan de Acción de Gobierno Abierto 2023-2025", "2023-2025"),
    ("IV Plan de Acción 2020 – 2021", "2020-2021"),
    ("National Action Plan 2022 to 2024", "2022-2024"),
    ("Plan 2017-19", "2017-2019"),
    ("Ley 27806 de 2002; informe 1990-2020", ""),
])
def test_period(text, period):
    assert find_period(text) == period


def test_country_in_the_document_language():
    assert find_country("Gobierno del Perú. Plan de Acción", "es") == "Perú"
    assert find_country("Government of Peru", "en") == "Peru"
    assert find_country("Sin país conocido", "es") == ""
    # the country named as the plan's own outweighs a passing mention of another
    assert find_country("País: Chile. Cooperación con Perú.", "es") == "Chile"


@pytest.mark.parametrize("text, expected", [
    ("Compromiso N° 4. Regulación del lobby", ("4", "Regulación del lobby")),
    ("COMPROMISO 12: DATOS", ("12", "DATOS")),
    ("Commitment 3 – Open budget", ("3", "Open budget")),
    ("Compromiso 1: Agua ........ 12", ("1", "Agua")),
    ("Compromiso 1 busca mejorar", None),
    ("Los compromisos 1 y 2", None),
])
def test_headings(text, expected):
    assert parse_heading(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Publicar el reglamento (enero 2024 – junio 2024)", ("Publicar el reglamento", "enero 2024", "junio 2024")),
    ("• Informe final: diciembre 2025", ("Informe final", None, "diciembre 2025")),
    ("Aplicar la Ley 27806 de 2002", ("Aplicar la Ley 27806 de 2002", None, None)),
    ("Portal en línea – 15/03/2024 – 30/06/2024", ("Portal en línea", "15/03/2024", "30/06/2024")),
    ("Evaluación (II semestre 2025)", ("Evaluación", None, "II semestre 2025")),
    ("Workshop; start: January 2024; end: March 2024", ("Workshop", "January 2024", "March 2024")),
])
def test_milestone_dates(text, expected):
    m = parse_milestone(text)
    assert (m.text, m.start, m.end) == expected
