"""A member's own IRM history: which plan is held out, what each side learns from, the card text.

Every rated row here is generated for the test (invented members and plans, texts assembled
from a few invented phrases); none comes from any real file.
"""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

from ambicion.learn.real import parse_row
from ambicion.learn.realhistory import (SYSTEMS, Figures, History, Member, clearly_better, own_history,
                                        plan_order, render, split_latest)
from ambicion.learn.realmetrics import HEADLINE, headline_replicates, majority

from .real_inputs import featurised_inputs

# members with one, two and three plans, the latest not always listed last
PLANS = {"Arcadia": ("2016-2018", "2019-2021"), "Borduria": ("2019-2021",), "Cascadia": ("2014-2016",
         "2018-2020", "2016-2018"), "Dorado": ("2017-2019",), "Elbonia": ("2020-2022", "2017"),
         "Florin": ("2015-2017",)}
OPEN = ("El ministerio publicará en datos abiertos los contratos de obras",
        "The ministry will publish every procurement contract as open data",
        "The council will hold public hearings and answer each comment in writing within thirty days")
WEAK = ("La oficina digitalizará su archivo interno y comprará servidores nuevos",
        "The office will buy new servers and train its staff on the intranet")
MORE = ("con un plazo de entrega en 2025.", "y un registro verificable de avances.", "mediante una norma vinculante.")


def rated_rows() -> list[dict]:
    """Four rows per plan of each invented member; labels mostly follow the text (with noise)."""
    rng = np.random.default_rng(11)
    rows = []
    for c, (country, plans) in enumerate(PLANS.items()):
        for p, plan in enumerate(plans):
            for k in range(4):
                open_gov = bool(rng.random() < 0.7)
                pool = OPEN if open_gov else WEAK
                text = f"{pool[int(rng.integers(len(pool)))]} {MORE[int(rng.integers(len(MORE)))]}"
                values = (["access_to_information"] if "datos" in text or "open data" in text else
                          ["civic_participation", "public_accountability"]) if open_gov else []
                if rng.random() < 0.15:
                    open_gov = not open_gov
                rows.append({"id": f"{country[:2].upper()}{p}{k:02d}", "country": country, "plan": plan,
                             "title": f"Compromiso {k}", "text": text, "text_source": "plan",
                             "language": "en" if text.startswith("The") else "es",
                             "irm_values": values if (c + k) % 3 else None, "irm_relevant": open_gov,
                             "ogp_ambition": "high" if open_gov and "norma" in text else "low"})
    return rows


def test_the_latest_plan_is_the_one_ending_last_and_single_plan_members_are_left_out():
    assert max(["2014-2016", "2018-2020", "2016-2018"], key=plan_order) == "2018-2020"
    assert max(["2019-2021", "2020-2022", "2021"], key=plan_order) == "2020-2022"
    assert max(["2020-2022", "2021-2024 (a city, OGP Local)"], key=plan_order).startswith("2021-2024")
    assert plan_order("first plan") < plan_order("2011-2012")  # no year: never the latest
    rows = [parse_row(r) for r in rated_rows()]
    split = split_latest(rows)
    assert sorted(split) == ["Arcadia", "Cascadia", "Elbonia"]
    latest, test, earlier = split["Cascadia"]
    assert latest == "2018-2020" and len(test) == 4 and len(earlier) == 8
    assert {rows[i].plan for i in earlier} == {"2014-2016", "2016-2018"}
    assert split["Elbonia"][0] == "2020-2022"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """Featurised corpus subset and generated rated rows, as `evaluate_real` prepares them."""
    built = featurised_inputs(tmp_path_factory.mktemp("history"), rated_rows(), every=8)
    return built


@pytest.fixture(scope="module")
def measured(inputs):
    """own_history, with every training set it fitted on recorded (the recipe itself still runs)."""
    import ambicion.learn.train as train

    seen: list[list] = []
    real_fit = train.fit_all

    def spy(corpus, real, choices=None):
        seen.append(list(real))
        return real_fit(corpus, real, choices)

    patch = pytest.MonkeyPatch()
    patch.setattr(train, "fit_all", spy)
    try:
        history = own_history(*inputs, n_boot=60)
    finally:
        patch.undo()
    return history, seen


def test_a_never_sees_the_member_and_b_sees_only_its_earlier_plans(inputs, measured):
    real, rows = inputs[1], inputs[2]
    history, seen = measured
    assert [m.member for m in history.members] == ["Arcadia", "Cascadia", "Elbonia"]
    assert len(seen) == 2 * len(history.members)
    key = {id(r): (rows[i].group, rows[i].plan) for i, r in enumerate(real)}
    for m, without, with_own in zip(history.members, seen[::2], seen[1::2]):
        a = [key[id(r)] for r in without]
        b = [key[id(r)] for r in with_own]
        assert not any(g == m.member for g, _ in a)
        assert len(a) == sum(r.group != m.member for r in rows)  # every other member, whole
        mine = [plan for g, plan in b if g == m.member]
        assert len(mine) == m.earlier_rows and m.latest not in mine
        assert len({*mine}) == m.earlier_plans
        assert sorted(x for x in b if x[0] != m.member) == sorted(a)
    assert [(m.test_rows, m.earlier_rows, m.earlier_plans) for m in history.members] == [(4, 4, 1), (4, 8, 2),
                                                                                        (4, 4, 1)]


