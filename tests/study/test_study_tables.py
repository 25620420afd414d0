"""The study's tables on the synthetic three-plan study, with labels known in advance."""

from __future__ import annotations

import pandas as pd
import pytest

from ambicion.labels import AMBITION_LEVELS, FLAG_CODES, VALUE_CODES
from ambicion.testing.studies import REVIEW_2020


def test_plans_are_ordered_in_time_and_every_commitment_is_a_row(keyword_study):
    c = keyword_study.commitments
    assert list(keyword_study.summary["period"]) == ["2017-2019", "2020-2021", "2023-2025"]
    assert c.groupby("period").size().to_dict() == {"2017-2019": 3, "2020-2021": 4, "2023-2025": 3}
    assert c["id"].is_unique
    assert set(c["country"]) == {"Perú"}
    row = c[(c["period"] == "2020-2021") & (c["number"] == "2")].iloc[0]
    assert row["title"] == "Registro de beneficiarios finales de empresas contratistas"
    assert row["institution"] == "Superintendencia Nacional de los Registros Públicos"
    assert row["milestones_count"] == 2
    assert row["pages"] and int(row["page_start"]) >= 2


def test_model_columns_come_from_the_judge(keyword_study):
    row = keyword_study.commitments.query("period == '2020-2021' and number == '3'").iloc[0]
    assert row["ambition"] == "unclear"
    assert bool(row["flag_e_government"]) and row["flags"] == ["e_government"]
    assert row["ambition_prob_unclear"] == pytest.approx(0.8)
    evidence = row["evidence"]
    assert {e["label"] for e in evidence} == {"flag:e_government"}
    for e in evidence:  # offsets index the commitment text
        assert row["text"][e["start"]:e["end"]] == e["text"]


def test_irm_ratings_sit_beside_the_model(keyword_study):
    c = keyword_study.commitments
    rated = c[c["period"] == "2020-2021"].set_index("number")
    for known in REVIEW_2020:
        r = rated.loc[str(known.number)]
        assert r["irm_ambition"] == known.potential_results
        assert bool(r["irm_verifiable"]) is known.verifiable
        assert bool(r["irm_open_gov_lens"]) is known.open_gov_lens
        assert r["irm_review"].endswith("review_2020.pdf")
    others = c[c["period"] != "2020-2021"]
    assert others["irm_review"].isna().all() and others["irm_ambition"].isna().all()


def test_ratings_table_links_each_rating_to_its_commitment(keyword_study):
    r = keyword_study.ratings
    assert len(r) == len(REVIEW_2020)
    assert r["plan_source"].str.endswith("plan_2020.pdf").all()
    assert list(r["commitment_id"].str.split("#").str[-1]) == ["1", "2", "3", "4"]


def test_summary_agrees_with_the_commitments_table(keyword_study):
    c, s = keyword_study.commitments, keyword_study.summary
    assert s["commitments"].sum() == len(c)
    for _, plan in s.iterrows():
        rows = c[c["source"] == plan["source"]]
        assert plan["commitments"] == len(rows)
        for code in VALUE_CODES:
            assert plan[f"share_{code}"] == pytest.approx(rows[f"value_{code}"].mean(), abs=1e-4)
        for level in AMBITION_LEVELS:
            assert plan[f"share_ambition_{level}"] == pytest.approx(
                (rows["ambition"] == level).mean(), abs=1e-4)
        for code in FLAG_CODES:
            assert plan[f"share_{code}"] == pytest.approx(rows[f"flag_{code}"].mean(), abs=1e-4)
        assert plan["share_verifiable"] == pytest.approx(1 - rows["flag_not_verifiable"].mean(),
                                                         abs=1e-4)
        assert plan["recycled"] == rows["recycled"].sum()
        irm = rows["irm_ambition"].dropna()
        assert plan["irm_rated"] == rows["irm_review"].notna().sum()
        for level in AMBITION_LEVELS:
            expected = (irm == level).mean() if len(irm) else None
            if expected is None:
                assert pd.isna(plan[f"irm_share_ambition_{level}"])
            else:
                assert plan[f"irm_share_ambition_{level}"] == pytest.approx(expected, abs=1e-4)


