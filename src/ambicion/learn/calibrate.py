"""Choose decision thresholds (and the model's weight against the rules) on real ratings.

Why by country: one member's plans share boilerplate, so a threshold chosen on rows of the
country being scored would learn that boilerplate, not the IRM. Out-of-fold probabilities
come from heads trained on the corpus plus the real rows of the *other* countries; the
threshold that best reproduces the IRM on those predictions is kept. The figures reported
for the shipped model are nested: the thresholds used on each held-out country were chosen
without it (see `realcv.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from ..judge.linear import predict_proba
from ..judge.rules import AMBITION, VALUE_LABELS, lens_score
from .heads import Fitted, Row, design_for, fit_heads

REAL_LABELS = VALUE_LABELS + ("open_gov_lens", "substantial")
# How each real label's decision rule is set, with the nested country-grouped CV figures that
# led to it (real rated development set; the card's "tried" table reproduces them):
# - the lens head is trained with balanced class weights, so 0.5 is already its balanced-
#   accuracy point; a threshold chosen by CV on the few non-relevant rows (about 28) overfit
#   (nested lens 0.65 against 0.66 at the fixed one), and a prior-matched one flags far too
#   few as outside the lens (0.54). It keeps w = 0.5, threshold 0.5.
# - "substantial" is scored by balanced accuracy, which is highest where the share of rows
#   called substantial matches the share rated so; the head's blend with the rules (whose
#   P(substantial) sits near 0.2) put the fixed 0.5 far above that point. It now reads the
#   model alone (w = 1) with the threshold that makes the inner-CV share of "substantial" equal
#   to the training rows' prior: no free parameter is tuned. The judge also asks for a cue that
#   raises ambition (judge/ambition.py); without that gate nested CV scored +0.04, inside its
#   noise, while calling vague one-liners substantial.
FIXED = {"open_gov_lens": (0.5, 0.5)}
PRIOR_MATCHED = {"substantial": 1.0}  # label -> model weight; threshold from the prior
# F1 for the per-value tags (what the IRM's value lists are scored by), balanced accuracy for
# the yes/no judgements whose classes are very unequal (about nine in ten are relevant).
METRIC: dict[str, str] = {**{v: "f1" for v in VALUE_LABELS}, "open_gov_lens": "balanced", "substantial": "balanced"}
# The per-value model reads the rule scores as features already; blending its output with them
# again (w < 1, chosen in the inner CV) did no better in nested CV than the model alone (the model
# alone scored values macro-F1 0.01 to 0.02 higher, inside the paired interval), so only the
# threshold is chosen: one free choice fewer on 131 rows.
BLEND_GRID = (1.0,)
THRESHOLD_GRID = tuple(round(x, 3) for x in np.arange(0.05, 0.951, 0.025))
SMOOTH = 1  # neighbours on each side averaged when scoring a threshold
N_SPLITS = 5
MIN_ROWS = 12  # fewer real rows for a label than this: keep the corpus choice


@dataclass(frozen=True)
class Choice:
    weight: float
    threshold: float
    score: float | None  # None for a fixed choice (nothing was scored)
    n: int


def country_folds(groups: Sequence[str], n_splits: int = N_SPLITS) -> list[tuple[list[int], list[int]]]:
    """Deterministic group folds: largest groups first, each to the currently smallest fold."""
    sizes: dict[str, int] = {}
    for g in groups:
        sizes[g] = sizes.get(g, 0) + 1
    k = max(2, min(n_splits, len(sizes)))
    load = [0] * k
    fold_of: dict[str, int] = {}
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        f = min(range(k), key=lambda i: (load[i], i))
        fold_of[g] = f
        load[f] += sizes[g]
    folds = []
    for f in range(k):
        test = [i for i, g in enumerate(groups) if fold_of[g] == f]
        train = [i for i, g in enumerate(groups) if fold_of[g] != f]
        if test and train:
            folds.append((train, test))
    return folds


def predict_rows(fitted: Fitted, rows: Sequence[Row]) -> dict[str, np.ndarray]:
    """Head probabilities for rows: P(yes) per binary head, (n, 3) for ambition."""
    X = design_for(fitted, rows)
    out: dict[str, np.ndarray] = {}
    for label, params in fitted.heads.items():
        proba = predict_proba(params, X)
        classes = [str(c) for c in params["classes"].tolist()]
        out[label] = (proba[:, [classes.index(a) for a in AMBITION]] if label == "ambition"
                      else proba[:, classes.index("1")])
    return out


def rule_side(label: str, row: Row) -> float:
    if label == "open_gov_lens":
        return lens_score(row.rule)
    if label == "substantial":
        return float(row.rule["ambition_substantial"])
    return float(row.rule[label])


def score(metric: str, y: np.ndarray, pred: np.ndarray) -> float:
    y, pred = y.astype(bool), pred.astype(bool)
    if metric == "f1":
        tp = float(np.sum(y & pred))
        denom = 2 * tp + float(np.sum(~y & pred)) + float(np.sum(y & ~pred))
        return 0.0 if tp == 0 else 2 * tp / denom
    pos, neg = y.sum(), (~y).sum()
    if not pos or not neg:
        return 0.0
    return 0.5 * (float(np.sum(pred & y)) / pos + float(np.sum(~pred & ~y)) / neg)


def choose(label: str, model: np.ndarray, rule: np.ndarray, y: np.ndarray) -> Choice:
    """The (weight, threshold) with the best score, smoothed over neighbouring thresholds so a
    lucky spike on few rows is not picked; ties go to thresholds nearer 0.5, then w=1."""
    best: tuple[tuple[float, float, float], Choice] | None = None
    for w in BLEND_GRID:
        p = w * model + (1 - w) * rule
        raw = [score(METRIC[label], y, p >= t) for t in THRESHOLD_GRID]
        for k, t in enumerate(THRESHOLD_GRID):
            near = raw[max(0, k - SMOOTH):k + SMOOTH + 1]
            s = sum(near) / len(near)
            key = (round(s, 6), -abs(t - 0.5), w)
            if best is None or key > best[0]:
                best = (key, Choice(w, t, round(raw[k], 4), int(len(y))))
    if best is None:
        raise ValueError("no blend weight or threshold to choose from")
    return best[1]


def prior_matched(label: str, weight: float, model: np.ndarray, rule: np.ndarray, y: np.ndarray) -> Choice:
    """The threshold at which the share of rows called positive equals the share rated positive
    (the balanced-accuracy point when the ranking is the only thing learnt)."""
    p = weight * model + (1 - weight) * rule
    k = int(round(float(np.mean(y.astype(bool))) * len(p)))  # rows the training prior calls positive
    # floored to 4 places (the metadata keeps 4) so the k-th row itself stays above it
    t = float(np.floor(np.sort(p)[::-1][k - 1] * 1e4) / 1e4) if 0 < k < len(p) else 0.5
    return Choice(weight, t, round(score(METRIC[label], y, p >= t), 4), int(len(y)))


def out_of_fold(corpus: Sequence[Row], real: Sequence[Row], labels: Sequence[str],
                n_splits: int = N_SPLITS) -> dict[str, np.ndarray]:
    """P(label) for every real row from heads that never saw its country (NaN where absent)."""
    out = {label: np.full(len(real), np.nan) for label in labels}
    for train_idx, test_idx in country_folds([r.group for r in real], n_splits):
        fitted = fit_heads(list(corpus) + [real[i] for i in train_idx], labels)
        preds = predict_rows(fitted, [real[i] for i in test_idx])
        for label in labels:
            if label in preds:
                out[label][test_idx] = preds[label]
    return out


def calibrate(corpus: Sequence[Row], real: Sequence[Row], n_splits: int = N_SPLITS) -> dict[str, Choice]:
    """A Choice per real label that enough rows carry, from country-grouped out-of-fold predictions."""
    labels = [l for l in REAL_LABELS if sum(l in r.targets for r in real) >= MIN_ROWS]
    choices: dict[str, Choice] = {}
    for label in [l for l in labels if l in FIXED]:
        w, t = FIXED[label]
        choices[label] = Choice(w, t, None, sum(label in r.targets for r in real))
    labels = [l for l in labels if l not in FIXED]
    if not labels or len({r.group for r in real}) < 2:
        return choices
    oof = out_of_fold(corpus, real, labels, n_splits)
    for label in labels:
        idx = [i for i, r in enumerate(real) if label in r.targets and not np.isnan(oof[label][i])]
        y = np.array([real[i].targets[label][0] for i in idx])
        if len(set(y.tolist())) < 2:
            continue
        rule = np.array([rule_side(label, real[i]) for i in idx])
        if label in PRIOR_MATCHED:
            choices[label] = prior_matched(label, PRIOR_MATCHED[label], oof[label][idx], rule, y)
        else:
            choices[label] = choose(label, oof[label][idx], rule, y)
    return choices


def as_meta(choices: Mapping[str, Choice]) -> tuple[dict[str, float], dict[str, float]]:
    """(blend, thresholds) entries for the model metadata."""
    return ({k: c.weight for k, c in choices.items()}, {k: c.threshold for k, c in choices.items()})
