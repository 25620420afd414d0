"""Text-only pages read through pdfium give the same pages, and so the same plans, as pdfplumber."""

from __future__ import annotations

from pathlib import Path

import pytest

from ambicion.extract.plan import build, drafts_from_pages
from ambicion.pdf import pages as pdf_pages

pytest.importorskip("fpdf")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plan_de_accion_muestra.pdf"


@pytest.fixture(params=["prose", "template_es", "template_en", "example"])
def pdf_path(request, prose_es_pdf, template_es_pdf, template_en_pdf):
    return {"prose": prose_es_pdf, "template_es": template_es_pdf, "template_en": template_en_pdf,
            "example": EXAMPLE}[request.param]


def test_both_engines_read_the_same_lines(pdf_path):
    fast = pdf_pages.read_pages(pdf_path, engine="auto")
    slow = pdf_pages.read_pages(pdf_path, engine="pdfplumber")
    assert len(fast) == len(slow)
    for a, b in zip(fast, slow):
        assert [(x.text, x.bold, x.size) for x in a.lines] == [(y.text, y.bold, y.size) for y in b.lines]
        for x, y in zip(a.lines, b.lines):
            assert abs(x.top - y.top) < 0.5 and abs(x.bottom - y.bottom) < 0.5
            assert abs(x.x0 - y.x0) < 1.0 and abs(x.x1 - y.x1) < 1.0
        assert a.tables == b.tables


def test_both_engines_give_the_same_commitments(pdf_path):
    def commitments(engine):
        drafts, layout = drafts_from_pages(pdf_pages.read_pages(pdf_path, engine=engine))
        return layout, [c.to_dict() for c in build(drafts, stem="x", language="es", source="x")]

    assert commitments("auto") == commitments("pdfplumber")


def test_prose_pages_skip_pdfminer(prose_es_pdf, monkeypatch):
    calls = []
    real = pdf_pages._read_page
    monkeypatch.setattr(pdf_pages, "_read_page", lambda page, n, *more: calls.append(n) or real(page, n, *more))
    pdf_pages.read_pages(prose_es_pdf)
    assert calls == []
    pdf_pages.read_pages(prose_es_pdf, engine="pdfplumber")
    assert calls == [1, 2, 3, 4]


def test_pages_with_tables_still_go_to_pdfplumber(template_es_pdf, monkeypatch):
    calls = []
    real = pdf_pages._read_page
    monkeypatch.setattr(pdf_pages, "_read_page", lambda page, n, *more: calls.append(n) or real(page, n, *more))
    pages = pdf_pages.read_pages(template_es_pdf)
    assert 1 not in calls  # the cover has no table
    assert calls == [p.number for p in pages if p.tables]
