"""The shipped judge, loaded once per test session."""

from __future__ import annotations

import pytest

from ambicion.judge.api import default_model_dir, get_judge


@pytest.fixture(scope="session")
def judge():
    model_dir = default_model_dir()
    assert model_dir is not None, "models/ not found: run `ambicion train`"
    return get_judge(model_dir)


@pytest.fixture(scope="session")
def assess(judge):
    def run(text, functions=None, language=None):
        return judge.assess_many([text], functions=functions, language=language)[0]

    return run
