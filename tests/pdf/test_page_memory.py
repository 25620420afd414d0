"""Reading a PDF keeps nothing of the pages already read (memory flat in the page count).

Three places used to keep every page: pdfplumber's `pdf.pages` list (made whole on first
use, and again by `pdf.close()`), pdfminer's object cache (each page's decoded content
stream), and pdfium's open document. These tests look at what is left once a page has been
read, not at resident memory, so they are exact and quick. The pages themselves are all
held until the last is read (running lines repeat over the whole document): what they keep
is kept small, and read_plan lets go of them as soon as their blocks exist.
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


def test_cell_boxes_are_kept_only_when_asked(long_plan):
    plain = list(reader.iter_pages(long_plan, max_pages=4))
    boxed = list(reader.iter_pages(long_plan, max_pages=4, cell_boxes=True))
    tables = [(a, b) for p, q in zip(plain, boxed) for a, b in zip(p.tables, q.tables)]
    assert tables
    assert all(a.boxes == () for a, _ in tables)
    assert all(len(b.boxes) == len(b.rows) for _, b in tables)
    assert [a.rows for a, _ in tables] == [b.rows for _, b in tables]


def test_texts_repeated_on_many_pages_are_one_copy(long_plan):
    pages = list(reader.iter_pages(long_plan))
    headers = [p.lines[0].text for p in pages[1:] if p.lines]
    assert len(headers) >= 3 and all(h is headers[0] for h in headers)
    labels = [row[0].text for p in pages for t in p.tables for row in t.rows
              if row and row[0] is not None and row[0].text and len(row[0].text) < 40]
    by_text: dict[str, set[int]] = {}
    for text in labels:
        by_text.setdefault(text, set()).add(id(text))
    assert any(labels.count(text) > 1 for text in by_text)  # labels do repeat in this plan
    assert all(len(ids) == 1 for ids in by_text.values())


def test_read_plan_lets_go_of_the_pages_before_the_drafts(long_plan, monkeypatch):
    import gc

    from ambicion.extract import plan as plan_module
    from ambicion.pdf.layout import Page

    live: list[int] = []
    drafts = plan_module.drafts_from_document

    def counting(doc, **kw):
        gc.collect()
        live.append(sum(1 for o in gc.get_objects() if isinstance(o, Page)))
        return drafts(doc, **kw)

    monkeypatch.setattr(plan_module, "drafts_from_document", counting)
    plan = plan_module.read_plan(long_plan)
    assert plan.pages >= 12 and len(plan.commitments) == 12
    assert live and live[0] <= plan_module.META_PAGES  # the cover only, for the metadata
