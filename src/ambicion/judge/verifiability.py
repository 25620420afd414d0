"""Can completion be checked? Look for dated milestones and measurable deliverables.

The IRM asks whether a commitment is verifiable: are there milestones, do they have dates,
is there a concrete product or target to check? Absent both, the commitment is flagged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from ..dates import count_dates
from ..model import Milestone
from ..nlp.components import RuleMatch
from .alternation import word_start
from .caseless import Caseless

MILESTONE_LINE = re.compile(
    r"^\s*(?:hito|milestone|actividad|activity|entregable|deliverable|meta|producto|output|target)\b"
    r"|^\s*(?:\d{1,2}[.)]|[a-h]\)|[-•*–·])\s+", re.I | re.M)
# a number (not inside a word, a code or a decimal) and its unit. The first digit is matched
# before the look-behind checks what precedes it, so the engine jumps from digit to digit
NUMERIC_TARGET = re.compile(r"(\d(?<![\w°º/\-.]\d)\d{0,2}(?:[.,]\d{3})*(?:[.,]\d+)?)"
                            r"\s*(%|por\s*ciento|percent\b|[a-záéíóúñ]{4,})", re.I)
MONTHS = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre",
          "octubre", "noviembre", "diciembre", "january", "february", "march", "april", "june", "july",
          "august", "september", "october", "november", "december", "días", "dias", "days", "años", "years",
          "meses", "months", "hábiles", "habiles", "working"}
INLINE_MILESTONE = Caseless.compile(word_start(("hito", "milestone", "meta", "entregable", "deliverable"))
                                    + r"\s*(?:n[°º.o]*\s*)?\d")


@lru_cache(maxsize=1)
def _deliverable_words() -> "re.Pattern[str]":
    """Stated products and quantities in words, from data/deliverables.json (both languages)."""
    data = json.loads(resources.files("ambicion").joinpath("data/deliverables.json").read_text("utf-8"))
    words = sorted({w for lang in ("es", "en") for w in data[lang]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)


CONCRETE_FAMILIES = frozenset({"binding", "standalone", "institutionalise", "open_data", "disclosure"})


@dataclass(frozen=True)
class Verifiability:
    dates: int
    milestones: int
    measurable: tuple[tuple[int, int], ...]  # character spans of concrete deliverables / targets
    vague: tuple[tuple[int, int], ...]

    @property
    def dated(self) -> bool:
        return self.dates > 0

    @property
    def is_measurable(self) -> bool:
        return bool(self.measurable)

    def probability(self) -> float:
        """Rule estimate that the commitment is NOT verifiable."""
        score = 0.1
        if not self.dated:
            score += 0.3
        if not self.is_measurable:
            score += 0.4
        if self.vague and not self.is_measurable:
            score += 0.1
        if self.milestones == 0:
            score += 0.05
        return min(score, 0.95)


def analyse(text: str, matches: Sequence[RuleMatch], milestones: Sequence[Milestone] = ()) -> Verifiability:
    """Count dates, milestones and concrete deliverables in `text` (and structured milestones)."""
    # a milestone's start and end are two dates (the text of a milestone holds neither)
    dates = count_dates(text) + sum(bool(m.start) + bool(m.end) for m in milestones)
    count = max(len(milestones), len(MILESTONE_LINE.findall(text)), len(INLINE_MILESTONE.findall(text)))
    measurable: list[tuple[int, int]] = []
    for m in NUMERIC_TARGET.finditer(text):
        unit = m.group(2).lower()
        number = m.group(1)
        if unit in MONTHS or (len(number) == 4 and number.startswith(("19", "20"))):
            continue
        measurable.append((m.start(), m.end()))
    measurable += [(h.start_char, h.end_char) for h in matches if h.family in CONCRETE_FAMILIES]
    # a milestone that names a finished product ("Reglamento aprobado") can be checked
    for ms in milestones:
        found = _deliverable_words().search(ms.text)
        if found:
            at = text.find(ms.text)
            if at >= 0:
                measurable.append((at + found.start(), at + found.end()))
    vague = [(h.start_char, h.end_char) for h in matches if h.family == "vague"]
    return Verifiability(dates=dates, milestones=count, measurable=tuple(sorted(set(measurable))),
                         vague=tuple(vague))


def notes(v: Verifiability, text: str, lang: str) -> tuple[str, ...]:
    """Human sentences on the milestones: dated? how many? measurable? vague?"""
    from .messages import message

    out = [message(lang, "verif.dated", count=v.dates) if v.dated else message(lang, "verif.undated")]
    out.append(message(lang, "verif.milestones", count=v.milestones) if v.milestones
               else message(lang, "verif.no_milestones"))
    if v.measurable:
        s, e = v.measurable[0]
        out.append(message(lang, "verif.measurable", quote=text[s:e]))
    else:
        out.append(message(lang, "verif.not_measurable"))
    if v.vague and not v.measurable:
        s, e = v.vague[0]
        out.append(message(lang, "verif.vague", quote=text[s:e]))
    return tuple(out)
