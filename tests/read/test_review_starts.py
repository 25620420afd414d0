"""The segmenter reports where an IRM review opens its rated commitments, with the signal
behind each start, on reviews generated here (PDF drawn with fpdf2, Word with python-docx)."""

from __future__ import annotations

import pytest

from ambicion.read import read_document
from ambicion.read.blocks import Document, Paragraph, TableBlock, TableCell
from ambicion.read.review_segment import review_heading, review_starts
from ambicion.testing.reviews import MARKED_ES

ITEMS = MARKED_ES[:3]


def _signals(doc: Document) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.signal, s.numbers) for s in review_starts(doc.blocks)]


def test_headings_of_commitments_and_clusters():
    assert review_heading("Compromiso 3: Datos de obras") == ("review_heading", ("3",), "Datos de obras")
    assert review_heading("Commitments 4 and 5. Water boards")[:2] == ("cluster_heading", ("4", "5"))
    assert review_heading("Cluster: Compras (Compromisos 6 y 7)")[:2] == ("cluster_heading", ("6", "7"))
    assert review_heading("El compromiso 3 se cumplió en parte.") is None


def test_tick_rows_and_heading_rows_in_block_tables():
    def cell(text, r, c, shaded=False):
        return TableCell(text=text, row=r, col=c, shaded=shaded)

    table = TableBlock(cells=(cell("Compromiso", 0, 0), cell("Baja", 0, 1), cell("Alta", 0, 2),
                              cell("1. Obras viales", 1, 0), cell("", 1, 1), cell("✔", 1, 2),
                              cell("2. Agua", 2, 0), cell("", 2, 1, shaded=True), cell("", 2, 2),
                              cell("3. Sin marca", 3, 0), cell("", 3, 1), cell("", 3, 2)),
                       rows=4, cols=3)
    box = TableBlock(cells=(cell("Compromiso 4: Compras\nVerificable: Sí", 0, 0),), rows=1, cols=1)
    doc = Document(source="x", format="docx", blocks=(Paragraph("Resumen"), table, box))
    assert _signals(doc) == [("tick_row", ("1",)), ("tick_row", ("2",)), ("heading_row", ("4",))]
    starts = review_starts(doc.blocks)
    assert (starts[0].block, starts[0].row, starts[0].title) == (1, 1, "Obras viales")


