"""A word too long for a narrow table cell, broken by the word processor without a hyphen,
is read back whole; words that merely wrapped keep their line breaks."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from ambicion.pdf.layout import Line
from ambicion.pdf.pages import cell_text, read_pages


def _line(text: str, x0: float, x1: float) -> Line:
    return Line(text=text, x0=x0, top=0.0, x1=x1, bottom=10.0, size=11.0)


def test_fragments_that_fill_the_cell_are_one_word():
    # a cell from 85 to 130 pt with 5 pt padding: its text runs from 90 to 125
    lines = [_line("Interi", 90, 121.2), _line("nstitu", 90, 122.3), _line("cional", 90, 123.5),
             _line("idad", 90, 114.2)]
    assert cell_text(lines, 85, 130) == "Interinstitucionalidad"


def test_a_word_that_wrapped_whole_keeps_its_break():
    # "Casa" leaves room for more than a letter of "ministerio": the word moved down whole
    lines = [_line("Casa", 90, 117.2), _line("minis", 90, 120.2), _line("terio", 90, 116.4)]
    assert cell_text(lines, 85, 130) == "Casa\nministerio"
    # a short centred word is not taken for a fragment filling the cell
    assert cell_text([_line("No", 100, 110), _line("iniciado", 92, 118)], 85, 130) == "No\niniciado"
    # two words on the line, or a capital after the break: never joined
    assert cell_text([_line("de la", 90, 124.5), _line("entidad", 90, 120)], 85, 130) == "de la\nentidad"
    assert cell_text([_line("Respo", 90, 124.2), _line("Nacional", 90, 120)], 85, 130) == "Respo\nNacional"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_export_of_a_narrow_column(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.shared import Cm

    doc = docx.Document()
    table = doc.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, (Cm(1.6), Cm(12))):
        column.width = width
        for cell in column.cells:
            cell.width = width
    table.cell(0, 0).text = "Interinstitucionalidad"
    table.cell(0, 1).text = "Valor uno"
    table.cell(1, 0).text = "Casa ministerio"
    table.cell(1, 1).text = "Valor dos"
    source = tmp_path / "estrecha.docx"
    doc.save(source)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    [page] = read_pages(tmp_path / "estrecha.pdf")
    [grid] = page.tables
    assert [[c.text for c in row if c] for row in grid.rows] == [
        ["Interinstitucionalidad", "Valor uno"], ["Casa\nministerio", "Valor dos"]]
