"""The one field labeller: a label maps to its field wherever it stands."""

from __future__ import annotations

import pytest

from ambicion.read.label import Label, label_of, parse_heading


@pytest.mark.parametrize("text, expected", [
    ("Entidad responsable: Ministerio de Salud", Label("institutions", "Ministerio de Salud", "colon")),
    ("INSTITUCIÓN RESPONSABLE: Minsa", Label("institutions", "Minsa", "colon")),
    ("Lead implementing agency: Treasury", Label("institutions", "Treasury", "colon")),
    ("2. Entidad responsable: Gobierno regional", Label("institutions", "Gobierno regional", "numbered")),
    ("Hitos", Label("milestones", "", "alone")),
    ("Descripcion del compromiso", Label("description", "", "alone")),
])
def test_a_label_in_a_line(text, expected):
    assert label_of(text) == expected


def test_running_text_is_no_label():
    assert label_of("La entidad responsable publicará el informe cada año en su portal.") is None
    assert label_of("Publicar el reglamento: enero de 2025") is None


def test_a_table_cell_tolerates_numbering_and_misspelling():
    assert label_of("3. Descripcion del compromsio", cell=True) == Label("description", "", "cell")


@pytest.mark.parametrize("text, number, title", [
    ("Compromiso N° 4. Datos abiertos de obras", "4", "Datos abiertos de obras"),
    ("COMMITMENT 3 – Open budgets", "3", "Open budgets"),
    ("Compromiso Nro. 12: Registro de beneficiarios", "12", "Registro de beneficiarios"),
    ("Compromiso 2", "2", ""),
])
def test_commitment_headings(text, number, title):
    assert parse_heading(text) == (number, title)
    assert label_of(text, heading=True) == Label("commitment", title, "heading", number)
    assert label_of(text) is None or label_of(text).position != "heading"  # only when asked


def test_a_label_running_on_without_a_colon_counts_only_for_the_segmenter():
    text = "Entidad responsable de la implementación Ministerio de Educación y sus direcciones regionales"
    assert label_of(text) is None  # the field walks leave it as text
    assert label_of(text, lead=True) == Label("institutions", "", "lead")
    assert label_of("Publicar el padrón de obras en el portal municipal cada mes", lead=True) is None


def test_numbered_label_paragraphs_fill_their_fields_in_a_text_draft():
    import ambicion

    text = ("Compromiso 1: Registro abierto de obras\n\n"
            "1. Entidad responsable: Municipalidad Provincial\n\n"
            "2. Descripción del compromiso: Publicar cada obra con su presupuesto.\n")
    [c] = ambicion.read_draft(text)
    assert c.institutions == ("Municipalidad Provincial",)
    assert c.description == "Publicar cada obra con su presupuesto."