def test_a_progress_report_pdf_reports_its_tick_rows_and_section_headings(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing.reviews import write_progress_report

    write_progress_report(tmp_path / "r.pdf", ITEMS)
    signals = _signals(read_document(tmp_path / "r.pdf"))
    tick = [n for s, n in signals if s == "tick_row"]
    assert tick[:3] == [("1",), ("2",), ("3",)]  # the overview table, one start per row
    assert [n for s, n in signals if s == "review_heading"] == [("1",), ("2",), ("3",)]


def test_an_action_plan_review_pdf_reports_headings_and_clusters(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.testing.reviews import write_action_plan_review

    expected = write_action_plan_review(tmp_path / "a.pdf")
    signals = _signals(read_document(tmp_path / "a.pdf"))
    heads = {n for s, ns in signals if s in ("review_heading", "cluster_heading") for n in ns}
    assert {e["number"] for e in expected} <= heads
    assert any(s == "cluster_heading" and len(n) > 1 for s, n in signals)


def test_a_word_progress_report_reports_the_same_tick_rows(tmp_path):
    pytest.importorskip("docx")
    from ambicion.testing.review_docx import write_progress_report_docx

    write_progress_report_docx(tmp_path / "r.docx", ITEMS)
    signals = _signals(read_document(tmp_path / "r.docx"))
    assert [n for s, n in signals if s == "tick_row"][:3] == [("1",), ("2",), ("3",)]


def test_inspect_shows_a_reviews_commitment_starts(tmp_path):
    pytest.importorskip("fpdf")
    from ambicion.extract.inspect import describe, inspect_file
    from ambicion.testing.reviews import write_progress_report

    write_progress_report(tmp_path / "r.pdf", ITEMS)
    text = describe(inspect_file(tmp_path / "r.pdf"))
    assert "[start -> tick_row] Registro abierto de obras viales en provincias" in text
    assert "[start -> review_heading]" in text


def test_review_field_labels_go_through_the_one_labeller():
    from ambicion.read.label import match_review_label

    assert match_review_label("• Potencial de resultados: Modesto") == ("potential_results", "Modesto")
    assert match_review_label("¿Contribuyó a abrir el gobierno? Marginalmente") == (
        "opened_government", "Marginalmente")
    assert match_review_label("Finalización") == ("completion", "")
    assert match_review_label("Verificables los hitos") is None  # the label must end at a word boundary
    assert match_review_label("El compromiso es verificable") is None


def test_the_review_vocabulary_is_data_beside_the_plan_labels():
    import json
    from importlib import resources

    from ambicion.labels import IRM_FIELDS

    data = json.loads(resources.files("ambicion").joinpath("data/review_labels.json").read_text("utf-8"))
    assert {k: tuple(v) for k, v in data["fields"].items()} == dict(IRM_FIELDS)


def _cell(text, r, c, shaded=False):
    return TableCell(text=text, row=r, col=c, shaded=shaded)


def test_every_start_comes_from_the_segmenter_with_where_it_stands():
    from ambicion.read.blocks import Style

    box = TableBlock(cells=(_cell("Resumen del compromiso\nCompromiso 4: Compras\nVerificable: Sí", 0, 0),),
                     rows=1, cols=1)
    doc = Document(source="x", format="docx", blocks=(
        Paragraph("3. Mesas de diálogo regionales", style=Style(bold=True)),
        Paragraph("3. Mesas de diálogo regionales"),  # not bold: a list line, no section
        box))
    starts = review_starts(doc.blocks)
    assert [(s.signal, s.numbers, s.title) for s in starts] == [
        ("section_heading", ("3",), "Mesas de diálogo regionales"),
        ("heading_row", ("4",), "Compras")]
    assert (starts[1].table, starts[1].row, starts[1].line) == (0, 0, 1)  # any line of a box


def test_summary_and_tick_rows_read_their_label_as_the_segmenter_does():
    from ambicion.extract.review_grid import grid_ratings

    table = TableBlock(cells=(
        _cell("Compromiso", 0, 0), _cell("Finalización", 0, 1), _cell("¿Se avanzó en la apertura del Gobierno?", 0, 2),
        _cell("Compromiso 3 Datos de obras", 1, 0), _cell("Completo", 1, 1), _cell("Marginalmente", 1, 2),
        _cell("Cluster: Compras (Compromisos 6 y 7)", 2, 0), _cell("Sustancial", 2, 1), _cell("No cambió", 2, 2)),
        rows=3, cols=3)
    doc = Document(source="x", format="docx", blocks=(table,))
    got = [(r.number, r.title, r.cluster, r.completion.normalized) for r in grid_ratings(doc, "x")]
    assert got == [("3", "Datos de obras", (), "complete"),
                   ("6", "Compras (Compromisos 6 y 7)", ("6", "7"), "substantial")]


def test_a_tick_row_for_a_cluster_takes_its_first_number_and_its_title():
    from ambicion.extract.review_legacy import legacy_ratings

    spec, impact = ("Ninguna", "Baja", "Media", "Alta"), ("Ninguno", "Menor", "Moderado", "Transformador")
    cells = [TableCell("Compromiso", 0, 0), TableCell("Especificidad", 0, 1, col_span=4),
             TableCell("Impacto potencial", 0, 5, col_span=4)]
    cells += [_cell(t, 1, 1 + k) for k, t in enumerate(spec + impact)]
    for r, (label, marks) in enumerate((("Compromisos 4 y 5: Registro de beneficiarios", (3, 6)),
                                        ("6. Mesas de agua", (2, 8))), start=2):
        cells.append(_cell(label, r, 0))
        cells += [_cell("✔" if c in marks else "", r, c) for c in range(1, 9)]
    doc = Document(source="x", format="docx", blocks=(TableBlock(cells=tuple(cells), rows=4, cols=9),))
    got = [(r.number, r.title, r.specificity.normalized, r.potential_impact.normalized)
           for r in legacy_ratings(doc, "x")]
    assert got == [("4", "Registro de beneficiarios", "medium", "minor"),
                   ("6", "Mesas de agua", "low", "transformative")]
    assert [(s.signal, s.numbers) for s in review_starts(doc.blocks)] == [
        ("tick_row", ("4", "5")), ("tick_row", ("6",))]
