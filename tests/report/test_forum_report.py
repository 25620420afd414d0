"""The forum's written feedback in HTML, Markdown and XLSX."""

from __future__ import annotations

import re

import openpyxl
import pytest

from ambicion.errors import OutputError
from ambicion.report.forum import evidence_spans, segments, write_forum_report

HOSTILE_TITLE = '=HYPERLINK("x","y") <script>alert(1)</script>'  # as in conftest.py


@pytest.fixture(scope="module")
def html_es(forum_assessments, tmp_path_factory):
    target = tmp_path_factory.mktemp("forum") / "respuesta.html"
    write_forum_report(forum_assessments, target, "html")
    return target.read_text("utf-8")


def test_html_is_spanish_by_default_with_overview_and_one_card_each(html_es):
    assert '<html lang="es">' in html_es
    assert "Respuesta del foro multiactor" in html_es
    assert "Resumen" in html_es and "Sugerencias para elevar la ambición" in html_es
    assert html_es.count('<section class="card"') == 3
    overview = html_es.split("<section")[0]
    assert overview.count("<tr>") == 4  # heading + three commitments
    assert "Sustancial (70%)" in overview and "Gobierno electrónico sin apertura" in overview


def test_html_escapes_user_text(html_es):
    assert "<script>" not in html_es and "alert(1)</script>" not in html_es
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_es
    assert "<b>segura</b>" not in html_es and "&lt;b&gt;segura&lt;/b&gt;" in html_es


def test_html_loads_nothing_from_the_network(html_es):
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html_es, re.I)
    assert "<script" not in html_es.lower()
    assert "@import" not in html_es and "url(" not in html_es


def test_evidence_is_highlighted_in_the_commitment_text(html_es):
    card = html_es.split('<section class="card" id="c1">')[1].split("</section>")[0]
    marked = re.findall(r'<mark class="([^"]+)" title="([^"]*)">([^<]*)</mark>', card)
    texts = {t for _, _, t in marked}
    assert {"registro público", "publicar"} <= texts
    assert "decreto supremo" not in texts  # no evidence span covers it
    assert ("value", "Acceso a la información", "publicar") in marked
    assert not re.search(r'(<mark class="[^"]+" title="[^"]*">)[^<]*</mark>\1', card)  # merged
    card3 = html_es.split('id="c3">')[1]
    assert re.search(r'<mark class="flag" title="Reitera funciones existentes">Continuar</mark>', card3)


def test_overlapping_evidence_splits_into_segments(forum_assessments):
    a = forum_assessments[0]
    spans = evidence_spans(a)
    assert spans and all(a.text[s.start:s.end] for s in spans)
    pieces = segments(a.text, spans)
    assert "".join(p for p, _ in pieces) == a.text


def test_english_report(forum_assessments, tmp_path):
    target = tmp_path / "feedback.html"
    write_forum_report(forum_assessments, target, "html", lang="en")
    page = target.read_text("utf-8")
    assert '<html lang="en">' in page and "Suggestions to raise ambition" in page
    assert "Plain e-government" in page and "Substantial (70%)" in page


def test_markdown_escapes_and_highlights(forum_assessments, tmp_path):
    target = tmp_path / "respuesta.md"
    write_forum_report(forum_assessments, target, "md")
    md = target.read_text("utf-8")
    assert md.startswith("# Respuesta del foro multiactor")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "**registro público**" in md and "**decreto supremo**" not in md
    assert md.count("\n## ") == 4  # overview + three commitments
    table_rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(table_rows) == 4 and all(r.count(" | ") == 4 for r in table_rows)


def test_xlsx_neutralises_formulas(forum_assessments, tmp_path):
    target = tmp_path / "respuesta.xlsx"
    write_forum_report(forum_assessments, target, "xlsx")
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["resumen", "evidencia"]
    cells = [c.value for row in wb["resumen"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "'" + HOSTILE_TITLE in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert all(c.data_type != "f" for row in wb["resumen"].iter_rows() for c in row)
    evidence = [[c.value for c in row] for row in wb["evidencia"].iter_rows(min_row=2)]
    assert ["draft#1", "Acceso a la información", "publicar"] in [r[1:2] + r[3:] for r in evidence]


def test_refuses_to_overwrite_an_input_and_unknown_formats(forum_assessments, tmp_path):
    source = tmp_path / "draft.md"
    source.write_text("original")
    with pytest.raises(OutputError):
        write_forum_report(forum_assessments, source, "md", inputs=[source])
    assert source.read_text() == "original"
    with pytest.raises(OutputError):
        write_forum_report(forum_assessments, tmp_path / "x.pdf", "pdf")  # type: ignore[arg-type]
    assert not (tmp_path / "x.pdf").exists()


def test_empty_input_still_writes_a_valid_document(tmp_path):
    write_forum_report([], tmp_path / "empty.html", "html")
    assert "</html>" in (tmp_path / "empty.html").read_text("utf-8")
    write_forum_report([], tmp_path / "empty.xlsx", "xlsx")
    assert openpyxl.load_workbook(tmp_path / "empty.xlsx").sheetnames == ["resumen", "evidencia"]
