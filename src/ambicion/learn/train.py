"""Train the judge's models from the corpus, deterministically, and save them to `models/`.

Recipe: each commitment goes through the same spaCy pipeline and rule features as at judging
time; a TF-IDF over masked lemmas (uni- and bigrams) plus the dense rule features feed one
logistic regression per label, calibrated with sigmoid cross-validation. The weight given
to the model against the rules (and the decision threshold) is chosen per label on
out-of-fold predictions of the training split, grouped so variants stay together, with a
small preference for the rules: they generalise beyond the corpus's phrasing.
Only the training split is used, so the model card's test numbers are honest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..judge.features import extract, feature_names, numeric_vector
from ..judge.functions import FunctionIndex, default_items
from ..judge.rules import AMBITION, BINARY_LABELS, SCORE_NAMES, all_scores
from ..judge.linear import TextVectorizer, export_classifier, export_vectorizer, predict_proba
from ..judge.store import save_bundle
from .corpus import Example, corpus_hash, gold, load_corpus, split

SEED = 20240601
# The model's weight is capped below 1 so the rules always keep a say: the corpus is small and
# synthetic, and real plans will use phrasings the model never saw.
BLEND_GRID = (0.0, 0.25, 0.5, 0.75)
THRESHOLD_GRID = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
RULE_PREFERENCE = 0.02  # F1 points given up per unit of model weight: ties go to the rules
LABELS = BINARY_LABELS + ("ambition",)


@dataclass(frozen=True)
class TrainReport:
    n_records: int
    n_train: int
    n_test: int
    problems: tuple[str, ...]
    blend: dict
    thresholds: dict
    oof: dict


def featurise(records: list[Example], pipelines: dict) -> tuple[list, list[dict]]:
    """Features and rule scores for every record, in record order."""
    feats: list = [None] * len(records)
    for lang in sorted(pipelines):
        nlp = pipelines[lang]
        index = FunctionIndex(default_items(lang), nlp)
        idx = [i for i, r in enumerate(records) if r.lang == lang]
        docs = list(nlp.pipe((records[i].judged_text for i in idx), batch_size=64))
        for i, doc, fm in zip(idx, docs, index.best_many(docs)):
            feats[i] = extract(doc, lang, index, (), fm)
    scores = [all_scores(f) for f in feats]
    return feats, scores


def _classifier(label: str):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    if label == "ambition":
        base = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000, solver="lbfgs",
                                  random_state=SEED)
    else:
        base = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000, solver="liblinear",
                                  random_state=SEED)
    return CalibratedClassifierCV(base, method="sigmoid",
                                  cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=SEED))


def _f1(y: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(y & pred))
    fp = float(np.sum(~y & pred))
    fn = float(np.sum(y & ~pred))
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def _macro_f1(y: list[str], pred: list[str]) -> float:
    ya, pa = np.array(y), np.array(pred)
    return float(np.mean([_f1(ya == c, pa == c) for c in AMBITION]))


def choose_blend(label: str, oof, rule, y) -> tuple[float, float, float]:
    """(weight, threshold, out-of-fold score) maximising F1 minus a small rule preference."""
    best = (-1.0, 0.0, 0.5, 0.0)
    for w in BLEND_GRID:
        if label == "ambition":
            p = w * oof + (1 - w) * rule
            score = _macro_f1(list(y), [AMBITION[k] for k in p.argmax(axis=1)])
            cand = (score - RULE_PREFERENCE * w, w, 0.5, score)
            best = max(best, cand, key=lambda c: (round(c[0], 6), -c[1]))
            continue
        for t in THRESHOLD_GRID:
            p = w * oof + (1 - w) * rule
            score = _f1(y.astype(bool), p >= t)
            cand = (score - RULE_PREFERENCE * w - 0.01 * abs(t - 0.5), w, t, score)
            best = max(best, cand, key=lambda c: (round(c[0], 6), -c[1]))
    return best[1], best[2], round(best[3], 4)


def fit(train: list[Example], feats: list, scores: list[dict]):
    """Vectorizer, classifiers, blend weights and thresholds from the training split."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedGroupKFold, cross_val_predict

    vectorizer = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=3,
                                 max_df=0.95, sublinear_tf=True, max_features=30000, dtype=np.float64)
    text_X = vectorizer.fit_transform([f.masked for f in feats])
    if hasattr(vectorizer, "stop_words_"):
        vectorizer.stop_words_ = None  # a set: unordered, large, and not needed to transform
    numeric = np.vstack([numeric_vector(f, s, SCORE_NAMES) for f, s in zip(feats, scores)])
    X = hstack([text_X, csr_matrix(numeric)], format="csr")
    groups = np.array([r.group for r in train])
    classifiers, blend, thresholds, oof_scores = {}, {}, {}, {}
    for label in LABELS:
        if label == "ambition":
            y = np.array([r.ambition for r in train])
            rule = np.array([[s[f"ambition_{a}"] for a in AMBITION] for s in scores])
        else:
            y = np.array([1 if gold(r, label) else 0 for r in train])
            rule = np.array([s[label] for s in scores])
        if len(set(y.tolist())) < 2:
            raise InputError(label, "the training split has only one class for this label")
        cv = StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED)
        oof = cross_val_predict(_classifier(label), X, y, groups=groups, cv=cv, method="predict_proba")
        if label == "ambition":
            classes = sorted(set(y.tolist()))
            oof = oof[:, [classes.index(a) for a in AMBITION]]
        else:
            oof = oof[:, 1]
        w, t, score = choose_blend(label, oof, rule, y if label == "ambition" else y.astype(bool))
        blend[label], oof_scores[label] = w, score
        if label != "ambition":
            thresholds[label] = t
        classifiers[label] = _classifier(label).fit(X, y)
    return vectorizer, classifiers, blend, thresholds, oof_scores


