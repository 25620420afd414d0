"""A plan that prints some commitments as label tables and others as running text reports
its layout as "mixed" (and one with tables only as "template")."""

from __future__ import annotations

import pytest

import ambicion


def _write(path, *, text_commitment: bool) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()

    def para(text: str, bold: bool = False) -> None:
        pdf.set_font("Helvetica", "B" if bold else "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    def table(rows) -> None:
        pdf.set_font("Helvetica", "", 10)
        with pdf.table(col_widths=(60, 120), first_row_as_headings=False) as t:
            for label, value in rows:
                row = t.row()
                row.cell(label)
                row.cell(value)
        pdf.ln(4)

    para("Plan de Acción de Gobierno Abierto 2024-2026")
    para("Compromiso 1: Registro abierto de obras", bold=True)
    table((("Entidad responsable", "Ministerio de Economía"),
           ("Descripción del compromiso", "Publicar cada obra con su presupuesto y su avance.")))
    para("Compromiso 2: Mesas vecinales del agua", bold=True)
    if text_commitment:
        para("Entidad responsable: Autoridad Nacional del Agua")
        para("Descripción del compromiso: Instalar mesas vecinales que revisen el presupuesto del agua.")
    else:
        table((("Entidad responsable", "Autoridad Nacional del Agua"),
               ("Descripción del compromiso", "Instalar mesas vecinales que revisen el presupuesto del agua.")))
    pdf.output(str(path))


@pytest.mark.parametrize("text_commitment, layout", [(True, "mixed"), (False, "template")])
def test_the_layout_says_whether_tables_and_running_text_were_mixed(tmp_path, text_commitment, layout):
    pytest.importorskip("fpdf")
    path = tmp_path / "plan.pdf"
    _write(path, text_commitment=text_commitment)
    plan = ambicion.read_plan(path)
    assert plan.layout == layout
    assert [(c.number, c.institutions) for c in plan.commitments] == [
        ("1", ("Ministerio de Economía",)), ("2", ("Autoridad Nacional del Agua",))]
    assert ambicion.Plan.from_dict(plan.to_dict()).layout == layout
