"""What an IRM report is, for whom and when: kind, country, period, title and language.

Read from the cover (the first pages), where every IRM report prints its kind next to the
member's name and the plan's years, e.g. "Revisión del plan de acción: Perú 2023–2025".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from ..labels import IRM_REPORT_KINDS, fold
from ..pdf.pages import Line, Page
from ..lang import detect_language
from .plan import find_country

_PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*(?:[–—\-/]|\ba\b|\bto\b)\s*((?:19|20)\d\d|\d\d)\b")
_FILLER = re.compile(
    r"\b(?:de|del|la|el|for|of|the|plan|acci[oó]n|action|mecanismo|revisi[oó]n|independiente|irm|mri|"
    r"independent|reporting|mechanism|informe|report|gobierno|abierto|open|government|national|nacional)\b",
    re.I,
)


@dataclass(frozen=True)
class ReviewMeta:
    kind: str
    title: str
    country: str
    period: str
    language: str


def read_meta(pages: Sequence[Page]) -> ReviewMeta:
    """Metadata from the first three pages; fields not found are empty strings."""
    cover = [ln for p in pages[:3] for ln in p.lines]
    lines = [ln.text for ln in cover]
    kind, title_line = _kind(sorted(_title_blocks(pages[:3]), key=lambda ln: -ln.size))
    period = _period(title_line) or _period("\n".join(lines[:40]))
    text = "\n".join(lines)
    language = detect_language(text)
    # the shared country list first, so plans and reviews name a country the same way
    country = (find_country(title_line, language) or _country(title_line, kind)
               or find_country(text, language))
    return ReviewMeta(kind=kind, title=title_line, country=country, period=period,
                      language=language)


def _title_blocks(pages: Sequence[Page]) -> list[Line]:
    """The pages' lines with a title that wraps joined back into one line.

    A cover title set large often wraps over three lines ("Mecanismo de Revisión /
    Independiente: Informe de / avance 2015-2016"); lines that follow each other in the same
    size, without a paragraph gap, are one title.
    """
    out: list[Line] = []
    for page in pages:
        prev: Line | None = None
        for line in page.lines:
            if (prev is not None and out and line.size == prev.size and line.size > 0
                    and 0 <= line.top - prev.bottom <= line.size):
                last = out[-1]
                out[-1] = replace(last, text=f"{last.text} {line.text}", bottom=line.bottom)
            else:
                out.append(line)
            prev = line
    return out


def _kind(lines: Sequence[Line]) -> tuple[str, str]:
    """The largest-type line that names a report kind decides it: that is the cover title.

    `lines` come sorted by size (stable, so document order breaks ties).
    """
    for line in lines:
        key = fold(line.text)
        hits = [(key.find(phrase), kind) for phrase, kind in IRM_REPORT_KINDS.items() if phrase in key]
        if hits:
            return min(hits)[1], " ".join(line.text.split())
    return "", ""


def _period(text: str) -> str:
    m = _PERIOD.search(text)
    if not m:
        return ""
    start, end = m.group(1), m.group(2)
    if len(end) == 2:
        end = start[:2] + end
    if not (0 < int(end) - int(start) <= 6):
        return ""
    return f"{start}-{end}"


def _country(title: str, kind: str) -> str:
    """What is left of the cover title once the kind, the years and filler words are removed."""
    text = title
    for phrase, k in IRM_REPORT_KINDS.items():
        if k == kind:
            text = re.sub(_accent_insensitive(phrase), " ", text, flags=re.I)
    text = _PERIOD.sub(" ", text)
    text = re.sub(r"\(.*?\)", " ", text)
    text = _FILLER.sub(" ", text)
    text = re.sub(r"[^\w\s]", " ", text)
    words = [w for w in text.split() if not w.isdigit()]
    if not words or len(words) > 4 or not all(w[0].isupper() for w in words):
        return ""
    return " ".join(words)


def _accent_insensitive(phrase: str) -> str:
    table = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uú]", "n": "[nñ]", "-": "[-\\s]"}
    return "".join(table.get(c, re.escape(c)) for c in phrase)
