"""`ambicion.tfidf` gives scikit-learn's n-grams, counts, weights and similarities, to the bit."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from ambicion import tfidf
from ambicion.recycled import _block, _vectors, count_grams, find_recycled

VIEWS = (("word", (1, 2)), ("char_wb", (3, 5)))

# letters with and without accents, decomposable and compatibility forms (ligatures,
# superscripts, full-width), combining marks alone, dotted capital I (two characters once
# lower-cased), digits, underscores, punctuation and white space of several kinds
ALPHABET = ("abcdeñóÁÉÍÚüÜçÇßİıǅﬁ²½ＡＢ\u0301\u0308\u00a0\u2003\t\n\r\x0b\x0c _-'.,;:¡!¿?()/"
            "0123456789")
WORDS = ("publicar datos abiertos contratación pública niñez acción año región ÉXITO open data "
         "the budget 2023 a-b 15 días ﬁscal Ｏｐｅｎ co\u0301digo").split()


def _reference(view: int) -> TfidfVectorizer:
    analyzer, ngrams = VIEWS[view]
    return TfidfVectorizer(analyzer=analyzer, ngram_range=ngrams, sublinear_tf=True,
                           strip_accents="unicode", lowercase=True)


def _texts(seed: int, n: int) -> list[str]:
    """Texts that share words (so weights vary) with stray characters mixed in."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 120)):
            if rng.random() < 0.85:
                parts.append(rng.choice(WORDS))
            else:
                parts.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))))
        out.append(rng.choice([" ", "  ", "\n", " \t "]).join(parts))
    return out + ["", "a", " "]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60) | st.text(max_size=40))
def test_analyzers_give_scikit_learns_ngrams(text: str) -> None:
    for view, ours in enumerate(tfidf.ANALYZERS):
        assert ours(text) == _reference(view).build_analyzer()(text)


@pytest.mark.parametrize("seed", range(6))
def test_counts_weights_and_similarities_are_scikit_learns(seed: int) -> None:
    texts = _texts(seed, 60 + 20 * seed)
    ours = _vectors(count_grams(texts))
    for view in (0, 1):
        ref = _reference(view)
        theirs = ref.fit_transform(texts)
        counts = ref.build_analyzer()
        for text, grams in zip(texts, count_grams(texts)):  # identical term counts
            assert grams.counts[view] == dict(Counter(counts(text)))
        mine = ours[view]
        assert mine.shape == theirs.shape
        assert np.array_equal(mine.indptr, theirs.indptr)
        assert np.array_equal(mine.indices, theirs.indices)
        assert mine.data.tobytes() == theirs.data.tobytes()
        assert ((mine @ mine.T).toarray().tobytes() == (theirs @ theirs.T).toarray().tobytes())
    rows = np.arange(len(texts))
    reference = [_reference(view).fit_transform(texts) for view in (0, 1)]
    assert _block(ours, rows).tobytes() == _block(reference, rows).tobytes()


def test_term_counts_are_the_count_vectorisers() -> None:
    from sklearn.feature_extraction.text import CountVectorizer

    texts = _texts(11, 80)
    for view, (analyzer, ngrams) in enumerate(VIEWS):
        ref = CountVectorizer(analyzer=analyzer, ngram_range=ngrams, strip_accents="unicode")
        matrix = ref.fit_transform(texts)
        terms = ref.get_feature_names_out()
        for k, grams in enumerate(count_grams(texts)):
            row = matrix.getrow(k)
            assert grams.counts[view] == {terms[j]: int(v) for j, v in zip(row.indices, row.data)}


def test_long_rows_are_normalised_with_a_running_sum() -> None:
    """Rows of thousands of entries, where a pairwise sum would differ from the loop's."""
    rng = random.Random(5)
    vocabulary = [f"w{k}x" for k in range(4000)]
    texts = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(500, 3000))) for _ in range(6)]
    ours, theirs = _vectors(count_grams(texts))[0], _reference(0).fit_transform(texts)
    assert ours.data.tobytes() == theirs.data.tobytes()


def test_recycled_columns_match_those_made_with_scikit_learn(monkeypatch) -> None:
    """The study's recycled columns, with the weighting done here and by scikit-learn."""
    import ambicion.recycled as recycled

    texts = _texts(21, 90)
    frame = pd.DataFrame({"country": [("Perú", "Chile", "PERU")[k % 3] for k in range(len(texts))],
                          "year_start": [2012 + k % 5 for k in range(len(texts))],
                          "plan": [f"p{k % 5}" for k in range(len(texts))],
                          "source": [f"s{k % 5}.pdf" for k in range(len(texts))],
                          "number": [str(k) for k in range(len(texts))],
                          "title": [f"t{k}" for k in range(len(texts))], "text": texts})
    ours = find_recycled(frame)
    monkeypatch.setattr(recycled, "_vectors",
                        lambda grams: [_reference(view).fit_transform(texts) for view in (0, 1)])
    theirs = find_recycled(frame)
    assert ours["recycled_similarity"].notna().sum() > 30
    pd.testing.assert_frame_equal(ours, theirs, check_exact=True)
