"""Fit the judge's classifiers on corpus and real rows together, each label on its own rows.

Why per-label training sets: a real row teaches only the labels the IRM or OGP showed for it
(see `real.py`), while corpus rows carry every label. Each binary head is a logistic
regression over TF-IDF of masked lemmas plus the rule features, trained on the rows that
carry its label (a masked loss), with real rows weighted so the two sources weigh the same
in total: the corpus gives breadth of phrasing, the real rows the IRM's own reading.
The three-level ambition head (unclear / modest / substantial) has corpus labels only; the
real data speak to it through the separate "substantial" head.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

import numpy as np

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .textcache import CachedTfidf

from ..judge.linear import export_classifier
from ..judge.rules import AMBITION, VALUE_LABELS

SEED = 20240601
C_BINARY = 1.0


@dataclass(frozen=True)
class Row:
    """One training row: model inputs, rule scores, and the labels it carries."""

    masked: str
    numeric: np.ndarray
    rule: Mapping[str, float]
    group: str
    origin: str  # "corpus" | "real"
    targets: Mapping[str, tuple[bool, float]]
    ambition: str | None = None  # three-level corpus label
    lang: str = "es"
    text_source: str = "corpus"
    text: str = ""  # the judged text as written (read only by the tried char n-gram / structure inputs)
    families: tuple[str, ...] = ()  # rule family of each hit (read only by the tried concept ids)
    masked_action: str | None = None  # masked lemmas outside context sections (the tried "action" text)


@dataclass(frozen=True)
class Recipe:
    """The knobs of a fit that the model card's "tried" table varies; defaults are what ships."""

    c: float = C_BINARY  # inverse regularisation strength of the binary heads
    real_scale: float = 1.0  # real rows' total weight as a multiple of the corpus rows' total
    corpus: bool = True  # False: learn from the real rows alone
    text: str = "word"  # "word" (masked lemma 1-2-grams) | "char" (char_wb 2-5-grams) | "word+char"
    structure: bool = False  # add the structure features of `extra.py`
    concepts: bool = False  # add language-neutral concept ids of the rule hits to the word text
    scope: str = "all"  # "all": the word text of the whole commitment | "action": outside context sections
    phrasing: bool = False  # add the real-plan phrasing features of `extra.py`
    # liblinear's dual solver: the same regularised objective, about ten times faster where
    # features outnumber rows (char n-grams); the "tried" table has a control row for it
    dual: bool = False
    real_only: tuple[str, ...] = ()  # labels whose heads learn from the real rows alone (same inputs)
    value_c: float | None = None  # another `c` for the four value heads only (None: `c`)


SHIPPED = Recipe()


@dataclass
class Fitted:
    """Exported arrays of one fit: vocabulary, idf, one parameter dict per head."""

    terms: np.ndarray
    idf: np.ndarray
    heads: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)
    vectorizer: TfidfVectorizer | CachedTfidf | None = None  # the cached stand-in in nested CV
    sk: dict = field(default_factory=dict)
    recipe: Recipe = SHIPPED
    char_vectorizer: TfidfVectorizer | CachedTfidf | None = None


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=3,
                           max_df=0.95, sublinear_tf=True, max_features=30000, dtype=np.float64)


def _char_vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True, min_df=3, max_df=0.95,
                           sublinear_tf=True, max_features=30000, dtype=np.float64)


def _words(rows: Sequence[Row], recipe: Recipe) -> list[str]:
    masked = [r.masked_action if recipe.scope == "action" and r.masked_action is not None else r.masked
              for r in rows]
    if recipe.concepts:
        from .extra import concept_text

        return [concept_text(m, r.families) for m, r in zip(masked, rows)]
    return masked


def _texts(kind: str, recipe: Recipe):
    """The texts a kind of text part reads from rows."""
    if kind == "char":
        return lambda rows: [r.text for r in rows]
    return lambda rows: _words(rows, recipe)


def _transform(vectorizer, kind: str, recipe: Recipe, rows: Sequence[Row]):
    if hasattr(vectorizer, "transform_rows"):  # a CachedTfidf (textcache.py)
        return vectorizer.transform_rows(rows)
    return vectorizer.transform(_texts(kind, recipe)(rows))


def design_for(fitted: "Fitted", rows: Sequence[Row]):
    """The model input of rows under the fit's recipe: text parts, then the dense features."""
    from scipy.sparse import csr_matrix, hstack

    recipe = fitted.recipe
    parts = []
    if recipe.text in ("word", "word+char"):
        parts.append(_transform(fitted.vectorizer, "word", recipe, rows))
    if recipe.text in ("char", "word+char"):
        parts.append(_transform(fitted.char_vectorizer, "char", recipe, rows))
    parts.append(csr_matrix(np.vstack([r.numeric for r in rows])))
    if recipe.structure:
        from .extra import structure_vector

        parts.append(csr_matrix(np.vstack([structure_vector(r.text) for r in rows])))
    if recipe.phrasing:
        from .extra import phrasing_vector

        parts.append(csr_matrix(np.vstack([phrasing_vector(r.text) for r in rows])))
    return hstack(parts, format="csr")