def test_figures_are_the_headline_measures_on_the_held_out_rows_and_b_minus_a_is_paired(inputs, measured):
    rows = inputs[2]
    history, _ = measured
    held = [r for m in history.members for r in rows if r.group == m.member and r.plan == m.latest]
    assert history.n == (sum(r.irm_values is not None for r in held), sum(r.irm_relevant is not None for r in held),
                         len(held))  # every generated row shows OGP's ambition field
    assert history.n_members == (3, 3, 3)
    assert history.positives[1] == sum(bool(r.irm_relevant) for r in held)
    assert history.positives[2] == sum(r.ogp_ambition == "high" for r in held)
    assert all(0 <= c <= n for c, n in zip(history.changed, history.n))
    assert set(history.systems) == set(SYSTEMS)
    point, _ = headline_replicates(held, majority(held), 60)
    assert history.systems["majority"].values == point
    for m, d in enumerate(history.difference):
        a, b = history.systems[SYSTEMS[0]].values[m], history.systems[SYSTEMS[1]].values[m]
        if d is None:
            continue
        assert a is not None and b is not None and d[0] == pytest.approx(b - a)
        assert d[1] <= d[0] <= d[2]
    again = own_history(*inputs, n_boot=60)
    assert again == history  # deterministic: same rows, same seed, same figures


def test_no_member_with_two_plans_means_no_section(inputs):
    corpus, real, rows, feats, scores, choices = inputs
    keep = [i for i, r in enumerate(rows) if r.plan == PLANS[r.group][0]]
    assert own_history(corpus, [real[i] for i in keep], [rows[i] for i in keep], [feats[i] for i in keep],
                       [scores[i] for i in keep], choices) is None


def _history(difference) -> History:
    fig = Figures((0.5, 0.6, 0.55), ((0.4, 0.6), (0.5, 0.7), None))
    members = (Member("Arcadia", "2019-2021", 5, 1, 7), Member("Cascadia", "2018-2020", 3, 2, 9))
    return History(members, (6, 8, 7), (4, 6, 2), (2, 2, 2), (0, 1, 3), {name: fig for name in SYSTEMS}, difference)


def test_the_section_says_whether_b_helps_beyond_the_noise():
    text = "\n".join(render(_history(((0.0, -0.1, 0.1), (-0.05, -0.1, -0.01), None)), "ambicion evaluate x"))
    assert "### A member's own IRM history" in text and "`ambicion evaluate x`" in text
    assert "For each of the 2 members with two plans or more" in text and "(8 rows in all)" in text
    assert "(16 rows in all)" in text
    assert "| B − A | +0.00 [-0.10, +0.10] | -0.05 [-0.10, -0.01] (B worse) | – |" in text
    assert "| rows counted (rated positive; members) | 6 (4; 2) | 8 (6; 2) | 7 (2; 2) |" in text
    assert "| rows whose decision B changes | 0 | 1 | 3 |" in text
    assert "does not beat learning without them" in text and "worse on lens balanced accuracy" in text
    assert "ambicion join" not in text
    better = _history(((0.1, 0.02, 0.2), (0.0, -0.1, 0.1), None))
    assert clearly_better(better) == [HEADLINE[0]]
    text = "\n".join(render(better, "x"))
    assert "helps beyond the noise on values macro-F1" in text and "(B better)" in text
    assert "`ambicion join PLAN REVIEW -o rated.jsonl`" in text and "`ambicion train --real" in text


def test_the_card_adds_the_section_last_and_only_on_request(inputs):
    from ambicion.learn.realeval import render as render_real
    from ambicion.learn.realmetrics import measure

    rows = inputs[2]
    table = measure(rows, majority(rows), None, 30)
    result = {"n_rows": len(rows), "n_groups": len(PLANS), "problems": [], "files": ["rated.jsonl"],
              "systems": {"cross-validated": {"all": table}, "majority": {"all": table}}}
    without = render_real(result)
    assert not any("own IRM history" in line and line.startswith("#") for line in without)
    lines = render_real({**result, "history": _history(((0.0, -0.1, 0.1),) * 3)})
    changed = [i for i, (a, b) in enumerate(zip(lines, without)) if a != b]
    assert [without[i].startswith("- The targets are not met") for i in changed] == [True]
    assert "one source to try is a member's own IRM history" in without[changed[0]]
    assert "does not help beyond the noise." in lines[changed[0]]
    assert lines[len(without)] == "### A member's own IRM history"
    assert "`ambicion evaluate --real rated.jsonl --own-history`" in "\n".join(lines[len(without):])


def test_the_option_needs_real_rows(tmp_path):
    from ambicion_cli.main import app

    result = CliRunner().invoke(app, ["evaluate", "--corpus", str(tmp_path), "--models", str(tmp_path),
                                      "--own-history"])
    assert result.exit_code == 2
    assert "--own-history" in result.output and "--real" in result.output and "Traceback" not in result.output
