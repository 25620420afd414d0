"""The judge fits its function index without scikit-learn: the numbers must be the same."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from ambicion.judge.linear import fit_tfidf


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


WORDS = ["publicar", "dato", "abierto", "portal", "transparencia", "entidad", "funcion", "registro",
         "acceso", "informacion", "publica", "rendir", "cuenta", "control", "interno", "ley"]


def _sets() -> list[list[str]]:
    rnd = random.Random(7)
    out = [["publicar dato abierto portal", "publicar publicar registro", "ley"],
           ["acceso informacion publica", "", "rendir cuenta control interno control"]]
    for _ in range(40):
        out.append([" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 20)))
                    for _ in range(rnd.randint(1, 12))])
    return [s for s in out if any(x.split() for x in s)]


@pytest.mark.parametrize("strings", _sets())
def test_fit_matches_scikit_learn_bit_for_bit(strings: list[str]) -> None:
    ref = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, sublinear_tf=True, ngram_range=(1, 2))
    matrix = ref.fit_transform(strings)
    vectorizer, ours = fit_tfidf(strings)
    assert list(vectorizer.vocabulary) == sorted(ref.vocabulary_, key=ref.vocabulary_.__getitem__)
    assert _same(vectorizer.idf, np.asarray(ref.idf_))
    for name in ("indptr", "indices", "data"):
        assert _same(getattr(ours, name), getattr(matrix, name)), name
    queries = ["publicar dato abierto", "control interno ley acceso", "nada"]
    assert _same((vectorizer.transform(queries) @ ours.T).toarray(),
                 (vectorizer.transform(queries) @ matrix.T).toarray())


def test_only_stop_words_is_an_error() -> None:
    with pytest.raises(ValueError):
        fit_tfidf(["", "   "])