def train(corpus_dir: Path, model_dir: Path) -> TrainReport:
    """Rebuild `model_dir` from `corpus_dir`: pipelines, models, metadata."""
    import ambicion
    from ..nlp.pipeline import build_pipeline, save_pipeline

    records, problems = load_corpus(corpus_dir)
    train_set, test_set = split(records)
    if not train_set:
        raise InputError(corpus_dir, "no training records after the group split")
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    pipelines = {}
    for lang in ("es", "en"):
        pipelines[lang] = build_pipeline(lang)
        save_pipeline(pipelines[lang], model_dir / f"nlp_{lang}")  # before it sees any text
    feats, scores = featurise(train_set, pipelines)
    vectorizer, classifiers, blend, thresholds, oof = fit(train_set, feats, scores)
    import sklearn
    import spacy

    meta = {
        "version": ambicion.__version__,
        "corpus_sha256": corpus_hash(corpus_dir),
        "n_records": len(records), "n_train": len(train_set), "n_test": len(test_set),
        "labels": list(LABELS), "ambition_levels": list(AMBITION),
        "feature_names": feature_names(SCORE_NAMES),
        "vocabulary_size": len(vectorizer.vocabulary_),
        "blend": blend, "thresholds": thresholds, "oof_f1": oof, "seed": SEED,
        "sklearn_version": sklearn.__version__, "spacy_version": spacy.__version__,
    }
    arrays = export_vectorizer(vectorizer)
    exported = {label: export_classifier(clf) for label, clf in classifiers.items()}
    _check_export(vectorizer, classifiers, arrays, exported, feats, scores)
    save_bundle(arrays["terms"], arrays["idf"], exported, meta, model_dir)
    return TrainReport(len(records), len(train_set), len(test_set), tuple(problems), blend,
                       thresholds, oof)


def _check_export(vectorizer, classifiers, arrays, exported, feats, scores) -> None:
    """The numpy re-implementation must give scikit-learn's probabilities on the training data."""
    from scipy.sparse import csr_matrix, hstack

    masked = [f.masked for f in feats]
    numeric = csr_matrix(np.vstack([numeric_vector(f, s, SCORE_NAMES) for f, s in zip(feats, scores)]))
    ours = TextVectorizer.from_arrays(arrays["terms"], arrays["idf"]).transform(masked)
    theirs = vectorizer.transform(masked)
    if abs(ours - theirs).max() > 1e-9:
        raise RuntimeError("exported vectorizer disagrees with scikit-learn")
    X = hstack([theirs, numeric], format="csr")
    for label, clf in classifiers.items():
        if not np.allclose(predict_proba(exported[label], X), clf.predict_proba(X), atol=1e-9):
            raise RuntimeError(f"exported classifier for {label} disagrees with scikit-learn")
