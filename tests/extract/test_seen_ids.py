"""A streamed table remembers its ids as digests: repeats are still named by both rows."""

from __future__ import annotations

import csv

from ambicion.extract.seen_ids import SeenIds
from ambicion.extract.table import RowProblem, TableStream


def test_repeats_found_in_the_recent_ids_and_in_the_merged_arrays(monkeypatch):
    monkeypatch.setattr(SeenIds, "RECENT", 8)
    seen = SeenIds()
    ids = [f"id-{i:04d}" for i in range(100)] + ["ñandú", "", "a\udcff"]
    for row, cid in enumerate(ids, 2):
        assert seen.row_of(cid) is None
        seen.add(cid, row)
    assert len(seen) == len(ids)
    for row, cid in enumerate(ids, 2):
        assert seen.row_of(cid) == row
    for cid in ("id-0100", "ID-0001", "id-0001 ", "nandu"):
        assert seen.row_of(cid) is None


def test_table_stream_names_a_repeat_far_apart(tmp_path, monkeypatch):
    monkeypatch.setattr(SeenIds, "RECENT", 16)
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "text"])
        for i in range(60):
            out.writerow([f"c{i}", f"Publicar el registro {i} en datos abiertos."])
        out.writerow(["c3", "Otra vez el mismo id."])
        out.writerow(["c60", "Un id nuevo."])
    with TableStream(path) as stream:
        items = list(stream)
    problems = [p for p in items if isinstance(p, RowProblem)]
    assert [str(p) for p in problems] == ["row 62 repeats id 'c3' (rows 5 and 62)"]
    assert [c.id for c in items if not isinstance(c, RowProblem)][-1] == "c60"
