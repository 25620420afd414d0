"""Word files get page numbers where Word recorded page breaks (approximate: a Word file is
laid out by whatever opens it), on files generated here with python-docx."""

from __future__ import annotations

import pytest

import ambicion
from ambicion.read.docx import read_docx

docx = pytest.importorskip("docx")


def _pages(path) -> list[tuple[int | None, str]]:
    return [(b.page, b.text.split("\n")[0][:12]) for b in read_docx(path).blocks if b.kind != "table"]


def _rendered_break(paragraph, *, at_start: bool = True) -> None:
    """Put a w:lastRenderedPageBreak in `paragraph`'s first run (before its text, or after)."""
    from docx.oxml import OxmlElement

    run = paragraph.runs[0]._r
    mark = OxmlElement("w:lastRenderedPageBreak")
    if at_start:
        run.insert(1 if run.rPr is not None else 0, mark)
    else:
        run.append(mark)


def test_explicit_page_and_section_breaks_count_pages(tmp_path):
    from docx.enum.section import WD_SECTION

    d = docx.Document()
    d.add_paragraph("Portada")
    d.add_page_break()
    d.add_paragraph("Segunda")
    d.add_section(WD_SECTION.CONTINUOUS)  # a section that goes on on the same page
    d.add_paragraph("Continua")
    d.add_section(WD_SECTION.NEW_PAGE)
    d.add_paragraph("Tercera")
    d.add_paragraph("Cuarta").paragraph_format.page_break_before = True
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("Fila uno")
    table.cell(0, 0).paragraphs[0].add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    table.cell(1, 0).text = "Fila dos"
    d.add_paragraph("Final")
    d.save(tmp_path / "p.docx")

    doc = read_docx(tmp_path / "p.docx")
    assert _pages(tmp_path / "p.docx") == [(1, "Portada"), (2, "Segunda"), (2, "Continua"),
                                           (3, "Tercera"), (4, "Cuarta"), (5, "Final")]
    [grid] = [b for b in doc.blocks if b.kind == "table"]
    assert (grid.page, grid.row_pages) == (4, ((4, 5), (5, None)))  # a row a break cut
    assert doc.pages == 5


def test_breaks_word_rendered_are_counted_and_explicit_ones_not_twice(tmp_path):
    d = docx.Document()
    d.add_paragraph("Uno")
    d.add_page_break()  # Word also marks where the next page began when it laid the file out
    _rendered_break(d.add_paragraph("Dos"))
    long = d.add_paragraph("Un párrafo largo que sigue")
    _rendered_break(long, at_start=False)  # a page Word filled and broke within the paragraph
    long.add_run(" en la página siguiente")
    d.add_paragraph("Tres")
    d.save(tmp_path / "r.docx")

    doc = read_docx(tmp_path / "r.docx")
    assert [(b.page, b.page_end) for b in doc.blocks] == [(1, 1), (2, 2), (2, 3), (3, 3)]
    assert doc.pages == 3


def test_a_word_file_without_recorded_breaks_has_no_pages(tmp_path):
    d = docx.Document()
    d.add_paragraph("Uno")
    d.add_paragraph("Dos")
    d.save(tmp_path / "n.docx")
    doc = read_docx(tmp_path / "n.docx")
    assert doc.pages == 0 and {b.page for b in doc.blocks} == {None}


def _review(path) -> None:
    d = docx.Document()
    d.add_paragraph("Informe del Mecanismo de Revisión Independiente")
    for n, (title, verifiable, potential) in enumerate(
            (("Registro de obras", "Sí", "Modesto"), ("Mesas del agua", "No", "Sustancial"),
             ("Compras abiertas", "Sí", "Poco claro")), start=1):
        if n > 1:
            d.add_page_break()
        d.add_paragraph(f"Compromiso {n}: {title}")
        d.add_paragraph(f"Verificable: {verifiable}")
        d.add_paragraph(f"Potencial de resultados: {potential}")
    d.save(str(path))


def test_a_word_review_gives_each_rating_its_page(tmp_path):
    _review(tmp_path / "r.docx")
    review = ambicion.read_review(tmp_path / "r.docx")
    assert review.pages == 3
    assert [(r.number, r.provenance.page_start, r.potential_results.normalized) for r in review.ratings] == [
        ("1", 1, "modest"), ("2", 2, "substantial"), ("3", 3, "unclear")]


def test_a_word_plan_keeps_its_commitments_pages(tmp_path):
    d = docx.Document()
    for n, (title, who) in enumerate((("Registro de obras", "Ministerio de Economía"),
                                      ("Mesas del agua", "Autoridad Nacional del Agua")), start=1):
        if n > 1:
            d.add_page_break()
        d.add_paragraph(f"Compromiso {n}: {title}")
        table = d.add_table(rows=2, cols=2)
        for r, (label, value) in enumerate((("Entidad responsable", who),
                                            ("Descripción del compromiso", f"Publicar {title.lower()}."))):
            table.cell(r, 0).text, table.cell(r, 1).text = label, value
    d.save(tmp_path / "plan.docx")
    commitments = ambicion.read_draft(tmp_path / "plan.docx")
    assert [(c.number, c.provenance.page_start) for c in commitments] == [("1", 1), ("2", 2)]
