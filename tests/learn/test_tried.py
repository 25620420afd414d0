"""Decision rules chosen on real ratings and the card's "tried" comparison.

Every probability and label here is made up for the test; none comes from any real file.
"""

from __future__ import annotations

import numpy as np
import pytest

from ambicion.learn.calibrate import FIXED, PRIOR_MATCHED, prior_matched
from ambicion.learn.heads import SHIPPED, Recipe, label_rows
from ambicion.learn.realtried import CORE, Decider, Fold, Rules, Tried, headline, render
from ambicion.judge.rules import VALUE_LABELS

LABELS = VALUE_LABELS + ("open_gov_lens", "substantial")


def test_prior_matched_threshold_calls_as_many_positive_as_were_rated_so():
    rng = np.random.default_rng(3)
    y = rng.random(200) < 0.3
    model = np.where(y, rng.normal(0.35, 0.1, 200), rng.normal(0.25, 0.1, 200))  # all below 0.5
    c = prior_matched("substantial", 1.0, model, np.zeros(200), y)
    assert c.weight == 1.0 and c.threshold < 0.5
    assert np.mean(model >= c.threshold) == pytest.approx(np.mean(y), abs=0.01)
    # a fixed 0.5 would call nothing substantial: balanced accuracy 0.5
    assert c.score > 0.6


def test_prior_matched_ranks_perfectly_separated_scores_perfectly():
    y = np.array([True] * 4 + [False] * 6)
    model = np.array([0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.3, 0.2, 0.1, 0.0])
    assert prior_matched("substantial", 1.0, model, np.zeros(10), y).score == 1.0


def test_shipped_rules_fix_the_lens_and_prior_match_substantial():
    assert FIXED == {"open_gov_lens": (0.5, 0.5)}
    assert PRIOR_MATCHED == {"substantial": 1.0}


def test_recipe_real_scale_multiplies_the_real_rows_weight():
    from ambicion.learn.heads import Row

    def r(origin, yes):
        return Row("a b", np.zeros(1), {}, origin, origin, {"open_gov_lens": (yes, 1.0)})

    rows = [r("corpus", True), r("corpus", False), r("corpus", True), r("real", False)]
    _, _, w1 = label_rows(rows, "open_gov_lens")
    _, _, w3 = label_rows(rows, "open_gov_lens", 3.0)
    assert w1.tolist() == [1.0, 1.0, 1.0, 3.0]  # one real row weighs the three corpus rows
    assert w3.tolist() == [1.0, 1.0, 1.0, 9.0]
    assert SHIPPED == Recipe() and SHIPPED.real_scale == 1.0


