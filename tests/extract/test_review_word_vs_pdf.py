"""A review written in Word and the same review exported to PDF give the same ratings.

The Word file is read through the reading model's blocks, the PDF through its pages; both are
generated here (python-docx, then LibreOffice for the PDF, skipped where it is missing)."""

from __future__ import annotations

import pytest

import ambicion
from ambicion.testing.review_docx import docx_to_pdf, soffice
from ambicion.testing.reviews import MARKED_ES

pytest.importorskip("docx")
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")

ITEMS = MARKED_ES
FIELDS = ("number", "specificity", "potential_impact", "completion", "opened_government", "ambition",
          "relevance", "starred")


def _view(review) -> list[dict]:
    def value(x):
        return x.normalized if hasattr(x, "normalized") else x
    return [{f: value(getattr(r, f)) for f in FIELDS} for r in review.ratings]


@needs_soffice
@pytest.mark.parametrize("writer", ["write_progress_report_docx", "write_section_report_docx"])
def test_word_and_pdf_review_give_the_same_ratings(tmp_path, writer):
    from ambicion.testing import review_docx

    getattr(review_docx, writer)(tmp_path / "r.docx", ITEMS)
    pdf = docx_to_pdf(tmp_path / "r.docx", tmp_path / "r.pdf")
    word, printed = ambicion.read_review(tmp_path / "r.docx"), ambicion.read_review(pdf)
    assert [r["number"] for r in _view(word)] == ["1", "2", "3", "4"]
    assert _view(word) == _view(printed)
    assert word.kind == printed.kind
