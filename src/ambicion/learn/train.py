"""Train the judge's models from the corpus and real rated rows, deterministically, into `models/`.

Recipe: each commitment goes through the same spaCy pipeline and rule features as at judging
time; a TF-IDF over masked lemmas (uni- and bigrams) plus the dense rule features feed one
logistic regression per label (`heads.py`), trained on the corpus training split and on the
real rated rows that carry the label. Without real rows, the weight given to the model
against the rules and each threshold are chosen on grouped out-of-fold predictions of the
corpus, with a small preference for the rules. With real rows (`--real`), the labels they
carry (values, lens, substantial) get their weight and threshold from country-grouped CV on
them (`calibrate.py`), and two more heads are trained: the lens and "substantial".
Only the corpus training split is used, so the model card's corpus test numbers stay honest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import InputError
from ..judge.features import extract, feature_names, numeric_vector
from ..judge.functions import FunctionIndex, default_items
from ..judge.api import EXTRA_HEADS
from ..judge.rules import AMBITION, BINARY_LABELS, SCORE_NAMES, VALUE_LABELS, all_scores
from ..judge.linear import TextVectorizer, predict_proba
from ..judge.store import save_bundle
from .calibrate import calibrate, country_folds, predict_rows
from .corpus import Example, corpus_hash, gold, load_corpus, split
from .heads import SEED, Fitted, Row, fit_heads
from .textcache import CachedTfidf
from .extra import action_masked
from .real import RealRow, load_real, real_hash, targets

# The model's weight is capped below 1 so the rules always keep a say: the corpus is small and
# synthetic, and real plans will use phrasings the model never saw.
BLEND_GRID = (0.0, 0.25, 0.5, 0.75)
THRESHOLD_GRID = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65)
RULE_PREFERENCE = 0.02  # F1 points given up per unit of model weight: ties go to the rules
CORPUS_LABELS = BINARY_LABELS + ("ambition",)


@dataclass(frozen=True)
class TrainReport:
    n_records: int
    n_train: int
    n_test: int
    problems: tuple[str, ...]
    blend: dict
    thresholds: dict
    oof: dict
    n_real: int = 0
    real_problems: tuple[str, ...] = ()


def featurise(records: list[Example], pipelines: dict) -> tuple[list, list[dict]]:
    """Features and rule scores for every corpus record, in record order."""
    return featurise_texts([r.judged_text for r in records], [r.lang for r in records], pipelines)


def featurise_texts(texts: Sequence[str], langs: Sequence[str], pipelines: dict) -> tuple[list, list[dict]]:
    """Features and rule scores of texts, each through its language's pipeline, as the judge does."""
    feats: list = [None] * len(texts)
    for lang in sorted(set(langs)):
        nlp = pipelines[lang]
        index = FunctionIndex(default_items(lang), nlp)
        idx = [i for i, g in enumerate(langs) if g == lang]
        docs = list(nlp.pipe((texts[i] for i in idx), batch_size=64))
        for i, doc, fm in zip(idx, docs, index.best_many(docs)):
            f = extract(doc, lang, index, (), fm)
            feats[i] = replace(f, masked_action=action_masked(doc, f.context_ranges))
    scores = [all_scores(f) for f in feats]
    return feats, scores


def corpus_rows(records: Sequence[Example], feats: Sequence, scores: Sequence[dict]) -> list[Row]:
    """Corpus records as training rows: every label known."""
    rows = []
    for r, f, s in zip(records, feats, scores):
        t = {label: (bool(gold(r, label)), 1.0) for label in BINARY_LABELS}
        t["open_gov_lens"] = (bool(gold(r, "open_gov_lens")), 1.0)
        t["substantial"] = (r.ambition == "substantial", 1.0)
        rows.append(Row(f.masked, numeric_vector(f, s, SCORE_NAMES), s, "corpus:" + r.group, "corpus", t,
                        r.ambition, r.lang, r.register or "corpus", f.text, tuple(m.family for m in f.matches),
                        f.masked_action))
    return rows


def real_rows(rows: Sequence[RealRow], feats: Sequence, scores: Sequence[dict]) -> list[Row]:
    """Real rated rows as training rows: only the labels each one shows."""
    return [Row(f.masked, numeric_vector(f, s, SCORE_NAMES), s, r.group, "real", targets(r), None,
                f.lang, r.text_source, f.text, tuple(m.family for m in f.matches), f.masked_action)
            for r, f, s in zip(rows, feats, scores)]


def real_langs(rows: Sequence[RealRow]) -> list[str]:
    """The language the judge would detect for each row (what screening would use)."""
    from ..lang import detect_language

    return [detect_language(r.judged_text) for r in rows]


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


def corpus_choices(rows: Sequence[Row], labels: Sequence[str]) -> tuple[dict, dict, dict]:
    """Blend weights and thresholds chosen on grouped out-of-fold predictions of the corpus."""
    oof = out_of_fold([], rows, labels)
    blend, thresholds, scores = {}, {}, {}
    for label in labels:
        if label == "ambition":
            y = np.array([r.ambition for r in rows])
            rule = np.array([[r.rule[f"ambition_{a}"] for a in AMBITION] for r in rows])
        else:
            y = np.array([r.targets[label][0] for r in rows])
            rule = np.array([r.rule[label] for r in rows])
        w, t, score = choose_blend(label, oof[label], rule, y)
        blend[label], scores[label] = w, score
        if label != "ambition":
            thresholds[label] = t
    return blend, thresholds, scores


