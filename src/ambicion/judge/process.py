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

from .alternation import any_of, by_first_letter
from .caseless import Caseless

SENTENCE = re.compile(r"[^.;!?\n]+[.;!?]?")


@lru_cache(maxsize=1)
def _config() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The three vocabularies as IGNORECASE patterns (the reference the tests read)."""
    bodies, reporting, claims = _caseless()
    return bodies.folded, reporting.folded, claims.folded


@lru_cache(maxsize=1)
def _caseless() -> tuple[Caseless, Caseless, Caseless]:
    data = json.loads(resources.files("ambicion").joinpath("data/judge_plan_process.json").read_text("utf-8"))
    bodies, reporting, claims = (Caseless.compile(by_first_letter(data[key]), folded=any_of(data[key], re.IGNORECASE))
                                 for key in ("process_bodies", "reporting_cues", "claim_cues"))
    return bodies, reporting, claims


def _sentences(text: str):
    for m in SENTENCE.finditer(text):
        if m.group(0).strip():
            yield m.start(), m.end(), m.group(0)


@lru_cache(maxsize=16)
def _sentence_list(text: str) -> tuple[tuple[int, int, str], ...]:
    """The sentences of `text`, kept for the few calls that read the same text."""
    return tuple(_sentences(text))


def _touched(pattern: Caseless, text: str) -> list[tuple[int, int, str]]:
    """The sentences that a match of `pattern` in the whole text overlaps.

    Only these can hold a match of their own: the patterns have no anchors or look-arounds,
    and a sentence is bounded by characters that are not letters, so a match inside a
    sentence is a match of the whole text at the same place, and scanning the whole text
    cannot pass it without a match that overlaps that sentence. One regular-expression pass
    over the text then spares searching every sentence.
    """
    spans = [m.span() for m in pattern.finditer(text)]
    if not spans:
        return []
    out = []
    k = 0
    for start, end, sentence in _sentence_list(text):
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k == len(spans):
            break
        if spans[k][0] < end:
            out.append((start, end, sentence))
    return out


def follow_up_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences that report on the plan to its own bodies (forum, point of contact)."""
    bodies, cues, _ = _caseless()
    return tuple((s, e) for s, e, _sent in _touched(bodies, text)
                 if bodies.search_in(text, s, e) and cues.search_in(text, s, e))


def claim_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Sentences that claim OGP values or relevance for the commitment."""
    _, _, claims = _caseless()
    return tuple((s, e) for s, e, _sent in _touched(claims, text) if claims.search_in(text, s, e))
