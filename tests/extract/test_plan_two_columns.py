"""A prose plan set in two columns (fpdf2): each column is read top to bottom, not across."""

from __future__ import annotations

import ambicion
from ambicion.testing.plans import _font_paths

LEFT = ("Compromiso 1: Datos abiertos de transporte",
        "Publicar las rutas y horarios del transporte público en formatos abiertos cada mes.")
RIGHT = ("Compromiso 2: Consulta vecinal de obras",
         "Consultar a los vecinos antes de aprobar cada obra de más de un millón en su barrio.")


def _write(path):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    regular, bold = _font_paths()
    pdf.add_font("DejaVu", "", regular)
    pdf.add_font("DejaVu", "B", bold)
    pdf.add_page()
    for x, (heading, body) in ((15, LEFT), (110, RIGHT)):
        pdf.set_xy(x, 30)
        pdf.set_font("DejaVu", "B", 11)
        pdf.multi_cell(85, 6, heading, new_x="LEFT", new_y="NEXT")
        pdf.set_font("DejaVu", "", 11)
        pdf.multi_cell(85, 6, (body + " ") * 6, new_x="LEFT", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_each_column_is_one_commitment(tmp_path):
    plan = ambicion.read_plan(_write(tmp_path / "dos_columnas.pdf"))
    assert [c.title for c in plan.commitments] == [LEFT[0].split(": ")[1], RIGHT[0].split(": ")[1]]
    assert plan.commitments[0].description.startswith(LEFT[1])
    assert RIGHT[1][:30] not in plan.commitments[0].description
    assert plan.commitments[1].description.startswith(RIGHT[1])
