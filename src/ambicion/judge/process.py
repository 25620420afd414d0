"""Find sentences about the plan's own process or claims rather than the commitment's actions.

Why: plans and drafts add routine follow-up ("informes de avance … al foro multiactor") and
claims of OGP values to every commitment. Read as actions, such a sentence would credit a
plain digitisation project with access to information and accountability. Follow-up
sentences are dropped from the evidence; claim sentences are context (see sections.py).
Vocabulary in data/judge_plan_process.json.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

SENTENCE = re.compile(r"[^.;!?\n]+[.;!?]?")


@lru_cache(maxsize=1)
def _config() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = json.loads(resources.files("ambicion").joinpath("data/judge_plan_process.json").read_text("utf-8"))

    def any_of(key: str) -> re.Pattern:
        return re.compile("|".join(f"(?:{p})" for p in data[key]), re.IGNORECASE)

    return any_of("process_bodies"), any_of("reporting_cues"), any_of("claim_cues")


def _sentences(text: str):
    for m in SENTENCE.finditer(text):
        if m.group(0).strip():
            yield m.start(), m.end(), m.group(0)


def follow_up_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences that report on the plan to its own bodies (forum, point of contact)."""
    bodies, cues, _ = _config()
    return tuple((s, e) for s, e, sent in _sentences(text) if bodies.search(sent) and cues.search(sent))


def claim_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences that claim OGP values or relevance for the commitment."""
    _, _, claims = _config()
    return tuple((s, e) for s, e, sent in _sentences(text) if claims.search(sent))
