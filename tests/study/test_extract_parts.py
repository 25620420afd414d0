"""A long plan read in page ranges on several workers gives the Plan read from the whole file."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

import ambicion.extract.parts as parts_mod
from ambicion.extract.parts import MIN_PART_PAGES, join_parts, page_ranges, read_part
from ambicion.extract.plan import read_plan
from ambicion.extract_many import Extracted, Failed, extract_files, probe
from ambicion.pdf.pages import iter_pages, page_count, with_unruled_tables
from ambicion.testing.plans import write_template_plan
from ambicion.testing.samples import COMMITMENTS_ES, META_ES

_FILL = ("La oficina encargada redactará un informe trimestral con los avances de cada meta y lo "
         "someterá a la mesa de seguimiento, que dejará constancia escrita de sus observaciones. ")


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory) -> Path:
    """A template plan of some 25 pages: each commitment's long text runs over page breaks."""
    cs = [dataclasses.replace(COMMITMENTS_ES[k % len(COMMITMENTS_ES)], number=k + 1,
                              title=f"{COMMITMENTS_ES[k % len(COMMITMENTS_ES)].title} ({k + 1})",
                              additional="\f".join([(_FILL * 8).strip()] * 2))
          for k in range(8)]
    path = tmp_path_factory.mktemp("parts") / "plan_long.pdf"
    write_template_plan(path, META_ES, cs, new_page_per_commitment=True)
    assert page_count(path) >= 2 * MIN_PART_PAGES
    return path


