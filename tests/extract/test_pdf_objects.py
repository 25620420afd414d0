"""pdfplumber's page objects built the fast way are exactly the ones pdfplumber builds."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from ambicion.pdf import pages as pdf_pages
from ambicion.pdf.objects import load_objects, parse_objects

pytest.importorskip("fpdf")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "plan_de_accion_muestra.pdf"


@pytest.fixture(params=["template_es", "template_en", "prose", "legacy_review", "example"])
def pdf_path(request, template_es_pdf, template_en_pdf, prose_es_pdf, tmp_path):
    if request.param == "legacy_review":
        from ambicion.testing.reviews import write_progress_report

        path = tmp_path / "progress.pdf"
        write_progress_report(path)  # shaded cells: rects with fills, ticks as characters
        return path
    return {"template_es": template_es_pdf, "template_en": template_en_pdf,
            "prose": prose_es_pdf, "example": EXAMPLE}[request.param]


def test_objects_equal_pdfplumbers(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        kinds = set()
        for page in pdf.pages:
            fast = parse_objects(page)
            slow = page.parse_objects()
            assert list(fast) == list(slow)
            for kind in slow:
                assert fast[kind] == slow[kind]
                assert [list(d) for d in fast[kind]] == [list(d) for d in slow[kind]]
            kinds |= set(slow)
            page.close()
    assert "char" in kinds


def test_objects_equal_pdfplumbers_under_unicode_normalisation(template_es_pdf):
    # NFD splits each accented letter of the Spanish plan into a letter and a combining mark
    with pdfplumber.open(template_es_pdf, unicode_norm="NFD") as pdf:
        page = pdf.pages[1]
        fast = parse_objects(page)
        slow = page.parse_objects()
        assert fast["char"] == slow["char"]
        assert any(len(c["text"]) > 1 for c in fast["char"])
        page.close()


def test_cache_is_used_by_pdfplumber(template_es_pdf):
    with pdfplumber.open(template_es_pdf) as pdf:
        page = pdf.pages[1]
        load_objects(page)
        objects = page._objects
        assert page.chars is objects["char"] and page.find_tables()
        page.close()
        assert not hasattr(page, "_objects")


def test_a_failed_conversion_falls_back_to_pdfplumber(template_es_pdf, monkeypatch):
    import ambicion.pdf.objects as objects_mod

    def broken(page, layout=None):
        raise KeyError("internals changed")

    monkeypatch.setattr(objects_mod, "parse_objects", broken)
    slow = pdf_pages.read_pages(template_es_pdf, engine="pdfplumber")
    monkeypatch.undo()
    fast = pdf_pages.read_pages(template_es_pdf, engine="pdfplumber")
    assert fast == slow and any(p.tables for p in fast)


def test_pages_leave_no_more_cyclic_garbage_than_pdfplumber(template_es_pdf, monkeypatch):
    """A page's objects must be freed when the page is closed, not at the next collection
    (memory would grow with the pages read between two collections)."""
    import gc

    def garbage() -> int:
        with pdfplumber.open(template_es_pdf) as pdf:
            gc.collect()
            gc.disable()
            try:
                for i, page in enumerate(pdf.pages[:4]):
                    pdf_pages._read_page(page, i + 1)
                    page.close()
                return gc.collect()
            finally:
                gc.enable()

    fast = garbage()
    monkeypatch.setattr(pdf_pages, "load_objects", lambda page: None)
    assert fast <= garbage() + 50