def _decider(n: int, cue: bool = True) -> Decider:
    rule = {label: np.full(n, 0.2) for label in LABELS}
    cues = {c: np.full(n, cue) for c in VALUE_LABELS}
    truth = {label: [True, False] * (n // 2) for label in LABELS}
    return Decider(rule, cues, truth)


def _fold(n: int, outer: dict[str, float]) -> Fold:
    inner = {label: np.tile([0.9, 0.1], n // 2).astype(float) for label in LABELS}
    probs = {label: np.full(n, outer.get(label, 0.1)) for label in LABELS}
    return Fold(list(range(n)), list(range(n)), inner, probs)


def test_a_relevant_commitment_gets_its_most_likely_core_value_and_technology_needs_one():
    d = _decider(8)
    outer = {"open_gov_lens": 0.9, "civic_participation": 0.45, "access_to_information": 0.40,
             "technology_innovation": 0.95, "public_accountability": 0.3, "substantial": 0.1}
    fold = _fold(8, outer)
    # thresholds chosen on inner probabilities that separate perfectly: values need more than 0.45
    fold.inner["civic_participation"][:] = np.tile([0.95, 0.5], 4)
    fold.inner["access_to_information"][:] = np.tile([0.95, 0.5], 4)
    fold.inner["public_accountability"][:] = np.tile([0.95, 0.5], 4)
    out = d.decide([fold], Rules())
    assert out["open_gov_lens"].all()
    assert out["civic_participation"].all()  # the strongest core value, forced by the lens
    assert not out["access_to_information"].any()
    assert out["technology_innovation"].all()
    without_lens = d.decide([_fold(8, {**outer, "open_gov_lens": 0.1, "civic_participation": 0.0,
                                       "access_to_information": 0.0, "public_accountability": 0.0})], Rules())
    assert not without_lens["open_gov_lens"].any()
    assert not without_lens["technology_innovation"].any()  # no core value: no technology


def test_substantial_needs_the_lens_or_a_core_value():
    d = _decider(8)
    outer = {"substantial": 0.99, "open_gov_lens": 0.1}
    out = d.decide([_fold(8, outer)], Rules())
    assert not out["substantial"].any()
    out = d.decide([_fold(8, {**outer, "open_gov_lens": 0.9})], Rules())
    assert out["substantial"].all()


def test_the_cue_gate_keeps_a_low_threshold_from_listing_values_without_evidence():
    n = 8
    fold = _fold(n, {"access_to_information": 0.3})
    fold.inner["access_to_information"][:] = np.tile([0.3, 0.05], n // 2)  # a low threshold wins
    gated = _decider(n, cue=False).decide([fold], Rules(cue_gate="below_half"))
    open_ = _decider(n, cue=False).decide([fold], Rules(cue_gate="off"))
    assert not gated["access_to_information"].any()
    assert open_["access_to_information"].all()


def test_the_always_gate_lists_no_value_without_a_cue_even_above_one_half():
    n = 8
    fold = _fold(n, {"access_to_information": 0.9})
    fold.inner["access_to_information"][:] = np.tile([0.9, 0.05], n // 2)
    below = _decider(n, cue=False).decide([fold], Rules(cue_gate="below_half"))
    always = _decider(n, cue=False).decide([fold], Rules(cue_gate="always"))
    cued = _decider(n, cue=True).decide([fold], Rules(cue_gate="always"))
    assert below["access_to_information"].all()
    assert not always["access_to_information"].any()
    assert cued["access_to_information"].all()


def test_headline_scores_only_rows_carrying_each_label():
    ref = {label: np.array([1, 0, -1, 1]) for label in LABELS}
    decided = {label: np.array([True, False, True, False]) for label in LABELS}
    macro, lens, amb = headline(ref, decided, np.arange(4))
    assert macro == pytest.approx(2 / 3)  # tp 1, fn 1, fp 0 (the unlabelled row is ignored)
    assert lens == pytest.approx(0.75) and amb == pytest.approx(0.75)


def test_render_marks_only_differences_whose_whole_interval_is_on_one_side():
    rows = [Tried("better", (0.6, 0.7, 0.6), ((0.05, 0.01, 0.09), (0.0, -0.02, 0.03), (-0.04, -0.08, -0.01)))]
    text = "\n".join(render((0.55, 0.7, 0.64), rows))
    assert "| better | 0.60 (+0.05 [+0.01, +0.09]) (wins) | 0.70 (+0.00 [-0.02, +0.03]) | " \
           "0.60 (-0.04 [-0.08, -0.01]) (loses) |" in text
    assert rows[0].wins() == (True, False, False)
    assert CORE == VALUE_LABELS[:3]


def test_the_judge_decides_substantial_with_the_head_learnt_from_real_ratings():
    """The three-level ambition head also has a "substantial" share; it must not stand in for the
    separate "substantial" head (it did once, so that head was never used)."""
    from ambicion.judge.api import Judge, default_model_dir
    from ambicion.judge.features import numeric_vector
    from ambicion.judge.rules import SCORE_NAMES
    from ambicion.judge.store import predict

    model_dir = default_model_dir()
    judge = Judge(model_dir)
    if "substantial" not in judge.bundle.classifiers:
        pytest.skip("the shipped models carry no substantial head")
    text = ("Reglamento de audiencias\nAprobar un decreto que obligue a las municipalidades a responder por "
            "escrito a cada propuesta ciudadana en 30 días.")
    nlp = judge.nlp("es")
    doc = nlp(text)
    from ambicion.judge.features import extract
    from ambicion.judge.rules import all_scores

    f = extract(doc, "es", judge.function_index("es"))
    rule = all_scores(f)
    model = judge._model_probs([f], [rule])[0]
    raw = predict(judge.bundle, [f.masked], numeric_vector(f, rule, SCORE_NAMES)[None, :])
    assert model["substantial"] == pytest.approx(float(raw["substantial"][0]))
    assert model["unclear"] == pytest.approx(float(raw["ambition"][0][0]))
    w = judge.blend.get("substantial", 1.0)
    expected = w * model["substantial"] + (1 - w) * rule["ambition_substantial"]
    assert judge.blended(rule, model)["substantial"] == pytest.approx(expected)


def test_calibration_is_fitted_on_the_training_rows_only_and_keeps_the_order():
    """A Platt or isotonic map learnt from inner-CV probabilities moves the outer ones, never
    reads the test rows' truth, and keeps their ranking."""
    n = 40
    rng = np.random.default_rng(5)
    truth = {label: [bool(x) for x in (rng.random(n) < 0.5)] for label in LABELS}
    d = Decider({label: np.full(n, 0.2) for label in LABELS},
                {c: np.ones(n, dtype=bool) for c in VALUE_LABELS}, truth)
    train, test = list(range(30)), list(range(30, 40))
    # inner probabilities all far too low for the training rows' rates: 0.5 means nothing
    inner = {label: np.where(np.array(truth[label]), 0.2, 0.05) for label in LABELS}
    for label in LABELS:
        inner[label][test] = np.nan
    outer = {label: np.linspace(0.01, 0.3, n) for label in LABELS}
    fold = Fold(train, test, inner, outer)
    for method in ("platt", "isotonic"):
        cal = d.calibrated(fold, method)
        for label in LABELS:
            moved = cal.outer[label][test]
            assert np.all(np.diff(moved) >= -1e-12)  # monotone
            assert np.nanmax(cal.inner[label]) > 0.5  # the positives' scores now mean "likely"
            assert np.all(np.isnan(cal.inner[label][test]))
        # flipping the test rows' truth changes nothing: they were never read
        flipped = {label: truth[label][:30] + [not t for t in truth[label][30:]] for label in LABELS}
        d2 = Decider(d.rule, d.cue, flipped)
        np.testing.assert_allclose(d2.calibrated(fold, method).outer["civic_participation"],
                                   cal.outer["civic_participation"])
    assert d.calibrated(fold, "none") is fold


def test_named_picks_variants_by_part_of_their_name():
    from ambicion.learn.realtried import VARIANTS, named

    chosen = named(["char n-grams"])
    assert chosen and all("char n-grams" in v.name for v in chosen)
    assert len(named(["calibrated"])) == 2 and set(named([])) == set()
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)


def test_real_only_labels_drop_the_corpus_rows_for_that_label_alone():
    from ambicion.learn.heads import Row

    def r(origin, yes):
        return Row("a b", np.zeros(1), {}, origin, origin,
                   {"civic_participation": (yes, 1.0), "open_gov_lens": (yes, 1.0)})

    rows = [r("corpus", True), r("corpus", False), r("real", True), r("real", False)]
    idx, y, w = label_rows(rows, "civic_participation", real_only=True)
    assert idx == [2, 3] and w.tolist() == [1.0, 1.0]
    assert label_rows(rows, "open_gov_lens")[0] == [0, 1, 2, 3]


def test_value_c_regularises_the_value_heads_alone():
    from ambicion.learn.heads import Row, fit_heads

    rng = np.random.default_rng(11)
    words = ("consulta", "portal", "queja", "datos", "registro", "auditoria")
    rows = []
    for k in range(40):
        text = " ".join(words[j] for j in rng.integers(0, len(words), 6))
        rows.append(Row(text + " " + text, rng.random(2), {}, f"g{k}", "corpus",
                        {"civic_participation": ("consulta" in text, 1.0), "open_gov_lens": (k % 3 > 0, 1.0)}))
    plain = fit_heads(rows, ["civic_participation", "open_gov_lens"])
    strong = fit_heads(rows, ["civic_participation", "open_gov_lens"], Recipe(value_c=0.1))
    norm = lambda f, label: float(np.abs(f.heads[label]["coef"]).sum())
    assert norm(strong, "civic_participation") < norm(plain, "civic_participation")
    np.testing.assert_allclose(strong.heads["open_gov_lens"]["coef"], plain.heads["open_gov_lens"]["coef"])
