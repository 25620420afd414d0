"""A prose plan with heading sections, footnotes and "Hito N.k" milestone lists (fpdf2).

Difficulties: footnotes at page bottoms (small print, numbered) with raised reference marks in
the text; milestones as "Hito 1.2 …" lines under a "Hitos" heading with no colon; a label-like
phrase inside running text ("Entidad responsable: …") where the plan sets its real labels in
bold; an annex heading after the last commitment whose glossary must not become milestones.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ambicion
from ambicion.testing.plans import _font_paths

FOOTNOTE = "Decreto de referencia número 45 publicado en el boletín oficial"
GLOSSARY = "Hito: resultado verificable que marca un avance."
COMMITMENTS = [
    ("Compras públicas abiertas en salud", "Dirección de Abastecimiento",
     [("Estándar de datos de compras aprobado", "marzo de 2025"),
      ("Portal de compras en línea", "agosto de 2025"),
      ("Informe de uso publicado", "enero de 2026")]),
    ("Audiencias de rendición de cuentas en escuelas", "Dirección Regional de Educación",
     [("Guía de audiencias aprobada", "abril de 2025"),
      ("Audiencias realizadas en cien escuelas", "noviembre de 2025")]),
]


def _write(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    regular, bold = _font_paths()
    pdf.add_font("DejaVu", "", regular)
    pdf.add_font("DejaVu", "B", bold)
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(False)
    for k, (title, institution, milestones) in enumerate(COMMITMENTS, start=1):
        pdf.add_page()
        pdf.set_font("DejaVu", "B", 13)
        pdf.multi_cell(0, 7, f"Compromiso {k}. {title}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 6, f"Entidad responsable: {institution}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("DejaVu", "", 11)
        pdf.write(6, "La entidad publicará la información en formatos abiertos conforme a la norma")
        pdf.char_vpos = "SUP"
        pdf.write(6, "1")
        pdf.char_vpos = "LINE"
        pdf.write(6, ". Entidad responsable: la oficina de planeamiento coordinará con la sociedad civil.")
        pdf.ln(9)
        pdf.set_font("DejaVu", "B", 11)
        pdf.cell(0, 6, "Hitos", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        for j, (text, end) in enumerate(milestones, start=1):
            pdf.cell(0, 6, f"    Hito {k}.{j} {text} ({end}).", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        pdf.line(20, 262, 80, 262)  # the footnote separator
        pdf.set_xy(20, 265)
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(0, 4, f"1 {FOOTNOTE}.", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 0)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 14)
    pdf.cell(0, 8, "Anexo. Glosario", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 6, GLOSSARY, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    return ambicion.read_plan(_write(tmp_path_factory.mktemp("sections") / "secciones.pdf"))


def test_every_commitment_with_its_hito_lines(plan):
    assert [c.title for c in plan.commitments] == [c[0] for c in COMMITMENTS]
    assert [[(m.text, m.end) for m in c.milestones] for c in plan.commitments] == \
        [[(t, e) for t, e in c[2]] for c in COMMITMENTS]


def test_label_inside_running_text_is_text(plan):
    assert [c.institutions for c in plan.commitments] == [(c[1],) for c in COMMITMENTS]
    assert "la oficina de planeamiento coordinará" in plan.commitments[0].description


def test_footnotes_and_reference_marks_stay_out(plan):
    for c in plan.commitments:
        text = json.dumps(c.to_dict(), ensure_ascii=False)
        assert FOOTNOTE not in text
        assert "norma1" not in text
    assert "conforme a la norma." in plan.commitments[0].description


def test_annex_after_the_last_commitment_is_not_part_of_it(plan):
    last = plan.commitments[-1]
    assert all("resultado verificable" not in m.text for m in last.milestones)
    assert "Glosario" not in json.dumps(last.to_dict(), ensure_ascii=False)
