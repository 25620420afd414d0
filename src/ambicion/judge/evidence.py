"""Evidence spans: the phrases of the judged text that support a label, with rule ids.

Spans are widened to whole words (a match that ends on "N" of "Ley N.° 27806" shows the
whole reference), so a reader never sees a phrase cut mid-word.
"""

from __future__ import annotations

import re

from ..model import Evidence
from .features import EVIDENCE_FAMILIES, Features

MAX_EVIDENCE = 6
_TRAILING = ",;:)]»”\"'"
_NUMBER_REF = re.compile(r"\b(?:N|Nº|N°|No|Nro|n|nº|n°|no|Art|art)\.?[°º]?$")
_NUMBER = re.compile(r"^[\s.°º]*\d[\d.\-/]*\d|^[\s.°º]*\d")


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole whitespace-delimited words, without trailing punctuation,
    and carry a numbering abbreviation on to its number ("Ley N" → "Ley N.° 27806")."""
    start, end = max(0, start), min(len(text), end)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start < end and not text[start].isalnum():
        start += 1
    while end < len(text) and not text[end].isspace():
        end += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if _NUMBER_REF.search(text[start:end].rstrip(".")) or _NUMBER_REF.search(text[start:end]):
        m = _NUMBER.match(text[end:])
        if m:
            end += m.end()
    while end > start and text[end - 1] in _TRAILING + ".":
        if text[end - 1] == "." and end - 2 >= start and text[end - 2].isalpha() and \
                _NUMBER_REF.search(text[start:end]):
            break
        end -= 1
    return start, end


def evidence_for(f: Features, label: str, limit: int = MAX_EVIDENCE) -> tuple[Evidence, ...]:
    """Rule hits of the label's families, strongest first, one per span, offsets into f.text."""
    families = EVIDENCE_FAMILIES.get(label, ())
    hits = sorted(f.hits(*families), key=lambda h: (-h.weight, h.start_char, h.rule))
    seen: set[tuple[int, int]] = set()
    out: list[Evidence] = []
    for h in hits:
        key = snap(f.text, h.start_char, h.end_char)
        if key in seen:
            continue
        seen.add(key)
        out.append(Evidence(key[0], key[1], f.text[key[0]:key[1]], h.rule))
        if len(out) >= limit:
            break
    return tuple(sorted(out, key=lambda e: (e.start, e.end)))


def first_quote(f: Features, *families: str) -> str | None:
    """The first phrase (in reading order) of the given families, for a reason sentence.

    A hit in the body is preferred over one in the title line. Overlapping hits are merged, so "Aprobar un decreto supremo que modifique el Reglamento"
    is quoted whole rather than as its first three words.
    """
    hits = sorted(f.hits(*families), key=lambda h: (h.start_char, -h.end_char))
    if not hits:
        return None
    body = f.text.find("\n")  # the title is a label; quote the commitment's own words when they have one
    if body > 0 and any(h.start_char > body for h in hits):
        hits = [h for h in hits if h.start_char > body]
    start, end = hits[0].start_char, hits[0].end_char
    for h in hits[1:]:
        if h.start_char > end:
            break
        end = max(end, h.end_char)
    start, end = snap(f.text, start, end)
    return f.text[start:end]
