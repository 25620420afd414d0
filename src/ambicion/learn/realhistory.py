"""A member's own IRM history: does learning from its earlier plans' ratings help judge its latest?

Why: the learning curve (`realcurve.py`) found that more rows from *other* members barely move
the cross-validated figures. A forum judging its own next plan has something the headline's
protocol never uses: the IRM's reviews of its own earlier plans, in its own phrasing. This
measures that lever. For every member with at least two plans, the rows of its latest plan are
held out; the existing real-training recipe (`train.fit_all`, thresholds from its inner CV
grouped by country on the training rows only) learns from the corpus and every other member,
(A) without anything of this member, (B) with its earlier plans' rows too. The held-out rows of
all such members are pooled and scored as the headline is (`realmetrics`); B - A gets a paired
bootstrap over members (replicate k draws the same members for both), and the majority answer
on the same rows is the floor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from .heads import Row
from .real import RealRow
from .realcv import Judged, in_memory_judge, judge_features
from .realmetrics import (HEADLINE, N_BOOT, headline_replicates, interval, judged_predictor, majority,
                          paired_difference, prediction, replicate_array, truth)
from ..judge.rules import VALUE_LABELS

SYSTEMS = ("without its history (A)", "with its earlier plans (B)", "majority")
# the label whose rows count for each headline figure (values: any per-value tag shown)
COUNTED = (VALUE_LABELS[0], "open_gov_lens", "substantial")


@dataclass(frozen=True)
class Member:
    """One member held out: its latest plan and what (B) learns from its earlier ones."""

    member: str
    latest: str
    test_rows: int
    earlier_plans: int
    earlier_rows: int


@dataclass(frozen=True)
class Figures:
    """The three headline figures of one system on the held-out rows, with 95% intervals."""

    values: tuple[float | None, ...]  # in HEADLINE order
    ci: tuple[tuple[float, float] | None, ...]


@dataclass(frozen=True)
class History:
    members: tuple[Member, ...]
    n: tuple[int, ...]  # held-out rows counted by each headline figure
    positives: tuple[int, ...]  # of those, rated positive (values: rows with any per-value tag)
    n_members: tuple[int, ...]  # members those rows come from
    changed: tuple[int, ...]  # of those, rows whose decision (B) changes (values: any of the four)
    systems: dict[str, Figures]  # SYSTEMS -> figures
    difference: tuple[tuple[float, float, float] | None, ...]  # B - A: point, 95% paired interval


def plan_order(plan: str) -> tuple[int, int, str]:
    """Sort key of a plan label: its last year, then its first ("2018-2020" after "2017-2019");
    a label without a year sorts first, so it is never taken for the latest."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", plan)]
    return (max(years), min(years), plan) if years else (-1, -1, plan)


def split_latest(rows: Sequence[RealRow]) -> dict[str, tuple[str, list[int], list[int]]]:
    """Per member with at least two plans: (latest plan, its row indices, earlier rows' indices)."""
    plans: dict[str, set[str]] = {}
    for r in rows:
        plans.setdefault(r.group, set()).add(r.plan)
    out = {}
    for member in sorted(plans):
        if len(plans[member]) < 2:
            continue
        latest = max(plans[member], key=plan_order)
        mine = [i for i, r in enumerate(rows) if r.group == member]
        out[member] = (latest, [i for i in mine if rows[i].plan == latest],
                       [i for i in mine if rows[i].plan != latest])
    return out


def _judge(corpus: Sequence[Row], train: Sequence[Row], test: Sequence[int], rows: Sequence[RealRow],
           feats: Sequence, scores: Sequence[dict], choices: tuple) -> list[Judged]:
    from .train import fit_all

    fitted, blend, thresholds, _, _ = fit_all(corpus, list(train), choices)
    return judge_features(in_memory_judge(fitted, blend, thresholds), [feats[i] for i in test],
                          [scores[i] for i in test], [rows[i] for i in test])


