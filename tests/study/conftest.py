"""Session fixtures for the study tests: the synthetic three-plan study, extracted once."""

from __future__ import annotations

import pytest

import ambicion
from ambicion.study import build_study
from ambicion.testing.studies import keyword_judge, write_study_files


@pytest.fixture(scope="session")
def study_files(tmp_path_factory):
    return write_study_files(tmp_path_factory.mktemp("study"))


@pytest.fixture(scope="session")
def documents(study_files):
    plans = [ambicion.read_plan(study_files[y]) for y in ("2023", "2017", "2020")]
    reviews = [ambicion.read_review(study_files["review"])]
    return plans, reviews


@pytest.fixture(scope="session")
def keyword_study(documents):
    """The study with the stand-in keyword judge, whose labels are known in advance."""
    plans, reviews = documents
    return build_study(plans, reviews, judge=keyword_judge)
