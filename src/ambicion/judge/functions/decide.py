"""Does the evidence say the commitment restates its functions, or goes beyond them?

Restated: the commitment's action phrases are (mostly) covered by listed functions and none
of its phrases adds what the law does not already ask — a new binding rule, information
made public that is not yet required, a channel with a duty to respond, independent
oversight (the families in `data/function_decision.json`). Goes beyond: it reuses a
function's words but one of those phrases is not in the function that covers it. The
verdict is evidence, not a probability, so the trained model cannot pull it down.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Callable, Literal, Sequence

if TYPE_CHECKING:
    from ...nlp.components import RuleMatch
    from .items import FunctionItem
    from .match import Clause, Cover

Verdict = Literal["restated", "beyond", "partial", "none"]


@lru_cache(maxsize=1)
def settings() -> dict:
    return json.loads(resources.files("ambicion").joinpath("data/function_decision.json").read_text("utf-8"))


@dataclass(frozen=True)
class Beyond:
    """A phrase that goes beyond the matched functions, and the family that says how."""

    start: int
    end: int
    family: str


@dataclass(frozen=True)
class Restatement:
    """The verdict with its evidence: covered phrases (each with its function) and additions."""

    verdict: Verdict
    covers: tuple["Cover", ...]
    beyond: tuple[Beyond, ...]
    best: "Cover | None"
    share: float


@lru_cache(maxsize=1)
def _law_name() -> re.Pattern[str]:
    return re.compile(settings()["law_name"])


def is_covered(cover: "Cover") -> bool:
    cfg = settings()
    return (cover.similarity >= float(cfg["cover"]) and cover.shared >= int(cfg["min_shared"])
            and cover.objects >= 1)


def decide(clauses: Sequence["Clause"], covers: Sequence["Cover"], hits: Sequence["RuleMatch"],
           ranges: Sequence[tuple[int, int]],
           item_keys: Callable[["FunctionItem"], frozenset[str]],
           keys_in: Callable[[int, int], frozenset[str]], title_end: int = 0, text: str = "") -> Restatement:
    from ..sections import inside

    cfg = settings()
    best = max(covers, key=lambda c: c.similarity, default=None)
    by_clause = {(c.clause.start, c.clause.end): c for c in covers}
    actions = [cl for cl in clauses if cl.is_action]
    if not actions:
        actions = [cl for cl in clauses if cl.weight >= 3]
    # every phrase with content counts for the share, so one restated line of a long text
    # (a field label, a purpose) does not make the whole commitment a restatement
    content = [cl for cl in clauses if cl.weight >= 2]
    # a title names the commitment; when a body follows, the body is what it does, and a
    # title left alone (the rest being problem statement) is too little to call a restatement
    body = [cl for cl in content if cl.start >= title_end]
    title_only = bool(title_end) and not body
    if title_end and body:
        content = body
    covered = [by_clause[(cl.start, cl.end)] for cl in content
               if (cl.start, cl.end) in by_clause and is_covered(by_clause[(cl.start, cl.end)])]
    total = sum(cl.weight for cl in content)
    share = sum(c.clause.weight for c in covered) / total if total else 0.0

    beyond: list[Beyond] = []
    families = cfg["beyond"]
    min_weight = float(cfg["min_hit_weight"])
    covered_at = {(c.clause.start, c.clause.end): c for c in covered}
    cited: list[tuple[int, int]] | None = None  # found when a hit first needs them: a search of the text
    follows_law = any(h.family == "legal_restatement" for h in hits)
    continuing = [(h.start_char, h.end_char) for h in hits if h.family == "continuity"]
    soft = set(cfg["soft"])
    # each test below only drops a hit, so they run cheapest first
    for h in hits:
        if h.family not in families or h.weight < min_weight:
            continue
        if ranges and inside(ranges, h.start_char, h.end_char):
            continue
        owner = next((cl for cl in actions if cl.start <= h.start_char < cl.end), None)
        if owner is None:
            continue  # a phrase outside the actions (a cited law, a purpose) adds nothing
        if h.family in soft and (follows_law or any(owner.start <= a < owner.end for a, _ in continuing)):
            continue  # publishing or consulting under a law in force, or as it already does
        if cited is None:
            cited = [(c.start_char, c.end_char) for c in hits if c.family == "legal_restatement"]
            cited += [m.span() for m in _law_name().finditer(text)]
        if any(a < h.end_char and h.start_char < b for a, b in cited):
            continue  # "in line with the Access to Information Act" cites the law, adds nothing
        cover = covered_at.get((owner.start, owner.end))
        if cover is not None or covered:  # else no function to hold the words said
            said = keys_in(h.start_char, h.end_char)
            if cover is not None and said <= item_keys(cover.item):
                continue  # the function itself already asks for it
            if covered and any(said and said <= item_keys(c.item) for c in covered):
                continue  # another function the commitment restates already asks for it
        if any(b.start == h.start_char and b.end == h.end_char for b in beyond):
            continue
        beyond.append(Beyond(h.start_char, h.end_char, h.family))

    # it uses a function's words (a covered phrase, or a near one next to a hard addition:
    # a binding rule, a duty to respond, oversight): what it adds is the news
    # two shared words ("annual report") are too few to say it reuses a function's words
    strong = int(cfg["reuse_shared"])
    reused = any(c.shared >= strong for c in covered)
    near = any(c.similarity >= float(cfg["near"]) and c.objects >= 1 and c.shared >= strong for c in covers)
    hard = any(b.family not in soft for b in beyond)
    verdict: Verdict
    if beyond and (reused or (near and hard)):
        verdict = "beyond"
    elif covered and share >= float(cfg["share"]) and not title_only:
        verdict = "restated"
    elif covered:
        verdict = "partial"
    else:
        verdict = "none"
    return Restatement(verdict, tuple(sorted(covered, key=lambda c: c.clause.start)),
                       tuple(sorted(beyond, key=lambda b: b.start)), best, round(share, 4))