def export_logistic(clf) -> dict[str, np.ndarray]:
    """A plain binary logistic regression in the calibrated-classifier layout (one fold, a=-1, b=0)."""
    return {"classes": np.array([str(c) for c in clf.classes_], dtype=str),
            "coef": np.asarray(clf.coef_, dtype=np.float64)[None, :, :],
            "intercept": np.asarray(clf.intercept_, dtype=np.float64)[None, :],
            "a": np.array([[-1.0]]), "b": np.array([[0.0]])}


def label_rows(rows: Sequence[Row], label: str, real_scale: float = 1.0,
               real_only: bool = False) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Indices, targets and sample weights of the rows carrying `label`.

    Real rows are up-weighted so that, in total, they weigh as much as the corpus rows
    (times `real_scale`). `real_only`: the corpus rows teach this label nothing.
    """
    idx = [i for i, r in enumerate(rows) if label in r.targets and not (real_only and r.origin == "corpus")]
    y = np.array([1 if rows[i].targets[label][0] else 0 for i in idx])
    w = np.array([rows[i].targets[label][1] for i in idx], dtype=np.float64)
    real = np.array([rows[i].origin == "real" for i in idx])
    if real.any() and (~real).any():
        w[real] *= max(1.0, w[~real].sum() / w[real].sum())
        w[real] *= real_scale
    return idx, y, w


def fit_binary(X, y: np.ndarray, w: np.ndarray, c: float = C_BINARY, dual: bool = False):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=5000, solver="liblinear", dual=dual,
                             random_state=SEED)
    return clf.fit(X, y, sample_weight=w)


def fit_ambition(X, y: np.ndarray):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    base = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000, solver="lbfgs",
                              random_state=SEED)
    clf = CalibratedClassifierCV(base, method="sigmoid",
                                 cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=SEED))
    return clf.fit(X, y)


def _fit_text(kind: str, recipe: Recipe, rows: Sequence[Row], cache):
    """A fitted vectorizer of one text part: scikit-learn's, or the same fit from `cache`'s counts."""
    make = _char_vectorizer if kind == "char" else _vectorizer
    if cache is not None:
        name = "char" if kind == "char" else "word" + ("+concepts" if recipe.concepts else "") + \
            ("+action" if recipe.scope == "action" else "")
        return cache.vectorizer(name, _texts(kind, recipe), make().get_params()).fit(rows)
    vectorizer = make().fit(_texts(kind, recipe)(rows))
    if hasattr(vectorizer, "stop_words_"):
        vectorizer.stop_words_ = None  # a set: unordered, large, and not needed to transform
    return vectorizer


def fit_heads(rows: Sequence[Row], labels: Sequence[str], recipe: Recipe = SHIPPED, cache=None) -> Fitted:
    """Vectorizer on every row's text, then one head per label on the rows carrying it.

    `cache`: a `textcache.TextCache` over a pool holding these row objects, so the many fits of
    a nested CV count n-grams once (same result, see textcache.py).
    """
    if not recipe.corpus:
        rows = [r for r in rows if r.origin != "corpus"]
    vectorizer = _fit_text("word", recipe, rows, cache)
    vocab = vectorizer.vocabulary_
    terms = np.array(sorted(vocab, key=vocab.__getitem__), dtype=str)
    fitted = Fitted(terms, np.asarray(vectorizer.idf_, dtype=np.float64), vectorizer=vectorizer, recipe=recipe)
    if recipe.text != "word":
        fitted.char_vectorizer = _fit_text("char", recipe, rows, cache)
    X = design_for(fitted, rows)
    for label in labels:
        if label == "ambition":
            idx = [i for i, r in enumerate(rows) if r.ambition is not None]
            y = np.array([rows[i].ambition for i in idx])
            if len(set(y.tolist())) < len(AMBITION):
                continue
            clf = fit_ambition(X[idx], y)
            fitted.heads[label] = export_classifier(clf)
        else:
            idx, y, w = label_rows(rows, label, recipe.real_scale, label in recipe.real_only)
            if len(set(y.tolist())) < 2:
                continue
            c = recipe.value_c if recipe.value_c is not None and label in VALUE_LABELS else recipe.c
            clf = fit_binary(X[idx], y, w, c, recipe.dual)
            fitted.heads[label] = export_logistic(clf)
        fitted.sk[label] = clf
    return fitted
