"""The trained models as plain arrays: a TF-IDF vocabulary and calibrated linear classifiers.

Why not keep the scikit-learn objects: loading dozens of nested estimators takes seconds and
each `predict_proba` call pays validation overhead. Training still uses scikit-learn
(TfidfVectorizer, LogisticRegression, CalibratedClassifierCV); `export_*` copies out the
fitted numbers and the functions here recompute exactly the same probabilities with numpy
(training checks that they agree to 1e-9).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Mapping, Sequence

import numpy as np
from scipy.sparse import csr_array, csr_matrix


@dataclass(frozen=True)
class TextVectorizer:
    """Sublinear TF-IDF over space-separated tokens, unigrams and bigrams, L2-normalised."""

    vocabulary: Mapping[str, int]
    idf: np.ndarray

    @classmethod
    def from_arrays(cls, terms: np.ndarray, idf: np.ndarray) -> "TextVectorizer":
        return cls({str(t): i for i, t in enumerate(terms.tolist())}, np.asarray(idf, dtype=np.float64))

    @cached_property
    def _idf_floats(self) -> list[float]:
        """The idf as Python floats: indexing a numpy array one value at a time costs more
        than the arithmetic (and float64 arithmetic is the same either way)."""
        return self.idf.tolist()

    def transform(self, docs: Sequence[str]) -> csr_matrix:
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        vocab, idf = self.vocabulary, self._idf_floats
        for doc in docs:
            tokens = doc.split()
            grams = Counter(tokens)
            grams.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
            cols, vals = [], []
            for term, count in grams.items():
                col = vocab.get(term)
                if col is not None:
                    cols.append(col)
                    vals.append((1.0 + math.log(count)) * idf[col])
            norm = math.sqrt(sum(v * v for v in vals))
            if norm > 0:
                vals = [v / norm for v in vals]
            order = sorted(range(len(cols)), key=cols.__getitem__)
            indices.extend(cols[i] for i in order)
            data.extend(vals[i] for i in order)
            indptr.append(len(indices))
        return csr_matrix((np.array(data, dtype=np.float64), np.array(indices, dtype=np.int64),
                           np.array(indptr, dtype=np.int64)), shape=(len(docs), len(idf)))


def export_vectorizer(vectorizer) -> dict[str, np.ndarray]:
    terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    return {"terms": np.array(terms, dtype=str), "idf": np.asarray(vectorizer.idf_, dtype=np.float64)}


def export_classifier(clf) -> dict[str, np.ndarray]:
    """Stack the folds of a sigmoid-calibrated linear classifier into arrays."""
    classes = [str(c) for c in clf.classes_]
    coef, intercept, a, b = [], [], [], []
    for cc in clf.calibrated_classifiers_:
        est = cc.estimator
        if [str(c) for c in est.classes_] != classes:
            raise ValueError("a calibration fold saw only some classes; cannot export")
        coef.append(np.asarray(est.coef_, dtype=np.float64))
        intercept.append(np.asarray(est.intercept_, dtype=np.float64))
        a.append([cal.a_ for cal in cc.calibrators])
        b.append([cal.b_ for cal in cc.calibrators])
    return {"classes": np.array(classes, dtype=str), "coef": np.stack(coef),
            "intercept": np.stack(intercept), "a": np.asarray(a, dtype=np.float64),
            "b": np.asarray(b, dtype=np.float64)}


def predict_proba(params: Mapping[str, np.ndarray], X) -> np.ndarray:
    """Probabilities (n, n_classes) averaged over folds, as CalibratedClassifierCV computes them."""
    coef, intercept, a, b = params["coef"], params["intercept"], params["a"], params["b"]
    n_classes = len(params["classes"])
    total = np.zeros((X.shape[0], n_classes))
    for k in range(coef.shape[0]):
        d = np.asarray(X @ coef[k].T) + intercept[k]
        cal = 1.0 / (1.0 + np.exp(a[k] * d + b[k]))
        if n_classes == 2:
            proba = np.column_stack([1.0 - cal[:, 0], cal[:, 0]])
        else:
            denom = cal.sum(axis=1, keepdims=True)
            proba = np.divide(cal, denom, out=np.full_like(cal, 1.0 / n_classes), where=denom != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        total += proba
    return total / coef.shape[0]


def fit_tfidf(docs: Sequence[str]) -> tuple[TextVectorizer, csr_matrix]:
    """Fit sublinear unigram+bigram TF-IDF on space-separated tokens, without scikit-learn.

    Repeats, step by step, what `TfidfVectorizer(token_pattern=r"\\S+", lowercase=False,
    sublinear_tf=True, ngram_range=(1, 2)).fit_transform(docs)` computes (same vocabulary,
    idf and matrix, bit for bit; a test compares them), because importing scikit-learn takes
    about a second and the judge only needs this to index a short list of functions.
    """
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for doc in docs:
        tokens = _TOKEN.findall(doc)
        grams = tokens + [" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)]
        counter: dict[int, int] = {}
        for gram in grams:
            j = vocabulary.setdefault(gram, len(vocabulary))
            counter[j] = counter.get(j, 0) + 1
        indices.extend(counter)
        values.extend(counter.values())
        indptr.append(len(indices))
    if not vocabulary:
        raise ValueError("empty vocabulary; the functions contain only stop words")
    n_docs, n_terms = len(indptr) - 1, len(vocabulary)
    X = csr_array((np.asarray(values, dtype=np.intc), np.asarray(indices, dtype=np.int32),
                   np.asarray(indptr, dtype=np.int32)), shape=(n_docs, n_terms), dtype=np.float64)
    X.sort_indices()
    X = X[:, np.arange(n_terms)]  # scikit-learn's document-frequency pruning keeps every column here
    terms = sorted(vocabulary)
    remap = np.empty(n_terms, dtype=X.indices.dtype)
    for new, term in enumerate(terms):
        remap[vocabulary[term]] = new
    X.indices = remap.take(X.indices, mode="clip")
    df = np.bincount(X.indices, minlength=n_terms).astype(np.float64, copy=False)
    df += 1.0
    idf = np.full_like(df, fill_value=n_docs + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(X.data, X.data)
    X.data += 1.0
    X.data *= idf[X.indices]
    data, ptr = X.data, X.indptr
    for row in range(n_docs):
        lo, hi = int(ptr[row]), int(ptr[row + 1])
        total = 0.0
        for v in data[lo:hi].tolist():
            total += v * v
        if total != 0.0:
            data[lo:hi] /= math.sqrt(total)
    vectorizer = TextVectorizer({t: i for i, t in enumerate(terms)}, idf)
    return vectorizer, csr_matrix(X)


_TOKEN = re.compile(r"\S+")
