"""Tables longer than the in-memory row cap are streamed through judging, not refused.

`screen` reads a commitments table a chunk at a time, judges the chunk and writes it out, so
the number of rows costs no memory; only the formats that lay out every row at once (the
terminal view, the forum reports) keep the cap, and say so. The row cap is lowered here so
the tests stay quick; the benchmark measures 20,000 against 200,000 rows.
"""

from __future__ import annotations

import json
import tracemalloc

import pytest
from typer.testing import CliRunner

from ambicion import limits as L
from ambicion.extract.table import RowProblem, TableStream
from ambicion.screening import open_screening_input

from . import hostile as H

runner = CliRunner()


@pytest.fixture()
def small_cap(monkeypatch):
    monkeypatch.setenv("AMBICION_MAX_TABLE_ROWS", "40")
    L.limits.cache_clear()
    yield 40
    monkeypatch.delenv("AMBICION_MAX_TABLE_ROWS")
    L.limits.cache_clear()


def _table(tmp_path, rows: int, bad: set[int] = frozenset()):
    body = [["id", "text"]] + [[f"r{i}", "" if i in bad else f"Publicar en datos abiertos el registro {i}."]
                               for i in range(rows)]
    path = tmp_path / "many.csv"
    path.write_bytes(H.csv_bytes(body))
    return path


def _screen(*args):
    from ambicion_cli.main import app

    return runner.invoke(app, ["screen", *args])


def test_rows_beyond_the_cap_are_judged_and_bad_rows_named(tmp_path, small_cap, tally):
    with H.counted(tally, "size-limits"):
        path = _table(tmp_path, 3 * small_cap, bad={5, 70})
        out = tmp_path / "out.jsonl"
        result = _screen(str(path), "--format", "jsonl", "-o", str(out))
        assert result.exit_code == 1  # two rows refused
        records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        assert [r["id"] for r in records] == [f"r{i}" for i in range(3 * small_cap) if i not in (5, 70)]
        # row numbers count the header as row 1
        assert "row 7 (id r5) has an empty text" in result.output
        assert "row 72 (id r70) has an empty text" in result.output


def test_whole_set_formats_keep_the_cap_and_say_why(tmp_path, small_cap, tally):
    with H.counted(tally, "size-limits"):
        path = _table(tmp_path, small_cap + 1)
        result = _screen(str(path), "--format", "md", "-o", str(tmp_path / "r.md"))
        assert result.exit_code != 0
        assert "needs every commitment at once" in result.output and "jsonl" in result.output
        assert "Traceback" not in result.output
        assert not (tmp_path / "r.md").exists()


def test_table_stream_holds_no_rows(tmp_path):
    """Reading 20,000 rows costs little more than reading 2,000: only the ids are kept."""
    def peak(rows: int) -> int:
        path = _table(tmp_path, rows)
        tracemalloc.start()
        with TableStream(path) as stream:
            count = sum(1 for item in stream if not isinstance(item, RowProblem))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert count == rows
        return top

    small, large = peak(2_000), peak(20_000)
    # holding the 18,000 more commitments would cost tens of MB; their ids cost about 2 MB
    assert large - small < 4_000_000


def test_streamed_table_refusing_every_row_is_an_error(tmp_path, tally):
    with H.counted(tally, "size-limits"):
        path = _table(tmp_path, 3, bad={0, 1, 2})
        got = open_screening_input(path)
        with got, pytest.raises(Exception, match="no usable row"):
            list(got.chunks(2))


def test_streamed_table_through_a_pipe_names_the_pipe(tmp_path, tally):
    """A pipe is copied once, privately, then streamed; problems name what the user gave."""
    with H.counted(tally, "silent-loss"):
        rows = [["id", "text"]] + [[f"p{i}", "" if i == 3 else f"{H.GOOD_ES} Número {i}."] for i in range(120)]
        with H.fifo_with_writer(tmp_path / "rows.csv", H.csv_bytes(rows)) as fifo:
            got = open_screening_input(fifo)
            with got:
                judged = [c for chunk in got.chunks(50) for c in chunk]
        assert got.streamed and [c.id for c in judged] == [f"p{i}" for i in range(120) if i != 3]
        assert got.listed_problems() == ("row 5 (id p3) has an empty text",)
        assert {c.provenance.source for c in judged} == {str(fifo)}  # not the private copy


def test_streamed_rows_credit_the_name_given(tmp_path):
    path = _table(tmp_path, 5)
    with open_screening_input(path) as got:
        [chunk] = list(got.chunks(10))
    assert {c.provenance.source for c in chunk} == {str(path)}
