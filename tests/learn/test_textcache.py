"""Counting n-grams once must give what a fresh TfidfVectorizer gives on each subset.

All texts are made up for the test.
"""

from __future__ import annotations

import numpy as np
import pytest

from ambicion.learn.heads import Recipe, Row, _char_vectorizer, _vectorizer, design_for, fit_heads
from ambicion.learn.textcache import TextCache

WORDS = ("publicar", "contratos", "datos", "abiertos", "consulta", "ciudadana", "portal", "queja",
         "respuesta", "plazo", "auditoría", "social", "registro", "presupuesto", "municipal", "informe")


def _rows(n: int, seed: int = 7) -> list[Row]:
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n):
        words = [WORDS[j] for j in rng.integers(0, len(WORDS), int(rng.integers(3, 12)))]
        text = " ".join(words)
        yes = bool(k % 3 == 0 or "queja" in words)
        rows.append(Row(text, np.array([float(len(words)) / 10]), {}, f"g{k % 5}", "corpus",
                        {"civic_participation": (yes, 1.0)}, text=text.capitalize() + "."))
    return rows


@pytest.mark.parametrize("make,texts", [
    (_vectorizer, lambda rows: [r.masked for r in rows]),
    (_char_vectorizer, lambda rows: [r.text for r in rows]),
])
def test_cached_tfidf_equals_a_fresh_vectorizer_on_every_subset(make, texts):
    pool = _rows(60)
    cache = TextCache(pool)
    params = make().get_params()
    for limit in (None, 25):  # also where max_features has to choose among tied counts
        params["max_features"] = limit
        kind = f"k{limit}"
        for subset in (pool[:40], pool[10:], pool[::2]):
            fresh = make().set_params(max_features=limit).fit(texts(subset))
            cached = cache.vectorizer(kind, texts, params).fit(subset)
            assert cached.vocabulary_ == fresh.vocabulary_
            np.testing.assert_allclose(cached.idf_, fresh.idf_, rtol=0, atol=1e-12)
            a = cached.transform_rows(pool).toarray()
            b = fresh.transform(texts(pool)).toarray()
            np.testing.assert_allclose(a, b, rtol=0, atol=1e-12)


def test_heads_fitted_from_the_cache_predict_as_uncached_ones():
    pool = _rows(60)
    recipe = Recipe(text="word+char")
    plain = fit_heads(pool[:45], ["civic_participation"], recipe)
    cached = fit_heads(pool[:45], ["civic_participation"], recipe, TextCache(pool))
    Xa, Xb = design_for(plain, pool[45:]), design_for(cached, pool[45:])
    np.testing.assert_allclose(Xa.toarray(), Xb.toarray(), atol=1e-12)
    pa = plain.sk["civic_participation"].predict_proba(Xa)
    pb = cached.sk["civic_participation"].predict_proba(Xb)
    np.testing.assert_allclose(pa, pb, atol=1e-9)
