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


def _corpus(seed: int, n: int) -> list[str]:
    """Texts sharing words, accents, numbers and repeats, a blank and a one-letter one."""
    import random

    rng = random.Random(seed)
    words = ("publicar datos abiertos contratación pública niñez acción año región ÉXITO "
             "open data the budget 2023 a-b 15 días").split()
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 80))) for _ in range(n)]
    return texts + ["", "a"]


def _vectoriser(view: int):
    """scikit-learn's vectoriser for a view, the reference `ambicion.tfidf` reproduces."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    analyzer, ngrams = (("word", (1, 2)), ("char_wb", (3, 5)))[view]
    return TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True,
                           strip_accents="unicode", lowercase=True)


def _vectoriser_output(texts: list[str]) -> list:
    """What the two TfidfVectorizers give when they count the texts themselves."""
    return [_vectoriser(view).fit_transform(texts) for view in (0, 1)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_counts_made_beforehand_weigh_bit_for_bit_as_the_vectorisers(seed):
    """A batch counts each plan's n-grams while other files are read and weighs them at the
    end; every weight must be the vectoriser's own, in the same order (similarities are
    sums, and a sum in another order can differ in its last bits)."""
    import numpy as np

    from ambicion.recycled import _vectors, count_grams

    texts = _corpus(seed, 40)
    for ours, theirs in zip(_vectors(count_grams(texts)), _vectoriser_output(texts)):
        assert ours.shape == theirs.shape
        assert np.array_equal(ours.indptr, theirs.indptr)
        assert np.array_equal(ours.indices, theirs.indices)
        assert np.array_equal(ours.data, theirs.data)


def test_texts_counted_plan_by_plan_give_the_same_result():
    from ambicion.recycled import count_grams

    texts = _corpus(3, 30)
    frame = _frame([("Perú" if k % 3 else "Chile", 2014 + k % 4, f"plan {k % 4}", f"p{k % 4}.pdf",
                     str(k), f"t{k}", text) for k, text in enumerate(texts)])
    grams = []
    for start in range(0, len(texts), 7):  # in pieces, as plans are judged one by one
        grams += count_grams(texts[start:start + 7])
    whole = find_recycled(frame)
    assert whole["recycled_similarity"].notna().sum() > 10
    pd.testing.assert_frame_equal(find_recycled(frame, grams=grams), whole, check_exact=True)
    with pytest.raises(ValueError, match="counted texts"):
        find_recycled(frame, grams=grams[:-1])


def test_a_view_without_any_term_is_left_out_as_the_vectoriser_refuses_it():
    from ambicion.recycled import _vectors, count_grams

    blank = ["", " "]
    for view in (0, 1):
        with pytest.raises(ValueError, match="empty vocabulary"):
            _vectoriser(view).fit_transform(blank)
    assert _vectors(count_grams(blank)) == [None, None]
    word, char = _vectors(count_grams(["a", ""]))  # one letter: no word, but its characters
    assert word is None and char is not None
