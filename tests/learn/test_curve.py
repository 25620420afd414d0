"""The learning curve over real rated members: its shares, its full point, its determinism, its card text.

Every rated row here is generated for the test (invented members, texts assembled from a few
invented phrases); none comes from any real file.
"""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from ambicion.learn.realcurve import Curve, Point, learning_curve, render, subsets, trends
from ambicion.learn.realmetrics import HEADLINE, TARGETS, measure, prediction

from .real_inputs import featurised_inputs

MEMBERS = ("Arcadia", "Borduria", "Cascadia", "Dorado", "Elbonia", "Florin", "Genovia", "Hyrule",
           "Ishval", "Jotunheim")
OPEN = ("El ministerio publicará en datos abiertos los contratos de obras",
        "The ministry will publish every procurement contract as open data",
        "La municipalidad creará un consejo ciudadano que vigile el presupuesto y responda por escrito",
        "The council will hold public hearings and answer each comment in writing within thirty days")
WEAK = ("La oficina digitalizará su archivo interno y comprará servidores nuevos",
        "The office will buy new servers and train its staff on the intranet")
MORE = ("con un plazo de entrega en 2025.", "y un registro verificable de avances.",
        "mediante una norma vinculante.", "en cada región del país.")


def rated_rows() -> list[dict]:
    """Ten invented members, six rows each, whose labels mostly follow the text (with noise)."""
    rng = np.random.default_rng(7)
    rows = []
    for c, country in enumerate(MEMBERS):
        for k in range(6):
            open_gov = bool(rng.random() < 0.7)
            pool = OPEN if open_gov else WEAK
            text = f"{pool[int(rng.integers(len(pool)))]} {MORE[int(rng.integers(len(MORE)))]}"
            lang = "en" if text.startswith("The") else "es"
            values = (["access_to_information"] if "datos" in text or "open data" in text else
                      ["civic_participation", "public_accountability"]) if open_gov else []
            if rng.random() < 0.15:  # raters disagree with the text now and then
                open_gov = not open_gov
            rows.append({"id": f"{country[:2].upper()}{k:03d}", "country": country, "plan": "2019-2021",
                         "title": f"Compromiso {k}", "text": text, "text_source": "plan", "language": lang,
                         "irm_values": values if c % 3 else None, "irm_relevant": open_gov,
                         "ogp_ambition": "high" if open_gov and "norma" in text else "low"})
    return rows


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Featurised corpus subset and generated rated rows, as `evaluate_real` prepares them."""
    built = featurised_inputs(tmp_path_factory.mktemp("curve"), rated_rows(), every=5)
    assert len({r.group for r in built[2]}) == len(MEMBERS)
    return built


@pytest.fixture(scope="module")
def curve(inputs):
    return learning_curve(*inputs, fractions=(0.5, 1.0), repeats={0.5: 2}, n_boot=60)


def _headline(rows, judged, n_boot):
    table = measure(rows, lambda i, label: prediction(judged[i], label), None, n_boot)
    return ((table["values_macro_f1"][0], table["open_gov_lens"].balanced_accuracy,
             table["substantial"].balanced_accuracy),
            (table["values_macro_f1"][1], table["open_gov_lens"].ci["balanced_accuracy"],
             table["substantial"].ci["balanced_accuracy"]))


def test_the_curve_has_the_corpus_only_point_then_the_shares_asked(curve):
    assert [p.fraction for p in curve.points] == [0.0, 0.5, 1.0]
    assert [p.draws for p in curve.points] == [1, 2, 1]
    zero, half, full = curve.points
    assert zero.members == 0 and zero.rows == 0
    assert full.members == 8  # five outer folds of ten members: eight outside each fold
    assert half.members == 4 and 0 < half.rows < full.rows == 48
    assert curve.n_members == len(MEMBERS) and curve.n_rows == 60


def test_the_full_share_reproduces_the_nested_headline_and_zero_the_corpus_only_recipe(inputs, curve):
    from ambicion.learn.realcv import in_memory_judge, judge_features, nested
    from ambicion.learn.train import fit_all

    corpus, real, rows, feats, scores, choices = inputs
    values, ci = _headline(rows, nested(corpus, real, rows, feats, scores, choices), 60)
    assert curve.points[-1].values == pytest.approx(values, abs=0)
    assert curve.points[-1].ci == ci
    fitted, blend, thresholds, _, _ = fit_all(corpus, [], choices)
    only = judge_features(in_memory_judge(fitted, blend, thresholds), feats, scores, rows)
    values, ci = _headline(rows, only, 60)
    assert curve.points[0].values == pytest.approx(values, abs=0) and curve.points[0].ci == ci


def test_subsets_stay_outside_the_held_out_fold_and_follow_the_seed(inputs):
    from ambicion.learn.calibrate import country_folds

    groups = [r.group for r in inputs[1]]
    folds = country_folds(groups)
    for fraction, size in ((0.25, 2), (0.5, 4), (0.75, 6), (1.0, 8)):
        picks = subsets(groups, fraction, 0)
        assert len(picks) == len(folds)
        for pick, (train, test) in zip(picks, folds):
            assert len(pick) == size
            assert pick <= {groups[i] for i in train} and not pick & {groups[i] for i in test}
    assert subsets(groups, 0.5, 1) == subsets(groups, 0.5, 1)
    assert subsets(groups, 0.5, 0) != subsets(groups, 0.5, 1)
    assert subsets(groups, 0.5, 0, seed=1) != subsets(groups, 0.5, 0, seed=2)


def test_same_seed_same_curve(inputs, curve):
    again = learning_curve(*inputs, fractions=(0.5,), repeats={0.5: 2}, n_boot=60)
    assert again.points[1] == curve.points[1]
    np.testing.assert_array_equal(again.points[1].replicates, curve.points[1].replicates)


def _point(fraction: float, members: float, values: tuple, reps: np.ndarray) -> Point:
    return Point(fraction, members, members * 8, 1, values, (None,) * 3, (None,) * 3, reps)


def test_trend_is_per_doubling_and_extrapolates_in_log_members():
    reps = np.zeros((50, 3))
    zero = _point(0.0, 0, (0.50, 0.60, 0.60), reps)
    half = _point(0.5, 10, (0.50, 0.60, 0.60), reps)
    full = _point(1.0, 20, (0.55, 0.60, 0.66), reps + np.array([0.05, 0.0, 0.06]))
    curve = Curve((zero, half, full), 25, 200, 1)
    found = {t.metric: t for t in trends(curve, TARGETS)}
    values = found["values macro-F1"]
    assert values.per_doubling == pytest.approx(0.05)
    # 0.15 short of 0.70 at +0.05 per doubling: three more doublings of 20 members
    assert values.doublings == pytest.approx(3) and values.members_needed == pytest.approx(160)
    assert values.difference == pytest.approx((0.05, 0.05, 0.05))
    assert values.from_corpus == pytest.approx((0.05, 0.05, 0.05))
    assert found["lens balanced accuracy"].doublings is None  # flat: never on this line
    assert found["ambition balanced accuracy"].doublings == 0  # already met at 20 members
    text = "\n".join(render(curve, TARGETS, "ambicion evaluate --learning-curve"))
    assert "after 3.0 more doublings, at about 160 members learnt from (about 1,280 rated rows" in text
    assert "never reaches the target 0.70" in text and "already met" in text
    assert "From the corpus-only recipe to all 20 members learnt from" in text
    assert "rough guide, not a promise" in text
    # a rise too slow to mean anything is not turned into a member count
    slow = _point(1.0, 20, (0.501, 0.60, 0.66), reps + np.array([0.001, 0.0, 0.06]))
    text = "\n".join(render(Curve((zero, half, slow), 25, 200, 1), TARGETS, "x"))
    assert "more doublings of the members to reach the target 0.70: in effect never" in text


def test_the_card_section_follows_the_variants_table_and_names_its_command(inputs, curve):
    from ambicion.learn.realeval import render as render_real
    from ambicion.learn.realmetrics import majority
    from ambicion.learn.realtried import Tried

    rows = inputs[2]
    table = measure(rows, majority(rows), None, 30)
    result = {"n_rows": len(rows), "n_groups": len(MEMBERS), "problems": [], "files": ["rated.jsonl"],
              "systems": {"cross-validated": {"all": table}, "majority": {"all": table}},
              "tried": ((0.5, 0.5, 0.5), [Tried("a variant", (0.5, 0.5, 0.5), ((0, 0, 0),) * 3)])}
    without = render_real(result)
    assert not any("How accuracy grows" in line for line in without)
    lines = render_real({**result, "curve": curve})
    # the rest of the section is unchanged, but for the weak-points line on the targets, which
    # says what the curve measured instead of what is left to measure
    changed = [i for i, (a, b) in enumerate(zip(lines, without)) if a != b]
    assert [without[i].startswith("- The targets are not met") for i in changed] == [True]
    assert "not measured in this card" in without[changed[0]]
    assert "learning curve below" in lines[changed[0]]
    assert len(lines) > len(without) and lines[len(without) - 1] == without[-1]
    start = lines.index("### How accuracy grows with real rated rows")
    assert start > lines.index("### Tried on real ratings, and why the shipped rules were kept")
    text = "\n".join(lines[start:])
    assert "`ambicion evaluate --real rated.jsonl --learning-curve`" in text
    assert "| corpus only | 0 |" in text and "| 8 (100%) | 48 |" in text and "| 4 (50%) |" in text
    assert "![Learning curve](learning_curve.png)" in text
    assert all(name in text for name in HEADLINE)


def test_the_figure_is_a_png(curve, tmp_path):
    from ambicion.learn.realcurve import figure

    figure(curve, TARGETS, tmp_path / "curve.png")
    assert (tmp_path / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_option_needs_real_rows(tmp_path):
    from ambicion_cli.main import app

    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(tmp_path), "--models", str(tmp_path),
                                      "--learning-curve"])
    assert result.exit_code == 2
    assert "--real" in result.output and "Traceback" not in result.output
