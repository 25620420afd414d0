"""`inspect_file` shows the segmenter's own starts, with their signals, and reads only the
page asked for (and its neighbours, for running lines), not the whole PDF."""

from __future__ import annotations

import pytest

from ambicion.extract import inspect as inspect_module
from ambicion.extract.inspect import describe, inspect_file
from ambicion.testing.plans import write_template_plan
from ambicion.testing.samples import COMMITMENTS_ES, META_ES

pytest.importorskip("fpdf")


@pytest.fixture(scope="module")
def outside_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inspect")
    return write_template_plan(folder / "fuera.pdf", META_ES, COMMITMENTS_ES[:6], heading_outside=True,
                               header="Plan de Acción de Gobierno Abierto")


def test_headings_above_tables_are_shown_as_the_segmenter_found_them(outside_pdf):
    views = inspect_file(outside_pdf)
    text = describe(views)
    starts = [m for v in views for m in v.marks if m.kind == "start"]
    assert len(starts) == 6 and {m.field for m in starts} == {"heading_above_table"}
    assert all(m.box is not None for m in starts)
    assert "[start -> heading_above_table] Compromiso" in text


def test_one_page_is_read_with_its_neighbours_only(outside_pdf, monkeypatch):
    read: list[int] = []
    real = inspect_module.iter_pages

    def counting(*args, **kwargs):
        for page in real(*args, **kwargs):
            read.append(page.number)
            yield page

    monkeypatch.setattr(inspect_module, "iter_pages", counting)
    total = inspect_module.page_count(outside_pdf)
    assert total >= 4
    [view] = inspect_file(outside_pdf, page=2)
    assert view.page == 2 and read == [1, 2, 3]
    assert any(m.kind == "furniture" for m in view.marks)  # the running header, set apart
