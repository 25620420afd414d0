"""The sanity pass: records that look like several commitments merged are flagged."""

from __future__ import annotations

from typer.testing import CliRunner

import ambicion
from ambicion.extract.sanity import sanity_warnings
from ambicion.model import Commitment, Milestone, Provenance
from ambicion.testing.plans import _font_paths
from ambicion_cli.main import app


def _c(number: str, *, description: str = "", milestones: int = 2, pages=(1, 1)) -> Commitment:
    return Commitment(id=f"x#{number}", number=number, title=f"Título {number}", description=description,
                      milestones=tuple(Milestone(text=f"hito {k}") for k in range(milestones)),
                      provenance=Provenance(source="x.pdf", page_start=pages[0], page_end=pages[1]))


def test_clean_records_give_no_warning():
    assert sanity_warnings([_c("1"), _c("2"), _c("3")], pages=3) == ()


def test_a_commitment_heading_inside_a_record():
    merged = _c("2", description="Texto del dos.\nCompromiso 3: Otro compromiso distinto\nMás texto.")
    [warning] = sanity_warnings([_c("1"), merged, _c("4")], pages=4)
    assert warning.startswith("commitment 2 may be several commitments merged")
    assert "Compromiso 3: Otro compromiso distinto" in warning


def test_far_more_milestones_or_pages_than_the_neighbours():
    many = _c("2", milestones=14)
    long = _c("3", pages=(3, 12))
    warnings = sanity_warnings([_c("1"), many, long, _c("4"), _c("5")], pages=14)
    assert any("commitment 2 has 14 milestones" in w for w in warnings)
    assert any("commitment 3 runs over 10 pages" in w for w in warnings)


def _one_heading_many_pages(path):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    regular, _bold = _font_paths()
    pdf.add_font("DejaVu", "", regular)
    pdf.set_font("DejaVu", "", 11)
    pdf.add_page()
    pdf.cell(0, 8, "Compromiso 1: Un solo encabezado para todo el documento", new_x="LMARGIN", new_y="NEXT")
    for _ in range(7):
        pdf.multi_cell(0, 6, "Texto corrido del plan sin otros encabezados que lo dividan. " * 60,
                       new_x="LMARGIN", new_y="NEXT")
        pdf.add_page()
    pdf.multi_cell(0, 6, "Fin del documento.", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_one_commitment_from_many_pages_warns_on_the_plan_and_in_one_cli_line(tmp_path):
    path = _one_heading_many_pages(tmp_path / "uno.pdf")
    plan = ambicion.read_plan(path)
    assert len(plan.commitments) == 1 and plan.pages >= 6
    assert plan.warnings and plan.warnings[0].startswith("only one commitment was found")
    result = CliRunner().invoke(app, ["extract", str(path), "--kind", "plan", "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert len(lines) == 1 and "uno.pdf" in lines[0] and "only one commitment" in lines[0]


def test_screen_says_when_a_draft_looks_merged(tmp_path):
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=0, cols=2)
    for label, value in (("Nombre del compromiso", "Registro de visitas"),
                         ("Entidad responsable", "Secretaría General"),
                         ("Descripción del compromiso", "Crear un registro de visitas.\n"
                          "Compromiso 2: Contratos abiertos en datos reutilizables\nPublicar los contratos.")):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path = tmp_path / "borrador.docx"
    doc.save(str(path))
    result = CliRunner().invoke(app, ["screen", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("warning:")]
    assert len(lines) == 1 and "borrador.docx" in lines[0]
    assert "may be several commitments merged" in lines[0] and "Compromiso 2: Contratos abiertos" in lines[0]