def test_known_shares_of_the_2020_plan(keyword_study):
    s = keyword_study.summary.set_index("period").loc["2020-2021"]
    # keyword judge: 1 modest, 2 and 4 substantial, 3 unclear; IRM: 1, 2 substantial, 3 unclear, 4 modest
    assert s["share_ambition_substantial"] == pytest.approx(0.5)
    assert s["share_e_government"] == pytest.approx(0.25)
    assert s["irm_share_ambition_substantial"] == pytest.approx(0.5)
    assert s["irm_share_ambition_modest"] == pytest.approx(0.25)
    assert s["irm_share_open_gov_lens"] == pytest.approx(0.75)
    assert s["share_recycled"] == pytest.approx(0.25)


def test_agreement_on_the_known_ratings(keyword_study):
    a = keyword_study.agreement.set_index(["scope", "indicator"])
    amb = a.loc[("all", "ambition")]
    assert amb["n"] == 4
    assert amb["accuracy"] == pytest.approx(0.5)
    # po = 0.5; both raters 1/4 unclear, 1/4 modest, 1/2 substantial: pe = 0.375
    assert amb["kappa"] == pytest.approx((0.5 - 0.375) / (1 - 0.375), abs=1e-4)
    lens = a.loc[("all", "open_gov_lens")]
    assert lens["n"] == 4 and lens["accuracy"] == pytest.approx(1.0)


def test_confusion_matrix_counts(keyword_study):
    conf = keyword_study.confusion
    amb = conf[conf["indicator"] == "ambition"].set_index(["irm", "model"])["count"]
    assert amb.sum() == 4
    assert amb[("substantial", "modest")] == 1
    assert amb[("substantial", "substantial")] == 1
    assert amb[("unclear", "unclear")] == 1
    assert amb[("modest", "substantial")] == 1
    assert amb[("modest", "modest")] == 0


def test_disagreements_worst_first(keyword_study):
    d = keyword_study.disagreements
    assert list(d["number"]) == ["4", "1"]  # same distance; the more confident model first
    assert list(d["distance"]) == [1, 1]
    assert d.iloc[0]["ambition"] == "substantial" and d.iloc[0]["irm_ambition"] == "modest"


def test_recycled_commitment_found_and_not_over_flagged(keyword_study):
    c = keyword_study.commitments
    flagged = c[c["recycled"]]
    assert [(r.period, r.number) for r in flagged.itertuples()] == [("2020-2021", "1")]
    row = flagged.iloc[0]
    assert row["recycled_from_plan"] == "Perú 2017-2019" and row["recycled_from_number"] == "1"
    assert row["recycled_similarity"] > 0.8
    # the first plan has nothing earlier to compare with
    assert c[c["period"] == "2017-2019"]["recycled_similarity"].isna().all()
    # same-topic commitments (procurement, anti-corruption, environment) stay well below
    later = c[(c["period"] != "2017-2019") & ~c["recycled"]]
    assert later["recycled_similarity"].max() < 0.3


def test_study_without_reviews_has_no_agreement(documents):
    from ambicion.study import build_study
    from ambicion.testing.studies import keyword_judge

    plans, _ = documents
    study = build_study(plans[:1], judge=keyword_judge)
    assert study.agreement.empty and study.disagreements.empty and study.ratings.empty
    assert study.commitments["irm_review"].isna().all()


def test_a_plan_the_judge_chokes_on_is_a_failure_not_a_crash(documents):
    from ambicion.study import build_study
    from ambicion.testing.studies import keyword_judge

    plans, _ = documents

    def fussy(items):
        if any("ética" in c.title for c in items):
            raise ValueError("cannot judge this")
        return keyword_judge(items)

    study = build_study(plans, judge=fussy)
    assert len(study.failures) == 1
    assert study.failures.iloc[0]["reason"].startswith("judging failed")
    assert set(study.commitments["period"]) == {"2017-2019", "2020-2021"}
