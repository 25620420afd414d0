"""What a researcher gets in `Study.commitments` and `commitments.parquet`: real lists, an
ordered ambition, one string dtype, and missing values only where documented."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ambicion.labels import AMBITION_LEVELS
from ambicion.rows import LIST_COLUMNS
from ambicion.study import build_study
from ambicion.testing.studies import keyword_judge

# missing by design when the only review is a current-generation one (see ambicion.rows)
OLDER_GENERATION_ONLY = {
    "irm_specificity", "irm_potential_impact", "irm_potential_impact_label", "irm_completion",
    "irm_opened_government", "irm_starred", "irm_cluster",
    "irm_value_access_to_information", "irm_value_civic_participation",
    "irm_value_public_accountability", "irm_value_technology_innovation",
    # no function matched (the stand-in judge matches none), nothing recycled
    "restated_function", "restated_similarity", "recycled_similarity", "recycled_from_plan",
    "recycled_from_source", "recycled_from_number", "recycled_from_title",
}


@pytest.fixture(scope="module")
def written(documents, tmp_path_factory):
    plans, reviews = documents
    study = build_study(plans, reviews, judge=keyword_judge)
    out = tmp_path_factory.mktemp("out")
    study.write(out)
    return study, out


def test_list_columns_hold_lists(written):
    study, out = written
    parquet = pd.read_parquet(out / "commitments.parquet")
    for frame in (study.commitments, parquet):
        for col in LIST_COLUMNS:
            assert all(not isinstance(v, str) and hasattr(v, "__len__") for v in frame[col]), col
    c = study.commitments
    assert all(isinstance(v, list) for col in LIST_COLUMNS for v in c[col])
    assert any(len(v) for v in c["values"]) and all(isinstance(x, str) for v in c["flags"] for x in v)
    for text, evidence in zip(c["text"], c["evidence"]):  # offsets still index the text
        for e in evidence:
            assert text[e["start"]:e["end"]] == e["text"]
    row = parquet.iloc[0]
    assert list(row["values"]) == study.commitments.iloc[0]["values"]


def test_csv_cells_carry_the_lists_as_json(written):
    study, out = written
    csv = pd.read_csv(out / "commitments.csv", encoding="utf-8-sig")
    for col in LIST_COLUMNS:
        assert [json.loads(v) for v in csv[col]] == list(study.commitments[col])


def test_ambition_is_an_ordered_categorical(written):
    study, out = written
    for frame in (study.commitments, pd.read_parquet(out / "commitments.parquet")):
        for col in ("ambition", "irm_ambition"):
            dtype = frame[col].dtype
            assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
            assert list(dtype.categories) == list(AMBITION_LEVELS)
    c = study.commitments
    assert (c["ambition"] >= "unclear").all()
    rated = c.dropna(subset=["irm_ambition"])
    assert len(rated) and ((rated["ambition"] < rated["irm_ambition"])
                           == [AMBITION_LEVELS.index(a) < AMBITION_LEVELS.index(b)
                               for a, b in zip(rated["ambition"], rated["irm_ambition"])]).all()


def test_one_string_dtype_for_text(written):
    study, out = written
    for frame in (study.commitments, pd.read_parquet(out / "commitments.parquet")):
        text = [c for c in frame.columns
                if c not in LIST_COLUMNS and not isinstance(frame[c].dtype, pd.CategoricalDtype)
                and not pd.api.types.is_numeric_dtype(frame[c].dtype)
                and not pd.api.types.is_bool_dtype(frame[c].dtype)]
        assert {str(frame[c].dtype) for c in text} == {str(study.commitments["title"].dtype)}
        assert pd.api.types.is_string_dtype(frame["title"].dtype)
        assert "irm_cluster" in text and "recycled_from_title" in text


def test_only_documented_columns_are_all_missing(written):
    study, _ = written
    c = study.commitments
    assert {col for col in c.columns if c[col].isna().all()} <= OLDER_GENERATION_ONLY
