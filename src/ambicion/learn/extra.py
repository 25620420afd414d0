"""Extra model inputs tried on real ratings (the card's "tried" table), none of them shipped.

Why a module of their own: these inputs exist only so the nested country-grouped CV can weigh
them against the shipped recipe. The judge reads none of them at run time, so they cost it
nothing unless a variant wins and is moved into `judge/features.py`.

- structure of a real text: its length, how much of it states a problem, numbers, years,
  milestone or list lines, and the question-style boilerplate headings of OGP templates
  ("why is this relevant", "what problem ..."), each as one dense feature;
- concept ids: one token per rule family hit, the same in every language, so a Spanish and an
  English row that cite the same value cue share a text feature.
"""

from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

# words that state a problem or a baseline, not what the commitment will do (en / es / pt)
_PROBLEM = re.compile(
    r"\b(?:problems?|problemas?|challenges?|desaf[ií]os?|retos?|lack(?:s|ing)?|falta|carencias?|"
    r"insufficient|insuficientes?|weak(?:ness)?|d[eé]bil(?:es)?|debilidad(?:es)?|deficienc(?:y|ies)|"
    r"deficiencias?|currently|actualmente|atualmente|limited|limitad[oa]s?|barriers?|barreras?|"
    r"obst[aá]culos?|low|baj[oa]s?|poor|escas[oa]s?|there is no|no existe|no hay|n[aã]o h[aá])\b",
    re.IGNORECASE)
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LIST_LINE = re.compile(r"(?m)^\s*(?:[-•*·]|\d{1,2}[.)]|[a-z][.)])\s+")
_MILESTONE = re.compile(r"\b(?:milestones?|hitos?|entregables?|deliverables?|marcos?|metas?|targets?)\b",
                        re.IGNORECASE)
# template headings: a question about the commitment, or a "relevance" / "problem" section label
_BOILERPLATE = re.compile(
    r"(?:¿\s*(?:por qu[eé]|qu[eé]|cu[aá]l|c[oó]mo|a qui[eé]n)[^?]{0,80}\?|"
    r"\b(?:why|what|how)\b[^?.\n]{0,80}\?|"
    r"\b(?:relevanc(?:e|ia)|relev[aâ]ncia|relevance to ogp values|problem(?:a)? (?:p[uú]blico|addressed)|"
    r"status quo|situaci[oó]n actual|background|antecedentes)\s*[:\n])",
    re.IGNORECASE)

STRUCTURE_NAMES = ("log_chars", "problem_share", "log_numbers", "log_years", "log_list_lines",
                   "milestone_words", "boilerplate_headings")


def structure_vector(text: str) -> np.ndarray:
    """Dense structure features of one text, each on a scale near 0..1."""
    words = max(1, len(_WORD.findall(text)))
    return np.array([
        math.log1p(len(text)) / 8.0,
        min(1.0, 10.0 * len(_PROBLEM.findall(text)) / words),
        math.log1p(len(_NUMBER.findall(text))) / 3.0,
        math.log1p(len(_YEAR.findall(text))) / 2.0,
        math.log1p(len(_LIST_LINE.findall(text))) / 2.0,
        1.0 if _MILESTONE.search(text) else 0.0,
        math.log1p(len(_BOILERPLATE.findall(text))) / 2.0,
    ], dtype=np.float64)


def concept_text(masked: str, families: Sequence[str]) -> str:
    """The masked lemmas followed by one language-neutral token per rule family hit."""
    if not families:
        return masked
    return masked + " " + " ".join(f"concept:{f}" for f in families)