@pytest.fixture(scope="module")
def unruled_pdf(tmp_path_factory) -> Path:
    """Label/value lines without rules; every other page holds only the value lines of the
    table cut by the break before it, so only the carried columns make them a table."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    for n in range(18):
        pdf.add_page()
        y = 60.0
        if n % 2:  # the table cut by the break goes on over a page of value lines alone
            for k in range(20):
                pdf.text(187, y, f"continued value line {k} of page {n + 1}")
                y += 14
            continue
        for k in range(12):
            pdf.text(57, y, f"Field {k}")
            pdf.text(187, y, f"value {k} on page {n + 1}, written out")
            y += 14
            pdf.text(187, y, "and its second line")
            y += 14
    path = tmp_path_factory.mktemp("unruled") / "unruled.pdf"
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("pages,parts", [(16, 2), (17, 2), (60, 2), (60, 3), (20, 5), (15, 2), (3, 2)])
def test_page_ranges_cover_every_page_once_in_order(pages, parts):
    ranges = page_ranges(pages, parts)
    assert ranges[0][0] == 1 and ranges[-1][1] == pages
    assert all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:]))
    assert len(ranges) <= parts
    if len(ranges) > 1:
        assert min(last - first + 1 for first, last in ranges) >= MIN_PART_PAGES
        sizes = [last - first + 1 for first, last in ranges]
        assert max(sizes) - min(sizes) <= 1


def test_parts_joined_find_the_same_borderless_tables_as_one_pass(unruled_pdf):
    whole = list(iter_pages(unruled_pdf))
    carried = [p for p in whole[1:] if p.tables and p.tables[0].texts()[0][0] == ""]
    assert carried, "the fixture must carry a table over a page break"
    for cut in (1, 8, 9, 17):
        head = list(iter_pages(unruled_pdf, cut, unruled=False))
        tail = list(iter_pages(unruled_pdf, first=cut + 1, unruled=False))
        assert with_unruled_tables(head + tail) == whole
    # without the join's pass the page after a cut would lose its carried table
    lone = list(iter_pages(unruled_pdf, first=10))
    assert whole[9].tables and not lone[0].tables


def test_joined_parts_are_the_whole_read(long_plan):
    n = page_count(long_plan)
    expected = {"kind": "plan", "data": read_plan(long_plan).to_dict()}
    for k in (2, 3):
        got = [read_part(str(long_plan), a, b) for a, b in page_ranges(n, k)]
        assert join_parts(str(long_plan), got) == expected


def test_a_part_told_the_page_count_does_not_count_the_pages_again(long_plan, monkeypatch):
    import ambicion.pdf.pages as pages_mod

    n = page_count(long_plan)
    first, last = page_ranges(n, 2)[1]
    expected = read_part(str(long_plan), first, last)
    assert expected["pages"]

    def no_counting(pdf):
        raise RuntimeError("pages counted again")

    monkeypatch.setattr(pages_mod, "_count_pages", no_counting)
    assert read_part(str(long_plan), first, last, n) == expected
    assert "error" in read_part(str(long_plan), first, last)  # counting is what was skipped


def test_the_first_failing_part_is_the_reason():
    assert join_parts("x.pdf", [{"pages": []}, {"error": "page 9 is broken"},
                                {"error": "page 20 is broken"}]) == {"error": "page 9 is broken"}


def test_probe_splits_long_plans_only(long_plan, study_files):
    n = page_count(long_plan)
    assert probe(str(long_plan), None, None) == {"split": n, "pages": n}
    assert n > 2 * MIN_PART_PAGES  # the ranges cover the pages to read; the count is the file's
    assert probe(str(long_plan), 2 * MIN_PART_PAGES, None) == {"split": 2 * MIN_PART_PAGES, "pages": n}
    assert probe(str(long_plan), MIN_PART_PAGES, None) == {}  # a page limit too short to split
    assert probe(str(long_plan), None, "review") == {}
    assert probe(str(study_files["review"]), None, None) == {}


def test_two_jobs_read_a_long_plan_to_the_same_plan(long_plan, study_files):
    files = [long_plan, study_files["2023"], study_files["review"]]
    one = extract_files(files, jobs=1)
    two = extract_files(files, jobs=2, timeout=120)
    assert all(isinstance(o, Extracted) for o in one + two)
    assert [o.document for o in two] == [o.document for o in one]


def test_the_last_long_plan_is_cut_finer_so_the_workers_end_together(long_plan, study_files,
                                                                      tmp_path, monkeypatch):
    """Halves of the last plan left one worker idle while the other read its late-started
    half and joined it. A plan followed by a comparable file for each other worker is read
    whole: the files behind it keep the others busy, and parts cost more CPU than one read."""
    asked: list[tuple[str, int]] = []

    def spy(pages: int, parts: int):
        asked.append((pages, parts))
        return page_ranges(pages, parts)

    monkeypatch.setattr(parts_mod, "page_ranges", spy)
    twin = tmp_path / "plan_twin.pdf"
    twin.write_bytes(long_plan.read_bytes())
    out = extract_files([long_plan, twin, study_files["review"]], jobs=2, timeout=120)
    assert all(isinstance(o, Extracted) for o in out)
    assert out[0].document.commitments == read_plan(long_plan).commitments  # read whole
    assert out[1].document.commitments == read_plan(twin).commitments  # the finer cut, joined
    pages = page_count(long_plan)
    assert asked == [(pages, 4)]  # only the last long plan is cut


_REAL_PART = parts_mod.read_part


def _hang_in_second_part(path, first, last, pages=None):
    """Runs in a worker process: a part after the first page of a sleepy* file hangs."""
    if "sleepy" in Path(path).name and first > 1:
        time.sleep(60)
    return _REAL_PART(path, first, last, pages)


def test_a_hanging_part_times_the_file_out_and_the_rest_goes_on(long_plan, study_files, tmp_path,
                                                                 monkeypatch):
    sleepy = tmp_path / "sleepy.pdf"
    sleepy.write_bytes(long_plan.read_bytes())
    monkeypatch.setattr(parts_mod, "read_part", _hang_in_second_part)
    start = time.monotonic()
    # the twin goes second, so that it is the last long plan, the one read in parts
    out = extract_files([long_plan, sleepy, study_files["2023"]], jobs=2, timeout=8)
    assert isinstance(out[1], Failed) and out[1].reason == "timed out after 8 s"
    assert isinstance(out[0], Extracted) and isinstance(out[2], Extracted)
    assert out[0].document.commitments == read_plan(long_plan).commitments
    assert time.monotonic() - start < 60


def test_the_parts_are_told_the_files_page_count_not_the_page_limit(long_plan, study_files,
                                                                     monkeypatch):
    import concurrent.futures as cf

    asked: list[tuple] = []
    real = cf.ProcessPoolExecutor.submit

    def spy(self, fn, *args, **kwargs):
        if fn is read_part:
            asked.append(args)
        return real(self, fn, *args, **kwargs)

    monkeypatch.setattr(cf.ProcessPoolExecutor, "submit", spy)
    limit = 2 * MIN_PART_PAGES
    files = [long_plan, study_files["review"]]
    two = extract_files(files, jobs=2, max_pages=limit, timeout=120)
    one = extract_files(files, jobs=1, max_pages=limit)
    assert [o.document for o in two] == [o.document for o in one]
    n = page_count(long_plan)
    assert asked and n > limit
    assert [a[3] for a in asked] == [n] * len(asked) and max(a[2] for a in asked) == limit
