"""An older IRM progress report written in Word and exported by LibreOffice, the way real
reports are made: level headers in a bottom-to-top text direction, both header rows repeated
on the next page, theme rows merged across, a long row split by the page break, starred
titles. Skipped where LibreOffice is not installed (`.ci/run` installs it)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest_reviews import check_expected

import ambicion
from ambicion.testing.review_docx import docx_to_pdf, soffice, write_progress_report_docx
from ambicion.testing.reviews import LEGACY_ES, LegacyItem

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

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


def test_word_report_is_read_right(word_report):
    path, expected = word_report
    review = ambicion.read_review(path)
    assert review.kind == "progress_report"
    check_expected(review, expected)


def test_word_report_table_runs_over_the_page_break(word_report):
    from ambicion.extract.review_tables import document_tables
    from ambicion.pdf.pages import read_pages

    pages = read_pages(word_report[0])
    assert sum(1 for p in pages for _ in p.tables) >= 2  # the overview table was cut in two
    labels = [" ".join(row[0].text.split()) for t in document_tables(pages) for row in t.rows if row[0]]
    assert f"11. {LONG}" in labels  # the row the break split, whole again

