"""Real rated rows: parsing, per-label targets (nothing invented), calibration and scoring helpers.

Every row here is written for the test; none comes from any real file.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from ambicion.learn.calibrate import choose, country_folds, score
from ambicion.learn.real import WEAK_WEIGHT, load_real, parse_row, scored_substantial, targets
from ambicion.learn.realmetrics import auc, measure

BASE = {"id": "XX0001", "country": "Arcadia", "plan": "2019-2021", "title": "Registro abierto",
        "text": "El ministerio publicará el registro en datos abiertos.", "text_source": "plan",
        "language": "es"}


def row(**kw):
    return parse_row({**BASE, **kw})


def test_a_row_teaches_only_the_labels_it_shows():
    r = row(irm_relevant=True)
    assert set(targets(r)) == {"open_gov_lens"}
    r = row(irm_values=["access_to_information"])
    t = targets(r)
    assert t["access_to_information"] == (True, 1.0)
    assert t["civic_participation"] == (False, 1.0)
    assert "open_gov_lens" not in t and "substantial" not in t


def test_sources_of_ambition_stay_distinct_and_ogp_field_is_weaker():
    assert targets(row(ogp_ambition="high"))["substantial"] == (True, WEAK_WEIGHT)
    assert targets(row(potential_impact="transformative"))["substantial"] == (True, 1.0)
    assert targets(row(potential_impact="minor"))["substantial"] == (False, 1.0)
    assert targets(row(potential_for_results="modest"))["substantial"] == (False, 1.0)
    # training prefers the IRM's scale; the measured reference follows OGP's field first
    both = row(ogp_ambition="low", potential_impact="transformative")
    assert targets(both)["substantial"] == (True, 1.0)
    assert scored_substantial(both) is False
    assert "substantial" not in targets(row())


def test_empty_value_list_means_relevant_to_none_and_null_means_unknown():
    assert all(not y for y, _ in (targets(row(irm_values=[]))[v] for v in
                                  ("access_to_information", "technology_innovation")))
    assert "access_to_information" not in targets(row(irm_values=None))


def test_bad_rows_are_reported_by_file_and_line_and_skipped(tmp_path):
    path = tmp_path / "rated.jsonl"
    lines = [json.dumps(BASE), "{not json", json.dumps({**BASE, "id": "XX0002", "irm_values": ["magic"]}),
             json.dumps({**BASE, "id": "XX0003", "potential_impact": "huge"}), json.dumps(BASE),
             json.dumps({**BASE, "id": "XX0004", "text": " "})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows, problems = load_real([path])
    assert [r.id for r in rows] == ["XX0001"]
    assert len(problems) == 5
    assert problems[0].startswith("rated.jsonl:2: not JSON")
    assert "unknown value code" in problems[1] and "potential_impact" in problems[2]
    assert "duplicate id" in problems[3] and "missing text" in problems[4]


def test_country_folds_never_split_a_country_and_are_deterministic():
    groups = ["A"] * 7 + ["B"] * 5 + ["C"] * 3 + ["D"] * 3 + ["E"] * 2 + ["F"]
    folds = country_folds(groups, 5)
    assert folds == country_folds(groups, 5)
    seen = []
    for train, test in folds:
        assert not {groups[i] for i in train} & {groups[i] for i in test}
        seen += test
    assert sorted(seen) == list(range(len(groups)))


def test_threshold_choice_follows_the_metric():
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    model = np.array([0.9, 0.8, 0.7, 0.35, 0.3, 0.2, 0.2, 0.1, 0.1, 0.05])
    c = choose("open_gov_lens", model, np.zeros(10), y)
    assert c.weight == 1.0 and 0.3 < c.threshold <= 0.35
    assert c.score == pytest.approx(1.0)
    assert score("f1", y.astype(bool), model >= 0.5) == pytest.approx(2 * 3 / (2 * 3 + 1))


def test_auc_matches_the_rank_definition():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(3)
    y = rng.random(60) < 0.4
    s = np.round(rng.random(60), 1)  # ties on purpose
    assert auc(y, s) == pytest.approx(roc_auc_score(y, s))


def test_measure_gives_intervals_around_the_point_estimate():
    rows = [row(id=f"R{i}", country=f"C{i % 6}", irm_relevant=bool(i % 3)) for i in range(36)]

    def predict(i, label):
        truth = rows[i].irm_relevant
        return (truth if i % 5 else not truth), 0.8 if truth else 0.2

    out = measure(rows, predict, n_boot=200)
    lens = out["open_gov_lens"]
    low, high = lens.ci["balanced_accuracy"]
    assert low <= lens.balanced_accuracy <= high
    assert lens.n == 36 and lens.auc == pytest.approx(1.0)
    assert "access_to_information" not in out  # no row carries it


def test_rows_without_a_country_are_grouped_by_plan():
    a = row(id="A", country="", plan="2020-2022")
    b = row(id="B", country="", plan="2020-2022")
    assert a.group == b.group != row(id="C", country="", plan="").group