def own_history(corpus: Sequence[Row], real: Sequence[Row], rows: Sequence[RealRow], feats: Sequence,
                scores: Sequence[dict], choices: tuple, n_boot: int = N_BOOT,
                progress: Callable[[str], None] | None = None) -> History | None:
    """(A) and (B) for every member with two plans or more (see the module docstring); None
    when no member has two plans."""
    split = split_latest(rows)
    if not split:
        return None
    held: list[int] = []
    judged: dict[str, list[Judged]] = {SYSTEMS[0]: [], SYSTEMS[1]: []}
    members = []
    for member, (latest, test, earlier) in split.items():
        if progress is not None:
            progress(member)
        others = [real[i] for i, r in enumerate(rows) if r.group != member]
        judged[SYSTEMS[0]] += _judge(corpus, others, test, rows, feats, scores, choices)
        judged[SYSTEMS[1]] += _judge(corpus, others + [real[i] for i in earlier], test, rows, feats, scores,
                                     choices)
        held += test
        members.append(Member(member, latest, len(test), len({rows[i].plan for i in earlier}), len(earlier)))
    scored_rows = [rows[i] for i in held]
    predictors: dict[str, Callable[[int, str], tuple[bool, float]]] = {
        name: judged_predictor(judged[name]) for name in SYSTEMS[:2]}
    predictors[SYSTEMS[2]] = majority(scored_rows)
    systems, reps = {}, {}
    for name, predict in predictors.items():
        point, replicates = headline_replicates(scored_rows, predict, n_boot)
        reps[name] = arr = replicate_array(replicates)
        systems[name] = Figures(point, tuple(interval([None if np.isnan(v) else float(v) for v in arr[:, m]])
                                             for m in range(len(HEADLINE))))
    a, b = systems[SYSTEMS[0]].values, systems[SYSTEMS[1]].values
    difference = [paired_difference(a[m], b[m], reps[SYSTEMS[0]][:, m], reps[SYSTEMS[1]][:, m])
                  for m in range(len(HEADLINE))]
    counted = [[i for i, r in enumerate(scored_rows) if truth(r, label) is not None] for label in COUNTED]
    labels = (VALUE_LABELS, ("open_gov_lens",), ("substantial",))
    a_judged, b_judged = judged[SYSTEMS[0]], judged[SYSTEMS[1]]
    positives = tuple(sum(any(truth(scored_rows[i], lab) for lab in group) for i in c)
                      for c, group in zip(counted, labels))
    changed = tuple(sum(any(prediction(a_judged[i], lab)[0] != prediction(b_judged[i], lab)[0] for lab in group)
                        for i in c) for c, group in zip(counted, labels))
    return History(tuple(members), tuple(len(c) for c in counted), positives,
                   tuple(len({scored_rows[i].group for i in c}) for c in counted), changed, systems,
                   tuple(difference))


def clearly_better(history: History) -> list[str]:
    """The headline figures on which (B) beats (A) beyond the noise (whole interval above zero)."""
    return [HEADLINE[m] for m, d in enumerate(history.difference) if d is not None and d[1] > 0]


def _cell(value: float | None, ci: tuple[float, float] | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")


def render(history: History, command: str) -> list[str]:
    """Markdown lines of the card's section; `command` is what produced it."""
    n_test = sum(m.test_rows for m in history.members)
    n_earlier = sum(m.earlier_rows for m in history.members)
    out = ["### A member's own IRM history", "",
           f"Measured by `{command}`. For each of the {len(history.members)} members with two plans or "
           f"more, the rows of its latest plan ({n_test} rows in all) are held out and judged by the "
           "real-training recipe learning from the corpus and every other member, (A) with nothing of "
           f"this member, (B) with its earlier plans' rows too ({n_earlier} rows in all); thresholds come "
           "from the recipe's inner country-grouped CV on the training rows only. The held-out rows are "
           "pooled and scored as in the headline; intervals are 95% bootstrap intervals over members, "
           "and B − A is paired (the same members drawn for both).", "",
           "| system | " + " | ".join(HEADLINE) + " |", "|---|---|---|---|"]
    for name in SYSTEMS:
        f = history.systems[name]
        out.append(f"| {name} | " + " | ".join(_cell(v, c) for v, c in zip(f.values, f.ci)) + " |")
    cells = []
    for d in history.difference:
        if d is None:
            cells.append("–")
            continue
        mark = " (B better)" if d[1] > 0 else " (B worse)" if d[2] < 0 else ""
        cells.append(f"{d[0]:+.2f} [{d[1]:+.2f}, {d[2]:+.2f}]{mark}")
    out.append("| B − A | " + " | ".join(cells) + " |")
    out.append("| rows counted (rated positive; members) | "
               + " | ".join(f"{n} ({p}; {k})" for n, p, k in zip(history.n, history.positives, history.n_members))
               + " |")
    out.append("| rows whose decision B changes | " + " | ".join(str(c) for c in history.changed) + " |")
    out.append("")
    better = clearly_better(history)
    worse = [HEADLINE[m] for m, d in enumerate(history.difference) if d is not None and d[2] < 0]
    if better:
        out.append("- Learning from a member's own earlier reviews helps beyond the noise on "
                   + ", ".join(better) + ". A forum can use it: `ambicion join PLAN REVIEW -o rated.jsonl` "
                   "on each of its earlier plans and their IRM reviews, then `ambicion train --real "
                   "rated.jsonl` (with any other rated rows) before judging its next plan.")
    else:
        out.append("- Learning from a member's own earlier reviews does not beat learning without them "
                   "beyond the noise on any headline figure" + (f" (it is worse on {', '.join(worse)})" if worse
                                                                else "") + "; on these rows a member's "
                   "history is no shortcut to the targets.")
    out.append("- Few rows per member, and a latest plan that may be a local government's filed under the "
               "same member name make these intervals wide; differences inside them are noise.")
    out.append("")
    return out
