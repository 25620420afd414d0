"""Prose plans: numbered headings, sub-labels, bullets, hyphenation, running headers."""

from __future__ import annotations

import re

import pytest

from ambicion.extract.prose import lines_from_text, paragraphs, segment
from ambicion.testing.samples import COMMITMENTS_ES

pytest.importorskip("fpdf")

SAMPLES = COMMITMENTS_ES[:5]


def flat(text: str) -> str:
    return " ".join(text.replace("\f", " ").split())


def test_headings_open_commitments(prose_es):
    assert prose_es.layout == "prose"
    assert [c.number for c in prose_es.commitments] == ["1", "2", "3", "4", "5"]
    assert [c.title for c in prose_es.commitments] == [s.title for s in SAMPLES]
    assert prose_es.period == "2023-2025" and prose_es.country == "Perú"


@pytest.mark.parametrize("index", range(5))
def test_sub_labels_and_paragraphs(prose_es, index):
    got, want = prose_es.commitments[index], SAMPLES[index]
    assert got.institutions == (want.institution,)
    assert got.dates == want.dates
    assert got.other_actors == want.other_actors
    paras = got.description.split("\n")
    assert paras[:3] == [flat(want.problem), flat(want.what), flat(want.how)]


@pytest.mark.parametrize("index", range(5))
def test_bulleted_milestones_with_dates(prose_es, index):
    got, want = prose_es.commitments[index], SAMPLES[index]
    assert [(m.text, m.start, m.end) for m in got.milestones] == [tuple(m) for m in want.milestones]


def test_words_hyphenated_at_line_ends_are_rejoined(prose_es_pdf, prose_es):
    import pdfplumber

    with pdfplumber.open(prose_es_pdf) as pdf:
        raw = "\n".join(page.extract_text() or "" for page in pdf.pages)
    split_words = re.findall(r"([^\W\d_]+)-\n([^\W\d_]+)", raw)
    assert split_words, "the fixture must hyphenate at least one word"
    text = "\n".join(c.text for c in prose_es.commitments)
    for head, tail in split_words:
        assert head + tail in text
        assert f"{head}-" not in text


def test_page_crossing_paragraphs_and_provenance(prose_es):
    crossing = [c for c in prose_es.commitments if c.provenance.page_start != c.provenance.page_end]
    assert crossing, "the fixture must have a commitment over a page break"
    for c in prose_es.commitments:
        assert "Plan de Acción de Gobierno Abierto 2023-2025" not in c.text
        assert not re.search(r"(^|\n)\d+(\n|$)", c.description)  # no stray page numbers


def test_golden(prose_es, plan_golden):
    plan_golden("plan_prose_es", prose_es)


def _segment(text: str, allow_single: bool = False):
    return segment(paragraphs(lines_from_text(text)), allow_single=allow_single)


def test_heading_variants():
    text = """Introducción al plan.

Compromiso N° 4. Datos abiertos de salud
Entidad responsable: Ministerio de Salud

Commitment 5 – Budget consultation
Lead implementing agency: Ministry of Finance

Compromiso 6:
Registro de lobbies
Describe el registro.
"""
    drafts = _segment(text)
    assert [(d.number, d.title) for d in drafts] == [
        ("4", "Datos abiertos de salud"), ("5", "Budget consultation"), ("6", "Registro de lobbies")]
    assert drafts[0].institutions == ["Ministerio de Salud"]
    assert drafts[1].institutions == ["Ministry of Finance"]
    assert drafts[2].text_of("description") == "Describe el registro."


def test_plain_numbered_headings_when_nothing_else_is_used():
    text = """1. Portal de datos abiertos
El ministerio publicará los datos.
Hitos:
1. Publicación del inventario (enero 2024)
2. Publicación de los datos (junio 2024)

2. Consulta pública del presupuesto
Se abrirá una consulta.
"""
    drafts = _segment(text)
    assert [(d.number, d.title) for d in drafts] == [
        ("1", "Portal de datos abiertos"), ("2", "Consulta pública del presupuesto")]
    assert [(m.text, m.end) for m in drafts[0].milestones] == [
        ("Publicación del inventario", "enero 2024"), ("Publicación de los datos", "junio 2024")]


def test_bullets_outside_milestones_stay_in_the_text():
    text = "Compromiso 1: Agua\nAcciones previstas:\n• Mapear las fuentes\n• Publicar los resultados\n"
    [d] = _segment(text)
    assert d.text_of("description") == "Acciones previstas:\n- Mapear las fuentes\n- Publicar los resultados"


def test_bold_numbered_headings_in_a_pdf(tmp_path):
    import ambicion
    from ambicion.testing import write_prose_plan
    from ambicion.testing.samples import COMMITMENTS_EN, META_EN

    path = write_prose_plan(tmp_path / "numbered_en.pdf", META_EN, COMMITMENTS_EN,
                            heading="{number}. {title}", header=None, footer=None)
    plan = ambicion.read_plan(path)
    assert plan.layout == "prose" and plan.language == "en"
    assert [(c.number, c.title) for c in plan.commitments] == [
        (str(s.number), s.title) for s in COMMITMENTS_EN]
    assert plan.commitments[0].institutions == (COMMITMENTS_EN[0].institution,)
    assert [(m.text, m.start, m.end) for m in plan.commitments[1].milestones] == [
        tuple(m) for m in COMMITMENTS_EN[1].milestones]


def test_grouping_headings_between_commitments_are_dropped():
    text = "Compromiso 1: Agua\nTexto del primero.\n\nEje 2: Integridad\n\nCompromiso 2: Lobby\nTexto.\n"
    first, second = _segment(text)
    assert first.text_of("description") == "Texto del primero."
    assert second.title == "Lobby"


def test_a_bold_heading_wrapped_over_two_lines(tmp_path):
    import ambicion
    from ambicion.testing import write_prose_plan
    from ambicion.testing.samples import META_ES

    path = write_prose_plan(tmp_path / "largo.pdf", META_ES, COMMITMENTS_ES[4:6],
                            heading="Compromiso N° {number}. {title}", bullet="-")
    plan = ambicion.read_plan(path)
    assert [c.title for c in plan.commitments] == [c.title for c in COMMITMENTS_ES[4:6]]
    assert "documental" not in plan.commitments[1].description.split("\n")[0][:20]
