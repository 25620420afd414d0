"""How the judge's real-data accuracy grows with the number of real rated members (a learning curve).

Why: the model card says that more real rated rows from more members would help most; this
measures it instead of asserting it. Each point keeps the headline's outer country folds and
scoring (`realcv.nested`, `realmetrics`); only the members the recipe may learn from shrink:
for every outer fold a seeded random subset holding about a given share of the other members,
with thresholds chosen by the inner country-grouped CV on that subset alone. Zero members is
the corpus-only recipe; the full share is the headline itself.

The trend is read off two points (half and all of the members) as a change per doubling of
members; extrapolating it in log(members) gives an order of magnitude, not a forecast.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from .calibrate import country_folds
from .heads import Row
from .real import RealRow
from .realcv import Judged, in_memory_judge, judge_features, nested
from .realmetrics import (HEADLINE, N_BOOT, headline_replicates, interval, judged_predictor,
                          paired_difference, replicate_array)

FRACTIONS = (0.25, 0.5, 0.75, 1.0)
# seeded draws of the member subset per share; the full share has only one possible subset
REPEATS = {0.25: 5, 0.5: 5, 0.75: 3}
SEED = 20240601
FIGURE = "learning_curve.png"
MAX_DOUBLINGS = 10  # beyond a thousand times the members measured, a line says nothing


@dataclass(frozen=True)
class Point:
    """One share of the training members: the three headline figures, median over the draws."""

    fraction: float  # 0.0: the corpus-only recipe
    members: float  # members learnt from, mean over the outer folds
    rows: float  # real rated rows learnt from, mean over outer folds and draws
    draws: int
    values: tuple[float | None, ...]  # in HEADLINE order
    ci: tuple[tuple[float, float] | None, ...]  # 95% country-bootstrap interval of the median
    spread: tuple[tuple[float, float] | None, ...]  # lowest and highest draw
    replicates: np.ndarray = field(compare=False, repr=False)  # (n_boot, 3) medians, NaN if undefined


@dataclass(frozen=True)
class Trend:
    """One headline figure between half and all of the members, and where a straight line in
    log(members) through those two points would meet its target."""

    metric: str
    target: float
    per_doubling: float | None  # change per doubling of the members learnt from
    difference: tuple[float, float, float] | None  # all minus half: point, 95% paired interval
    doublings: float | None  # more doublings of the members to the target on that line (0: met; None: never)
    members_needed: float | None  # members learnt from at that point of the line
    from_corpus: tuple[float, float, float] | None = None  # all members minus the corpus-only recipe


@dataclass(frozen=True)
class Curve:
    points: tuple[Point, ...]
    n_members: int
    n_rows: int
    seed: int


def subsets(groups: Sequence[str], fraction: float, draw: int, seed: int = SEED) -> list[frozenset[str]]:
    """Per outer fold (in `country_folds` order), the members it may learn from: a seeded random
    `fraction` of the members outside the fold (at least one; all of them when fraction >= 1)."""
    out = []
    for k, (train, _) in enumerate(country_folds(list(groups))):
        names = sorted({groups[i] for i in train})
        if fraction >= 1.0:
            out.append(frozenset(names))
            continue
        size = min(len(names), max(1, int(round(fraction * len(names)))))
        rng = np.random.default_rng([seed, draw, k, int(round(fraction * 1000))])
        out.append(frozenset(names[j] for j in rng.choice(len(names), size, replace=False)))
    return out


def _median(values: Sequence[float | None]) -> float | None:
    vals = [v for v in values if v is not None and not math.isnan(v)]
    return float(np.median(vals)) if vals else None


def _point(fraction: float, rows: Sequence[RealRow], judged_draws: Sequence[Sequence[Judged]],
           members: float, trained_rows: float, n_boot: int) -> Point:
    scored = [headline_replicates(rows, judged_predictor(j), n_boot) for j in judged_draws]
    values = tuple(_median([s[0][m] for s in scored]) for m in range(len(HEADLINE)))
    reps = [[_median([s[1][b][m] for s in scored]) for m in range(len(HEADLINE))] for b in range(n_boot)]
    ci = tuple(interval([r[m] for r in reps]) for m in range(len(HEADLINE)))
    spread: list[tuple[float, float] | None] = []
    for m in range(len(HEADLINE)):
        vals = [v for v in (s[0][m] for s in scored) if v is not None]
        spread.append((min(vals), max(vals)) if vals else None)
    return Point(fraction, members, trained_rows, len(judged_draws), values, ci, tuple(spread),
                 replicate_array(reps))


def learning_curve(corpus: Sequence[Row], real: Sequence[Row], rows: Sequence[RealRow], feats: Sequence,
                   scores: Sequence[dict], choices: tuple, fractions: Sequence[float] = FRACTIONS,
                   repeats: Mapping[float, int] = REPEATS, seed: int = SEED, n_boot: int = N_BOOT,
                   known: Mapping[float, Sequence[Judged]] | None = None) -> Curve:
    """The corpus-only point, then one point per share of the training members.

    `known`: judgements already made for a share (0.0: the corpus-only recipe; 1.0: the
    headline's nested CV), reused instead of fitted again (tests check they are the same).
    """
    from .train import fit_all

    known = dict(known or {})
    groups = [r.group for r in real]
    folds = country_folds(groups)
    out = []
    if 0.0 not in known:
        fitted, blend, thresholds, _, _ = fit_all(corpus, [], choices)
        known[0.0] = judge_features(in_memory_judge(fitted, blend, thresholds), feats, scores, rows)
    out.append(_point(0.0, rows, [known[0.0]], 0.0, 0.0, n_boot))
    for fraction in fractions:
        draws = 1 if fraction >= 1.0 else max(1, int(repeats.get(fraction, 1)))
        picks = [subsets(groups, fraction, d, seed) for d in range(draws)]
        if fraction in known and draws == 1:
            judged = [known[fraction]]
        else:
            judged = [nested(corpus, real, rows, feats, scores, choices, members=p) for p in picks]
        members = float(np.mean([len(s) for s in picks[0]]))
        trained = float(np.mean([sum(groups[i] in p[k] for i in train)
                                 for p in picks for k, (train, _) in enumerate(folds)]))
        out.append(_point(fraction, rows, judged, members, trained, n_boot))
    return Curve(tuple(out), len(set(groups)), len(rows), seed)


def _paired(a: Point, b: Point, m: int) -> tuple[float, float, float] | None:
    """b minus a on figure m with its 95% interval: replicate k resamples the same countries."""
    return paired_difference(a.values[m], b.values[m], a.replicates[:, m], b.replicates[:, m])


def trends(curve: Curve, targets: Mapping[str, float], low: float = 0.5, high: float = 1.0) -> list[Trend]:
    """Per headline figure, the change between shares `low` and `high` and its extrapolation."""
    by = {p.fraction: p for p in curve.points}
    if low not in by or high not in by or not by[low].members or by[high].members <= by[low].members:
        return []
    a, b = by[low], by[high]
    steps = math.log2(b.members / a.members)
    out = []
    for m, metric in enumerate(HEADLINE):
        target = targets[metric]
        va, vb = a.values[m], b.values[m]
        from_corpus = _paired(by[0.0], b, m) if 0.0 in by else None
        if va is None or vb is None:
            out.append(Trend(metric, target, None, None, None, None, from_corpus))
            continue
        slope = (vb - va) / steps
        doublings = 0.0 if vb >= target else (target - vb) / slope if slope > 0 else None
        needed = None if doublings is None else b.members * 2 ** min(doublings, 1000.0)
        out.append(Trend(metric, target, slope, _paired(a, b, m), doublings, needed, from_corpus))
    return out


def _cell(p: Point, m: int) -> str:
    v, ci, spread = p.values[m], p.ci[m], p.spread[m]
    if v is None:
        return "–"
    text = f"{v:.2f}" + (f" [{ci[0]:.2f}, {ci[1]:.2f}]" if ci else "")
    if p.draws > 1 and spread:
        text += f" ({spread[0]:.2f}–{spread[1]:.2f})"
    return text


def _count(x: float) -> str:
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}".rstrip("0").rstrip(".")


def render(curve: Curve, targets: Mapping[str, float], command: str, figure: str | None = None) -> list[str]:
    """Markdown lines of the card's section; `command` is what produced it."""
    shares = [p for p in curve.points if p.fraction > 0]
    draws = ", ".join(f"{p.draws} for {p.fraction:.0%}" for p in shares if p.draws > 1)
    out = ["### How accuracy grows with real rated rows", "",
           f"Measured by `{command}`. Each outer country fold of the cross-validated headline learns "
           "from the corpus and a seeded random subset of the other members holding about "
           + ", ".join(f"{p.fraction:.0%}" for p in shares) + " of them"
           + (f" (draws of the subset: {draws})" if draws else "") + ", with its thresholds chosen by "
           "the same inner country-grouped CV on that subset only; the held-out members are judged and "
           "scored exactly as in the headline. 0 members is the corpus-only recipe, 100% is the headline "
           "itself. Each figure is the median over the draws, with the 95% bootstrap interval over "
           "countries of that median and, in parentheses, the lowest and highest draw.", "",
           "| members learnt from (share) | real rows learnt from | " + " | ".join(HEADLINE) + " |",
           "|---|---|---|---|---|"]
    for p in curve.points:
        share = "corpus only" if p.fraction == 0 else f"{_count(p.members)} ({p.fraction:.0%})"
        out.append(f"| {share} | {_count(p.rows)} | " + " | ".join(_cell(p, m) for m in range(len(HEADLINE))) + " |")
    out.append("")
    if figure:
        out += [f"![Learning curve]({figure})", ""]
    found = trends(curve, targets)
    per_member = curve.n_rows / curve.n_members
    full = max(shares, key=lambda p: p.fraction) if shares else None
    moves = [f"{t.metric} {t.from_corpus[0]:+.2f} [{t.from_corpus[1]:+.2f}, {t.from_corpus[2]:+.2f}]"
             for t in found if t.from_corpus]
    if moves and full is not None:
        out.append(f"- From the corpus-only recipe to all {_count(full.members)} members learnt from "
                   "(paired over countries): " + "; ".join(moves) + ".")
    for t in found:
        if t.per_doubling is None or t.difference is None:
            continue
        point, lo, hi = t.difference
        noise = "inside the noise" if lo <= 0 <= hi else ("a rise beyond the noise" if lo > 0 else
                                                          "a fall beyond the noise")
        line = (f"- {t.metric}: {t.per_doubling:+.3f} per doubling of the members learnt from, between "
                f"50% and 100% (difference {point:+.2f} [{lo:+.2f}, {hi:+.2f}], {noise}). ")
        if t.doublings is None:
            line += f"A straight line in log(members) through these two points never reaches the target {t.target:.2f}."
        elif t.doublings == 0:
            line += f"The target {t.target:.2f} is already met."
        elif t.doublings > MAX_DOUBLINGS or t.members_needed is None:
            line += (f"A straight line in log(members) would need {t.doublings:.0f} more doublings of the "
                     f"members to reach the target {t.target:.2f}: in effect never.")
        else:
            line += (f"A straight line in log(members) would reach the target {t.target:.2f} after "
                     f"{t.doublings:.1f} more doublings, at about {_count(t.members_needed)} members learnt "
                     f"from (about {_count(t.members_needed * per_member)} rated rows at this set's "
                     f"{per_member:.1f} rows per member).")
        out.append(line)
    if found:
        out.append("- These extrapolations are a rough guide, not a promise: a line through two points of a "
                   "noisy curve, stretched far beyond the members measured; a rise inside the noise may be "
                   "none at all, and members unlike these may bend the curve either way.")
    out.append("")
    return out


def figure(curve: Curve, targets: Mapping[str, float], target: Path) -> None:
    """The curve as a PNG: one line per headline figure against members learnt from, with its
    country-bootstrap interval, and its target as a dashed line."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..io import atomic_path

    fig, ax = plt.subplots(figsize=(7, 4.5))
    xs = [p.members for p in curve.points]
    dodge = 0.01 * (max(xs) or 1.0)  # so the intervals of the three figures do not hide each other
    labelled: dict[float, list[str]] = {}
    for m, metric in enumerate(HEADLINE):
        pts = [(x + (m - 1) * dodge, v, p.ci[m]) for x, p in zip(xs, curve.points)
               if (v := p.values[m]) is not None]
        if not pts:
            continue
        x = [a for a, _, _ in pts]
        y = [b for _, b, _ in pts]
        err = [[b - c[0] if c else 0.0 for _, b, c in pts], [c[1] - b if c else 0.0 for _, b, c in pts]]
        line = ax.errorbar(x, y, yerr=err, marker="o", capsize=3, label=metric)
        ax.axhline(targets[metric], linestyle="--", linewidth=1, color=line[0].get_color())
        labelled.setdefault(targets[metric], []).append(metric.split()[0])
    for level, names in labelled.items():
        ax.annotate("target " + ", ".join(names), (1.0, level), xycoords=("axes fraction", "data"),
                    xytext=(-4, 3), textcoords="offset points", ha="right", fontsize=7, color="grey")
    ax.set_xlabel("real rated members learnt from (0: corpus only)")
    ax.set_ylabel("cross-validated score (dashed: target)")
    ax.set_title("Real IRM ratings: accuracy against members learnt from")
    lows = [c[0] for p in curve.points for c in p.ci if c] + [v for p in curve.points for v in p.values if v is not None]
    ax.set_ylim(min([0.4] + lows) - 0.05, 1.0)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    with atomic_path(target) as tmp:
        fig.savefig(tmp, format="png", dpi=110, metadata={"Software": None})
    plt.close(fig)
