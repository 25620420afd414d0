"""Writing a study into a folder: the files, their encodings, and re-runs that replace them."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

import ambicion
from ambicion.errors import OutputError
from ambicion.study import build_study
from ambicion.testing.studies import keyword_judge, write_study_files


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    files = write_study_files(tmp_path_factory.mktemp("outputs-study"))
    plans = [ambicion.read_plan(files[y]) for y in ("2017", "2020")]
    first = plans[0].commitments[0]
    plans[0] = dataclasses.replace(plans[0], commitments=(
        dataclasses.replace(first, title="=cmd|' /C calc'!A0"), *plans[0].commitments[1:]))
    return plans, [ambicion.read_review(files["review"])]


def test_writes_every_file_with_consistent_contents(docs, tmp_path):
    plans, reviews = docs
    study = build_study(plans, reviews, judge=keyword_judge)
    written = study.write(tmp_path)
    names = sorted(p.name for p in written)
    assert names == ["agreement.csv", "commitments.csv", "commitments.parquet",
                     "disagreements.csv", "ratings.csv", "report.html", "summary.csv"]
    raw = (tmp_path / "commitments.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    csv = pd.read_csv(tmp_path / "commitments.csv", encoding="utf-8-sig")
    parquet = pd.read_parquet(tmp_path / "commitments.parquet")
    assert len(csv) == len(parquet) == 7
    assert list(csv.columns) == list(parquet.columns) == list(study.commitments.columns)
    assert "'=cmd|' /C calc'!A0" in set(csv["title"])  # neutralised in CSV
    assert "=cmd|' /C calc'!A0" in set(parquet["title"])  # kept verbatim in Parquet
    assert parquet["value_access_to_information"].dtype == bool
    summary = pd.read_csv(tmp_path / "summary.csv", encoding="utf-8-sig")
    assert summary["commitments"].tolist() == [3, 4]
    ratings = pd.read_csv(tmp_path / "ratings.csv", encoding="utf-8-sig")
    assert len(ratings) == 4


def test_rerun_replaces_outputs_and_removes_stale_ones(docs, tmp_path):
    plans, reviews = docs
    build_study(plans, reviews, judge=keyword_judge).write(tmp_path)
    build_study(plans[:1], judge=keyword_judge).write(tmp_path)
    assert not (tmp_path / "ratings.csv").exists()
    assert not (tmp_path / "agreement.csv").exists()
    csv = pd.read_csv(tmp_path / "commitments.csv", encoding="utf-8-sig")
    assert len(csv) == 3
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_refuses_a_file_as_output_folder_and_writing_over_inputs(docs, tmp_path):
    plans, _ = docs
    study = build_study(plans[:1], judge=keyword_judge)
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    with pytest.raises(OutputError):
        study.write(not_a_dir)
    precious = tmp_path / "out" / "summary.csv"
    precious.parent.mkdir()
    precious.write_text("mine")
    with pytest.raises(OutputError):
        study.write(tmp_path / "out", inputs=[precious])
    assert precious.read_text() == "mine"
    assert not (tmp_path / "out" / "commitments.csv").exists()  # nothing half-done
