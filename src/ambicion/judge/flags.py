"""Decide the three flags: plain e-government, restated functions, not verifiable.

Plain e-government means digitising *without* opening anything to the public, so it cannot
coexist with an open-government lens. Restated functions follows the function evidence
when there is some (see `judge/functions/decide.py`): phrases covered by listed functions
with nothing beyond them raise it, naming each function; a commitment that reuses a
function's words but adds something the law does not ask for keeps it down, saying what
it adds. Only without such evidence does the blended probability decide.
"""

from __future__ import annotations

from typing import Mapping

from ..model import Evidence, Flag, FunctionCitation
from .evidence import evidence_for, first_quote, snap
from .features import Features
from .functions import Restatement
from .functions.decide import settings
from .messages import message
from .rules import declared


def decide(f: Features, probs: Mapping[str, float], thresholds: Mapping[str, float],
           open_gov_lens: bool) -> tuple[Flag, ...]:
    lang = f.lang
    egov_p = float(probs["e_government"])
    egov = egov_p >= thresholds.get("e_government", 0.5) and not open_gov_lens
    flags = [Flag("e_government", round(egov_p, 4), egov, evidence_for(f, "e_government"),
                  detail=message(lang, "flag.e_government") if egov else "")]

    flags.append(restates_flag(f, float(probs["restates_functions"]),
                               thresholds.get("restates_functions", 0.5)))

    nv_p = float(probs["not_verifiable"])
    nv = nv_p >= thresholds.get("not_verifiable", 0.5)
    flags.append(Flag("not_verifiable", round(nv_p, 4), nv, evidence_for(f, "not_verifiable"),
                      detail=message(lang, "flag.not_verifiable") if nv else ""))
    return tuple(flags)


def restates_flag(f: Features, p: float, threshold: float) -> Flag:
    """The restated-functions flag: the function evidence decides, the probability only without it.

    The shown probability follows the verdict too (at least the phrases' mean coverage when
    restated, at most one minus the best coverage when the commitment goes beyond), so the
    number never contradicts the flag.
    """
    lang = f.lang
    evidence = list(evidence_for(f, "restates_functions"))
    match = f.function
    analysis: Restatement | None = match.analysis if match is not None else None
    verdict = analysis.verdict if analysis is not None else "none"
    citations = _one_per_function(f.text, analysis.covers if analysis else ())
    beyond = tuple(Evidence(b.start, b.end, f.text[b.start:b.end], f"beyond:{b.family}")
                   for b in (analysis.beyond if analysis and verdict == "beyond" else ()))
    # the text says the law in force asks it: evidence the model cannot outvote
    says_law = verdict not in ("restated", "beyond") and declared(f)
    if verdict == "restated":
        present = True
        p = max(p, sum(c.similarity for c in citations) / len(citations))
    elif verdict == "beyond":
        present = False
        p = min(p, 1.0 - (match.similarity if match else 0.0), threshold - 0.01)
    elif says_law:
        present = True
        p = max(p, threshold)
    else:  # the probability alone, and only where a phrase says the work is not new
        present = p >= threshold and (verdict == "partial" or _restatement_cue(f))
        if not present:
            p = min(p, threshold - 0.01)  # so the number never contradicts the flag
    detail = ""
    if verdict == "restated":
        detail = message(lang, "flag.restates_functions.cited", cited=_cited(lang, citations))
    elif says_law:
        detail = message(lang, "flag.restates_functions.declared",
                         quote=first_quote(f, "legal_restatement"))
    elif verdict == "beyond":
        if not citations and match is not None:
            citations = (FunctionCitation(match.function, match.reference,
                                          *_phrase(f.text, match.start, match.end), match.similarity),)
        detail = message(lang, "flag.restates_functions.beyond", cited=_cited(lang, citations),
                         additions=additions(lang, beyond))
    elif present:
        detail = message(lang, "flag.restates_functions")
    if present:
        evidence.extend(Evidence(c.start, c.end, c.phrase, "function_similarity") for c in citations)
    seen: set[tuple[int, int]] = set()
    unique = []
    for e in sorted(evidence, key=lambda e: (e.start, e.end)):
        if (e.start, e.end) not in seen:
            seen.add((e.start, e.end))
            unique.append(e)
    return Flag("restates_functions", round(p, 4), present, tuple(unique), detail=detail,
                matched_function=match.function if match else None,
                similarity=match.similarity if match else None,
                functions=citations, beyond=beyond)


# a continuity cue this weak ("strengthen", "mejorar", "vigente") says a commitment builds on
# something, not that it repeats what is already done or required
WEAK_CONTINUITY = 0.7


def _restatement_cue(f: Features) -> bool:
    """A phrase saying the work is required already or done already: a legal or routine cue,
    or a clear continuity cue ("continue", "seguir", "update the portal")."""
    return bool(f.hits("legal_restatement", "routine")) or any(
        m.weight >= WEAK_CONTINUITY for m in f.hits("continuity"))


def _one_per_function(text: str, covers) -> tuple[FunctionCitation, ...]:
    """Each restated function once, with the longest phrase it covers (the action, not the title)."""
    best: dict[str, FunctionCitation] = {}
    for c in covers:
        cited = FunctionCitation(c.item.text, c.item.reference, *_phrase(text, c.clause.start, c.clause.end),
                                 c.similarity)
        key = c.item.reference + "\n" + c.item.text
        old = best.get(key)
        if old is None or (len(cited.phrase), cited.similarity) > (len(old.phrase), old.similarity):
            best[key] = cited
    return tuple(sorted(best.values(), key=lambda c: c.start))


def _phrase(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The phrase without surrounding spaces, widened to whole words like other evidence."""
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip())
    end -= len(piece) - len(piece.rstrip())
    if start >= end:
        return "", start, start
    start, end = snap(text, start, end)
    return text[start:end], start, end


def _cited(lang: str, citations) -> str:
    return "; ".join(message(lang, "flag.restates_functions.citation", function=c.function,
                             reference=c.reference, phrase=c.phrase) for c in citations)


def additions(lang: str, beyond: tuple[Evidence, ...]) -> str:
    """What the beyond phrases add, in words: «a new binding rule» («aprobar una ley»)."""
    names = settings()["beyond"]
    key = "en" if lang == "en" else "es"
    parts: list[str] = []
    for e in beyond:
        family = e.rule.split(":", 1)[1]
        part = f"{names[family][key]} («{' '.join(e.text.split())}»)"
        if part not in parts:
            parts.append(part)
    return "; ".join(parts)
