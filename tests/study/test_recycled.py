"""Recycled commitments: the closest commitment in an earlier plan of the same country."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from ambicion.recycled import find_recycled, settings, similarity_matrix
from ambicion.testing.studies import PLAN_2017, PLAN_2020


def _text(c) -> str:
    parts = [c.title, c.problem, c.what, c.how] + [m[0] for m in c.milestones]
    return "\n".join(p for p in parts if p)


def _frame(rows):
    return pd.DataFrame(rows, columns=["country", "year_start", "plan", "source", "number",
                                       "title", "text"])


def test_threshold_is_data_with_a_reason():
    s = settings()
    assert 0.2 < s.threshold < 0.9
    assert "chosen" in s.note.lower()


def test_light_edits_score_high_and_same_topic_scores_low():
    old = PLAN_2017[1][0]
    copied, beneficial_owners = PLAN_2020[1][0], PLAN_2020[1][1]
    sims = similarity_matrix([_text(old), _text(copied), _text(beneficial_owners)])
    assert sims[0, 1] >= settings().threshold + 0.2
    assert sims[0, 2] <= settings().threshold - 0.15  # procurement too, but a different commitment
    assert sims[0, 0] == pytest.approx(1.0)


def test_heavier_rewording_is_still_caught():
    old = PLAN_2017[1][0]
    reworded = dataclasses.replace(
        old, title="Contrataciones abiertas del Estado peruano",
        problem="La data de compras estatales no se difunde en formatos reutilizables y eso "
                "impide el control social.",
        what="Difundir como datos abiertos, siguiendo el estándar de contrataciones abiertas, "
             "todas las etapas de los procesos de selección hasta la ejecución.",
        how="La sociedad civil podrá revisar contratos y detectar sobrecostos.")
    others = [_text(c) for c in PLAN_2020[1][1:]]
    sims = similarity_matrix([_text(old), _text(reworded), *others])
    assert sims[0, 1] >= settings().threshold
    assert max(sims[0, 2:]) < settings().threshold


def test_only_earlier_plans_of_the_same_country_count():
    text = "Publicar el presupuesto regional en datos abiertos con consulta ciudadana"
    frame = _frame([
        ("Perú", 2020, "PE 2020", "pe20.pdf", "1", "A", text),
        ("Chile", 2018, "CL 2018", "cl18.pdf", "1", "A", text),  # other country
        ("Perú", 2020, "PE 2020b", "pe20b.pdf", "1", "A", text),  # same year: not earlier
        ("Perú", 2023, "PE 2023", "pe23.pdf", "5", "B", text),
    ])
    out = find_recycled(frame)
    assert out["recycled"].tolist() == [False, False, False, True]
    assert out.loc[3, "recycled_from_source"] in {"pe20.pdf", "pe20b.pdf"}
    assert out.loc[:2, "recycled_similarity"].isna().all()
    assert out.loc[3, "recycled_similarity"] == pytest.approx(1.0)


def test_country_names_match_regardless_of_accents():
    text = "Registro público de beneficiarios finales"
    frame = _frame([("Perú", 2016, "a", "a.pdf", "1", "t", text),
                    ("PERU", 2019, "b", "b.pdf", "1", "t", text)])
    assert find_recycled(frame)["recycled"].tolist() == [False, True]


def test_empty_and_blank_inputs():
    assert find_recycled(_frame([])).empty
    blank = find_recycled(_frame([("Perú", 2016, "a", "a.pdf", "1", "t", ""),
                                  ("Perú", 2019, "b", "b.pdf", "1", "t", "")]))
    assert blank["recycled"].tolist() == [False, False]
