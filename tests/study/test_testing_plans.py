"""`ambicion.testing.write_plans`: plans that differ across members and periods, read back as written."""

from __future__ import annotations

import pytest

import ambicion
from ambicion.testing import write_plans


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    return folder, write_plans(folder, members=("Perú", "Philippines"),
                               periods=("2019-2021", "2021-2023"), commitments=3)


def test_one_plan_and_review_per_member_and_period(written):
    _, plans = written
    assert [(w.member, w.period) for w in plans] == [
        ("Perú", "2019-2021"), ("Perú", "2021-2023"),
        ("Philippines", "2019-2021"), ("Philippines", "2021-2023")]
    assert all(w.plan.exists() and w.review is not None and w.review.exists() for w in plans)
    assert {w.layout for w in plans} == {"template", "prose"}
    assert [w.language for w in plans] == ["es", "es", "en", "en"]


def test_plans_differ_across_members_and_periods(written):
    _, plans = written
    titles = [set(w.titles) for w in plans]
    assert all(a != b for i, a in enumerate(titles) for b in titles[i + 1:])
    peru_early, peru_late = plans[0], plans[1]
    assert peru_late.titles[0] == peru_early.titles[0]  # carried forward on purpose
    assert set(peru_late.titles[1:]).isdisjoint(peru_early.titles)


def test_the_plans_read_back_as_written(written):
    _, plans = written
    for w in plans:
        plan = ambicion.read_plan(w.plan)
        assert plan.country == w.member and plan.period == w.period
        assert [c.title for c in plan.commitments] == list(w.titles)


def test_same_seed_same_plans_other_seed_other_mix(tmp_path):
    a = write_plans(tmp_path / "a", members=("Chile",), periods=("2021-2023",), reviews=False)
    b = write_plans(tmp_path / "b", members=("Chile",), periods=("2021-2023",), reviews=False)
    c = write_plans(tmp_path / "c", members=("Chile",), periods=("2021-2023",), reviews=False,
                    seed=7)
    assert a[0].titles == b[0].titles and a[0].titles != c[0].titles
    with pytest.raises(ValueError, match="unknown member"):
        write_plans(tmp_path / "d", members=("Atlantis",))
