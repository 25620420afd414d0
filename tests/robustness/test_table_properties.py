"""Property tests: any bytes given as a .csv, .tsv or .jsonl table read to rows or a clear error.

Never another exception, never a row whose text is not a string, always the same answer.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ambicion.errors import InputError
from ambicion.extract.table import read_table

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

cells = st.one_of(st.text(max_size=30), st.sampled_from(["", "NaN", "null", '{"a": 1}', "[1]", "\u2028", "\x0c",
                                                         '"', '""', ",", ";", "\t", "\r\n", "=1+1"]))
csv_tables = st.lists(st.lists(cells, min_size=1, max_size=4), max_size=8).map(
    lambda rows: "\n".join(",".join(r) for r in [["id", "text"], *rows]))
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.floats(), st.integers(), st.text(max_size=20)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=5), inner, max_size=3)),
                           max_leaves=8)
jsonl_tables = st.lists(st.one_of(
    st.fixed_dictionaries({"id": json_values, "text": json_values}),
    json_values), max_size=8).map(lambda objs: "\n".join(json.dumps(o) for o in objs))
encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"])


def _read(path):
    try:
        got = read_table(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return str(exc)
    for c in got.commitments:
        assert isinstance(c.description, str) and c.description.strip() and isinstance(c.id, str) and c.id
    return [c.to_dict() for c in got.commitments], [str(p) for p in got.problems]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_any_table_reads_or_fails_clearly(tmp_path, tally, suffix):
    strategy = csv_tables if suffix == ".csv" else jsonl_tables

    @SETTINGS
    @given(strategy, encodings)
    def check(text, encoding):
        path = tmp_path / f"t{suffix}"
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
        path.write_bytes(data)
        assert _read(path) == _read(path)

    ok = False
    try:
        check()
        ok = True
    finally:
        tally.record("table-properties", ok)


def test_random_bytes_as_tables(tmp_path, tally):
    @SETTINGS
    @given(st.binary(max_size=400), st.sampled_from([".csv", ".tsv", ".jsonl"]))
    def check(data, suffix):
        path = tmp_path / f"b{suffix}"
        path.write_bytes(data)
        _read(path)

    ok = False
    try:
        check()
        ok = True
    finally:
        tally.record("table-properties", ok)
