"""Reading a PDF keeps nothing of the pages already read (memory flat in the page count).

Three places used to keep every page: pdfplumber's `pdf.pages` list (made whole on first
use, and again by `pdf.close()`), pdfminer's object cache (each page's decoded content
stream), and pdfium's open document. These tests look at what is left once a page has been
read, not at resident memory, so they are exact and quick.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ambicion.pdf import pages as reader
from ambicion.testing.plans import write_template_plan
from ambicion.testing.samples import COMMITMENTS_ES, META_ES


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory) -> Path:
    """A template plan of one commitment per page: ruled tables, so pdfplumber reads them."""
    path = tmp_path_factory.mktemp("memory") / "plan.pdf"
    commitments = [COMMITMENTS_ES[i % len(COMMITMENTS_ES)] for i in range(12)]
    write_template_plan(path, META_ES, commitments, new_page_per_commitment=True)
    return path


def _spy(monkeypatch, path: Path) -> dict:
    """Capture the pdfplumber document the reader opens, and the caches seen after each page."""
    seen: dict = {"cached_streams": []}
    release = reader._release
    contents = _content_ids(path)

    def spying_release(pdf, page):
        release(pdf, page)
        seen["pdf"] = pdf
        seen["cached_streams"].append(sum(
            1 for obj, _ in pdf.doc._cached_objs.values()
            if type(obj).__name__ == "PDFStream" and obj.attrs.get("Type") is None
            and getattr(obj, "data", None) is not None and obj.objid in contents))

    monkeypatch.setattr(reader, "_release", spying_release)
    return seen


def _content_ids(path: Path) -> set[int]:
    """The object numbers of every page's content streams, read from a document of its own."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return {s.objid for page in pdf.pages for s in page.page_obj.contents or ()
                if getattr(s, "objid", None) is not None}


def test_no_decoded_page_content_stays_cached(long_plan, monkeypatch):
    seen = _spy(monkeypatch, long_plan)
    pages = list(reader.iter_pages(long_plan, engine="pdfplumber"))
    assert len(pages) >= 12
    assert any(p.tables for p in pages)  # the pages really went through pdfplumber
    assert seen["cached_streams"] and max(seen["cached_streams"]) == 0


def test_pdfplumber_never_builds_its_list_of_every_page(long_plan, monkeypatch):
    seen = _spy(monkeypatch, long_plan)
    for _ in reader.iter_pages(long_plan, max_pages=3):
        pass
    assert "_pages" not in vars(seen["pdf"])  # neither while reading nor when closing


def test_pdfium_document_is_reopened_and_reads_the_same(long_plan, monkeypatch):
    whole = [p.lines for p in reader.iter_pages(long_plan)]
    monkeypatch.setattr(reader._Pdfium, "REOPEN", 2)
    opened = []
    real_open = reader._open_pdfium
    monkeypatch.setattr(reader, "_open_pdfium", lambda *a: opened.append(1) or real_open(*a))
    again = [p.lines for p in reader.iter_pages(long_plan)]
    assert again == whole
    assert len(opened) >= len(whole) // 2


def test_page_count_agrees_with_pdfplumber(long_plan):
    import pdfplumber

    with pdfplumber.open(long_plan) as pdf:
        assert reader._count_pages(pdf) == len(pdf.pages)