def out_of_fold(fixed: Sequence[Row], rows: Sequence[Row], labels: Sequence[str]) -> dict[str, np.ndarray]:
    """Grouped out-of-fold probabilities of `rows`, `fixed` rows always in training."""
    out: dict[str, np.ndarray] = {}
    for train_idx, test_idx in country_folds([r.group for r in rows]):
        fitted = fit_heads(list(fixed) + [rows[i] for i in train_idx], labels)
        preds = predict_rows(fitted, [rows[i] for i in test_idx])
        for label, p in preds.items():
            if label not in out:
                out[label] = np.zeros((len(rows),) + p.shape[1:])
            out[label][test_idx] = p
    return out


def fit_all(corpus: Sequence[Row], real: Sequence[Row], corpus_only_choices: tuple | None = None) -> tuple:
    """Heads on corpus + real rows, blend and thresholds: corpus CV for corpus-only labels,
    country-grouped CV on the real rows for the labels they carry."""
    with_real = bool(real)
    labels = CORPUS_LABELS + (EXTRA_HEADS if with_real else ())
    fitted = fit_heads(list(corpus) + list(real), labels)
    blend, thresholds, scores = corpus_only_choices or corpus_choices(corpus, CORPUS_LABELS)
    blend, thresholds, scores = dict(blend), dict(thresholds), dict(scores)
    real_choices = calibrate(corpus, real) if with_real else {}
    for label, c in real_choices.items():
        blend[label], thresholds[label], scores[label] = c.weight, c.threshold, c.score
    return fitted, blend, thresholds, scores, real_choices


def train(corpus_dir: Path, model_dir: Path, real_paths: Sequence[Path] = ()) -> TrainReport:
    """Rebuild `model_dir` from `corpus_dir` (and real rated rows, if given): pipelines, models, metadata."""
    import ambicion
    from ..nlp.pipeline import build_pipeline, save_pipeline

    records, problems = load_corpus(corpus_dir)
    train_set, test_set = split(records)
    if not train_set:
        raise InputError(corpus_dir, "no training records after the group split")
    real_set, real_problems = load_real(real_paths) if real_paths else ([], [])
    if real_paths and not real_set:
        raise InputError(Path(real_paths[0]), "no valid rated row in the given files")
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    pipelines = {}
    for lang in ("es", "en"):
        pipelines[lang] = build_pipeline(lang)
        save_pipeline(pipelines[lang], model_dir / f"nlp_{lang}")  # before it sees any text
    feats, scores = featurise(train_set, pipelines)
    corpus = corpus_rows(train_set, feats, scores)
    real: list[Row] = []
    if real_set:
        rfeats, rscores = featurise_texts([r.judged_text for r in real_set], real_langs(real_set), pipelines)
        real = real_rows(real_set, rfeats, rscores)
    fitted, blend, thresholds, oof, _ = fit_all(corpus, real)
    import sklearn
    import spacy

    meta = {
        "version": ambicion.__version__,
        "corpus_sha256": corpus_hash(corpus_dir),
        "n_records": len(records), "n_train": len(train_set), "n_test": len(test_set),
        "labels": sorted(fitted.heads, key=_label_order), "ambition_levels": list(AMBITION),
        "feature_names": feature_names(SCORE_NAMES),
        "vocabulary_size": len(fitted.terms),
        "blend": blend, "thresholds": thresholds, "oof_score": oof, "seed": SEED,
        "sklearn_version": sklearn.__version__, "spacy_version": spacy.__version__,
        "real_data": real_summary(real_paths, real_set, real),
    }
    _check_export(fitted, corpus + real)
    save_bundle(fitted.terms, fitted.idf, fitted.heads, meta, model_dir)
    return TrainReport(len(records), len(train_set), len(test_set), tuple(problems), blend,
                       thresholds, oof, len(real_set), tuple(real_problems))


def _label_order(label: str) -> int:
    order = CORPUS_LABELS + EXTRA_HEADS
    return order.index(label) if label in order else len(order)


def real_summary(paths: Sequence[Path], rows: Sequence[RealRow], trained: Sequence[Row]) -> dict | None:
    """What the model card says about the real data: file names (never paths), hash, counts."""
    if not rows:
        return None
    counts = {label: sum(label in r.targets for r in trained)
              for label in VALUE_LABELS + ("open_gov_lens", "substantial", "verifiable")}
    return {"files": [Path(p).name for p in paths], "sha256": real_hash(paths), "n_rows": len(rows),
            "n_groups": len({r.group for r in rows}), "labelled": counts,
            "languages": {l: sum(r.lang == l for r in trained) for l in ("es", "en")}}


def _check_export(fitted: Fitted, rows: Sequence[Row]) -> None:
    """The numpy re-implementation must give scikit-learn's probabilities on the training data."""
    from scipy.sparse import csr_matrix, hstack

    vectorizer = fitted.vectorizer
    if vectorizer is None or isinstance(vectorizer, CachedTfidf):
        raise ValueError("the export check needs the fit's own scikit-learn vectorizer")
    masked = [r.masked for r in rows]
    ours = TextVectorizer.from_arrays(fitted.terms, fitted.idf).transform(masked)
    theirs = vectorizer.transform(masked)
    if abs(ours - theirs).max() > 1e-9:
        raise RuntimeError("exported vectorizer disagrees with scikit-learn")
    X = hstack([theirs, csr_matrix(np.vstack([r.numeric for r in rows]))], format="csr")
    for label, clf in fitted.sk.items():
        if not np.allclose(predict_proba(fitted.heads[label], X), clf.predict_proba(X), atol=1e-9):
            raise RuntimeError(f"exported classifier for {label} disagrees with scikit-learn")
