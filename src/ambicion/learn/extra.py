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


def action_masked(doc, ranges: Sequence[tuple[int, int]]) -> str | None:
    """The masked lemmas of the tokens outside context sections; None when there is none.

    Why: a problem statement ("citizens cannot see the contracts") and the plan's own claims of
    relevance name every value without the commitment doing anything for it; the rule sums
    already count cues there at half weight, but the text part of the model reads them in full.
    """
    if not ranges:
        return None
    from ..judge.sections import inside
    from ..nlp.masking import masked_lemmas

    pieces, start = [], None
    for tok in doc:
        out = not inside(ranges, tok.idx, tok.idx + len(tok.text))
        if out and start is None:
            start = tok.i
        elif not out and start is not None:
            pieces.append(masked_lemmas(doc[start:tok.i].as_doc()))
            start = None
    if start is not None:
        pieces.append(masked_lemmas(doc[start:].as_doc()))
    return " ".join(p for p in pieces if p)


# Phrasing of real plans, above all English machine translations of Spanish ones, for cues the
# IRM's value definitions name: complaints and reports of wrongdoing ("denuncias", "reclamos",
# "PQRS" rendered literally), sworn asset declarations, one-way dissemination ("socialización",
# "difusión", "capacitación" rendered as "socialization", "diffusion", "capacitation"), and the
# bare words the IRM's definitions turn on ("accountability", "transparency", "the citizenry").
# Written from the definitions and from both languages' public-administration vocabulary.
_PHRASING = {
    "mt_complaint": re.compile(
        r"\b(?:denunciations?|claims and complaints|complaints and claims|petitions?,? complaints?|"
        r"pqrs?d?|quejas y reclamos|reclamos|denuncias? ciudadanas?|citizen (?:complaints|reports)|"
        r"report(?:ing)? (?:of )?(?:acts of )?corruption|denuncias? de corrupci[oó]n)\b", re.IGNORECASE),
    "mt_declaration": re.compile(
        r"\b(?:sworn (?:statements?|declarations?)|declaraci[oó]n(?:es)? jurada(?:s)?|"
        r"(?:asset|patrimonial) (?:and interest )?statements?)\b", re.IGNORECASE),
    "mt_one_way": re.compile(
        r"\b(?:sociali[sz](?:ation|e|ing|ed)|socializaci[oó]n|socializar|diffusion|difusi[oó]n|difundir|"
        r"capacitations?|capacitaci[oó]n(?:es)?|sensitization|sensibilizaci[oó]n|dissemination)\b",
        re.IGNORECASE),
    "bare_accountability": re.compile(
        r"\b(?:accountability|rendici[oó]n de cuentas|answerability)\b", re.IGNORECASE),
    "bare_transparency": re.compile(r"\b(?:transparency|transparencia)\b", re.IGNORECASE),
    "citizenry": re.compile(
        r"\b(?:the citizenry|citizenship participation|la ciudadan[ií]a|participaci[oó]n ciudadana|"
        r"citizen participation|civil society organi[sz]ations?|organizaciones de la sociedad civil)\b",
        re.IGNORECASE),
}
PHRASING_NAMES = tuple(_PHRASING)


def phrasing_vector(text: str) -> np.ndarray:
    """Log counts of the phrasing cues above, one dense feature each."""
    return np.array([math.log1p(len(p.findall(text))) for p in _PHRASING.values()], dtype=np.float64)
