"""Measure the judge on real rated commitments: nested country-grouped cross-validation.

Why nested: the thresholds are themselves chosen on real rows (`calibrate.py`), so a figure
computed with thresholds that saw the scored country would flatter the judge. Here each
country's rows are judged by heads trained on the corpus and the other countries, with
thresholds chosen by an inner country-grouped CV over those other countries only, and then
decided by the judge's own code (`Judge._decide`), so what is measured is what ships.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Collection, Sequence

from ..judge.api import Item, Judge
from ..judge.store import Bundle
from ..judge.linear import TextVectorizer
from ..model import Assessment
from .calibrate import country_folds
from .heads import Fitted, Row
from .real import RealRow


@dataclass(frozen=True)
class Judged:
    """One real row as judged: the assessment and the final probabilities behind it."""

    assessment: Assessment
    probs: dict


def in_memory_judge(fitted: Fitted, blend: dict, thresholds: dict) -> Judge:
    """A Judge over freshly fitted arrays, without writing them to disk."""
    judge = Judge(None, use_model=False)
    judge.bundle = Bundle(TextVectorizer.from_arrays(fitted.terms, fitted.idf), dict(fitted.heads), {})
    judge.blend, judge.thresholds = dict(blend), dict(thresholds)
    return judge


def judge_features(judge: Judge, feats: Sequence, scores: Sequence[dict], rows: Sequence[RealRow]) -> list[Judged]:
    """Decide already featurised rows with `judge`'s models, blend and thresholds."""
    model = judge._model_probs(list(feats), list(scores))
    out = []
    for f, s, m, r in zip(feats, scores, model, rows):
        probs = judge.blended(s, m)
        out.append(Judged(judge._decide(f, Item(r.id, r.title, f.text), s, m), probs))
    return out


def nested(corpus: Sequence[Row], real: Sequence[Row], real_set: Sequence[RealRow], feats: Sequence,
           scores: Sequence[dict], corpus_choices: tuple,
           members: Sequence[Collection[str]] | None = None) -> list[Judged]:
    """Out-of-fold judgements of every real row (outer folds by country, inner CV for thresholds).

    `members`: per outer fold (in `country_folds` order), the members whose rows it may learn
    from (the learning curve's subsets); None: every member outside the fold.
    """
    from .train import fit_all

    out: list[Judged | None] = [None] * len(real)
    for k, (train_idx, test_idx) in enumerate(country_folds([r.group for r in real])):
        if members is not None:
            train_idx = [i for i in train_idx if real[i].group in members[k]]
        fitted, blend, thresholds, _, _ = fit_all(corpus, [real[i] for i in train_idx], corpus_choices)
        judge = in_memory_judge(fitted, blend, thresholds)
        judged = judge_features(judge, [feats[i] for i in test_idx], [scores[i] for i in test_idx],
                                [real_set[i] for i in test_idx])
        for i, j in zip(test_idx, judged):
            out[i] = j
    return [j for j in out if j is not None]
