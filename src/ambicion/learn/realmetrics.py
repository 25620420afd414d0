"""Score judgements of real rows against the IRM's and OGP's labels, with bootstrap intervals.

Why a cluster bootstrap: rows of one member share wording and raters, so resampling rows
one by one would make the intervals look tighter than they are; here whole countries are
resampled. Each label is scored only on the rows that carry it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from ..judge.rules import VALUE_LABELS
from .real import RealRow, scored_substantial

MEASURED = VALUE_LABELS + ("open_gov_lens", "substantial", "verifiable")
N_BOOT = 1000
SEED = 20240601
# the project's targets for the cross-validated figures (issue 10 of the project's tracker)
TARGETS = {"values macro-F1": 0.70, "lens balanced accuracy": 0.70, "ambition balanced accuracy": 0.65}
HEADLINE = tuple(TARGETS)  # the order of `headline_replicates`


@dataclass(frozen=True)
class Stat:
    n: int
    positives: int
    precision: float
    recall: float
    f1: float
    balanced_accuracy: float | None
    auc: float | None
    ci: dict  # metric -> (low, high)


def truth(row: RealRow, label: str) -> bool | None:
    if label in VALUE_LABELS:
        return None if row.irm_values is None else label in row.irm_values
    if label == "open_gov_lens":
        return row.irm_relevant
    if label == "substantial":
        return scored_substantial(row)
    if label == "verifiable":
        return row.verifiable
    raise KeyError(label)


def prediction(judged, label: str) -> tuple[bool, float]:
    """(decision, probability) of a Judged row for a measured label."""
    a, probs = judged.assessment, judged.probs
    if label in VALUE_LABELS:
        return label in a.value_codes, float(probs[label])
    if label == "open_gov_lens":
        p = probs.get("open_gov_lens", max(probs[c] for c in VALUE_LABELS[:3]))
        return bool(a.open_gov_lens), float(p)
    if label == "substantial":
        return a.ambition == "substantial", float(a.ambition_probabilities["substantial"])
    if label == "verifiable":
        return "not_verifiable" not in a.flag_codes, 1.0 - float(probs["not_verifiable"])
    raise KeyError(label)


def _f1(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(y & p))
    fp = float(np.sum(~y & p))
    fn = float(np.sum(y & ~p))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


def _balanced(y: np.ndarray, p: np.ndarray) -> float | None:
    if y.all() or not y.any():
        return None
    return 0.5 * (float(np.mean(p[y])) + float(np.mean(~p[~y])))


def auc(y: np.ndarray, score: np.ndarray) -> float | None:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    pos, neg = score[y], score[~y]
    if not len(pos) or not len(neg):
        return None
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    return float((r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def _metrics(y: np.ndarray, p: np.ndarray, s: np.ndarray) -> dict[str, float | None]:
    """Every measure by name, for the bootstrap; the two rank measures are None where a
    replicate lacks a class."""
    precision, recall, f1 = _f1(y, p)
    return {"precision": precision, "recall": recall, "f1": f1, "balanced_accuracy": _balanced(y, p),
            "auc": auc(y, s)}


def _resamples(groups: Sequence[str], n_boot: int, seed: int) -> list[np.ndarray]:
    """Row indices of each bootstrap replicate, drawing whole groups with replacement."""
    rng = np.random.default_rng(seed)
    names = sorted(set(groups))
    members = {g: np.array([i for i, x in enumerate(groups) if x == g]) for g in names}
    out = []
    for _ in range(n_boot):
        pick = rng.integers(0, len(names), len(names))
        out.append(np.concatenate([members[names[k]] for k in pick]))
    return out


def interval(values: Sequence[float | None]) -> tuple[float, float] | None:
    """The 95% percentile interval of bootstrap replicates (None below 20 defined ones)."""
    vals = [v for v in values if v is not None]
    if len(vals) < 20:
        return None
    return float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))


def replicate_array(replicates: Sequence[Sequence[float | None]]) -> np.ndarray:
    """Bootstrap replicates of the headline figures as a float array, NaN where undefined."""
    return np.array([[np.nan if v is None else v for v in r] for r in replicates], dtype=np.float64)


def paired_difference(va: float | None, vb: float | None, reps_a: np.ndarray,
                      reps_b: np.ndarray) -> tuple[float, float, float] | None:
    """vb minus va with its 95% interval from paired replicates (replicate k of both drew the
    same countries); None when either figure or the interval is undefined."""
    if va is None or vb is None:
        return None
    diff = reps_b - reps_a
    ci = interval(diff[~np.isnan(diff)].tolist())
    return (vb - va, ci[0], ci[1]) if ci else None


def judged_predictor(judged: Sequence) -> Callable[[int, str], tuple[bool, float]]:
    """The predictor `measure` and `headline_replicates` take, over rows judged in order."""
    return lambda i, label: prediction(judged[i], label)


def _scored(rows: Sequence[RealRow], predict: Callable[[int, str], tuple[bool, float]], subset: Sequence[int],
            label: str, n_boot: int) -> tuple[int, int, dict, dict] | None:
    """(n, positives, metrics, bootstrap replicates per metric) of one label over the rows of
    `subset` carrying it. Replicate k draws the same countries for every system scored on the
    same rows (and for labels carried by the same rows), so replicates pair across them."""
    idx = [i for i in subset if truth(rows[i], label) is not None]
    if not idx:
        return None
    y = np.array([bool(truth(rows[i], label)) for i in idx])
    pred = [predict(i, label) for i in idx]
    p = np.array([d for d, _ in pred], dtype=bool)
    s = np.array([q for _, q in pred], dtype=np.float64)
    m = _metrics(y, p, s)
    boots: dict[str, list] = {k: [] for k in m}
    for sample in _resamples([rows[i].group for i in idx], n_boot, SEED):
        mb = _metrics(y[sample], p[sample], s[sample])
        for k in m:
            boots[k].append(mb[k])
    return len(idx), int(y.sum()), m, boots


def measure(rows: Sequence[RealRow], predict: Callable[[int, str], tuple[bool, float]],
            subset: Sequence[int] | None = None, n_boot: int = N_BOOT) -> dict:
    """{label: Stat} plus "values_macro_f1": (value, (low, high)) over the rows in `subset`."""
    subset = list(range(len(rows))) if subset is None else list(subset)
    out: dict = {}
    per_value_boot: list[list[float | None]] = []
    for label in MEASURED:
        scored = _scored(rows, predict, subset, label, n_boot)
        if scored is None:
            continue
        n, positives, m, boots = scored
        if label in VALUE_LABELS:
            per_value_boot.append(boots["f1"])
        out[label] = Stat(n, positives, m["precision"], m["recall"], m["f1"],
                          m["balanced_accuracy"], m["auc"],
                          {k: interval(v) for k, v in boots.items() if k in ("f1", "balanced_accuracy", "auc")})
    values = [out[v].f1 for v in VALUE_LABELS if v in out]
    if len(values) == len(VALUE_LABELS):
        # same seed and same rows for every value, so replicate k pairs across values
        macro = [float(np.mean(col)) for col in zip(*per_value_boot)]
        out["values_macro_f1"] = (float(np.mean(values)), interval(macro))
    return out


def headline_replicates(rows: Sequence[RealRow], predict: Callable[[int, str], tuple[bool, float]],
                        n_boot: int = N_BOOT) -> tuple[tuple[float | None, ...], list[tuple[float | None, ...]]]:
    """The three figures the targets are set on (values macro-F1, lens and ambition balanced
    accuracy) over all rows, and each bootstrap replicate of them, computed as `measure` does
    (its intervals are `interval` of these replicates)."""
    everything = list(range(len(rows)))
    point: list[float | None] = []
    reps: list[list[float | None]] = []
    scored_values = [_scored(rows, predict, everything, v, n_boot) for v in VALUE_LABELS]
    values = [v for v in scored_values if v is not None]
    if len(values) == len(scored_values):
        point.append(float(np.mean([v[2]["f1"] for v in values])))
        reps.append([float(np.mean(col)) for col in zip(*(v[3]["f1"] for v in values))])
    else:
        point.append(None)
        reps.append([None] * n_boot)
    for label in ("open_gov_lens", "substantial"):
        scored = _scored(rows, predict, everything, label, n_boot)
        point.append(None if scored is None else scored[2]["balanced_accuracy"])
        reps.append([None] * n_boot if scored is None else scored[3]["balanced_accuracy"])
    return tuple(point), [tuple(col) for col in zip(*reps)]


def majority(rows: Sequence[RealRow]) -> Callable[[int, str], tuple[bool, float]]:
    """The dummy baseline: every row gets the most common answer of its label (score: the base rate)."""
    rates = {}
    for label in MEASURED:
        ys = [y for y in (truth(r, label) for r in rows) if y is not None]
        rates[label] = sum(ys) / len(ys) if ys else 0.5

    def predict(i: int, label: str) -> tuple[bool, float]:
        return rates[label] >= 0.5, rates[label]

    return predict
