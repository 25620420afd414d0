"""TF-IDF of row subsets from n-gram counts made once, for the many fits of a nested CV.

Why: the "tried" comparison fits every recipe 30 times (5 outer folds, each with 5 inner folds
and its own fit), and each fit used to tokenize and count the whole corpus again. Counting
character n-grams of a thousand texts is most of a fit's time, yet the counts never change;
only which rows are in the fit does. Here every row's counts are taken once (one column per
n-gram, in sorted order, as scikit-learn sorts its vocabulary), and a fit on a subset keeps
the columns scikit-learn's `TfidfVectorizer` would keep on those rows (same document-frequency
limits, same `max_features` ranking on the same array), with the same idf, sublinear tf and L2
norm. The result equals a fresh `TfidfVectorizer` fitted on the subset (tested), so a cached
comparison measures the same recipe as an uncached one — except on a subset whose every term
falls outside the limits (a few near-identical rated rows), where scikit-learn refuses to fit
and here the text part is simply empty, so the fit learns from its other features.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


@dataclass(frozen=True)
class Counts:
    """N-gram counts of every known text: rows in `index` order, columns in sorted term order."""

    matrix: csr_matrix  # (n_texts, n_terms), integer counts
    terms: np.ndarray
    index: Mapping[int, int]  # id() of a row object -> row of `matrix`

    def rows_of(self, rows: Sequence) -> np.ndarray:
        return np.array([self.index[id(r)] for r in rows], dtype=np.int64)


def count(rows: Sequence, texts: Sequence[str], vectorizer_params: Mapping) -> Counts:
    """Counts of `texts` (one per row object of `rows`) under a TfidfVectorizer's own analyzer."""
    from sklearn.feature_extraction.text import CountVectorizer

    keep = ("analyzer", "token_pattern", "lowercase", "ngram_range", "strip_accents", "preprocessor",
            "tokenizer", "stop_words")
    cv = CountVectorizer(**{k: v for k, v in vectorizer_params.items() if k in keep}, dtype=np.int64)
    matrix = cv.fit_transform(list(texts)).tocsr()
    terms = np.array(sorted(cv.vocabulary_, key=cv.vocabulary_.__getitem__), dtype=object)
    return Counts(matrix, terms, {id(r): k for k, r in enumerate(rows)})


class CachedTfidf:
    """A TfidfVectorizer stand-in fitted on a subset of counted rows; transforms row objects."""

    def __init__(self, counts: Counts, params: Mapping) -> None:
        self.counts, self.params = counts, dict(params)
        self.columns: np.ndarray | None = None
        self.idf_: np.ndarray | None = None

    def fit(self, rows: Sequence) -> "CachedTfidf":
        X = self.counts.matrix[self.counts.rows_of(rows)]
        n = X.shape[0]
        df = np.bincount(X.indices, minlength=X.shape[1])
        present = np.flatnonzero(df)  # the subset's own vocabulary, still in sorted order
        df_p = df[present]
        max_df, min_df = self.params.get("max_df", 1.0), self.params.get("min_df", 1)
        high = max_df if isinstance(max_df, (int, np.integer)) else max_df * n
        low = min_df if isinstance(min_df, (int, np.integer)) else min_df * n
        mask = (df_p <= high) & (df_p >= low)
        limit = self.params.get("max_features")
        if limit is not None and mask.sum() > limit:
            # float64, as scikit-learn counts in the vectorizer's dtype: ties then sort alike
            tfs = np.asarray(X[:, present].sum(axis=0)).ravel().astype(np.float64)
            inds = (-tfs[mask]).argsort()[:limit]  # the very call scikit-learn makes
            new = np.zeros(len(df_p), dtype=bool)
            new[np.flatnonzero(mask)[inds]] = True
            mask = new
        self.columns = present[mask]
        kept_df = df[self.columns]
        self.idf_ = np.log((1.0 + n) / (1.0 + kept_df)) + 1.0
        return self

    def _fitted(self) -> tuple[np.ndarray, np.ndarray]:
        """The kept columns and their idf; a clear error, as scikit-learn gives, before `fit`."""
        if self.columns is None or self.idf_ is None:
            raise RuntimeError("CachedTfidf is not fitted yet: call fit(rows) first")
        return self.columns, self.idf_

    @property
    def vocabulary_(self) -> dict[str, int]:
        columns, _ = self._fitted()
        return {str(t): k for k, t in enumerate(self.counts.terms[columns])}

    def transform_rows(self, rows: Sequence):
        from sklearn.preprocessing import normalize

        columns, idf = self._fitted()
        X = self.counts.matrix[self.counts.rows_of(rows)][:, columns].astype(np.float64)
        if not len(columns):  # every term pruned (a few rows, near alike): no text columns, not an error
            return X.tocsr()
        if self.params.get("sublinear_tf"):
            X.data = np.log(X.data) + 1.0
        X = X.multiply(idf[None, :]).tocsr()
        return normalize(X, norm="l2", copy=False)


class TextCache:
    """Counts of a fixed pool of row objects, per kind of text, each made on first use.

    Rows are found by identity, so every fit must be given the pool's own row objects.
    """

    def __init__(self, pool: Sequence) -> None:
        self.pool = list(pool)
        self._counts: dict[str, Counts] = {}

    def vectorizer(self, kind: str, texts_of, params: Mapping) -> CachedTfidf:
        """An unfitted CachedTfidf for `kind`; `texts_of(rows)` gives that kind's texts."""
        if kind not in self._counts:
            self._counts[kind] = count(self.pool, texts_of(self.pool), params)
        return CachedTfidf(self._counts[kind], params)
