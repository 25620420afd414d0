"""Older IRM reports: per-value agreement from the relevance ticks, and several reviews of one plan."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ambicion.model import IrmRating, Rating, Review
from ambicion.study import build_study, reviews_for
from ambicion.testing.studies import keyword_judge

RELEVANCE = {  # AI, PC, RC, TI as an older progress report ticks them
    "1": (True, False, False, True),
    "2": (False, False, False, False),
    "3": (False, True, True, False),
}
IMPACT = {"1": ("Moderado", "moderate", "substantial"), "2": ("Ninguno", "none", "unclear"),
          "3": ("Menor", "minor", "modest")}
CODES = ("access_to_information", "civic_participation", "public_accountability",
         "technology_innovation")


@pytest.fixture(scope="module")
def legacy_study(documents):
    plans, _ = documents
    plan = next(p for p in plans if p.period == "2017-2019")
    progress = Review(
        source="progress_2017.pdf", country="Perú", period="2017–2019", kind="progress_report",
        ratings=tuple(IrmRating(
            number=c.number, title=c.title, relevance=dict(zip(CODES, RELEVANCE[c.number])),
            potential_impact=Rating(IMPACT[c.number][0], IMPACT[c.number][1]),
            ambition=IMPACT[c.number][2], completion=Rating("Limitado", "limited"))
            for c in plan.commitments))
    results = Review(
        source="results_2017.pdf", country="Peru", period="2017-2019", kind="results_report",
        ratings=(IrmRating(number="1", title=plan.commitments[0].title,
                           completion=Rating("Completo", "complete"),
                           opened_government=Rating("Significativamente", "major")),))
    other_country = Review(source="chile.pdf", country="Chile", period="2017-2019",
                           kind="action_plan_review",
                           ratings=(IrmRating(number="1", title=plan.commitments[0].title,
                                              ambition="unclear"),))
    return build_study([plan], [results, other_country, progress], judge=keyword_judge)


def test_reviews_are_matched_by_country_and_period_preferring_design_reviews(legacy_study):
    plan = legacy_study.plans[0]
    chosen = reviews_for(plan, legacy_study.reviews)
    assert [r.source for r in chosen] == ["progress_2017.pdf", "results_2017.pdf"]


def test_several_reviews_merge_field_by_field(legacy_study):
    first = legacy_study.commitments.set_index("number").loc["1"]
    assert first["irm_review"] == "progress_2017.pdf"
    assert first["irm_ambition"] == "substantial" and first["irm_potential_impact"] == "moderate"
    assert first["irm_completion"] == "limited"  # the preferred review's value wins
    assert first["irm_opened_government"] == "major"  # only the results report has it
    assert bool(first["irm_value_technology_innovation"]) is True


def test_per_value_agreement_from_relevance_columns(legacy_study):
    a = legacy_study.agreement.set_index(["scope", "indicator"])
    assert a.loc[("all", "ambition"), "n"] == 3
    assert a.loc[("all", "ambition"), "accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert a.loc[("all", "access_to_information"), "accuracy"] == pytest.approx(1.0)
    assert a.loc[("all", "access_to_information"), "kappa"] == pytest.approx(1.0)
    assert a.loc[("all", "civic_participation"), "kappa"] == pytest.approx(1.0)
    # the keyword judge never finds accountability here; the IRM ticked it once
    assert a.loc[("all", "public_accountability"), "accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert a.loc[("all", "public_accountability"), "kappa"] == pytest.approx(0.0)
    conf = legacy_study.confusion
    ti = conf[conf["indicator"] == "technology_innovation"].set_index(["irm", "model"])["count"]
    assert ti[("yes", "no")] == 1 and ti[("no", "no")] == 2 and ti[("yes", "yes")] == 0


def test_disagreement_lists_the_values_that_differ(legacy_study):
    d = legacy_study.disagreements
    assert list(d["number"]) == ["1"]
    assert d.iloc[0]["irm_ambition"] == "substantial" and d.iloc[0]["ambition"] == "modest"
    assert json.loads(d.iloc[0]["value_mismatches"]) == ["technology_innovation"]


def test_summary_irm_value_shares(legacy_study):
    s = legacy_study.summary.iloc[0]
    assert s["irm_rated"] == 3
    assert s["irm_share_access_to_information"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["irm_share_ambition_unclear"] == pytest.approx(1 / 3, abs=1e-4)
    assert pd.isna(s["irm_share_verifiable"])  # an older report does not rate verifiability


def test_ratings_table_keeps_unpaired_ratings(legacy_study):
    r = legacy_study.ratings
    assert len(r) == 5
    chile = r[r["source"] == "chile.pdf"].iloc[0]
    assert pd.isna(chile["plan_source"]) and pd.isna(chile["commitment_id"])
