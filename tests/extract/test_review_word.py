"""An older IRM progress report written in Word and exported by LibreOffice, the way real
reports are made: level headers in a bottom-to-top text direction, both header rows repeated
on the next page, theme rows merged across, a long row split by the page break, starred
titles. The PDF tests are skipped where LibreOffice is not installed (`.ci/run` installs it);
the .docx itself is read through the reading model's blocks everywhere."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest_reviews import check_expected

import ambicion
from ambicion.testing.review_docx import docx_to_pdf, soffice, write_progress_report_docx
from ambicion.testing.reviews import LEGACY_ES, LegacyItem

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

LONG = ("Consejos regionales de participación ciudadana en salud con presupuesto propio y "
        "seguimiento público de sus acuerdos y de la ejecución de su presupuesto anual")
ITEMS = (
    *LEGACY_ES,
    *(replace(it, number=str(int(it.number) + 5), title=f"{it.title} en las regiones del sur y del norte del país")
      for it in LEGACY_ES),
    LegacyItem("11", LONG, "low", ("civic_participation",), "minor", "limited"),
)


@pytest.fixture(scope="module")
def word_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("word")
    # two paragraphs of text put the page break inside the last (long) row of the table
    expected = write_progress_report_docx(folder / "report.docx", ITEMS, filler_paragraphs=2,
                                          themes={0: "Tema 1. Transparencia", 5: "Tema 2. Participación"})
    return docx_to_pdf(folder / "report.docx", folder / "report.pdf"), expected


@needs_soffice
def test_word_report_is_read_right(word_report):
    path, expected = word_report
    review = ambicion.read_review(path)
    assert review.kind == "progress_report"
    check_expected(review, expected)


@needs_soffice
def test_word_report_table_runs_over_the_page_break(word_report):
    from ambicion.extract.review import read_review_document
    from ambicion.extract.review_text import document_tables
    from ambicion.pdf.pages import read_pages

    pages = read_pages(word_report[0])
    assert sum(1 for p in pages for _ in p.tables) >= 2  # the overview table was cut in two
    tables = [t for _, t in document_tables(read_review_document(word_report[0]))]
    labels = [" ".join(row[0].text.split()) for t in tables for row in t.grid() if row[0]]
    assert f"11. {LONG}" in labels  # the row the break split, whole again



@needs_soffice
def test_word_sections_with_a_header_row_cut_by_the_page_break(tmp_path):
    """Sections only; the text before the first section table puts the page break inside
    its level-label row, so the first lines of those labels end page 1 and the rest opens
    page 2 (what LibreOffice does with a row allowed to break)."""
    from ambicion.extract.review import read_review_document
    from ambicion.extract.review_text import document_tables
    from ambicion.pdf.pages import read_pages
    from ambicion.testing.review_docx import write_section_report_docx

    items = (*LEGACY_ES[:2], replace(LEGACY_ES[2], title=LONG, starred=True), *LEGACY_ES[3:])
    expected = write_section_report_docx(tmp_path / "s.docx", items, paragraphs=[8, 2, 2, 2, 2],
                                         short_lines=[8, 0, 0, 0, 0])
    path = docx_to_pdf(tmp_path / "s.docx", tmp_path / "s.pdf")
    pages = read_pages(path)
    def levels(rows):
        return ["".join(c.text.split()) for c in rows[1] if c is not None]

    cut = pages[0].tables[-1]
    assert len(cut.rows) == 2 and "Ninguna" not in levels(cut.rows)  # only the labels' first lines
    mended = next(t for _, t in document_tables(read_review_document(path))).grid()
    assert len(mended) == 3 and {"Ninguna", "Moderado", "Completo"} <= set(levels(mended))
    review = ambicion.read_review(path)
    check_expected(review, expected)  # commitment 3's title wraps, its ✪ on the last line



def test_word_review_read_from_the_docx_itself(tmp_path):
    from ambicion.testing.review_docx import write_section_report_docx

    expected = write_progress_report_docx(tmp_path / "w.docx", ITEMS, themes={0: "Tema 1. Transparencia"})
    review = ambicion.read_review(tmp_path / "w.docx")
    assert review.kind == "progress_report"
    check_expected(review, expected)
    expected = write_section_report_docx(tmp_path / "s.docx", LEGACY_ES)
    check_expected(ambicion.read_review(tmp_path / "s.docx"), expected)


def test_extract_command_reads_a_word_review(tmp_path):
    import json

    from typer.testing import CliRunner

    from ambicion_cli.main import app

    write_progress_report_docx(tmp_path / "w.docx", ITEMS[:3])
    out = tmp_path / "r.jsonl"
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "w.docx"), "--kind", "review", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["number"] for r in rows] == ["1", "2", "3"]
    assert [r["starred"] for r in rows] == [True, False, False]


def test_a_broken_word_review_fails_in_one_line(tmp_path):
    from ambicion.errors import InputError

    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(InputError, match="bad.docx"):
        ambicion.read_review(bad)
