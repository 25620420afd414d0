"""Pair a plan's commitments with a review's ratings, reporting what could not be paired.

This is how real plans and reviews become labelled data, so a wrong pair is worse than a
missing one. Numbers usually follow the plan's, but reviews shorten or reword titles,
renumber now and then, and cluster several commitments under one rating. So:

1. by number, confirmed by title similarity ("number+title"); a number match whose title
   is unlike the commitment's, while another commitment's title is clearly closer, is left
   to the title pass (the review renumbered);
2. a cluster rating pairs with every commitment it covers (one pair each, method "number"),
   unless the review gives that member a row of its own;
3. what remains is paired by title alone ("title") above a similarity floor, best first.
A commitment is never paired twice.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Sequence

from ..errors import InputError
from ..labels import fold
from ..model import Commitment, IrmRating, Joined, Pair, Plan, Review
from ..periods import period_years
from .review_text import normalize_number

CONFIRM = 0.45  # title similarity that confirms a number match
TITLE_ONLY = 0.55  # similarity needed to pair on the title alone
CLEARLY_CLOSER = 0.25  # margin by which another title must beat the numbered one to override it

_STOP = frozenset(
    "a al con de del e el en la las los o para por que se su sus un una y the of and to in for on "
    "with by an or its at from".split()
)


def _tokens(title: str) -> list[str]:
    words = re.findall(r"[a-z0-9]+", fold(title))
    return [w[:6] for w in words if w not in _STOP and len(w) > 1]


def title_similarity(a: str, b: str) -> float:
    """0..1: how alike two commitment titles are, insensitive to accents, case, word forms.

    The larger of a token-sequence ratio (word order) and a token score that averages overlap
    (Dice) and containment, so a shortened title ("Portal de datos abiertos") still scores
    high against the plan's long one.
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    seq = SequenceMatcher(None, ta, tb, autojunk=False).ratio()
    sa, sb = set(ta), set(tb)
    common = len(sa & sb)
    dice = 2 * common / (len(sa) + len(sb))
    containment = common / min(len(sa), len(sb)) if min(len(sa), len(sb)) >= 2 else dice
    return round(max(seq, (dice + containment) / 2), 4)


def _number(value: str | None) -> str | None:
    if not value or not re.search(r"\d", value):
        return None
    return normalize_number(value)


def join(plan: Plan, review: Review) -> Joined:
    """Pairs in plan order, plus the commitments and ratings left unpaired.

    Raises InputError naming the review when it says it reviews another member's plan or
    another period (`review_mismatch`): its ratings would otherwise pair by number and teach
    another plan's ratings as this one's. `join_items` pairs without asking.
    """
    mismatch = review_mismatch(plan, review)
    if mismatch:
        raise InputError(review.source, mismatch)
    return join_items(plan.commitments, review.ratings)


def join_items(commitments: Sequence[Commitment], ratings: Sequence[IrmRating]) -> Joined:
    used_c: set[int] = set()
    used_r: set[int] = set()
    pairs: list[tuple[int, Pair]] = []
    by_number: dict[str, list[int]] = {}
    for i, c in enumerate(commitments):
        n = _number(c.number)
        if n is not None:
            by_number.setdefault(n, []).append(i)

    def free(numbers: str) -> int | None:
        return next((i for i in by_number.get(numbers, []) if i not in used_c), None)

    def take(ci: int, ri: int, method: str, sim: float) -> None:
        used_c.add(ci)
        used_r.add(ri)
        pairs.append((ci, Pair(commitments[ci], ratings[ri], method, sim)))

    # 1. clusters: every covered number that exists in the plan, except members the review
    #    gives a row of their own (each member's row then pairs with that member only)
    own_rows = {n for r in ratings if (n := _number(r.number)) is not None}
    for ri, r in enumerate(ratings):
        if len(r.cluster) < 2:
            continue
        mine = _number(r.number)
        for n in r.cluster:
            if normalize_number(n) != mine and normalize_number(n) in own_rows:
                continue
            ci = free(normalize_number(n))
            if ci is not None:
                used_c.add(ci)
                pairs.append((ci, Pair(commitments[ci], r, "number",
                                       title_similarity(commitments[ci].title, r.title))))
                used_r.add(ri)

    # 2. single numbers, confirmed by title or at least not contradicted by a better title
    for ri, r in enumerate(ratings):
        if ri in used_r:
            continue
        n = _number(r.number)
        ci = free(n) if n else None
        if ci is None:
            continue
        sim = title_similarity(commitments[ci].title, r.title)
        if sim >= CONFIRM or not r.title.strip():
            take(ci, ri, "number+title" if sim >= CONFIRM else "number", sim)
            continue
        best = max((title_similarity(c.title, r.title) for j, c in enumerate(commitments)
                    if j not in used_c and j != ci), default=0.0)
        if best >= TITLE_ONLY and best - sim >= CLEARLY_CLOSER:
            continue  # the review seems renumbered: leave it to the title pass
        take(ci, ri, "number", sim)

    # 3. titles alone, best pairs first
    scored = []
    for ri, r in enumerate(ratings):
        if ri in used_r or not r.title.strip():
            continue
        for ci, c in enumerate(commitments):
            if ci in used_c:
                continue
            sim = title_similarity(c.title, r.title)
            if sim >= TITLE_ONLY:
                scored.append((sim, ri, ci))
    for sim, ri, ci in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if ri in used_r or ci in used_c:
            continue
        take(ci, ri, "title", sim)

    pairs.sort(key=lambda p: p[0])
    return Joined(
        pairs=tuple(p for _, p in pairs),
        unmatched_commitments=tuple(c for i, c in enumerate(commitments) if i not in used_c),
        unmatched_ratings=tuple(r for i, r in enumerate(ratings) if i not in used_r),
    )


def review_mismatch(plan: Plan, review: Review) -> str | None:
    """Why `review` cannot be a review of `plan`, when the documents say so; None otherwise.

    Why: numbers and short titles ("Datos abiertos", commitment 1) match across members'
    plans, so another country's review pairs happily and teaches its ratings as this plan's.
    Only what both documents print is compared: a document naming no country or years
    passes.
    """
    if plan.country and review.country and fold(plan.country) != fold(review.country):
        return f"reviews {review.country}'s plan, not {plan.country}'s"
    p0, p1 = period_years(plan.period)
    r0, r1 = period_years(review.period)
    if None not in (p0, p1, r0, r1) and (r1 < p0 or r0 > p1):  # type: ignore[operator]
        return f"reviews the plan of {review.period}, not that of {plan.period}"
    return None
